"""Lines that glue several headings together, as web transcriptions write them.

A plan copied from a web page may come as long lines holding many headings: "Objectif
stratégique 1 : … Objectif opérationnel 1.1 : … Action 1.1.1 : … Action 1.1.2 : …". Such a
line is cut before each heading it holds (and before each field, "Responsable : …"), every
piece keeping the line's number. A line is only cut where each piece reads as a heading or a
field, and only a long line holding two of them or more.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.text import Line

_MIN_LENGTH = 40
_MIN_PIECES = 2


@cache
def _candidate_starts() -> re.Pattern[str]:
    """Where a heading or a field may start inside a line: after a space, a keyword."""
    table = markers()
    forms = [pattern.pattern for _, pattern in table.heading_keywords]
    labels = [f"{spec.forms}\\s*:" for spec in table.fields]
    # A space first (not a look-behind) lets the engine skip from space to space.
    return re.compile(r"\s(?=" + "|".join([*forms, *labels, r"[•▪]\s"]) + ")")


def split_glued(lines: Sequence[Line]) -> tuple[list[Line], int]:
    """The lines, long glued ones cut into their headings; and how many lines were cut."""
    result: list[Line] = []
    cut = 0
    for line in lines:
        pieces = _pieces(line.text) if len(line.text) >= _MIN_LENGTH else None
        if pieces is None:
            result.append(line)
            continue
        cut += 1
        result.extend(Line(line.number, piece) for piece in pieces)
    return result, cut


def _pieces(text: str) -> list[str] | None:
    """The line cut before each heading or field it holds, or None if it holds fewer than two."""
    starts = [match.end() for match in _candidate_starts().finditer(text)]
    cuts = [start for start in starts if _opens(text[start:])]
    if len(cuts) + (1 if _opens(text) else 0) < _MIN_PIECES:
        return None
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [piece for piece in pieces if piece]


def _opens(text: str) -> bool:
    """Whether a piece reads as a heading with a code or a separator, or as a field."""
    cue = cue_of(text[:200])
    if cue.heading is not None and (cue.heading.code or cue.field is None or cue.field.colon):
        return True
    return (cue.field is not None and cue.field.colon) or cue.bullet is not None
