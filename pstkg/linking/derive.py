"""Recomputing the derived graphs after plans are loaded.

Called by :func:`pstkg.loading.load_files` after each batch. A plan's derived graph is
recomputed when the plan was (re)loaded in the batch, when it has none, or when the data or
method it was computed with changed (its ``pst:inputDigest``); graphs of plans no longer in the
store are dropped; the similarity graph, which depends on every plan, is recomputed whenever
a plan's derived graph was (or its own data changed), and so are the continuity links between
the successive plans of a CPAS (:mod:`pstkg.linking.continuity`).
Everything is a pure function of the store's plans and the data files, in a fixed order, so
loading the same files twice leaves the store identical.

The work follows what changed: the loader's workers derive the plans they read (``prepared``);
plans whose derived graph is up to date are not derived again, and the similarity reads their
projects' themes from that graph (:func:`pstkg.linking.inputs.read_stored_themes`) rather than
classify them again. Loading one plan into a region of 1,000 thus reads the others' texts (the
similarity's inverse frequencies depend on every plan) but derives one plan.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib.resources import files

from rdflib import URIRef

from pstkg.linking.continuity import settings_text as continuity_settings
from pstkg.linking.continuity_graph import write_continuity
from pstkg.linking.graphs import SIMILARITY_GRAPH, derived_graph_iri
from pstkg.linking.inputs import list_plans, read_plans, read_stored_themes
from pstkg.linking.plan_links import PlanLinks, derive_plan
from pstkg.linking.registry import PARTNERS_TTL
from pstkg.linking.similarity import Document, similar_items
from pstkg.linking.similarity_graph import write_similarity
from pstkg.linking.themes import THEMES_TTL, theme_scheme
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.ontology import ONTOLOGY_DIR
from pstkg.store import PlanStore, SelectResult
from pstkg.store.writer import GraphWriter

METHOD_VERSION = "pst-kg linking 3"
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
    continuity_links: int = 0
    seconds: float = 0.0


def input_digest() -> str:
    """SHA-256 of the data files and method version the derivation depends on."""
    digest = hashlib.sha256(METHOD_VERSION.encode("utf-8"))
    for path in (THEMES_TTL, PARTNERS_TTL, ONTOLOGY_DIR / "methods.ttl"):
        digest.update(path.read_bytes())
    digest.update(files("pstkg.linking").joinpath("stopwords-fr.txt").read_bytes())
    digest.update(continuity_settings().encode("utf-8"))
    return digest.hexdigest()


def derive_links(
    store: PlanStore,
    changed: Iterable[str | URIRef] = (),
    *,
    bulk: bool = True,
    prepared: Mapping[URIRef, PlanLinks] | None = None,
    writer: GraphWriter | None = None,
) -> DerivationReport:
    """Bring the derived graphs up to date with the plans in the store.

    ``prepared`` are plans whose derived graph the loader has already made and given to
    ``writer`` with the plan graph (its workers derive each plan as they read it): they count
    as derived, and may still be on their way to the store, so the derivation starts while
    they are written. New derived graphs are written through the store's bulk path
    (``bulk``), else each in a transaction of its own.
    """
    started = time.perf_counter()
    report = DerivationReport()
    digest = input_digest()
    prepared = prepared or {}
    # The prepared plans are in the store, or will be when the writer is done.
    in_store = set(list_plans(store)) | set(prepared)
    plans = sorted(in_store)
    stored = _stored_digests(store)
    existing = set(store.graph_names())
    for graph, (plan, _) in sorted(stored.items()):
        if graph != SIMILARITY_GRAPH and (plan is None or URIRef(plan) not in in_store):
            store.drop_graph(graph)
            report.graphs_dropped.append(str(graph))
    changed = {URIRef(plan) for plan in changed}
    found: dict[URIRef, PlanLinks] = {plan: prepared[plan] for plan in plans if plan in prepared}
    current = [
        plan
        for plan in plans
        if plan not in found
        and plan not in changed
        and stored.get(derived_graph_iri(plan), (None, None))[1] == digest
    ]
    stale = [plan for plan in plans if plan not in found and plan not in current]
    with ExitStack() as stack:
        if writer is None:
            writer = stack.enter_context(GraphWriter(store, bulk=bulk))
        inputs = read_plans(store, only=set(stale)) if stale else {}
        for plan in sorted(inputs):
            derived = derive_plan(inputs[plan], digest)
            if derived.graph_iri in existing:
                writer.replace(derived.graph_iri, derived.triples)
            else:
                writer.add(derived.graph_iri, derived.triples)
            found[plan] = derived.links
        for plan in sorted(found):
            links = found[plan]
            report.plans_derived.append(str(plan))
            report.resolutions += links.resolutions
            report.to_review += links.to_review
            report.theme_assignments += links.theme_assignments
        similarity = stored.get(SIMILARITY_GRAPH, (None, None))[1]
        if report.plans_derived or report.graphs_dropped or similarity != digest:
            documents = [
                document
                for links in _plan_links(store, found, current)
                for document in links.documents
            ]
            similar = similar_items(documents)
            report.items, report.similarity_links = len(documents), len(similar)
            labels = {iri: theme.label for iri, theme in theme_scheme().themes.items()}
            write_similarity(writer, similar, sorted(plans), digest, labels, similarity)
            # Continuity spans two plans of a CPAS and lives in the later one's derived graph:
            # stated once every derived graph is in (a replaced graph would lose it).
            writer.wait()
            report.continuity_links = write_continuity(writer.store)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _plan_links(
    store: PlanStore, found: dict[URIRef, PlanLinks], current: list[URIRef]
) -> list[PlanLinks]:
    """Every plan's projects, in IRI order: as derived now, or read with the themes their
    (up to date) derived graph gives them."""
    every = dict(found)
    if current:
        inputs = read_plans(store, only=set(current), organisations=False)
        themes = read_stored_themes(store, current)
        for plan, given in inputs.items():
            documents = tuple(
                Document(
                    item.iri,
                    plan,
                    item.title,
                    tuple(sorted(item.descriptions)),
                    themes.get(item.iri, frozenset()),
                )
                for item in (given.items[iri] for iri in sorted(given.items))
            )
            every[plan] = PlanLinks(plan, documents, 0, 0, 0)
    return [every[plan] for plan in sorted(every)]


def stale_derived_graphs(store: PlanStore) -> int:
    """How many derived graphs were made with other data files or another method than this
    pst-kg's (a store derived by an earlier version): the next ``pst load`` remakes them."""
    digest = input_digest()
    return sum(1 for _, made_with in _stored_digests(store).values() if made_with != digest)


def _stored_digests(store: PlanStore) -> dict[URIRef, tuple[str | None, str]]:
    """Derived graphs in the store: graph → (its plan, the digest it was made with)."""
    result = store.query(SPARQL_PREFIXES + _DERIVED.replace("?similarity", SIMILARITY_GRAPH.n3()))
    assert isinstance(result, SelectResult)
    return {
        URIRef(str(row["graph"])): (str(row["plan"]) if row["plan"] else None, str(row["digest"]))
        for row in result.as_dicts()
    }
