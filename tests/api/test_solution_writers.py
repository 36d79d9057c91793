"""The pyoxigraph → bytes writers give, byte for byte, what the rdflib path gives."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pstkg.api.serializers import SPARQL_JSON, dumps, plain_rows, render_solutions
from pstkg.api.solution_writers import csv_results, plain_json, read_solutions, sparql_json
from pstkg.store import SelectResult, open_store
from pstkg.store.embedded import EmbeddedStore
from pstkg.store.terms import to_query_result, to_rdflib

# Every kind of term a result may hold: those written from pyoxigraph's values and those
# that go through rdflib (non-canonical or other typed literals, odd characters).
DATA = """
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ex: <http://example.org/>
INSERT DATA { GRAPH ex:g {
  ex:a ex:v <http://example.org/é?q=1&x=%22y%22> , _:b1 , "plain" , "quote \\" back\\\\slash" ,
       "tab\\tnew\\nline\\r\\u0001 ünïcode ✓" , "titre"@fr , "colour"@en-GB , ""@fr , "" ,
       42 , -7 , 0 , "007"^^xsd:integer , "+5"^^xsd:integer , "abc"^^xsd:integer ,
       1.50 , "1.0E2"^^xsd:double , "NaN"^^xsd:double , true , "1"^^xsd:boolean ,
       "2024-01-31"^^xsd:date , "2024-01-31T10:00:00Z"^^xsd:dateTime ,
       "x"^^ex:custom , "12"^^xsd:long , "9"^^xsd:nonNegativeInteger .
  _:b1 ex:v "from a blank node" .
} }
"""

QUERIES = {
    "every term, with unbound cells": """
        SELECT ?s ?o ?missing WHERE {
          GRAPH ?g { ?s ?p ?o } OPTIONAL { ?o <http://example.org/none> ?missing } }
        ORDER BY STR(?s) STR(?o)""",
    "computed values": """
        SELECT ?n ?sum ?text ?flag WHERE {
          { SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } }
          BIND(?n + 0.5 AS ?sum) BIND(CONCAT("n=", STR(?n)) AS ?text) BIND(?n > 3 AS ?flag) }""",
    "a row with nothing bound": "SELECT ?x WHERE { OPTIONAL { ?x <http://example.org/none> 1 } }",
    "no variable": "SELECT * WHERE { }",
    "no row": "SELECT ?s WHERE { GRAPH ?g { ?s <http://example.org/none> ?o } }",
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """An in-memory pyoxigraph store holding :data:`DATA`."""
    memory = ox.Store()
    memory.update(DATA)
    return memory


def both(store: ox.Store, sparql: str) -> tuple[tuple[list[str], list], SelectResult]:
    """The raw rows (for the new writers) and the rdflib result (for the old path)."""
    variables, rows, truncated = read_solutions(store.query(sparql))
    assert not truncated
    result, _ = to_query_result(store.query(sparql))
    assert isinstance(result, SelectResult)
    return (variables, rows), result


@pytest.mark.parametrize("name", QUERIES)
def test_sparql_json_is_identical(store: ox.Store, name: str) -> None:
    (variables, rows), result = both(store, QUERIES[name])
    assert sparql_json(variables, rows) == render_solutions(result, SPARQL_JSON)


@pytest.mark.parametrize("name", QUERIES)
def test_csv_is_identical(store: ox.Store, name: str) -> None:
    (variables, rows), result = both(store, QUERIES[name])
    assert csv_results(variables, rows) == render_solutions(result, "text/csv")


@pytest.mark.parametrize("name", QUERIES)
def test_plain_json_rows_are_identical(store: ox.Store, name: str) -> None:
    (variables, rows), result = both(store, QUERIES[name])
    expected = {"query": "q", "variables": list(result.variables), "rows": plain_rows(result)}
    assert plain_json("q", variables, rows) == dumps(expected)


def test_identical_on_the_corpus(corpus_store: Path) -> None:
    with open_store(corpus_store, read_only=True) as corpus:
        assert isinstance(corpus, EmbeddedStore)
        sparql = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
        variables, rows, _ = read_solutions(corpus.query_raw(sparql))
        result, _ = to_query_result(corpus.query_raw(sparql))
    assert isinstance(result, SelectResult) and len(rows) > 10_000
    assert sparql_json(variables, rows) == render_solutions(result, SPARQL_JSON)
    assert csv_results(variables, rows) == render_solutions(result, "text/csv")
    expected = {"query": "q", "variables": list(result.variables), "rows": plain_rows(result)}
    assert plain_json("q", variables, rows) == dumps(expected)


def test_the_cap_reads_one_row_more_to_tell(store: ox.Store) -> None:
    sparql = "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, rows, truncated = read_solutions(store.query(sparql), 3)
    assert len(rows) == 3 and truncated
    _, everything, _ = read_solutions(store.query(sparql))
    _, rows, truncated = read_solutions(store.query(sparql), len(everything))
    assert len(rows) == len(everything) and not truncated


def test_non_canonical_literals_are_written_as_rdflib_writes_them() -> None:
    # pyoxigraph canonicalises what it stores and computes; a term built by hand is not, and
    # rdflib would rewrite its value ("007" → "7"): the writers must do the same.
    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = [
        ox.Literal(value, datatype=ox.NamedNode(xsd + kind))
        for value, kind in [
            ("007", "integer"),
            ("+5", "integer"),
            ("-0", "integer"),
            ("1", "boolean"),
            ("0", "boolean"),
            ("1.50", "decimal"),
        ]
    ]
    variables, rows = ["x"], [[term] for term in terms]
    result = SelectResult(("x",), tuple((to_rdflib(term),) for term in terms))
    assert sparql_json(variables, rows) == render_solutions(result, SPARQL_JSON)
    assert csv_results(variables, rows) == render_solutions(result, "text/csv")
    expected = {"query": "q", "variables": ["x"], "rows": plain_rows(result)}
    assert plain_json("q", variables, rows) == dumps(expected)
