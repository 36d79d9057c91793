"""The export of a page's table (CSV, XLSX) and the paging window the pager prints."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from pstkg.api.paging import PageWindow
from pstkg.api.table_export import table_response

COLUMNS = [("cpas", "CPAS"), ("items", "Projets"), ("conforms", "Conforme")]
ROWS = [
    {"cpas": "CPAS d'Anderlues", "items": 14, "conforms": False},
    {"cpas": '=HYPERLINK("http://x","clic")', "items": 2, "conforms": True},
]


def test_csv_export_has_french_headings_a_bom_and_no_formula() -> None:
    response = table_response(COLUMNS, ROWS, "csv", "plans")
    text = response.body.decode("utf-8")
    assert text.startswith("\ufeffCPAS,Projets,Conforme\r\n")
    assert "CPAS d'Anderlues,14,non" in text
    assert "'=HYPERLINK" in text
    assert response.headers["content-disposition"] == 'attachment; filename="plans.csv"'


def test_xlsx_export_keeps_numbers_and_stores_formulas_as_text() -> None:
    response = table_response(COLUMNS, ROWS, "xlsx", "plans")
    sheet = load_workbook(io.BytesIO(response.body)).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == ["CPAS", "Projets", "Conforme"]
    assert [cell.value for cell in sheet[2]] == ["CPAS d'Anderlues", 14, "non"]
    formula_cell = sheet["A3"]
    assert formula_cell.data_type == "s" and formula_cell.value.startswith("=HYPERLINK")


def test_page_window_numbers_and_neighbours() -> None:
    middle = PageWindow(limit=100, offset=100, total=1234)
    assert (middle.first, middle.last) == (101, 200)
    assert (middle.previous_offset, middle.next_offset) == (0, 200)
    last = PageWindow(limit=100, offset=1200, total=1234)
    assert (last.last, last.next_offset) == (1234, None)
    empty = PageWindow(limit=100, offset=0, total=0)
    assert (empty.first, empty.last, empty.previous_offset, empty.next_offset) == (0, 0, None, None)
