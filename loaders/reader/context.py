"""What every step of the reader shares: the document's lines, their cues, the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.errors import InputError
from pstkg.loaders.model import Finding, Span
from pstkg.loaders.reader.cues import Cue, cue_of
from pstkg.loaders.reader.items import Piece
from pstkg.loaders.text import Line, SourceText


@dataclass
class Reading:
    """A document being read: its content lines (furniture set aside), their cues, findings."""

    source: SourceText
    lines: list[Line]
    width: int
    warnings: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    markers_used: Counter[str] = field(default_factory=Counter)
    furniture: list[Line] = field(default_factory=list)
    strict: bool = True
    """Refuse a plan cut short (loading); else only warn (a draft of what could be read)."""

    def __post_init__(self) -> None:
        self.cues: list[Cue] = [cue_of(line.text) for line in self.lines]
        self.furniture_numbers = {line.number for line in self.furniture}
        self.physical: dict[int, str] = {}
        for line in self.lines:
            # A line split in pieces (a glued web transcription) keeps its first piece here.
            self.physical.setdefault(line.number, line.text)

    def warn(self, span: Span, message: str) -> None:
        """Record a warning for the load report."""
        self.warnings.append(Finding(span, message))

    def skip(self, span: Span, reason: str) -> None:
        """Record lines no rule read, and why."""
        self.skipped.append(Finding(span, reason))

    def used(self, marker: str) -> None:
        """Count one use of a marker style (the load report lists them)."""
        self.markers_used[marker] += 1

    def piece(self, line: Line, text: str | None = None) -> Piece:
        """A line (or the part of it after a label) as a piece of a field's value."""
        return Piece(line.text if text is None else text, line.number, line.text)

    def refuse(self, message: str, line: int | None) -> None:
        """A document that is not a whole plan: refused (InputError) when reading strictly,
        else a warning, what could be read being kept (a draft to complete by hand)."""
        if self.strict:
            raise InputError(self.source.path, message, line=line)
        self.warn(Span(line or 1, line or 1), message)

    def cut_short(self, reason: str, line: int | None) -> None:
        """A plan cut short at ``line`` (see :meth:`refuse`)."""
        self.refuse(f"{reason}: the plan looks truncated or incomplete", line)


def skipped_runs(lines: Sequence[Line], used: set[int], reason: str) -> list[Finding]:
    """One finding per run of lines that no rule used, all with ``reason``."""
    findings: list[Finding] = []
    run: list[Line] = []
    for line in lines:
        if line.number in used:
            if run:
                findings.append(Finding(Span(run[0].number, run[-1].number), reason))
                run = []
            continue
        run.append(line)
    if run:
        findings.append(Finding(Span(run[0].number, run[-1].number), reason))
    return findings
