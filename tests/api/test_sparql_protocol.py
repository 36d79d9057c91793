"""/sparql as a researcher uses it: SPARQLWrapper, unchanged, against a live `pst serve`."""

from __future__ import annotations

import re
import threading
import time
import urllib.error

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.api.conftest import LiveServer

DINANT = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
BURDINNE = "https://w3id.org/pst-kg/id/plan/burdinne/2019-2024"
PLANS = """
PREFIX pst: <https://w3id.org/pst-kg/ontology#>
SELECT ?plan WHERE { GRAPH ?plan { ?plan a pst:Plan } } ORDER BY ?plan
"""
# Three graphs joined with nothing in common: billions of solutions, never finishes in 2 s.
ENDLESS = """SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s2 ?p2 ?o2 } GRAPH ?c { ?s3 ?p3 ?o3 } }"""


def wrapper(server: LiveServer, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_select_json_get_and_post(live_server: LiveServer) -> None:
    for method in ("GET", POST):
        sparql = wrapper(live_server, PLANS)
        sparql.setMethod(method)
        rows = sparql.queryAndConvert()["results"]["bindings"]
        plans = [row["plan"]["value"] for row in rows]
        assert DINANT in plans and BURDINNE in plans and len(plans) == 4


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_select_other_result_formats(live_server: LiveServer, fmt: str) -> None:
    converted = wrapper(live_server, PLANS, fmt).queryAndConvert()
    text = converted.toxml() if fmt == XML else converted.decode()
    # The four plans, in order, as the JSON results give them.
    in_json = wrapper(live_server, PLANS).queryAndConvert()["results"]["bindings"]
    assert re.findall(r"https://w3id\.org/pst-kg/id/plan/[^\s<>\"]+", text) == [
        row["plan"]["value"] for row in in_json
    ]
    assert len(in_json) == 4


def test_ask(live_server: LiveServer) -> None:
    query = f"ASK {{ GRAPH <{DINANT}> {{ <{DINANT}> a pst:Plan }} }}"  # pst: is predeclared
    assert wrapper(live_server, query).queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, N3, "json-ld"])
def test_construct_in_rdf_syntaxes(live_server: LiveServer, fmt: str) -> None:
    query = f"CONSTRUCT {{ <{DINANT}> ?p ?o }} WHERE {{ GRAPH <{DINANT}> {{ <{DINANT}> ?p ?o }} }}"
    result = wrapper(live_server, query, fmt).query()
    body = result.response.read()
    graph = Graph().parse(
        data=body, format={RDFXML: "xml", "json-ld": "json-ld"}.get(fmt, "turtle")
    )
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DINANT}> {{ <{DINANT}> ?p ?o }} }}"
    bindings = wrapper(live_server, count).queryAndConvert()["results"]["bindings"]
    assert len(graph) == int(bindings[0]["n"]["value"]) > 3


def test_protocol_dataset(live_server: LiveServer) -> None:
    sparql = wrapper(live_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) == 0
    sparql.addDefaultGraph(DINANT)
    # The Dinant plan's graph: 748 triples, as `pst load` reports them.
    assert int(sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) == 748
    named = wrapper(live_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    named.addNamedGraph(BURDINNE)
    rows = named.queryAndConvert()["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == [BURDINNE]


def test_update_is_refused(live_server: LiveServer) -> None:
    sparql = SPARQLWrapper(live_server.sparql)
    sparql.setMethod(POST)
    sparql.setQuery(f"DROP GRAPH <{DINANT}>")  # SPARQLWrapper sends it as an update
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert "read-only" in refused.value.read().decode()
    assert len(wrapper(live_server, PLANS).queryAndConvert()["results"]["bindings"]) == 4


def test_malformed_query(live_server: LiveServer) -> None:
    with pytest.raises(QueryBadFormed, match="malformed SPARQL query"):
        wrapper(live_server, "SELECT ?x WHERE { ?x").query()


def test_result_cap_is_announced(live_server: LiveServer) -> None:
    result = wrapper(live_server, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").query()
    assert result.info()["x-result-truncated"] == "true"
    assert result.info()["x-result-limit"] == "50"
    assert len(result.convert()["results"]["bindings"]) == 50
    small = wrapper(live_server, PLANS).query()
    assert "x-result-truncated" not in small.info()


def test_timeout_stops_the_query_and_others_are_served(live_server: LiveServer) -> None:
    outcome: dict[str, object] = {}

    def run_endless() -> None:
        try:
            wrapper(live_server, ENDLESS).query()
        except urllib.error.HTTPError as error:
            outcome["status"], outcome["message"] = error.code, error.read().decode()

    endless = threading.Thread(target=run_endless)
    endless.start()
    time.sleep(0.5)
    rows = wrapper(live_server, PLANS).queryAndConvert()["results"]["bindings"]
    # Served meanwhile: the endless query has not been answered yet (it is stopped at 2 s).
    assert len(rows) == 4 and endless.is_alive() and outcome == {}
    endless.join(timeout=30)
    assert outcome["status"] == 503
    assert "stopped after 2 s" in str(outcome["message"])
