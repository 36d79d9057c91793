"""The embedded store: one named graph per plan, atomic replacement, safe bindings, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from pstkg.errors import QueryError, StoreError
from pstkg.namespaces import PST
from pstkg.store import ExportFormat, SelectResult, open_store

PLAN_A = URIRef("https://w3id.org/pst-kg/id/plan/a/2019-2024")
PLAN_B = URIRef("https://w3id.org/pst-kg/id/plan/b/2019-2024")


def plan_graph(plan: URIRef, title: str) -> Graph:
    graph = Graph()
    graph.add((plan, RDF.type, PST.Plan))
    graph.add((plan, PST.code, Literal(title, lang="fr")))
    return graph


def test_replace_graph_replaces_only_that_plan(store):
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "premier"))
    store.replace_graph(PLAN_B, plan_graph(PLAN_B, "autre"))
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "second"))
    result = store.query(
        "SELECT ?g ?t WHERE { GRAPH ?g { ?p <https://w3id.org/pst-kg/ontology#code> ?t } }"
        " ORDER BY ?g"
    )
    assert isinstance(result, SelectResult)
    assert [(str(g), str(t)) for g, t in result.rows] == [
        (str(PLAN_A), "second"),
        (str(PLAN_B), "autre"),
    ]
    assert store.graph_names() == [PLAN_A, PLAN_B]


def test_drop_graph(store):
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "x"))
    assert store.drop_graph(PLAN_A) is True
    assert store.drop_graph(PLAN_A) is False
    assert store.graph_names() == []


def test_bindings_are_values_not_query_text(store):
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "x"))
    hostile = Literal('x"@fr } } ; DROP ALL ; SELECT * WHERE { "')
    result = store.query(
        "SELECT ?p WHERE { GRAPH ?g { ?p <https://w3id.org/pst-kg/ontology#code> ?title } }",
        {"title": hostile},
    )
    assert isinstance(result, SelectResult) and result.rows == ()
    assert store.graph_names() == [PLAN_A]
    bound = store.query(
        "SELECT ?p WHERE { GRAPH ?g { ?p <https://w3id.org/pst-kg/ontology#code> ?title } }",
        {"title": Literal("x", lang="fr")},
    )
    assert bound.rows == ((PLAN_A,),)


def test_ask_and_construct_results(store):
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "x"))
    assert store.query("ASK { GRAPH ?g { ?s a ?type } }") is True
    graph = store.query("CONSTRUCT { ?s a ?t } WHERE { GRAPH ?g { ?s a ?t } }")
    assert isinstance(graph, Graph) and (PLAN_A, RDF.type, PST.Plan) in graph


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError, match=r"malformed SPARQL"):
        store.query("SELEKT nothing")


def test_export_round_trips_and_is_stable(store):
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "premier"))
    store.replace_graph(PLAN_B, plan_graph(PLAN_B, "autre"))
    trig = store.export(ExportFormat.TRIG)
    assert trig == store.export(ExportFormat.TRIG)
    dataset = Dataset()
    dataset.parse(data=trig, format="trig")
    assert isomorphic(dataset.graph(PLAN_A), plan_graph(PLAN_A, "premier"))
    assert isomorphic(dataset.graph(PLAN_B), plan_graph(PLAN_B, "autre"))
    for fmt, rdflib_format in ((ExportFormat.NQUADS, "nquads"), (ExportFormat.JSONLD, "json-ld")):
        again = Dataset()
        again.parse(data=store.export(fmt), format=rdflib_format)
        assert isomorphic(again.graph(PLAN_A), plan_graph(PLAN_A, "premier"))
    merged = Graph().parse(data=store.export(ExportFormat.TURTLE), format="turtle")
    assert len(merged) == 4


def test_export_of_one_plan(store):
    store.replace_graph(PLAN_A, plan_graph(PLAN_A, "premier"))
    store.replace_graph(PLAN_B, plan_graph(PLAN_B, "autre"))
    dataset = Dataset()
    dataset.parse(data=store.export(ExportFormat.TRIG, PLAN_B), format="trig")
    assert {URIRef(str(g.identifier)) for g in dataset.graphs() if len(g)} == {PLAN_B}
    with pytest.raises(StoreError, match=r"no plan"):
        store.export(ExportFormat.TRIG, URIRef("https://w3id.org/pst-kg/id/plan/none/2019-2024"))


def test_the_store_persists_on_disk(store_dir: Path):
    with open_store(store_dir) as first:
        first.replace_graph(PLAN_A, plan_graph(PLAN_A, "x"))
    with open_store(store_dir, read_only=True) as again:
        assert again.graph_names() == [PLAN_A]


def test_reading_a_missing_store_says_what_to_do(tmp_path: Path):
    with pytest.raises(StoreError, match=r"pst load"):
        open_store(tmp_path / "nothing-here", read_only=True)
