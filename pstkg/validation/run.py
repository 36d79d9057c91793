"""Validating the plans of a store: each plan's named graph with the store's vocabulary graph."""

from __future__ import annotations

from rdflib import Graph, URIRef

from pstkg.errors import StoreError
from pstkg.loading import VOCABULARY_GRAPH
from pstkg.namespaces import PST, expand_curie
from pstkg.store import PlanStore, SelectResult
from pstkg.validation.engine import bundled_vocabulary
from pstkg.validation.report import PlanReport, rank, validate_plan_graph

# A plan's graph is named by the plan's IRI; derived graphs (inferred, linking) and the vocabulary
# graph hold no pst:Plan named like themselves, so they are never taken for plans.
_PLANS = f"SELECT ?plan WHERE {{ GRAPH ?plan {{ ?plan a <{PST.Plan}> }} }} ORDER BY ?plan"


def plan_graphs(store: PlanStore) -> list[URIRef]:
    """The IRIs of the plans in the store (each the name of its graph), sorted."""
    result = store.query(_PLANS)
    assert isinstance(result, SelectResult)
    return [row[0] for row in result.rows if isinstance(row[0], URIRef)]


def graph_of(store: PlanStore, graph_iri: URIRef) -> Graph:
    """The triples of one named graph of the store."""
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Graph)
    return result


def store_vocabulary(store: PlanStore) -> Graph:
    """The store's vocabulary graph, or the bundled ontology files if the store has none."""
    vocabulary = graph_of(store, VOCABULARY_GRAPH)
    return vocabulary if len(vocabulary) else bundled_vocabulary()


def resolve_plan(store: PlanStore, plan: str | None) -> list[URIRef]:
    """The plans to validate: ``plan`` (an IRI, or ``pstid:…`` as ``pst plans`` prints it) or all.

    Raises :class:`StoreError` with one clear line for an empty store or an unknown plan.
    """
    plans = plan_graphs(store)
    if not plans:
        raise StoreError("the store holds no plan: load plans first (pst load PATH...)")
    if plan is None:
        return plans
    iri = URIRef(expand_curie(plan))
    if iri not in plans:
        raise StoreError(f"no plan {iri} in the store (pst plans lists them)")
    return [iri]


def validate_store(store: PlanStore, plan: str | None = None) -> list[PlanReport]:
    """Validate one plan or every plan of the store; the reports ranked by completeness."""
    vocabulary = store_vocabulary(store)
    reports = [
        validate_plan_graph(graph_of(store, iri), iri, vocabulary)
        for iri in resolve_plan(store, plan)
    ]
    return rank(reports)
