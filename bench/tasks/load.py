"""Load a folder of plan documents into a new store, timed: ``python -m bench.tasks.load``.

This is ``pst load`` as a user runs it (reading, building, storing, deriving links), minus the
interpreter's start-up. The store's quads are then written as N-Quads (not timed), the RDF
that rdflib is given to parse: by two processes, each writing half of the graphs, since reading
the quads back costs Oxigraph ~10 µs a quad (1.4× faster than one process on 250 plans).
"""

from __future__ import annotations

import argparse
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench.tasks.common import children_peak_rss_mb, run_task
from pstkg.loading import load_files
from pstkg.namespaces import PST
from pstkg.reading import PARALLEL_FROM, available_cores
from pstkg.store import SelectResult, open_store

_QUADS = "SELECT (COUNT(*) AS ?quads) WHERE { GRAPH ?graph { ?s ?p ?o } }"
_PLANS = f"SELECT (COUNT(*) AS ?plans) WHERE {{ GRAPH ?plan {{ ?plan a <{PST.Plan}> }} }}"


def load(documents: Path, store_path: Path, nquads: Path | None) -> dict[str, Any]:
    """Load ``documents`` into a new store at ``store_path``; the timing and what was loaded."""
    if store_path.exists():
        shutil.rmtree(store_path)
    store = open_store(store_path)
    started = time.perf_counter()
    reports = load_files(store, [documents])
    seconds = time.perf_counter() - started
    failed = [report for report in reports if not report.loaded]
    if failed:
        raise SystemExit(f"{failed[0].file}: {failed[0].error}")
    quads, plans = _count(store, _QUADS), _count(store, _PLANS)
    plan_triples = sum(report.counts.get("triples", 0) for report in reports)
    store.close()
    workers_peak = children_peak_rss_mb()  # before the writers of the N-Quads start
    if nquads is not None:
        write_nquads(store_path, nquads)
    return {
        "documents": len(reports),
        "plans": plans,
        "quads": quads,
        "plan_triples": plan_triples,
        "seconds": round(seconds, 3),
        "plans_per_s": round(len(reports) / seconds, 2),
        "quads_per_s": round(quads / seconds),
        "workers": available_cores() if len(reports) >= PARALLEL_FROM else 0,
        "workers_peak_rss_mb": workers_peak,
    }


def write_nquads(store_path: Path, nquads: Path, processes: int = 2) -> None:
    """The store's named graphs as one N-Quads file, written by Oxigraph's own serialiser."""
    graphs = sorted(
        graph.value
        for graph in ox.Store.read_only(str(store_path)).named_graphs()
        if isinstance(graph, ox.NamedNode)
    )
    parts = [nquads.with_suffix(f".part{index}") for index in range(processes)]
    shares = [graphs[index::processes] for index in range(processes)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        list(pool.map(_write_graphs, [store_path] * processes, shares, parts))
    with nquads.open("wb") as whole:
        for part in parts:
            with part.open("rb") as written:
                shutil.copyfileobj(written, whole)
            part.unlink()


def _write_graphs(store_path: Path, graphs: list[str], part: Path) -> None:
    store = ox.Store.read_only(str(store_path))
    with part.open("wb") as output:
        for graph in graphs:
            quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            ox.serialize(quads, output, format=ox.RdfFormat.N_QUADS)


def _count(store, sparql: str) -> int:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return int(result.rows[0][0])


def main() -> None:
    """Command line of the task."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", type=Path)
    parser.add_argument("store", type=Path)
    parser.add_argument("--nquads", type=Path, help="write the store's quads here afterwards")
    args = parser.parse_args()
    run_task(lambda: load(args.documents, args.store, args.nquads))


if __name__ == "__main__":
    main()
