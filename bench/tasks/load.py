"""Load a folder of plan documents into a new store, timed: ``python -m bench.tasks.load``.

This is ``pst load`` as a user runs it (reading, building, storing, deriving links), minus the
interpreter's start-up. The store's quads are then written as N-Quads (not timed), the RDF
that rdflib is given to parse.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench.tasks.common import run_task
from pstkg.loading import load_files
from pstkg.namespaces import PST
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
    if nquads is not None:
        # Straight from Oxigraph's own writer: the export is not part of what is measured.
        ox.Store.read_only(str(store_path)).dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    return {
        "documents": len(reports),
        "plans": plans,
        "quads": quads,
        "plan_triples": plan_triples,
        "seconds": round(seconds, 3),
        "plans_per_s": round(len(reports) / seconds, 2),
        "quads_per_s": round(quads / seconds),
    }


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
