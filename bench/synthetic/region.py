"""Writing a region: the plan documents, their sidecars and ``manifest.json``.

Plan i is drawn from ``random.Random(f"{seed}:{i}")`` and rendered with its own generator,
so it is the same whatever the region's size; CPAS k gets plans 2k and 2k + 1 (one per
législature) in one layout, the layouts taking turns. Files are written in a fixed order,
JSON with sorted keys and no timestamps: the same seed writes the same bytes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.synthetic import GENERATOR_VERSION
from bench.synthetic.model import LEGISLATURES, PlanSpec, draw_plan
from bench.synthetic.names import NAME_COUNT, place_names
from bench.synthetic.profile import LAYOUTS, corpus_profile
from bench.synthetic.render import RENDERERS
from pstkg.identity import SIDECAR_SUFFIX

MANIFEST = "manifest.json"
MARKER = ".synthetic-region"
"""Marks a folder as a region the generator may empty and write again."""
MAX_PLANS = NAME_COUNT * len(LEGISLATURES)
"""Every CPAS name once per législature."""
_OURS = ("*.txt", f"*{SIDECAR_SUFFIX}", MANIFEST, "region.nq")

Progress = Callable[[int, int], None]
"""Called with (plans written, plans to write)."""


@dataclass(frozen=True)
class PlanSlot:
    """Which CPAS, législature and layout plan ``index`` of a region has."""

    index: int
    cpas: str
    legislature: str
    layout: str


def plan_slots(seed: int, plans: int) -> list[PlanSlot]:
    """The identity and layout of each plan: CPAS k has plans 2k and 2k + 1."""
    names = place_names(seed, (plans + 1) // 2)
    return [
        PlanSlot(
            index,
            names[index // 2],
            LEGISLATURES[index % len(LEGISLATURES)],
            LAYOUTS[(index // 2) % len(LAYOUTS)],
        )
        for index in range(plans)
    ]


def prepare_folder(out: Path) -> None:
    """Create ``out``, or empty it of an earlier region; refuse any other folder's files.

    A region folder is marked as one before anything is written into it, so that a run
    cut short can be run again into the same folder, and no one's own ``.txt`` files are
    ever taken for a region's.
    """
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    content = sorted(out.iterdir())
    if content and not (out / MARKER).exists():
        names = ", ".join(path.name for path in content[:3])
        raise ValueError(
            f"{out} is not empty ({names}{', ...' if len(content) > 3 else ''}) and is not a "
            "synthetic region: give an empty or new folder"
        )
    ours = {path for pattern in _OURS for path in out.glob(pattern)}
    others = sorted(path.name for path in content if path not in ours and path.name != MARKER)
    if others:
        raise ValueError(
            f"{out} holds files that are not a synthetic region's ({', '.join(others[:3])}"
            f"{', ...' if len(others) > 3 else ''}): give an empty or new folder"
        )
    for path in sorted(ours):
        path.unlink()
    (out / MARKER).write_text("bench/synthetic\n", encoding="utf-8")


def toml_table(values: dict[str, str]) -> str:
    """A flat TOML table of strings (JSON string escapes are valid TOML basic strings)."""
    return "".join(
        f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()
    )


def render_plan(seed: int, slot: PlanSlot) -> tuple[PlanSpec, str, dict[str, str] | None]:
    """Plan ``slot.index`` of the region of ``seed``: its model, its text, its sidecar."""
    profile = corpus_profile()
    renderer = RENDERERS[slot.layout]
    spec = draw_plan(
        profile, slot.layout, renderer.accepts, slot.index, seed, slot.cpas, slot.legislature
    )
    text = renderer.render(
        spec, profile.layouts[slot.layout], random.Random(f"{seed}:{slot.index}:render")
    )
    sidecar = None if renderer.STATES_IDENTITY else renderer.sidecar(spec, seed)
    return spec, text, sidecar


def manifest_entry(spec: PlanSpec, file: str, sidecar: str | None) -> dict[str, object]:
    """What the manifest says about one plan: identity, layout, what the generator wrote."""
    return {
        "index": spec.index,
        "file": file,
        "sidecar": sidecar,
        "layout": spec.layout,
        "cpas": spec.cpas,
        "legislature": spec.legislature,
        "counts": spec.counts(),
        "titles": {
            "strategic_objectives": [os_.title for os_ in spec.objectives],
            "operational_objectives": [oo.title for oo in spec.operational_objectives()],
        },
    }


def generate_region(
    plans: int, seed: int, out: Path, progress: Progress | None = None
) -> dict[str, object]:
    """Write ``plans`` plans of the region of ``seed`` into ``out``; return the manifest."""
    if not 1 <= plans <= MAX_PLANS:
        raise ValueError(f"--plans must be between 1 and {MAX_PLANS}, not {plans}")
    profile = corpus_profile()  # measured once, before any file is touched
    prepare_folder(out)
    entries = []
    totals: dict[str, int] = {}
    for slot in plan_slots(seed, plans):
        spec, text, sidecar = render_plan(seed, slot)
        document = out / f"{spec.stem}.txt"
        document.write_bytes(text.encode("utf-8"))
        sidecar_name = None
        if sidecar is not None:
            sidecar_name = f"{spec.stem}{SIDECAR_SUFFIX}"
            header = "# Synthetic plan (bench/synthetic): a fictional CPAS, not a real one.\n"
            (out / sidecar_name).write_bytes((header + toml_table(sidecar)).encode("utf-8"))
        entry = manifest_entry(spec, document.name, sidecar_name)
        entries.append(entry)
        for key, value in spec.counts().items():
            totals[key] = totals.get(key, 0) + value
        if progress is not None:
            progress(slot.index + 1, plans)
    manifest: dict[str, object] = {
        "generator": "bench/synthetic",
        "version": GENERATOR_VERSION,
        "seed": seed,
        "plans_count": plans,
        "corpus": {layout: profile.layouts[layout].document for layout in LAYOUTS},
        "totals": totals,
        "plans": entries,
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / MANIFEST).write_bytes(data.encode("utf-8"))
    return manifest
