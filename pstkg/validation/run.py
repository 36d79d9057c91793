"""Validating the plans of a store: the store engine by default, pyshacl plan by plan on request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from rdflib import URIRef

from pstkg.display import shorten
from pstkg.errors import StoreError
from pstkg.namespaces import expand_curie
from pstkg.store import PlanStore
from pstkg.validation.report import PlanReport, plan_report, rank, validate_plan_graph
from pstkg.validation.store_engine import run_region
from pstkg.validation.store_graphs import (
    evaluation_graphs,
    graph_of,
    plan_graphs,
    store_vocabulary,
    union_of,
)
from pstkg.validation.timeline import Timeline

__all__ = [
    "Engine",
    "graph_of",
    "plan_graphs",
    "resolve_plan",
    "store_vocabulary",
    "validate_each",
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
    store: PlanStore,
    plan: str | None = None,
    engine: Engine | str = Engine.STORE,
    as_of: date | None = None,
) -> list[PlanReport]:
    """Validate one plan or every plan of the store; the reports ranked by completeness.

    ``as_of`` (default today) is the date the evaluation duties and échéances are checked at.
    """
    plans = resolve_plan(store, plan)
    timelines = store_timelines(store, plans, as_of or date.today())
    if Engine(engine) is Engine.PYSHACL:
        vocabulary = store_vocabulary(store)
        reports = [
            validate_plan_graph(graph_of(store, iri), iri, vocabulary, timelines[iri])
            for iri in plans
        ]
    else:
        region = run_region(store, plans)
        reports = [
            plan_report(region.plan_graph(iri), iri, region.results[iri], timelines[iri])
            for iri in plans
        ]
    return rank(reports)


def store_timelines(store: PlanStore, plans: list[URIRef], as_of: date) -> dict[URIRef, Timeline]:
    """Each plan's timeline: its evaluation graphs, or None for all if the store holds none."""
    graphs = evaluation_graphs(store)
    return {
        plan: Timeline(as_of, union_of(store, graphs.get(plan, [])) if graphs else None)
        for plan in plans
    }


@dataclass
class StoreValidation:
    """The reports of the plans that could be validated, and why the others could not."""

    reports: list[PlanReport]
    failures: dict[URIRef, str] = field(default_factory=dict)
    """Each plan that could not be validated, with the reason in one line."""


def validate_each(
    store: PlanStore,
    plan: str | None = None,
    engine: Engine | str = Engine.STORE,
    as_of: date | None = None,
) -> StoreValidation:
    """:func:`validate_store`, where one plan that cannot be validated does not stop the others.

    The plans are validated together; if that fails, one by one, and each plan that fails
    is set aside with its reason. An empty store or an unknown plan still raises.
    """
    plans = resolve_plan(store, plan)
    try:
        return StoreValidation(validate_store(store, plan, engine, as_of))
    except Exception:  # which plan failed, and why, is found below
        pass
    reports, failures = [], {}
    for iri in plans:
        try:
            reports += validate_store(store, str(iri), engine, as_of)
        except Exception as error:  # one bad plan in the store: reported, the others go on
            failures[iri] = failure_reason(error)
    return StoreValidation(rank(reports), failures)


def failure_reason(error: BaseException) -> str:
    """Why a plan could not be validated or shown, in one line of reasonable length."""
    text = " ".join(str(error).split()) or type(error).__name__
    return shorten(text, 300)
