"""``pst load``: documents → plan graphs → the store, one transaction per plan, with a report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, Literal

from pstkg.builder import build_plan_graph
from pstkg.errors import InputError
from pstkg.identity import SIDECAR_SUFFIX, resolve_identity
from pstkg.inference import forget_all_inferences, replace_plan_graph
from pstkg.linking import derive_links
from pstkg.loaders.read import SUPPORTED_SUFFIXES, read_document
from pstkg.namespaces import GRAPH, PST
from pstkg.ontology import ONTOLOGY_DIR
from pstkg.store import PlanStore

VOCABULARY_GRAPH = GRAPH.vocabulary
"""Named graph holding the ontology and concept schemes, so queries can use their labels."""


@dataclass
class LoadReport:
    """What loading one file did: recognised counts, skipped passages, warnings, or the error."""

    file: str
    loaded: bool
    error: str | None = None
    layout: str | None = None
    plan: str | None = None
    cpas: str | None = None
    cpas_from: str | None = None
    legislature: str | None = None
    legislature_from: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[dict[str, object]] = field(default_factory=list)
    warnings: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The report as plain data, for ``--report json``."""
        return asdict(self)


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the plan documents inside named folders (sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUPPORTED_SUFFIXES - {""}
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
    try:
        document = read_document(path)
        identity = resolve_identity(document.parsed, path, cpas, legislature)
        built = build_plan_graph(document.parsed, document.source, identity)
    except InputError as error:
        return LoadReport(file=str(path), loaded=False, error=str(error))
    replace_plan_graph(store, built.iri, built.graph)  # and drop inferences it invalidates
    parsed = document.parsed
    return LoadReport(
        file=str(path),
        loaded=True,
        layout=parsed.layout,
        plan=str(built.iri),
        cpas=identity.cpas_name,
        cpas_from=identity.cpas_from,
        legislature=identity.legislature,
        legislature_from=identity.legislature_from,
        counts=built.counts,
        skipped=[_finding(f, "reason") for f in parsed.skipped],
        warnings=[_finding(f, "message") for f in [*parsed.warnings, *built.warnings]],
    )


def load_files(
    store: PlanStore,
    paths: Iterable[Path],
    cpas: str | None = None,
    legislature: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
) -> list[LoadReport]:
    """Load each file in its own transaction: a bad file does not stop the good ones."""
    files = list(expand_paths(paths))
    ensure_vocabulary(store)
    reports = []
    for index, path in enumerate(files, start=1):
        if progress:
            progress(index, len(files), path)
        reports.append(load_file(store, path, cpas, legislature))
    loaded = [report.plan for report in reports if report.loaded and report.plan]
    if loaded:
        # Derived links (themes, resolved partners, ODD suggestions, similar projects) follow
        # the plans, in graphs of their own; a batch where nothing loaded changes nothing.
        derive_links(store, loaded)
    return reports


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


def _finding(finding, key: str) -> dict[str, object]:
    return {"lines": [finding.span.first_line, finding.span.last_line], key: finding.message}
