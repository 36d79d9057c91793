"""``pst reason``: HermiT over each plan of the store, its inferences kept in a graph of their own.

What a document says stays in the plan's graph (named by the plan's IRI); what the reasoner
derives from it goes to ``https://w3id.org/pst-kg/graph/inferred/{cpas}/{législature}``
(DESIGN §3: asserted vs derived). Queries may use both; ``pst plans``, ``plan-summary`` and
``pst validate`` read the plan graphs only, so they count what documents say.

An inferred graph is only valid for the plan graph and ontology it was computed from: loading a
changed plan drops its inferred graph, and a new ontology drops them all
(:func:`replace_plan_graph`, :func:`forget_all_inferences`); run ``pst reason`` again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from pstkg.namespaces import GRAPH, ID, PST
from pstkg.reasoning import InconsistentGraphError, reason
from pstkg.store import GraphContent, PlanStore

INFERRED_GRAPHS = GRAPH["inferred/"]
"""The IRIs of the inferred graphs start with this."""

DEFINED_CLASSES = (
    PST.TransversalProjectOrAction,
    PST.CrossStrategicProjectOrAction,
    PST.PartneredProjectOrAction,
)
"""The classes the ontology defines and only the reasoner fills."""


def inferred_graph_iri(plan: URIRef) -> URIRef:
    """``…/id/plan/dinant/2019-2024`` → ``…/graph/inferred/dinant/2019-2024``."""
    prefix = str(ID["plan/"])
    if not str(plan).startswith(prefix):
        raise ValueError(f"not a plan IRI: {plan}")
    return URIRef(str(INFERRED_GRAPHS) + str(plan)[len(prefix) :])


@dataclass(frozen=True)
class ReasoningOutcome:
    """What reasoning over one plan gave."""

    plan: URIRef
    graph: URIRef
    seconds: float
    statements: int = 0
    members: dict[URIRef, int] | None = None
    """How many items the reasoner placed in each defined class."""
    error: str | None = None


def _plan_graph(store: PlanStore, plan: URIRef) -> Graph:
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{plan}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Graph)
    return result


def reason_plan(store: PlanStore, plan: URIRef) -> ReasoningOutcome:
    """Run HermiT over one plan graph and replace its inferred graph with the result.

    An inconsistent plan gets no inferred graph (an old one is dropped: it would be stale); the
    outcome carries the reasoner's explanation instead.
    """
    started = time.perf_counter()
    target = inferred_graph_iri(plan)
    try:
        inferred = reason(_plan_graph(store, plan))
    except InconsistentGraphError as error:
        store.drop_graph(target)
        return ReasoningOutcome(plan, target, time.perf_counter() - started, error=str(error))
    members = {cls: len(set(inferred.subjects(RDF.type, cls))) for cls in DEFINED_CLASSES}
    statements = len(inferred)
    # Where the statements come from, so that a query can tell the derived graph of each plan.
    inferred.add((target, PROV.wasDerivedFrom, plan))
    store.replace_graph(target, inferred)
    return ReasoningOutcome(
        plan, target, time.perf_counter() - started, statements=statements, members=members
    )


def replace_plan_graph(store: PlanStore, plan: URIRef, graph: GraphContent) -> None:
    """Replace a plan's graph; drop its inferred graph if what the plan says has changed.

    Both versions are read back from the store before they are compared, so that the store's
    own normalisation of literals (an ``xsd:positiveInteger`` comes back as an ``xsd:integer``
    from Oxigraph) does not count as a change. Plan graphs have no blank nodes (DESIGN §3):
    comparing the sets of triples is comparing the graphs.
    """
    target = inferred_graph_iri(plan)
    if not store.has_graph(target):
        store.replace_graph(plan, graph)
        return
    before = set(_plan_graph(store, plan))
    store.replace_graph(plan, graph)
    if set(_plan_graph(store, plan)) != before:
        store.drop_graph(target)


def forget_all_inferences(store: PlanStore) -> int:
    """Drop every inferred graph (the ontology changed); returns how many were dropped."""
    dropped = 0
    for name in store.graph_names():
        if str(name).startswith(str(INFERRED_GRAPHS)):
            dropped += store.drop_graph(name)
    return dropped
