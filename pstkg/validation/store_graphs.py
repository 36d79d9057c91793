"""The graphs validation reads from a store: the plans' named graphs and the vocabulary graph."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from pstkg.loading import VOCABULARY_GRAPH
from pstkg.namespaces import GRAPH, PREFIXES, PST
from pstkg.store import PlanStore, SelectResult
from pstkg.triples import OxTerm, to_rdflib
from pstkg.validation.engine import bundled_vocabulary

# A plan's graph is named by the plan's IRI; derived graphs (inferred, linking) and the vocabulary
# graph hold no pst:Plan named like themselves, so they are never taken for plans.
_PLANS = f"SELECT ?plan WHERE {{ GRAPH ?plan {{ ?plan a <{PST.Plan}> }} }} ORDER BY ?plan"


def plan_graphs(store: PlanStore) -> list[URIRef]:
    """The IRIs of the plans in the store (each the name of its graph), sorted."""
    result = store.query(_PLANS)
    assert isinstance(result, SelectResult)
    return [row[0] for row in result.rows if isinstance(row[0], URIRef)]


EVALUATION_GRAPHS = GRAPH["evaluation/"]
"""The evaluation documents' graphs are named under this IRI (one graph per document)."""

_EVALUATIONS = f"""SELECT DISTINCT ?plan ?graph WHERE {{
  GRAPH ?graph {{
    {{ ?plan <{PST.hasEvaluation}> ?evaluation }} UNION {{ ?evaluation <{PST.evaluates}> ?plan }}
  }}
  FILTER (STRSTARTS(STR(?graph), "{EVALUATION_GRAPHS}"))
}} ORDER BY ?plan ?graph"""


def evaluation_graphs(store: PlanStore) -> dict[URIRef, list[URIRef]]:
    """Each plan's evaluation graphs (``<plan> pst:hasEvaluation ?e``, ``?e pst:evaluates <plan>``).

    The plan's own graph may also say ``pst:hasEvaluation``: there it means the plan PLANS an
    evaluation, and it is not read here.
    """
    result = store.query(_EVALUATIONS)
    assert isinstance(result, SelectResult)
    graphs: dict[URIRef, list[URIRef]] = {}
    for plan, graph in result.rows:
        if isinstance(plan, URIRef) and isinstance(graph, URIRef):
            graphs.setdefault(plan, []).append(graph)
    return graphs


def union_of(store: PlanStore, graph_iris: Iterable[URIRef]) -> Graph:
    """The triples of several named graphs of the store, in one graph."""
    union = Graph()
    for graph_iri in graph_iris:
        union += graph_of(store, graph_iri)
    return union


def graph_of(store: PlanStore, graph_iri: URIRef) -> Graph:
    """The triples of one named graph of the store."""
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Graph)
    return result


def store_vocabulary(store: PlanStore) -> Graph:
    """The store's vocabulary graph, or the bundled ontology files if the store has none."""
    vocabulary = graph_of(store, VOCABULARY_GRAPH)
    return vocabulary if len(vocabulary) else bundled_vocabulary()


@cache
def _bundled_ntriples() -> bytes:
    return bundled_vocabulary().serialize(format="nt", encoding="utf-8")


def vocabulary_ntriples(store: PlanStore) -> bytes:
    """:func:`store_vocabulary` as N-Triples, fetched without going through rdflib."""
    return store.graph_ntriples(VOCABULARY_GRAPH) or _bundled_ntriples()


def ntriples_graph(data: bytes) -> Graph:
    """An rdflib graph of N-Triples, parsed by pyoxigraph (several times faster than rdflib)."""
    return quads_graph(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def quads_graph(quads: Iterable[ox.Quad]) -> Graph:
    """An rdflib graph of the triples of pyoxigraph ``quads`` (their graph names ignored)."""
    # A store without contexts, filled at once: the reports only read the graph.
    graph = Graph(store="SimpleMemory")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    # Each term converted once: an item is the subject of ~10 triples, predicates and classes
    # recur throughout, and an rdflib term costs microseconds to build.
    terms: dict[object, Identifier] = {}

    def term(node: OxTerm) -> Identifier:
        converted = terms.get(node)
        if converted is None:
            converted = terms[node] = to_rdflib(node)
        return converted

    graph.addN(
        (term(quad.subject), term(quad.predicate), term(quad.object), graph) for quad in quads
    )
    return graph
