"""The parts of a plan in the fiches layout, located by their headings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pstkg.errors import InputError
from pstkg.loaders.layouts.fiches.rules import (
    EXECUTION,
    LIST_START,
    OP_TABLE_START,
    SDG_SECTION,
    is_fiche_start,
)
from pstkg.loaders.text import Line, SourceText


@dataclass
class Sections:
    """Index ranges (into the cleaned lines) of the document's parts."""

    op_table: tuple[int, int] | None
    objective_list: tuple[int, int]
    enjeux: tuple[int, int] | None
    fiches: int | None  # index of the first fiche header


def _first(lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if pattern.match(lines[i].text)), None)


def find_sections(source: SourceText, lines: Sequence[Line]) -> Sections:
    """Locate the parts of the plan; raise InputError without an OS/OO list or past its end."""
    fiches = next((i for i in range(len(lines)) if is_fiche_start(lines, i)), None)
    list_start = _first(lines, LIST_START)
    if list_start is None or (fiches is not None and list_start > fiches):
        raise InputError(
            source.path, "no list of objectives and projects ('OS, OO et Projets') before fiches"
        )
    sdg = _first(lines, SDG_SECTION, list_start)
    list_end = sdg if sdg is not None else fiches
    if list_end is None:
        raise InputError(
            source.path,
            "the file ends inside the list 'OS, OO et Projets' (no section III, no fiche): "
            "the plan looks truncated",
            line=lines[-1].number,
        )
    op_start = _first(lines, OP_TABLE_START)
    op_table = (op_start, list_start) if op_start is not None and op_start < list_start else None
    enjeux = None
    if sdg is not None:
        end = fiches if fiches is not None else len(lines)
        execution = _first(lines, EXECUTION, sdg)
        enjeux = (sdg, execution if execution is not None and execution < end else end)
    return Sections(op_table, (list_start + 1, list_end), enjeux, fiches)


def method_text(lines: Sequence[Line], sections: Sections, fiche_start: int) -> list[Line]:
    """The running text before the fiches, without the OP table, the lists and the enjeux.

    The plan's facts (CPAS, législature, values, evaluations) are stated there; leaving the
    tables out also keeps the text window small.
    """
    list_start, list_end = sections.objective_list
    tables_start = sections.op_table[0] if sections.op_table is not None else list_start - 1
    tables_end = sections.enjeux[1] if sections.enjeux is not None else list_end
    return [*lines[:tables_start], *lines[tables_end:fiche_start]]
