"""Plans written as a table, as ``pdftotext -layout`` renders them: columns become lines.

A plan table has a header row naming its columns (OS | OO | Action | Responsable | Échéance
| Budget, see the marker table), then rows whose cells wrap inside their column, the OS and OO
cells written only on the first row of their group, and the header repeated on each page.
The columns are where the header's words start, in the text with its runs of spaces kept
(``SourceText.layout``): a cell's pieces are the runs of text that start under a column.

Each row becomes lines in the reader's own words, in reading order, every line keeping the
number of the line its text stands on: a new OS cell becomes "Objectif stratégique : …" (its
wrapped lines after it), a new OO cell "Objectif opérationnel : …", the action "Action : …",
the other cells fields ("Responsable : …"). The reader then reads them as any plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.loaders.model import Finding, Span
from pstkg.loaders.reader.cues import cue_of, match_columns
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.wrapping import join_texts, starts_new_title
from pstkg.loaders.text import Line, SourceText, fold_for_matching, normalise_line

_GAP = re.compile(r"\S+(?: \S+)*")  # runs of text parted by two spaces or more
_SLACK = 2  # a cell's text may start this many characters left of its column
_TREE = ("os", "oo", "action")
_WORDS = {
    "os": "Objectif stratégique",
    "oo": "Objectif opérationnel",
    "action": "Action",
}
_FIELD_LABELS = {
    "responsible": "Responsable",
    "deadline": "Échéance",
    "financial_means": "Budget",
    "human_means": "Moyens humains",
    "indicators": "Indicateurs",
    "partners": "Partenaires",
    "status": "État",
    "priority": "Priorité",
    "sdgs": "ODD",
}
_EMPTY_CELLS = frozenset({"-", "/", "—", "n.a.", "na", "x"})


@dataclass
class _Cell:
    """A cell being read: its pieces, each with the line it stands on."""

    pieces: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_texts(text for _, text in self.pieces)


@dataclass(frozen=True)
class Table:
    """A table found: the lines it spans and the lines it reads as."""

    first: int
    last: int
    lines: list[Line]
    repeated_headers: list[int]


def _segments(raw: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _GAP.finditer(raw)]


def _header(raw: str) -> list[tuple[int, str]] | None:
    """The columns a header line names, with where each starts, or None."""
    names = markers().table_columns
    columns: list[tuple[int, str]] = []
    for start, text in _segments(raw):
        column = names.get(fold_for_matching(text))
        if column is None:
            return None
        columns.append((start, column))
    kinds = [column for _, column in columns]
    if len(columns) < markers().table_min_columns or "action" not in kinds:
        return None
    return columns if len(set(kinds)) == len(kinds) else None


def _column_of(start: int, columns: Sequence[tuple[int, str]]) -> str | None:
    found = None
    for column_start, column in columns:
        if start >= column_start - _SLACK:
            found = column
    return found


def find_tables(source: SourceText, lines: Sequence[Line]) -> list[Table]:
    """Every table of the document (``lines`` are its content lines, furniture aside)."""
    if not source.raw_lines or not any(
        "action" in (match_columns(line.text) or ()) for line in lines
    ):
        return []  # no header line: the columns' layout is not even computed
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        raw = source.layout[lines[index].number - 1]
        columns = _header(raw)
        if columns is None:
            index += 1
            continue
        table, index = _read_table(source, lines, index, columns)
        tables.append(table)
    return tables


def _read_table(
    source: SourceText, lines: Sequence[Line], header: int, columns: list[tuple[int, str]]
) -> tuple[Table, int]:
    reader = _Rows(columns)
    repeated: list[int] = []
    index = header + 1
    after_header = True
    while index < len(lines):
        line = lines[index]
        raw = source.layout[line.number - 1]
        if _header(raw) is not None:
            repeated.append(line.number)
            index += 1
            after_header = True  # a new page: a title opening there opens a row
            continue
        segments = _segments(raw)
        if not segments or not reader.fits(segments) or cue_of(line.text).chapter:
            break  # running text, or a chapter heading ("Suivi et évaluation du PST")
        before = source.layout[line.number - 2] if line.number > 1 else ""
        reader.add(line.number, segments, after_blank=after_header or not before.strip())
        after_header = False
        index += 1
    reader.close()
    last = lines[index - 1].number
    return Table(lines[header].number, last, reader.out, repeated), index


class _Rows:
    """Cuts the table's lines into rows and writes each row as the reader's lines."""

    def __init__(self, columns: list[tuple[int, str]]) -> None:
        self.columns = columns
        self.cells: dict[str, _Cell] = {}
        self.out: list[Line] = []
        self.widths = {
            column: (columns[i + 1][0] if i + 1 < len(columns) else 10**6) - start
            for i, (start, column) in enumerate(columns)
        }

    def fits(self, segments: list[tuple[int, str]]) -> bool:
        """A line of the table: no run of text crosses two columns (running text does)."""
        for start, text in segments:
            column = _column_of(start, self.columns)
            if column is None:
                return False
            if len(text) > self.widths[column] + 2 * _SLACK + 10:
                return False
        return True

    def add(self, number: int, segments: list[tuple[int, str]], after_blank: bool) -> None:
        """Give a line's pieces to their cells, closing the row (or OS, OO) they start."""
        by_column: dict[str, str] = {}
        for start, text in segments:
            column = _column_of(start, self.columns)
            if column is not None:
                by_column[column] = normalise_line(f"{by_column.get(column, '')} {text}")
        if self._starts_row(by_column, after_blank):
            self.close()
        for column, text in by_column.items():
            self.cells.setdefault(column, _Cell()).pieces.append((number, text))

    def _starts_row(self, by_column: dict[str, str], after_blank: bool) -> bool:
        """A new row: a new title in the action, OO or OS column (a field cell may wrap).

        A title opening in a column that already holds one starts a row where a blank line
        or another column's new cell says the row changed ("… avec l'ASBL" / "Lire et Écrire"
        is one title); a code or a bullet starts one anyway. An OS or OO cell opens a new row
        even where the row being read has none of its own (its OO was on an earlier row).
        """
        action = self.cells.get("action")
        others = any(column not in _TREE for column in by_column)
        for column in _TREE:
            cell = self.cells.get(column)
            text = by_column.get(column)
            if not text:
                continue
            if cell is not None and cell.pieces:
                marked = _marked(text)
                if marked or ((after_blank or others) and _opens_item(text, cell.text)):
                    return True
            elif (
                column != "action"
                and action is not None
                and action.pieces
                and _opens_item(text, "")
            ):
                return True
        return False

    def close(self) -> None:
        """Write the row read so far as the reader's lines; OS and OO cells carry over."""
        for column in _TREE:
            cell = self.cells.pop(column, None)
            if cell is None or not cell.pieces:
                continue
            first_number, first_text = cell.pieces[0]
            cue = cue_of(first_text)
            if cue.heading is not None:
                opening = first_text
            elif cue.numbered is not None and column != "action":  # "1. Être …" in the OS column
                opening = f"{_WORDS[column]} {cue.numbered.code} : {cue.numbered.text}"
            else:
                opening = f"{_WORDS[column]} : {first_text}"
            self.out.append(Line(first_number, opening))
            self.out.extend(Line(number, text) for number, text in cell.pieces[1:])
        for column, cell in list(self.cells.items()):
            label = _FIELD_LABELS.get(column)
            text = cell.text
            if (
                label is None
                or not cell.pieces
                or fold_for_matching(text) in _EMPTY_CELLS
                or not text.strip(" -/")
            ):
                continue
            self.out.append(Line(cell.pieces[0][0], f"{label} : {text}"))
        self.cells = {}


def _marked(text: str) -> bool:
    """A cell's line opening with a marker (a heading, a code, a bullet)."""
    cue = cue_of(text)
    return cue.heading is not None or cue.numbered is not None or cue.bullet is not None


def _opens_item(text: str, previous: str) -> bool:
    """Whether a cell's line starts a new item (a heading with a code, a new title)."""
    cue = cue_of(text)
    if cue.heading is not None or cue.numbered is not None or cue.bullet is not None:
        return True
    if not previous:
        return text[:1].isupper()
    return starts_new_title(text, previous)


def linearise(source: SourceText, lines: list[Line]) -> tuple[list[Line], list[Finding], int]:
    """The lines with each table written as the reader's lines; the tables' findings."""
    tables = find_tables(source, lines)
    if not tables:
        return lines, [], 0
    result: list[Line] = []
    skipped: list[Finding] = []
    position = 0
    for table in tables:
        while position < len(lines) and lines[position].number < table.first:
            result.append(lines[position])
            position += 1
        result.extend(table.lines)
        skipped.append(Finding(Span(table.first, table.first), "table header (columns read)"))
        skipped.extend(
            Finding(Span(number, number), "table header repeated on a new page")
            for number in table.repeated_headers
        )
        while position < len(lines) and lines[position].number <= table.last:
            position += 1
    result.extend(lines[position:])
    return result, skipped, len(tables)
