"""Recomputing the derived graphs after plans are loaded.

Called by :func:`pstkg.loading.load_files` after each batch. A plan's derived graph is
recomputed when the plan was (re)loaded in the batch, when it has none, or when the data or
method it was computed with changed (its ``pst:inputDigest``); graphs of plans no longer in the
store are dropped; the similarity graph, which depends on every plan, is recomputed whenever
a plan's derived graph was (or its own data changed).
Everything is a pure function of the store's plans and the data files, in a fixed order, so
loading the same files twice leaves the store identical.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files

from rdflib import Graph, URIRef

from pstkg.linking.goals import suggest_goals
from pstkg.linking.graphs import (
    SIMILARITY_GRAPH,
    add_goals,
    add_resolution,
    add_similarity,
    add_themes,
    derived_graph_iri,
    describe_graph,
    new_graph,
)
from pstkg.linking.inputs import PlanInput, read_plans
from pstkg.linking.organisations import PlanContext, resolve
from pstkg.linking.registry import PARTNERS_TTL, registry
from pstkg.linking.similarity import Document, similar_items
from pstkg.linking.themes import THEMES_TTL, ThemeAssignment, classify, theme_scheme
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.ontology import ONTOLOGY_DIR
from pstkg.store import PlanStore, SelectResult

METHOD_VERSION = "pst-kg linking 1"
"""Change when the code's method changes, so stored derived graphs are recomputed."""

# The plan a derived graph was made from; the similarity graph (made from all) has none here.
_DERIVED = """
SELECT ?graph ?plan ?digest WHERE {
  GRAPH ?graph { ?graph a pst:DerivedGraph ; pst:inputDigest ?digest .
                 OPTIONAL { ?graph prov:wasDerivedFrom ?plan FILTER(?graph != ?similarity) } }
}"""


@dataclass
class DerivationReport:
    """What a derivation did, for the load report and for measuring it."""

    plans_derived: list[str] = field(default_factory=list)
    graphs_dropped: list[str] = field(default_factory=list)
    items: int = 0
    theme_assignments: int = 0
    resolutions: int = 0
    to_review: int = 0
    similarity_links: int = 0
    seconds: float = 0.0


def input_digest() -> str:
    """SHA-256 of the data files and method version the derivation depends on."""
    digest = hashlib.sha256(METHOD_VERSION.encode("utf-8"))
    for path in (THEMES_TTL, PARTNERS_TTL, ONTOLOGY_DIR / "methods.ttl"):
        digest.update(path.read_bytes())
    digest.update(files("pstkg.linking").joinpath("stopwords-fr.txt").read_bytes())
    return digest.hexdigest()


def derive_links(store: PlanStore, changed: Iterable[str | URIRef] = ()) -> DerivationReport:
    """Bring the derived graphs up to date with the plans in the store."""
    started = time.perf_counter()
    report = DerivationReport()
    digest = input_digest()
    plans = read_plans(store)
    stored = _stored_digests(store)
    for graph, (plan, _) in sorted(stored.items()):
        if graph != SIMILARITY_GRAPH and (plan is None or URIRef(plan) not in plans):
            store.drop_graph(graph)
            report.graphs_dropped.append(str(graph))
    changed = {URIRef(plan) for plan in changed}
    themes: dict[URIRef, list[ThemeAssignment]] = {}
    for plan in sorted(plans):
        themes.update(_classify(plans[plan]))
        graph_iri = derived_graph_iri(plan)
        if plan in changed or stored.get(graph_iri, (None, None))[1] != digest:
            graph = _plan_graph(plans[plan], themes, digest, report)
            store.replace_graph(graph_iri, graph)
            report.plans_derived.append(str(plan))
    if (
        report.plans_derived
        or report.graphs_dropped
        or stored.get(SIMILARITY_GRAPH)
        != (
            None,
            digest,
        )
    ):
        graph = _similarity_graph(plans, themes, digest, report)
        store.replace_graph(SIMILARITY_GRAPH, graph)
    report.items = len(themes)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _classify(plan: PlanInput) -> dict[URIRef, list[ThemeAssignment]]:
    return {iri: classify(item.text()) for iri, item in sorted(plan.items.items())}


def _plan_graph(
    plan: PlanInput,
    themes: dict[URIRef, list[ThemeAssignment]],
    digest: str,
    report: DerivationReport,
) -> Graph:
    graph = new_graph()
    describe_graph(graph, derived_graph_iri(plan.iri), [plan.iri], digest)
    context = PlanContext(plan.cpas, plan.cpas_label)
    for written, name in sorted(plan.organisations.items()):
        resolution = resolve(name, context, registry())
        add_resolution(graph, written, resolution)
        report.resolutions += 1
        report.to_review += any(created.needs_review for created in resolution.created)
    scheme = theme_scheme()
    for item in sorted(plan.items):
        add_themes(graph, item, themes[item], scheme)
        add_goals(graph, item, suggest_goals(themes[item], scheme))
        report.theme_assignments += len(themes[item])
    return graph


def _similarity_graph(
    plans: dict[URIRef, PlanInput],
    themes: dict[URIRef, list[ThemeAssignment]],
    digest: str,
    report: DerivationReport,
) -> Graph:
    documents = [
        Document(
            item.iri,
            plan.iri,
            item.title,
            tuple(sorted(item.descriptions)),
            frozenset(assignment.theme for assignment in themes[item.iri]),
        )
        for plan in (plans[iri] for iri in sorted(plans))
        for item in (plan.items[iri] for iri in sorted(plan.items))
    ]
    graph = new_graph()
    describe_graph(graph, SIMILARITY_GRAPH, sorted(plans), digest)
    labels = {iri: theme.label for iri, theme in theme_scheme().themes.items()}
    for link in similar_items(documents):
        add_similarity(graph, link, labels)
        report.similarity_links += 1
    return graph


def _stored_digests(store: PlanStore) -> dict[URIRef, tuple[str | None, str]]:
    """Derived graphs in the store: graph → (its plan, the digest it was made with)."""
    result = store.query(SPARQL_PREFIXES + _DERIVED.replace("?similarity", SIMILARITY_GRAPH.n3()))
    assert isinstance(result, SelectResult)
    return {
        URIRef(row["graph"]): (str(row["plan"]) if row["plan"] else None, str(row["digest"]))
        for row in result.as_dicts()
    }
