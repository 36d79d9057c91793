"""A named query's result as the pages show it: French headings, labels linked, numbers, paging.

What the columns are called and which column labels which IRI is data, in
``api/query_pages.toml``. A page of the rows gives the table of the page (the worker answers
that page, :mod:`pstkg.api.query_page_job`), every row the export files (:func:`export_table`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from fastapi.responses import Response

from pstkg.api.identifiers import local_path
from pstkg.api.query_page_job import Results, Row, Value
from pstkg.api.table_export import ExportFormat, table_response

CONFIG = Path(__file__).resolve().parent / "query_pages.toml"


@cache
def config() -> dict:
    """The headings, row labels and parameter forms of ``query_pages.toml`` (read once)."""
    with CONFIG.open("rb") as file:
        return tomllib.load(file)


def heading(variable: str) -> str:
    """The French heading of a result column; the variable's name when none is known."""
    return config()["headings"].get(variable, variable)


@dataclass(frozen=True)
class Column:
    """A column the page shows: the variable it prints, and the IRI variable it links to."""

    key: str
    heading: str
    link: str | None = None
    count_link: str | None = None
    """For a count: the query page listing the items counted, ``{variable}`` for the row's."""


@dataclass(frozen=True)
class Cell:
    """A cell as printed: its text, where it links, and whether it is a number."""

    text: str
    href: str | None = None
    number: bool = False


def shown_columns(variables: Sequence[str], query: str = "") -> list[Column]:
    """The columns of the page: an IRI column with a label column in the result is shown as
    that label, linked to the IRI's page; a code column with its label column is left out;
    the counts of ``query`` link to the items behind them."""
    counts = config()["count_links"].get(query, {})
    labelled = {
        iri: label for iri, label in config()["row_labels"].items() if {iri, label} <= {*variables}
    }
    named = {code for code, label in config()["code_labels"].items() if label in variables}
    linked_by = {label: iri for iri, label in labelled.items()}
    return [
        Column(variable, heading(variable), linked_by.get(variable), counts.get(variable))
        for variable in variables
        if variable not in labelled and variable not in named
    ]


def display_rows(
    rows: Sequence[Row], columns: Sequence[Column], names: Mapping[str, str]
) -> list[list[Cell]]:
    """The cells of ``rows``; ``names`` gives the label of known IRIs (the plans)."""
    return [[_cell(row, column, names) for column in columns] for row in rows]


def _cell(row: Row, column: Column, names: Mapping[str, str]) -> Cell:
    value = row.get(column.key)
    target = row.get(column.link) if column.link else None
    if target is not None:
        text = _text(value) if value is not None else _iri_name(str(target.value), names)
        return Cell(text, iri_href(str(target.value)))
    if value is None:
        return Cell("")
    if value.kind == "iri":
        return Cell(_iri_name(str(value.value), names), iri_href(str(value.value)))
    if value.kind == "number" and value.value and column.count_link:
        return Cell(_text(value), _items_behind(column.count_link, row), number=True)
    return Cell(_text(value), number=value.kind == "number")


def _items_behind(template: str, row: Row) -> str | None:
    # The row's values fill the query page's parameters; a value the row lacks: no link.
    values = {name: quote(str(value.value), safe="") for name, value in row.items()}
    try:
        return "/requetes/" + template.format_map(values)
    except KeyError:
        return None


def iri_href(iri: str) -> str:
    """Where a page describes ``iri``: its ``/id/...`` page, or the IRI itself."""
    return local_path(iri) or iri


def _iri_name(iri: str, names: Mapping[str, str]) -> str:
    # An IRI without a label in the row: the plan's name, else the last part of the IRI.
    return names.get(iri) or iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _text(value: Value) -> str:
    if value.kind != "number":
        return str(value.value)
    number = value.value
    if isinstance(number, int):
        return f"{number:,}".replace(",", "\u202f")
    return f"{round(float(number), 3):g}".replace(".", ",")


def export_table(results: Results, export: ExportFormat, filename: str) -> Response:
    """Every row of ``results`` as a CSV or XLSX file: every variable, IRIs written out."""
    columns = [(variable, heading(variable)) for variable in results.variables]
    rows = [{name: value.value for name, value in row.items()} for row in results.rows]
    return table_response(columns, rows, export, filename)
