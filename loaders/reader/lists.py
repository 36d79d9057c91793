"""Lists of titles nothing marks: cut by the titles the plan names elsewhere, else by lines.

A list of projects under an OO, or by enjeu, is often one title per line with extraction
defects: titles wrapped, two titles glued on one line, a list repeated. Where the plan's
fiches name the projects, their titles cut the list whatever the wrapping
(``segment_titles``); what no known title covers is split into items line by line
(``split_items``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pstkg.loaders.model import Span
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.items import Piece, split_items
from pstkg.loaders.reader.known_titles import (
    KnownTitles,
    Word,
    segment_titles,
    words_span,
    words_text,
)
from pstkg.loaders.reader.wrapping import clean_title


def word_pieces(reading: Reading, words: Sequence[Word]) -> list[Piece]:
    """Words regrouped by the line they stand on, for ``split_items``."""
    pieces: list[Piece] = []
    for word in words:
        if pieces and pieces[-1].line == word.line:
            last = pieces[-1]
            pieces[-1] = Piece(f"{last.text} {word.text}", last.line, last.physical)
        else:
            pieces.append(Piece(word.text, word.line, reading.physical.get(word.line, "")))
    return pieces


def list_items(
    reading: Reading, words: Sequence[Word], known: KnownTitles
) -> list[tuple[str, Span, int | None]]:
    """The titles of a list: known titles (with their index), and unknown text split by lines."""
    items: list[tuple[str, Span, int | None]] = []
    for segment in segment_titles(words, known):
        if segment.known is not None:
            text = clean_title(words_text(segment.words))
            items.append((text, words_span(segment.words), segment.known))
        elif any(word.tokens for word in segment.words):  # not a stray "-" or "..."
            for text, span in split_items(word_pieces(reading, segment.words), reading.width):
                items.append((clean_title(text), span, None))
    return items
