"""Cells written for spreadsheets, kept from being read as formulas (CSV formula injection).

A plan's title such as ``=HYPERLINK("http://x","clic")`` or ``=cmd|' /C calc'!A0``, written
as-is in a CSV file, is run as a formula when the file is opened in Excel or LibreOffice. As
OWASP recommends ("CSV Injection"), a text cell that starts with one of
:data:`FORMULA_TRIGGERS` is written with a single quote in front: spreadsheets show it as text.

The rule is undone exactly by :func:`restore` (the template reader reads our own CSV back):
a value that already starts with quotes before a trigger gets one more, so a title that
really starts with ``'=`` comes back unchanged. Plain numbers (``-3``, ``+1.5``) are left as
they are: a spreadsheet reads them as numbers, never as formulas.

Only CSV written *for spreadsheets* goes through this: SPARQL 1.1 CSV results asked for by a
SPARQL client (``/sparql`` as ``text/csv``, ``pst sparql --format csv``) stay exact. XLSX cells
are stored as text (:func:`as_text_cell`), which no spreadsheet evaluates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_TRIGGERS: tuple[str, ...] = (
    "=",  # a formula
    "+",  # a formula in Excel and LibreOffice (+1+cmd|…)
    "-",  # likewise (-2+3+cmd|…)
    "@",  # a function call in Excel (@SUM(…))
    "\t",  # Excel skips leading tabs and carriage returns, then reads what follows
    "\r",
)
"""The leading characters that make a spreadsheet read a cell as a formula (OWASP's list)."""

QUOTE = "'"
"""What goes in front of a risky cell: spreadsheets show the rest as text."""

_FIRST = frozenset((*FORMULA_TRIGGERS, QUOTE))
"""The first characters of the cells :func:`neutralise` may change (others: at once)."""
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _risky(text: str) -> bool:
    return text[:1] in FORMULA_TRIGGERS and _PLAIN_NUMBER.fullmatch(text) is None


def neutralise(value: Any) -> Any:
    """``value`` as a spreadsheet cell that cannot be a formula; non-text values unchanged."""
    if isinstance(value, str) and value[:1] in _FIRST and _risky(value.lstrip(QUOTE)):
        return QUOTE + value
    return value


def restore(text: str) -> str:
    """The value :func:`neutralise` was given for the cell ``text`` (its exact inverse)."""
    if text.startswith(QUOTE) and _risky(text.lstrip(QUOTE)):
        return text[len(QUOTE) :]
    return text


def neutralise_row(cells: Iterable[Any]) -> list[Any]:
    """Each cell of a CSV row through :func:`neutralise`."""
    return [neutralise(cell) for cell in cells]


def as_text_cell(cell: Any) -> None:
    """Store an openpyxl cell holding a string as text, even when it starts with ``=``.

    openpyxl turns any string starting with "=" into a formula; a text cell with Excel's
    "quote prefix" style stays text, also when someone edits it later in the spreadsheet.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if _risky(cell.value):
            cell.quotePrefix = True


class SpreadsheetWriter:
    """A ``csv.writer`` whose rows go through :func:`neutralise` first (when ``quote_formulas``).

    Also quotes a cell holding a lone carriage return: Python 3.11's ``csv`` module quotes
    only the characters of its line terminator, so with "\n" a CR inside a cell (a title
    starting with CR) would end the row for every CSV reader.
    """

    def __init__(
        self,
        out: TextIO,
        *,
        quote_formulas: bool = True,
        lineterminator: str = "\r\n",
        **options: Any,
    ) -> None:
        self._out = out
        self._terminator = lineterminator
        self._writer = csv.writer(out, lineterminator=lineterminator, **options)
        # Rows with a CR in a cell are written with CRLF line ends (so csv quotes the cell),
        # then given this writer's line end.
        self._line = io.StringIO()
        self._crlf_writer = csv.writer(self._line, lineterminator=_CRLF, **options)
        self._quote_formulas = quote_formulas

    def writerow(self, cells: Iterable[Any]) -> None:
        """Write one row, its risky cells quoted."""
        row = neutralise_row(cells) if self._quote_formulas else list(cells)
        if "\r" in self._terminator or not any(
            isinstance(cell, str) and "\r" in cell for cell in row
        ):
            self._writer.writerow(row)
            return
        self._line.seek(0)
        self._line.truncate()
        self._crlf_writer.writerow(row)
        self._out.write(self._line.getvalue()[: -len(_CRLF)] + self._terminator)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write every row, their risky cells quoted."""
        for cells in rows:
            self.writerow(cells)


_CRLF = "\r\n"
