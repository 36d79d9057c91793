"""The "dotted-codes" layout (Burdinne, tests/fixtures/plans/val-des-essais-2019-2024.txt).

An introduction, then VOLET INTERNE / VOLET EXTERNE, numbered policy areas, "O.S.1.1."
and "O.O.1.1.1." headings, "- " actions closed by " ;" (the last of a list by "."), and
"Priorité élevée" / "Avancement en cours" marks on the lines after some actions. The
document names neither its CPAS nor its législature: a sidecar does.
"""

from __future__ import annotations

import random
from functools import lru_cache

from bench.synthetic.model import ActionSpec, PlanSpec
from bench.synthetic.profile import LayoutProfile
from bench.synthetic.render.common import borrowed_text, ends_as_title, finish, wrap
from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.text import fold_for_matching

NAME = "dotted-codes"
STATES_IDENTITY = False


def _continues(line: str, previous: str) -> bool:
    folded = fold_for_matching(line)
    return not cue_of(line).structural and not folded.startswith(("priorite", "avancement"))


@lru_cache(maxsize=65536)  # a chain draws the same texts again and again
def accepts(kind: str, text: str) -> bool:
    """Whether this layout can write ``text`` as a ``kind`` and have it read back whole."""
    if kind in ("os", "oo", "action"):
        return ends_as_title(text)
    return kind == "value"


def _usable_front(text: str) -> bool:
    cue = cue_of(text)  # running text, or bullets (the introduction's lists)
    return not cue.structural or cue.bullet is not None


def render(plan: PlanSpec, layout: LayoutProfile, rng: random.Random) -> str:
    """The plan as a dotted-codes document."""
    width = layout.width
    dot = "." if rng.random() < 0.8 else ""  # "O.S.2." or "O.S.2" (both in the corpus)
    lines = borrowed_text(rng, layout.front_lines, _usable_front, plan.cpas)
    volet = area = None
    for objective in plan.objectives:
        if objective.volet != volet:
            volet, area = objective.volet, None
            lines.append(f"VOLET {str(volet).upper()}")
        if objective.area is not None and objective.area != area:
            area = objective.area
            lines.extend(wrap(f"{area[0]}. {area[1]}", width, _continues))
        lines.extend(wrap(f"O.S.{objective.code}{dot} {objective.title}", width, _continues))
        for oo in objective.oos:
            lines.extend(wrap(f"O.O.{oo.code}{dot} {oo.title}", width, _continues))
            for number, action in enumerate(oo.actions, start=1):
                last = number == len(oo.actions)
                lines.extend(_action(action, last, width, rng))
    return finish(lines, layout, rng)


def _action(action: ActionSpec, last: bool, width: int, rng: random.Random) -> list[str]:
    end = "." if last else " ;"
    if not action.priority and not action.status:
        return wrap(f"- {action.title}{end}", width, _continues)
    lines = wrap(f"- {action.title}", width, _continues)
    priority = f"Priorité {action.priority}" if action.priority else ""
    status = f"Avancement {action.status}" if action.status else ""
    if priority and status and rng.random() < 0.3:
        lines.append(f"{priority} {status}{end}")  # both marks on one line
    else:
        marks = [mark for mark in (priority, status) if mark]
        lines.extend([*marks[:-1], f"{marks[-1]}{end}"])
    return lines


def sidecar(plan: PlanSpec, seed: int) -> dict[str, str]:
    """The identity the document does not state."""
    return {
        "cpas": plan.cpas,
        "legislature": plan.legislature,
        "council_date": plan.council_date.isoformat(),
        "origin": f"bench/synthetic (seed {seed})",
    }
