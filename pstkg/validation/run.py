"""Validating the plans of a store: the store engine by default, pyshacl plan by plan on request."""

from __future__ import annotations

from enum import StrEnum

from rdflib import URIRef

from pstkg.errors import StoreError
from pstkg.namespaces import expand_curie
from pstkg.store import PlanStore
from pstkg.validation.report import PlanReport, plan_report, rank, validate_plan_graph
from pstkg.validation.store_engine import run_region
from pstkg.validation.store_graphs import graph_of, plan_graphs, store_vocabulary

__all__ = [
    "Engine",
    "graph_of",
    "plan_graphs",
    "resolve_plan",
    "store_vocabulary",
    "validate_store",
]


class Engine(StrEnum):
    """Which SHACL engine validates: both give the same findings."""

    STORE = "store"
    """The shapes compiled to SPARQL and run by Oxigraph, all plans at once (the default)."""
    PYSHACL = "pyshacl"
    """pyshacl over each plan's graph with the vocabulary (the reference: slower)."""


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


def validate_store(
    store: PlanStore, plan: str | None = None, engine: Engine | str = Engine.STORE
) -> list[PlanReport]:
    """Validate one plan or every plan of the store; the reports ranked by completeness."""
    plans = resolve_plan(store, plan)
    if Engine(engine) is Engine.PYSHACL:
        vocabulary = store_vocabulary(store)
        reports = [validate_plan_graph(graph_of(store, iri), iri, vocabulary) for iri in plans]
    else:
        region = run_region(store, plans)
        reports = [plan_report(region.plan_graph(iri), iri, region.results[iri]) for iri in plans]
    return rank(reports)
