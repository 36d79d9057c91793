"""What every reading step of the fiches layout shares: the file, its lines, findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.errors import InputError
from pstkg.loaders.layouts.fiches.items import Piece
from pstkg.loaders.layouts.fiches.segments import Word
from pstkg.loaders.model import Finding, Span
from pstkg.loaders.text import SourceText


@dataclass
class Context:
    """What every reading step needs: the file, its lines by number, the wrap width, findings."""

    source: SourceText
    physical: dict[int, str]
    width: int
    warnings: list[Finding] = field(default_factory=list)

    def warn(self, span: Span, message: str) -> None:
        """Record a warning for the load report."""
        self.warnings.append(Finding(span, message))

    def pieces(self, words: Sequence[Word]) -> list[Piece]:
        """Words regrouped by the line they stand on, for ``split_items``."""
        pieces: list[Piece] = []
        for word in words:
            if pieces and pieces[-1].line == word.line:
                last = pieces[-1]
                pieces[-1] = Piece(f"{last.text} {word.text}", last.line, last.physical)
            else:
                pieces.append(Piece(word.text, word.line, self.physical.get(word.line, "")))
        return pieces

    def truncated(self, reason: str, line: int | None) -> InputError:
        """The error for a plan cut short, at ``line``: raise it."""
        return InputError(self.source.path, f"{reason}: the plan looks truncated", line=line)
