"""The "slide-deck" layout (the Ville/CPAS joint council, fontaine-sur-maquette-deck.txt).

Title slide with the législature, an introductory slide, the values slide, the OS list,
then one slide per OS (its title) and per OO (its title, then its actions), titles wrapped
over narrow lines, "PST" headers, footers with the council's date and page numbers. The deck
does not name its CPAS: a sidecar does.
"""

from __future__ import annotations

import random
from functools import lru_cache

from bench.synthetic.model import PlanSpec
from bench.synthetic.profile import LayoutProfile
from bench.synthetic.render.common import borrowed_text, ends_as_title, finish, wrap
from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.reader.furniture import council_footer
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.wrapping import opens_title, starts_new_title
from pstkg.loaders.text import fold_for_matching

NAME = "slide-deck"
STATES_IDENTITY = False
_MONTHS = (
    *("janvier", "février", "mars", "avril", "mai", "juin"),
    *("juillet", "août", "septembre", "octobre", "novembre", "décembre"),
)
_MAX_VALUE_WORDS = 4


@lru_cache(maxsize=65536)
def structural(text: str) -> bool:
    """True for a line the reader takes for a marker, a heading or slide furniture."""
    folded = fold_for_matching(text)
    return bool(
        cue_of(text).structural
        or folded.startswith("conseil ")
        or council_footer(text)
        or markers().page_number.match(text)
        or folded in ("pst", *markers().values_headings)
    )


def _continues(line: str, previous: str) -> bool:
    return not structural(line)


def _continues_title(line: str, previous: str) -> bool:
    return not structural(line) and not starts_new_title(line, previous)


@lru_cache(maxsize=65536)  # a chain draws the same texts again and again
def accepts(kind: str, text: str) -> bool:
    """Whether this layout can write ``text`` as a ``kind`` and have it read back whole."""
    if kind in ("os", "oo", "action"):
        if structural(text) or not ends_as_title(text):
            return False
        # On an OO slide, a title starts where a line opens like one ("Organiser ...").
        return kind != "action" or opens_title(text)
    if kind == "value":
        return (
            len(text.split()) <= _MAX_VALUE_WORDS
            and text[:1].isupper()
            and not fold_for_matching(text).startswith(markers().values_caption)
        )
    return False


def _usable_front(text: str) -> bool:
    return not structural(text) and "transversal" not in text.lower()


def render(plan: PlanSpec, layout: LayoutProfile, rng: random.Random) -> str:
    """The plan as a slide deck."""
    width = layout.width
    day = plan.council_date.day
    footer = (
        f"Conseil de l'Action Sociale - {day}{'er' if day == 1 else ''} "
        f"{_MONTHS[plan.council_date.month - 1]} {plan.council_date.year}"
    )
    page = 1
    first, last = plan.legislature.split("-")

    def slide_end() -> list[str]:
        nonlocal page
        page += 1
        if rng.random() < 0.5:
            return [f"{footer} {page}"]
        return [footer, str(page)]

    lines = ["Programme Stratégique", f"Transversal {first} - {last}", "PST"]
    lines.extend(borrowed_text(rng, layout.front_lines, _usable_front, plan.cpas))
    if plan.values:
        lines.extend(["PST", "Nos valeurs", *plan.values, "Les valeurs de l'institution"])
        lines.extend(slide_end())
    lines.extend(["PST", "Les objectifs stratégiques :"])
    for objective in plan.objectives:
        lines.extend(wrap(f"OS{objective.code} : {objective.title}", width, _continues))
    lines.extend(slide_end())
    for objective in plan.objectives:
        lines.append(f"OS{objective.code}")
        lines.extend(wrap(objective.title, width, _continues))
        for oo in objective.oos:
            lines.append(f"OO{oo.code}")
            lines.extend(wrap(str(oo.title), width, _continues_title))
            for action in oo.actions:
                lines.extend(wrap(action.title, width, _continues_title))
            if rng.random() < layout.footer_rate:
                lines.extend(slide_end())
    lines.extend(slide_end())
    return finish(lines, layout, rng)


def sidecar(plan: PlanSpec, seed: int) -> dict[str, str]:
    """The identity the deck does not state (its législature is on the title slide)."""
    return {"cpas": plan.cpas, "origin": f"bench/synthetic (seed {seed})"}
