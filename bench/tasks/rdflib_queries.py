"""The rdflib side: parse the region's N-Quads into an in-memory Dataset, then run the calls.

``python -m bench.tasks.rdflib_queries REGION.nq CALLS.json`` — what a researcher would do
with rdflib alone: ``Dataset().parse(...)`` and ``Dataset.query(...)``, rdflib's own SPARQL
engine over the same quads the store holds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset

from bench.tasks.common import run_task
from bench.tasks.timing import read_calls, time_call


def measure(
    nquads: Path, calls_file: Path, repetitions: int, budget: float, limit: float, parse_only: bool
) -> dict[str, Any]:
    """Parse time, quads, and each call's timings (None when ``parse_only``)."""
    started = time.perf_counter()
    dataset = Dataset()
    dataset.parse(nquads, format="nquads")
    parse_seconds = time.perf_counter() - started
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    results: dict[str, Any] = {
        "parse_seconds": round(parse_seconds, 3),
        "quads": quads,
        "quads_per_s": round(quads / parse_seconds),
    }
    if parse_only:
        return results
    dataset.query("ASK {}")  # rdflib imports its SPARQL engine on first use: not a query's cost
    timings = {}
    for call in read_calls(calls_file):

        def run(text: str = call["sparql"]) -> int:
            return len(list(dataset.query(text)))

        timings[call["name"]] = time_call(
            run, repetitions=repetitions, budget=budget, limit=limit, warm_up=False
        )
    results["queries"] = timings
    return results


def main() -> None:
    """Command line of the task."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("nquads", type=Path)
    parser.add_argument("calls", type=Path)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query, roughly")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds a single run may take")
    parser.add_argument("--parse-only", action="store_true")
    args = parser.parse_args()
    run_task(
        lambda: measure(
            args.nquads, args.calls, args.repetitions, args.budget, args.limit, args.parse_only
        )
    )


if __name__ == "__main__":
    main()
