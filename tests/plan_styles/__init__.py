"""A generator of published-plan layouts, and what a person reading each plan finds in it.

``generate(style, seed)`` draws a random plan (an invented CPAS, 2-6 OS, 1-5 OO each, 0-6
actions per OO, titles from banks of realistic French objectives and actions, fiche values)
and renders it in one of the marker/numbering styles of real Walloon plans (:data:`STYLES`),
with the seed's text-level variation (wrapping width, blank lines, page furniture, encoding,
typography). It returns the document's bytes, the sidecar to write beside it where the
document does not state its CPAS, and the :class:`~.expected.Expected` reading.

The same style and seed always give the same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# The checks' asserts should explain themselves as a test module's do.
pytest.register_assert_rewrite(f"{__name__}.checks")

from .banks import Town  # noqa: E402
from .content import draw_plan  # noqa: E402
from .expected import Expected, canon  # noqa: E402
from .styles import STYLES, Ctx, Style  # noqa: E402
from .textlayout import TextOptions, assemble, cpas_of, encodable, encode, furniture  # noqa: E402

__all__ = ["STYLES", "GeneratedPlan", "Style", "generate"]


@dataclass
class GeneratedPlan:
    style: str
    seed: int
    name: str
    data: bytes = field(repr=False)
    text: str = field(repr=False)
    sidecar: str | None = field(repr=False)
    expected: Expected = field(repr=False)
    options: TextOptions = field(repr=False)

    def write(self, folder: Path) -> Path:
        """Write the document (and its sidecar) into ``folder``; return the document's path."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.txt"
        path.write_bytes(self.data)
        if self.sidecar is not None:
            (folder / f"{self.name}.meta.toml").write_text(self.sidecar, encoding="utf-8")
        return path


def generate(style: str, seed: int, *, town: Town | None = None) -> GeneratedPlan:
    """The plan of ``seed`` written in ``style`` (a key of :data:`STYLES`)."""
    spec = STYLES[style]
    rng = random.Random(f"{style}:{seed}")
    options = TextOptions.draw(rng, page_styles=spec.page_styles, blanks=spec.blanks)
    plan = draw_plan(rng, title_ok=spec.title_ok, town=town)
    ctx = Ctx(rng, plan, options, label_colon=rng.choice((" : ", " : ", ": ")))
    tree = spec.render(ctx)

    paged = spec.paginate and options.page_style in ("running", "footer")
    fittings = furniture(options.page_style, plan.town.name, options.typo) if paged else None
    text = assemble(
        ctx.blocks,
        options,
        rng,
        furniture_=fittings,
        paginate=paged or bool(ctx.tables),
        tables=ctx.tables,
    )
    text = encodable(text, options)
    not_items = list(ctx.not_items)
    if fittings is not None:
        not_items.extend(("Page 1 /", "- 2 -", f"{cpas_of(plan.town.name)} – PST"))
    titles = [
        canon(title) or ""
        for os_ in tree
        for title in (
            os_.title,
            *(oo.title for oo in os_.oos),
            *(a.title for oo in os_.oos for a in oo.actions),
        )
    ]
    # A text that is no item may still be part of a title ("Contexte" in a longer title):
    # only those that are not are checked.
    not_items = sorted(
        {n for n in not_items if not any((canon(n) or "") in title for title in titles)}
    )
    has_fiches = any(a.fiche is not None for os_ in tree for oo in os_.oos for a in oo.actions)
    expected = Expected(
        cpas=plan.town.name,
        cpas_in_text=plan.cover_states_cpas or (options.page_style == "running" and paged),
        tree=tree,
        codes=spec.codes,
        fiche_fields=spec.fiche_fields if has_fiches else (),
        not_items=not_items,
    )
    sidecar = None
    if not plan.cover_states_cpas:
        sidecar = f'cpas = "{plan.town.name}"\nlegislature = "2019-2024"\n'
    return GeneratedPlan(
        style=style,
        seed=seed,
        name=f"plan-{style}-{seed}",
        data=encode(text, options),
        text=text,
        sidecar=sidecar,
        expected=expected,
        options=options,
    )
