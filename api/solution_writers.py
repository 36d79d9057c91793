"""SELECT solutions written straight from pyoxigraph terms, byte for byte as the rdflib path does.

Why: turning every pyoxigraph term into an rdflib term (rdflib's ``Literal`` parses and
normalises its value) and then writing SPARQL JSON with ``json.dumps(indent=2)`` (the pure-Python
encoder: the C one cannot indent) took several times longer than the query itself for results
of a few thousand rows. Here the common terms (IRIs, blank nodes, plain and language-tagged
strings, canonical integers and booleans) are written from pyoxigraph's own values; any other
term goes through the rdflib conversion, so the output is exactly what
:func:`pstkg.api.serializers.render_solutions` and :func:`~pstkg.api.serializers.plain_rows` give.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from json.encoder import encode_basestring

import pyoxigraph as ox

from pstkg.api.serializers import SPARQL_JSON, csv_cell, dumps, plain_value
from pstkg.output import json_term
from pstkg.spreadsheet_cells import neutralise
from pstkg.store.terms import memoised, to_rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = Sequence[Term | None]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_XSD_INTEGER = _XSD + "integer"
_XSD_BOOLEAN = _XSD + "boolean"
# The lexical forms rdflib keeps as they are (its normalisation would rewrite "+1" or "01").
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")
_BOOLEANS = {"true": True, "false": False}


def read_solutions(
    solutions: ox.QuerySolutions, limit: int | None = None
) -> tuple[list[str], list[Row], bool]:
    """The variables and rows of ``solutions`` (at most ``limit``), and whether there were more.

    pyoxigraph computes solutions lazily: reading ``limit + 1`` is enough to know the result
    was cut, as :func:`pstkg.store.terms.to_query_result` does.
    """
    variables = [variable.value for variable in solutions.variables]
    rows: list[Row] = [list(solution) for solution in _capped(solutions, limit)]
    truncated = limit is not None and len(rows) > limit
    return variables, rows[:limit] if truncated else rows, truncated


def _capped(solutions: Iterable[ox.QuerySolution], limit: int | None):
    return solutions if limit is None else islice(solutions, limit + 1)


def sparql_json(variables: list[str], rows: Iterable[Row]) -> bytes:
    """SPARQL 1.1 JSON results, as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes them."""
    names = [f"        {encode_basestring(name)}: " for name in variables]
    cell = memoised(_json_cell)
    bindings = []
    for row in rows:
        cells = [
            name + cell(term) for name, term in zip(names, row, strict=True) if term is not None
        ]
        bindings.append("      {\n" + ",\n".join(cells) + "\n      }" if cells else "      {}")
    head = (
        "[\n" + ",\n".join(f"      {encode_basestring(name)}" for name in variables) + "\n    ]"
        if variables
        else "[]"
    )
    body = "[\n" + ",\n".join(bindings) + "\n    ]" if bindings else "[]"
    text = (
        '{\n  "head": {\n    "vars": '
        + head
        + '\n  },\n  "results": {\n    "bindings": '
        + body
        + "\n  }\n}"
    )
    return text.encode("utf-8")


# A cell's lines, indented as json.dumps(indent=2) does at its depth in the document.
_URI = '{\n          "type": "uri",\n          "value": '
_BNODE = '{\n          "type": "bnode",\n          "value": '
_LITERAL = '{\n          "type": "literal",\n          "value": '
_LANGUAGE = ',\n          "xml:lang": '
_DATATYPE = ',\n          "datatype": '
_END = "\n        }"


def _json_cell(term: Term) -> str:
    kind = type(term)
    if kind is ox.NamedNode:
        return _URI + encode_basestring(term.value) + _END
    if type(term) is ox.Literal:
        language = term.language
        if language:
            return (
                _LITERAL
                + encode_basestring(term.value)
                + _LANGUAGE
                + encode_basestring(language)
                + _END
            )
        value, datatype = term.value, term.datatype.value
        if datatype == _XSD_STRING:
            return _LITERAL + encode_basestring(value) + _END
        if _is_canonical(value, datatype):
            return (
                _LITERAL + encode_basestring(value) + _DATATYPE + encode_basestring(datatype) + _END
            )
    elif kind is ox.BlankNode:
        return _BNODE + encode_basestring(term.value) + _END
    fields = ",\n".join(
        f"          {encode_basestring(key)}: {encode_basestring(value)}"
        for key, value in json_term(to_rdflib(term)).items()
    )
    return "{\n" + fields + _END


def _is_canonical(value: str, datatype: str) -> bool:
    """True when rdflib would write this typed literal's value back unchanged."""
    if datatype == _XSD_INTEGER:
        return _CANONICAL_INTEGER.fullmatch(value) is not None
    return datatype == _XSD_BOOLEAN and value in _BOOLEANS


def csv_results(
    variables: list[str], rows: Iterable[Row], *, for_spreadsheets: bool = False
) -> bytes:
    """SPARQL 1.1 CSV results (CRLF line ends), as :func:`render_solutions` writes them.

    Exact values for a SPARQL client (``/sparql`` as ``text/csv``); with ``for_spreadsheets``
    (the named queries' CSV), a cell a spreadsheet would run as a formula is quoted
    (:mod:`pstkg.spreadsheet_cells`).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    cell = memoised(_spreadsheet_cell if for_spreadsheets else _csv_cell)
    writer.writerows([cell(term) for term in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _spreadsheet_cell(term: Term | None) -> str:
    return neutralise(_csv_cell(term))


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if type(term) is ox.Literal and (
        term.language
        or (datatype := term.datatype.value) == _XSD_STRING
        or _is_canonical(term.value, datatype)
    ):
        return term.value
    if kind is ox.BlankNode:
        return "_:" + term.value
    return csv_cell(to_rdflib(term))


def plain_json(query: str, variables: list[str], rows: Iterable[Row]) -> bytes:
    """A named query's rows as ``{"query", "variables", "rows"}``, values as plain JSON."""
    return dumps({"query": query, "variables": variables, "rows": plain_dicts(variables, rows)})


def plain_dicts(variables: list[str], rows: Iterable[Row]) -> list[dict[str, object]]:
    """Each row as a variable → plain value mapping (str, int, bool, None…)."""
    value = memoised(_plain)
    return [{name: value(term) for name, term in zip(variables, row, strict=True)} for row in rows]


def _plain(term: Term | None) -> object:
    if term is None:
        return None
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if type(term) is ox.Literal:
        if term.language:
            return term.value
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return term.value
        if datatype == _XSD_INTEGER and _CANONICAL_INTEGER.fullmatch(term.value):
            return int(term.value)
        if datatype == _XSD_BOOLEAN and term.value in _BOOLEANS:
            return _BOOLEANS[term.value]
    elif kind is ox.BlankNode:
        return term.value
    return plain_value(to_rdflib(term))


SOLUTION_WRITERS: dict[str, Callable[[list[str], list[Row]], bytes]] = {
    SPARQL_JSON: sparql_json,
    "application/json": sparql_json,
    "text/csv": csv_results,
}
"""The /sparql result formats written from pyoxigraph terms; the others go through rdflib."""
