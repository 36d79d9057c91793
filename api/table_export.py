"""A table of a page as a file to download: CSV or XLSX, the cells safe for spreadsheets.

Every table the pages show has export buttons (the ``export_buttons`` macro of
templates/macros.html): they ask the same URL with ``format=csv`` or ``format=xlsx``, and the
route answers with :func:`table_response` instead of the page. Cells that would be read as
formulas are neutralised (:mod:`pstkg.spreadsheet_cells`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from fastapi.responses import Response

from pstkg.spreadsheet_cells import SpreadsheetWriter, as_text_cell

ExportFormat = Literal["csv", "xlsx"]
"""The formats of the export buttons."""

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Column = tuple[str, str]
"""A column of a table: the row's key, and the heading the file shows (French)."""


def table_response(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, object]],
    export: ExportFormat,
    filename: str,
) -> Response:
    """``rows`` as a CSV or XLSX download named ``filename`` (without extension)."""
    body, media = table_file(columns, rows, export)
    disposition = f'attachment; filename="{filename}.{export}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


def table_file(
    columns: Sequence[Column], rows: Iterable[Mapping[str, object]], export: ExportFormat
) -> tuple[bytes, str]:
    """``rows`` as the bytes of a CSV or XLSX file, and its media type."""
    headings = [heading for _, heading in columns]
    cells = ([_cell(row.get(key)) for key, _ in columns] for row in rows)
    if export == "csv":
        out = io.StringIO()
        writer = SpreadsheetWriter(out)
        writer.writerow(headings)
        writer.writerows(cells)
        # A BOM, so that Excel reads the accents of a French CSV as UTF-8.
        return ("\ufeff" + out.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    return _workbook(headings, cells), XLSX_MEDIA_TYPE


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return value
    return str(value)


def _workbook(headings: list[str], rows: Iterable[list[object]]) -> bytes:
    from openpyxl import Workbook  # only needed for spreadsheets
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            as_text_cell(cell)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
