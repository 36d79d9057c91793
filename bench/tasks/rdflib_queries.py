"""The rdflib side: parse the region's N-Quads into an in-memory Dataset, then run the calls.

``python -m bench.tasks.rdflib_queries REGION.nq CALLS.json`` — what a researcher would do
with rdflib alone: ``Dataset().parse(...)`` and ``Dataset.query(...)``, rdflib's own SPARQL
engine over the same quads the store holds.
"""

from __future__ import annotations

import argparse
import io
import itertools
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset

from bench.tasks.common import run_task
from bench.tasks.timing import read_calls, time_call

CHUNK_LINES = 50_000


def parse(nquads: Path, parse_budget: float | None) -> tuple[Dataset, dict[str, Any]]:
    """Parse the N-Quads into a Dataset; with a budget, in chunks, stopping once it is spent.

    Without a budget the file is parsed in one call, as a user would. With one, it is parsed
    in chunks of lines (about 15 % slower on this machine), so that rdflib can be stopped
    part-way and report how far it got: quads, seconds and memory, lower bounds of what the
    whole file needs. Blank node labels are shared across the chunks.
    """
    dataset = Dataset()
    total_lines = sum(1 for _ in nquads.open("rb"))
    started = time.perf_counter()
    if parse_budget is None:
        dataset.parse(nquads, format="nquads")
        lines_read = total_lines
    else:
        bnodes: dict[str, Any] = {}
        lines_read = 0
        with nquads.open("rb") as handle:
            while chunk := list(itertools.islice(handle, CHUNK_LINES)):
                source = io.BytesIO(b"".join(chunk))
                dataset.parse(source=source, format="nquads", bnode_context=bnodes)
                lines_read += len(chunk)
                if time.perf_counter() - started > parse_budget:
                    break
    spent = time.perf_counter() - started
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    return dataset, {
        "parse_complete": lines_read >= total_lines,
        "parse_seconds": round(spent, 3),
        "quads": quads,
        "quads_in_file": total_lines,
        "quads_per_s": round(quads / spent),
    }


def measure(
    nquads: Path,
    calls_file: Path,
    repetitions: int,
    budget: float,
    limit: float,
    parse_only: bool,
    parse_budget: float | None,
) -> dict[str, Any]:
    """Parse time, quads, and each call's timings (none when ``parse_only``)."""
    dataset, results = parse(nquads, parse_budget)
    if parse_only or not results["parse_complete"]:
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
    parser.add_argument(
        "--parse-budget", type=float, help="stop parsing after this many seconds (no queries then)"
    )
    args = parser.parse_args()
    run_task(
        lambda: measure(
            args.nquads,
            args.calls,
            args.repetitions,
            args.budget,
            args.limit,
            args.parse_only,
            args.parse_budget,
        )
    )


if __name__ == "__main__":
    main()
