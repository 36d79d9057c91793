"""Mentions: each place a document names an objective or an action.

A plan names its items several times: in a list of OS, again above their OO, once more
above the actions; in a fiche; in a table of contents. The reader first collects every
mention with the lines it spans and where it stands (its heading above, its pass through the
tree), then merges the mentions of one item (pstkg.loaders.reader.assemble). Nothing here
decides which mention is the item's: a mention only records what one place says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pstkg.loaders.model import Fiche, PolicyArea, Span
from pstkg.loaders.reader.cues import Marks
from pstkg.loaders.reader.items import Piece
from pstkg.loaders.reader.markers import FieldSpec, Level
from pstkg.loaders.reader.wrapping import clean_title, join_texts
from pstkg.loaders.text import Line

Origin = Literal["tree", "fiche", "reference"]


@dataclass
class Group:
    """The volet and policy area (or theme, axe) headings in force above an OS."""

    volet: str | None = None
    area: PolicyArea | None = None
    index: int = 0  # position of the grouping heading in the document, from 1


@dataclass
class FieldBlock:
    """One field of a fiche: its label as written, the label's line, and the value's pieces."""

    spec: FieldSpec
    label: str
    line: int
    pieces: list[Piece]

    @property
    def span(self) -> Span:
        """The label's line to the value's last line."""
        return Span(self.line, max([self.line, *(piece.line for piece in self.pieces)]))

    def text(self) -> str:
        """The value, its wrapped lines joined."""
        return join_texts(piece.text for piece in self.pieces if piece.text)


@dataclass
class Mention:
    """One place where the document names an item of its tree."""

    level: Level
    code: str | None
    lines: list[Line]
    first_text: str  # what the first line says after its marker
    marker: str  # the marker's style, for the load report ("O.S. 1.1", "1.1.", "•", "unmarked")
    order: int  # position in the document (the first line's index among content lines)
    origin: Origin = "tree"
    pass_index: int = 0
    parent: Mention | None = None
    group: Group | None = None
    fields: list[FieldBlock] = field(default_factory=list)
    marks: list[tuple[Marks, Span]] = field(default_factory=list)
    children: list[Mention] = field(default_factory=list)
    fiche: Fiche | None = None
    references: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Objectives a fiche names: level -> (code, title as the fiche writes it)."""
    fixed_title: str | None = None
    """The title when a known title cut it out of a list (words joined), else None."""
    fixed_span: Span | None = None
    known: int | None = None
    """Where a known title (a fiche's) cut this mention out of a list: that title's index."""
    closing: Line | None = None
    """The last line of the item's block, marks included (list punctuation is checked there)."""
    path: str | None = None
    """The code that identifies the item in the plan (the code qualified by its parent's where
    the document numbers again under each parent), set by the assembly."""

    @cached_property
    def title(self) -> str | None:
        """The title as the mention writes it, wrapped lines joined, list punctuation dropped.

        Read once the mention's lines are all known (the tree reader gives a mention its
        lines before anything reads its title).
        """
        if self.fixed_title is not None:
            return self.fixed_title or None
        texts = [self.first_text, *(line.text for line in self.lines[1:])]
        return unquote(clean_title(join_texts(texts))) or None

    @property
    def span(self) -> Span:
        """The lines the mention spans."""
        if self.fixed_span is not None:
            return self.fixed_span
        return Span(self.lines[0].number, max(line.number for line in self.lines))


def unquote(title: str) -> str:
    """A title wholly in guillemets or quotes, as headings write them (« … »), without them."""
    for opening, closing in (("«", "»"), ('"', '"')):
        if title.startswith(opening) and title.endswith(closing) and len(title) > 2:
            inner = title[1:-1].strip()
            if opening not in inner and closing not in inner:
                return inner
    return title
