"""Query results in the formats of the SPARQL 1.1 specifications, by media type.

SELECT and ASK: SPARQL JSON, XML, CSV and TSV results; CONSTRUCT and DESCRIBE: Turtle,
N-Triples, JSON-LD and RDF/XML. :func:`render` negotiates with the ``Accept`` header.
"""

from __future__ import annotations

import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from pstkg.api.negotiation import choose
from pstkg.output import format_result
from pstkg.spreadsheet_cells import SpreadsheetWriter
from pstkg.store import QueryResult, SelectResult

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"

SOLUTION_TYPES = (
    SPARQL_JSON,
    SPARQL_XML,
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
)
"""What SELECT and ASK results can be had in; the first is the default."""

GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "text/plain": "nt",
    "application/x-turtle": "turtle",
}
"""What CONSTRUCT and DESCRIBE results can be had in (media type → rdflib format)."""


class NotAcceptableError(Exception):
    """The client accepts none of the formats this kind of result can be given in."""

    def __init__(self, offers: tuple[str, ...] | list[str]) -> None:
        super().__init__(f"not acceptable; this result is available as {', '.join(offers)}")


def render(result: QueryResult, accept: str | None) -> tuple[str, bytes]:
    """The media type chosen for ``result`` and the result in it."""
    if isinstance(result, Graph):
        offers = list(GRAPH_TYPES)
        media = choose(accept, offers)
        if media is None:
            raise NotAcceptableError(offers)
        return media, render_graph(result, media)
    media = choose(accept, SOLUTION_TYPES)
    if media is None:
        raise NotAcceptableError(SOLUTION_TYPES)
    return media, render_solutions(result, media)


def render_graph(graph: Graph, media: str) -> bytes:
    """A graph in the RDF syntax of ``media`` (one of :data:`GRAPH_TYPES`)."""
    return graph.serialize(format=GRAPH_TYPES[media], encoding="utf-8")


def render_solutions(
    result: SelectResult | bool, media: str, *, for_spreadsheets: bool = False
) -> bytes:
    """SELECT rows or an ASK answer in ``media`` (one of :data:`SOLUTION_TYPES`).

    ``for_spreadsheets``: CSV whose cells a spreadsheet cannot run as formulas (the named
    queries' CSV); otherwise exact SPARQL 1.1 CSV results.
    """
    if media in (SPARQL_JSON, "application/json"):
        return format_result(result, "json").encode("utf-8")
    if media in (SPARQL_XML, "application/xml"):
        return _xml(result).encode("utf-8")
    if media == "text/csv":
        return _csv(result, for_spreadsheets).encode("utf-8")
    return _tsv(result).encode("utf-8")


def _csv(result: SelectResult | bool, for_spreadsheets: bool = False) -> str:
    # SPARQL 1.1 CSV: plain values, CRLF line ends; blank nodes keep their _: label.
    if isinstance(result, bool):
        return f"_askResult\r\n{str(result).lower()}\r\n"
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, quote_formulas=for_spreadsheets, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([csv_cell(value) for value in row] for row in result.rows)
    return buffer.getvalue()


def csv_cell(term: Identifier | None) -> str:
    """A term in a SPARQL CSV cell: its plain value; a blank node keeps its ``_:`` label."""
    if term is None:
        return ""
    return term.n3() if isinstance(term, BNode) else str(term)


def _tsv(result: SelectResult | bool) -> str:
    # SPARQL 1.1 TSV: terms in Turtle syntax, the header names the variables with "?".
    if isinstance(result, bool):
        return f"?_askResult\n{str(result).lower()}\n"
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if value is None else _tsv_term(value) for value in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Identifier) -> str:
    text = term.n3()
    # Tabs and newlines would break the row: Turtle escapes them inside literals.
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _xml(result: SelectResult | bool) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    out.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#">')
    if isinstance(result, bool):
        out.append(f"<head/><boolean>{str(result).lower()}</boolean></sparql>")
        return "\n".join(out)
    out.append("<head>")
    out += [f"<variable name={quoteattr(name)}/>" for name in result.variables]
    out.append("</head><results>")
    for row in result.rows:
        out.append("<result>")
        for name, value in zip(result.variables, row, strict=True):
            if value is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out)


def _xml_term(term: Identifier) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
    if term.datatype:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def plain_rows(result: SelectResult) -> list[dict[str, object]]:
    """Rows as JSON-ready mappings: IRIs and strings as text, numbers and booleans as such."""
    return [
        {name: plain_value(value) for name, value in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def plain_value(term: Identifier | None) -> object:
    """A term as plain JSON: None, a number, a boolean, or text."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        return str(term)
    return None if term is None else str(term)


def dumps(data: object) -> bytes:
    """JSON as the API writes it: UTF-8, accents kept."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
