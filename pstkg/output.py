"""Printing query results as a table, CSV, or SPARQL 1.1 JSON results."""

from __future__ import annotations

import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from pstkg.namespaces import PREFIXES
from pstkg.spreadsheet_cells import SpreadsheetWriter
from pstkg.store import SelectResult

RESULT_FORMATS = ("table", "csv", "json")
_MAX_CELL = 60


def format_result(
    result: SelectResult | bool | Graph, fmt: str, *, for_spreadsheets: bool = True
) -> str:
    """Render any query result in ``fmt`` (table, csv or json).

    CSV is written for spreadsheets (cells that would be run as formulas are quoted, see
    :mod:`pstkg.spreadsheet_cells`) unless ``for_spreadsheets`` is False: then it is the exact
    values, as SPARQL 1.1 CSV results have them (``pst sparql``).
    """
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result}) if fmt == "json" else str(result).lower()
    if isinstance(result, Graph):
        return result.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "csv":
        return _csv(result, for_spreadsheets)
    if fmt == "json":
        return _json(result)
    return _table(result)


def term_text(term: Identifier | None) -> str:
    """A term's plain value: the IRI, or the literal's lexical form."""
    return "" if term is None else str(term)


def short(term: Identifier | None) -> str:
    """A term as a person reads it in a table: IRIs shortened with the project's prefixes."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if str(term).startswith(namespace):
                return f"{prefix}:{str(term)[len(namespace) :]}"
    return term_text(term)


def _csv(result: SelectResult, for_spreadsheets: bool) -> str:
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, quote_formulas=for_spreadsheets, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([term_text(value) for value in row])
    return buffer.getvalue()


def json_term(term: Identifier) -> dict[str, str]:
    """A term as a SPARQL 1.1 JSON results cell: its type, value, language or datatype."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    cell = {"type": "literal", "value": str(term)}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype:
        cell["datatype"] = str(term.datatype)
    return cell


def _json(result: SelectResult) -> str:
    bindings = [
        {
            name: json_term(value)
            for name, value in zip(result.variables, row, strict=True)
            if value is not None
        }
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        indent=2,
    )


def _table(result: SelectResult) -> str:
    cells = [[_clip(short(value)) for value in row] for row in result.rows]
    widths = [
        max([len(name), *(len(row[index]) for row in cells)])
        for index, name in enumerate(result.variables)
    ]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(result.variables, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"
