"""Lists of projects by enjeu, after the tree: which enjeu each project serves.

A section on the ODD and enjeux repeats the projects under each enjeu ("1 - Enjeu
démocratique", then "Nom du projet ou action" and the titles). The titles are the plan's
own projects, spelt as that list spells them: they are found among the projects' spellings.
"""

from __future__ import annotations

from collections.abc import Sequence

from pstkg.loaders.model import Span
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.known_titles import KnownTitles, words_of
from pstkg.loaders.reader.lists import list_items
from pstkg.loaders.reader.regions import Region
from pstkg.loaders.text import Line


def enjeu_lists(reading: Reading, region: Region) -> list[tuple[int, list[Line]]]:
    """Each enjeu's list of titles (the lines after its list heading), in order.

    An enjeu heading without a list heading after it is reported.
    """
    lists: list[tuple[int, list[Line]]] = []
    without_list: list[Line] = []
    current: list[Line] | None = None
    for index in range(region.start, region.end):
        line, cue = reading.lines[index], reading.cues[index]
        if cue.enjeu is not None:
            lists.append((cue.enjeu, []))
            without_list.append(line)
            current = None
        elif cue.list_heading and lists and current is None:
            current = lists[-1][1]
            without_list.pop()
        elif current is not None:
            current.append(line)
    for heading in without_list:
        reading.warn(Span(heading.number, heading.number), f"'{heading.text}' has no project list")
    if lists:
        reading.used("lists of projects by enjeu")
    return lists


def read_enjeu_lists(
    reading: Reading, lists: Sequence[tuple[int, list[Line]]], known: KnownTitles
) -> list[tuple[int, str, Span, int | None]]:
    """Every title of every enjeu's list: (enjeu, title, lines, index of the known title)."""
    found: list[tuple[int, str, Span, int | None]] = []
    for number, lines in lists:
        for text, span, index in list_items(reading, words_of(lines), known):
            found.append((number, text, span, index))
    return found
