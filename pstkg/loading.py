"""``pst load``: documents → plan graphs → the store, each plan written whole, with a report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from pstkg.evaluations.load import is_evaluation, load_evaluation
from pstkg.identity import SIDECAR_SUFFIX
from pstkg.inference import forget_all_inferences, inferred_graph_iri, replace_plan_graph
from pstkg.linking import derive_links
from pstkg.linking.derive import input_digest
from pstkg.linking.plan_links import PlanLinks
from pstkg.loaders.read import SUPPORTED_SUFFIXES
from pstkg.namespaces import GRAPH, ID, PST
from pstkg.ontology import ONTOLOGY_DIR
from pstkg.reading import LoadReport, read_file, read_files
from pstkg.store import GraphContent, PlanStore
from pstkg.store.writer import GraphWriter
from pstkg.triples import TripleSet

__all__ = ["LoadReport", "ensure_vocabulary", "expand_paths", "load_file", "load_files"]

VOCABULARY_GRAPH = GRAPH.vocabulary
"""Named graph holding the ontology and concept schemes, so queries can use their labels."""
BULK_FROM = 16
"""Batches of this many files or more write their new plans with the store's bulk path."""


FOLDER_SUFFIXES = SUPPORTED_SUFFIXES - {"", ".md"}
"""What a folder's files are read as plans by: a Markdown file beside plans is most often the
folder's notes (README.md), so Markdown is read only when a file is named."""


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the plan documents inside named folders (sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if (
                    child.is_file()
                    and child.suffix.lower() in FOLDER_SUFFIXES
                    and not child.name.endswith(SIDECAR_SUFFIX)
                    and child.name.lower() not in {"readme.txt"}
                ):
                    yield child
        else:
            yield path


def load_file(
    store: PlanStore, path: Path, cpas: str | None = None, legislature: str | None = None
) -> LoadReport:
    """Load one document; on any input error the store is left exactly as it was."""
    if is_evaluation(path):
        return load_evaluation(store, path)
    result = read_file(path, cpas, legislature)
    if result.triples is not None and result.report.plan:
        # and drop the inferences it invalidates
        replace_plan_graph(store, URIRef(result.report.plan), result.triples)
    return result.report


def load_files(
    store: PlanStore,
    paths: Iterable[Path],
    cpas: str | None = None,
    legislature: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    *,
    workers: int | None = None,
    bulk: bool | None = None,
) -> list[LoadReport]:
    """Load each file as a unit of its own: a bad file does not stop the good ones.

    Documents are read by ``workers`` processes (:func:`pstkg.reading.read_files`). A plan
    already in the store is replaced in one transaction; new plans are written by the
    store's bulk path (:meth:`PlanStore.add_graphs`) when ``bulk`` (default: for
    :data:`BULK_FROM` files or more), else one transaction each. Either way a document that
    fails to read writes nothing.
    """
    every_file = list(expand_paths(paths))
    # Evaluations and follow-ups are read after the plans: their plan may be in this batch.
    evaluations = [path for path in every_file if is_evaluation(path)]
    files = [path for path in every_file if path not in evaluations]
    ensure_vocabulary(store)
    reports = []
    prepared: dict[URIRef, PlanLinks] = {}
    bulk = len(files) >= BULK_FROM if bulk is None else bulk
    with GraphWriter(store, bulk=bulk) as graphs:
        writer = _PlanWriter(store, graphs)
        results = read_files(files, cpas, legislature, workers, input_digest())
        for index, (path, result) in enumerate(zip(files, results, strict=True), start=1):
            if progress:
                progress(index, len(every_file), path)
            if result.triples is not None and result.report.plan:
                plan = URIRef(result.report.plan)
                writer.write(plan, result.triples, replace_plan_graph)
                if result.derived is not None:
                    derived = result.derived
                    writer.write(derived.graph_iri, derived.triples)
                    prepared[plan] = derived.links
            reports.append(result.report)
        loaded = [report.plan for report in reports if report.loaded and report.plan]
        if loaded:
            # Derived links (themes, resolved partners, ODD suggestions, similar projects)
            # follow the plans, in graphs of their own; a batch where nothing loaded changes
            # nothing. Each plan's own were made as it was read: what is left spans every
            # plan, and is computed while the last plans are being written.
            derive_links(store, loaded, bulk=bulk, prepared=prepared, writer=graphs)
    for index, path in enumerate(evaluations, start=len(files) + 1):
        if progress:
            progress(index, len(every_file), path)
        reports.append(load_evaluation(store, path))
    order = {str(path): index for index, path in enumerate(every_file)}
    return sorted(reports, key=lambda report: order[report.file])  # the files' order


class _PlanWriter:
    """Writes graphs in the order they come: new ones in bulk, known ones replaced."""

    def __init__(self, store: PlanStore, graphs: GraphWriter) -> None:
        self.store = store
        self.graphs = graphs
        self.written: set[URIRef] = set()

    def write(
        self,
        graph_iri: URIRef,
        triples: TripleSet,
        replace: Callable[[PlanStore, URIRef, GraphContent], None] | None = None,
    ) -> None:
        """Write one graph (in the store once the writer has been waited for)."""
        if graph_iri in self.written or self._known(graph_iri):
            # In the store, or read earlier in this batch (maybe not written yet): replaced
            # after what came before (by ``replace``, default ``replace_graph``).
            self.graphs.replace(graph_iri, triples, replace)
        else:
            self.graphs.add(graph_iri, triples)
        self.written.add(graph_iri)

    def _known(self, graph_iri: URIRef) -> bool:
        if self.store.has_graph(graph_iri):
            return True
        # A plan's inferred graph without the plan graph is stale: replace_plan_graph drops it.
        plan = str(graph_iri).startswith(str(ID["plan/"]))
        return plan and self.store.has_graph(inferred_graph_iri(graph_iri))


def ensure_vocabulary(store: PlanStore) -> None:
    """Place the ontology and concept schemes in their own named graph, if they changed.

    The ontology's OWL axioms use blank nodes, which get new labels at every parse: the
    graph is only replaced when the files' hash differs, so reloading changes nothing.
    """
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    already = store.query(
        f"ASK {{ GRAPH <{VOCABULARY_GRAPH}> {{ <{VOCABULARY_GRAPH}> <{PST.sha256}> ?hash }} }}",
        {"hash": Literal(digest)},
    )
    if already:
        return
    graph = Graph()
    for turtle in files:
        graph.parse(turtle, format="turtle")
    graph.add((VOCABULARY_GRAPH, PST.sha256, Literal(digest)))
    store.replace_graph(VOCABULARY_GRAPH, graph)
    forget_all_inferences(store)  # they were computed with the old ontology
