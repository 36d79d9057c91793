"""The "three-lists" layout (Dinant, tests/fixtures/plans/hameau-temoin-2020.txt).

A title naming the CPAS and the year, a preface stating the législature, the values and the
evaluations, then three numbered parts: the OS, the OO under each OS, and the actions under
each OO. Dinant's irregular OO are drawn too: actions whose numbers (bullet glyph) were lost,
OO that only part 2 names or that part 3 heads without actions, actions whose OO has no
title anywhere.
"""

from __future__ import annotations

import random
from functools import lru_cache

from bench.synthetic.model import PlanSpec
from bench.synthetic.profile import LayoutProfile
from bench.synthetic.render.common import borrowed_text, ends_as_title, finish, wrap
from pstkg.loaders.reader.cues import cue_of, match_part
from pstkg.loaders.reader.wrapping import opens_title, starts_new_title

NAME = "three-lists"
STATES_IDENTITY = True
"""The title names the CPAS and the preface the législature: no sidecar."""


@lru_cache(maxsize=65536)
def structural(text: str) -> bool:
    """True for a line the reader takes for structure."""
    return cue_of(text).structural


def _continues(line: str, previous: str) -> bool:
    return not structural(line) and not starts_new_title(line, previous)


@lru_cache(maxsize=65536)  # a chain draws the same texts again and again
def accepts(kind: str, text: str) -> bool:
    """Whether this layout can write ``text`` as a ``kind`` and have it read back whole."""
    if kind in ("os", "oo", "action"):
        if not ends_as_title(text):
            return False
        # Any action may end up in an OO whose numbers were lost: it must open like a title.
        return kind != "action" or (opens_title(text) and not structural(text))
    if kind == "value":
        return not any(mark in text for mark in (",", ".", " sont "))
    return False


def _usable_front(text: str) -> bool:
    lowered = text.lower()
    return (
        match_part(text) is None
        and "programme stratégique transversal du" not in lowered
        and "valeurs" not in lowered
    )


def _enumeration(values: list[str]) -> str:
    if len(values) == 1:
        return values[0]
    return f"{', '.join(values[:-1])} et {values[-1]}"


def render(plan: PlanSpec, layout: LayoutProfile, rng: random.Random) -> str:
    """The plan as a three-lists document."""
    width = layout.width
    dot = "." if rng.random() < 0.7 else ""  # "1.1." (Dinant) or "1.1" (both are read)
    glyph = "• " if rng.random() < 0.5 else ""  # the bullet of unnumbered actions, or lost
    lines = ["PST Version finale"]
    lines.append(
        f"Programme Stratégique Transversal du {plan.cpas_label} ({plan.council_date.year})"
    )
    lines.append("Préface :")
    preface = (
        "Ce programme stratégique transversal fixe le cap de notre centre pour la législature "
        f"{plan.legislature}. Il a été construit avec les équipes, à partir des besoins que "
        "les travailleurs sociaux rencontrent chaque jour."
    )
    if plan.values:
        preface += (
            f" Au sein du {plan.cpas_label}, les valeurs essentielles sont "
            f"{_enumeration(plan.values)}. Elles guident notre travail quotidien."
        )
    preface += " Le PST est évalué au minimum à mi-législature et au terme de celle-ci."
    lines.extend(wrap(preface, width, lambda line, previous: not structural(line)))
    lines.extend(borrowed_text(rng, layout.front_lines, _usable_front, plan.cpas))

    def item(code: str | None, title: str) -> list[str]:
        text = f"{code}{dot} {title}" if code is not None else f"{glyph}{title}"
        return wrap(text, width, _continues)

    lines.append("1. Objectifs stratégiques :")
    for objective in plan.objectives:
        lines.extend(item(objective.code, objective.title))
    lines.append("2. Objectifs opérationnels :")
    for objective in plan.objectives:
        lines.extend(item(objective.code, objective.title))
        for oo in objective.oos:
            if oo.title is not None:
                lines.extend(item(oo.code, oo.title))
    lines.append("3. Actions :")
    for objective in plan.objectives:
        lines.extend(item(objective.code, objective.title))
        for oo in objective.oos:
            if oo.title is not None and (oo.actions or oo.headed):
                lines.extend(item(oo.code, oo.title))
            for action in oo.actions:
                lines.extend(item(action.code, action.title))
    return finish(lines, layout, rng)
