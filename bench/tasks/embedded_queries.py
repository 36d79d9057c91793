"""The embedded side: open the on-disk store read-only and run the calls.

``python -m bench.tasks.embedded_queries STORE CALLS.json`` — the direct store call a Python
user of pst-kg makes (``PlanStore.query``, rdflib terms out), as ``pst query`` does.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bench.tasks.common import run_task
from bench.tasks.timing import read_calls, time_call
from pstkg.store import SelectResult, open_store


def measure(store_path: Path, calls_file: Path, repetitions: int, budget: float) -> dict[str, Any]:
    """Each call's timings (after one warm-up run) and row count."""
    store = open_store(store_path, read_only=True)
    timings = {}
    for call in read_calls(calls_file):

        def run(text: str = call["sparql"]) -> int:
            result = store.query(text)
            assert isinstance(result, SelectResult)
            return len(result.rows)

        timings[call["name"]] = time_call(run, repetitions=repetitions, budget=budget)
    return {"queries": timings}


def main() -> None:
    """Command line of the task."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", type=Path)
    parser.add_argument("calls", type=Path)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query, roughly")
    args = parser.parse_args()
    run_task(lambda: measure(args.store, args.calls, args.repetitions, args.budget))


if __name__ == "__main__":
    main()
