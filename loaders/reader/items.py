"""Items of free-text list fields (risks, indicators, steps): where a wrapped line starts one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pstkg.loaders.model import Span
from pstkg.loaders.reader.known_titles import join_words
from pstkg.loaders.reader.wrapping import ends_with_function_word, is_acronym
from pstkg.loaders.text import Line

_CONTINUING_START = tuple("()[]{}»,;:.…+&/=")
# A bullet opening an item of a list field (risks, steps …).
BULLET = re.compile(r"^([*•·\-])\s+")
_NUMBERED_ITEM = re.compile(r"^\d+[.)]\s")
_ITEM_SEPARATOR = re.compile(r"\s*[,;]$")


def starts_new_item(
    previous_line: str, item: str, text: str, width: int, bullet: str | None = None
) -> bool:
    """Whether a physical line starts a new item of a list field rather than continuing one.

    ``previous_line`` is the whole previous physical line (label included), ``item`` the
    item read so far, ``width`` the wrap width of the document (see ``wrap_width``) and
    ``bullet`` the bullet of the field's first item, if any.

    A bullet starts an item; a "- " does only in a list whose items start with "- ", as
    elsewhere it is a dash carried over ("... charge" / "- Cautions locatives").
    A line continues the item when it starts with a lower-case letter (quotes aside:
    '"libres'), a digit, a bracket or an operator; when the item has an unclosed bracket;
    when the previous line stops on a function word ("... du poste de" / '"Jobcoach".');
    before an acronym carried over ("... les agents" / "IT communal"); after a full line
    that stops on a comma ("Centre de coordination," / "Bulletin ...", full meaning the
    next word would not have fitted).
    Otherwise a capitalised line starts a new item ("Perte d'emplois," / "Perte de clients").
    """
    bulleted = BULLET.match(text)
    if bulleted is not None:
        return bulleted.group(1) != "-" or bullet == "-"
    if _NUMBERED_ITEM.match(text):
        return True
    letter = text.lstrip("\"'« ")[:1]
    if letter.islower() or text[:1].isdigit() or text.startswith(_CONTINUING_START):
        return False
    if item.count("(") > item.count(")"):
        return False
    previous = previous_line.rstrip()
    if ends_with_function_word(previous) or previous.endswith(("-->", "/", "+", "&", "(", "-")):
        return False
    first_word = text.split()[0]
    if is_acronym(first_word) and not previous.endswith((".", "!", "?", ";")):
        return False
    full = len(previous) + 1 + len(first_word) > width
    return not (full and previous.endswith(","))


def wrap_width(lines: Iterable[Line]) -> int:
    """The width lines were wrapped at: the longest line.

    Lines holding "..." are left out: normalisation turned a one-character "…" into three
    characters, so they may be longer than the extraction's width.
    """
    lines = list(lines)
    lengths = [len(line.text) for line in lines if "..." not in line.text]
    return max(lengths or [len(line.text) for line in lines] or [0])


@dataclass(frozen=True)
class Piece:
    """The part of a physical line that belongs to a field (``text``), and the whole line."""

    text: str
    line: int
    physical: str


def split_items(pieces: Sequence[Piece], width: int) -> list[tuple[str, Span]]:
    """Group a field's lines into items (one risk, one step ...) with ``starts_new_item``.

    Bullets, and a comma or semicolon separating an item from the next, are removed.
    """
    items: list[tuple[list[str], int, int]] = []
    previous: Piece | None = None
    bullet: str | None = None
    for piece in pieces:
        if not piece.text:
            continue
        if previous is None:
            first_bullet = BULLET.match(piece.text)
            bullet = first_bullet.group(1) if first_bullet else None
        item = join_words(items[-1][0]) if items else ""
        if previous is None or starts_new_item(previous.physical, item, piece.text, width, bullet):
            items.append(([BULLET.sub("", piece.text)], piece.line, piece.line))
        else:
            texts, first, _ = items[-1]
            items[-1] = ([*texts, piece.text], first, piece.line)
        previous = piece
    result = []
    for texts, first, last in items:
        text = _ITEM_SEPARATOR.sub("", join_words(texts)).strip()
        if text:
            result.append((text, Span(first, last)))
    return result
