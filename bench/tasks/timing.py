"""Timing one call again and again, within a count and a time budget."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.stats import summarise


class CallTimeoutError(Exception):
    """A single run went past the task's per-run limit."""


def read_calls(path: Path) -> list[dict[str, Any]]:
    """The calls the runner wrote: ``[{"name", "values", "sparql"}, …]``."""
    return json.loads(path.read_text(encoding="utf-8"))


def time_call(
    run: Callable[[], int],
    *,
    repetitions: int,
    budget: float,
    limit: float | None = None,
    warm_up: bool = True,
) -> dict[str, Any]:
    """Timings of ``run`` (which returns its row count) as a summary with the row count.

    Runs up to ``repetitions`` times, stopping early once ``budget`` seconds are spent (after
    at least one run). A run past ``limit`` seconds is interrupted, and reported as such: the
    engine took more than ``limit`` seconds, which is a lower bound, not a timing.
    """
    try:
        return _time_call(run, repetitions, budget, limit, warm_up)
    except CallTimeoutError:
        raise
    except Exception as error:  # an engine failing a query is a result to report
        return {"error": f"{type(error).__name__}: {error}"[:300]}


def _time_call(
    run: Callable[[], int], repetitions: int, budget: float, limit: float | None, warm_up: bool
) -> dict[str, Any]:
    if warm_up:
        try:
            _with_limit(run, limit)
        except CallTimeoutError:
            return {"timed_out_after_s": limit}
    samples: list[float] = []
    rows = None
    spent = 0.0
    while len(samples) < repetitions and (not samples or spent < budget):
        started = time.perf_counter()
        try:
            rows = _with_limit(run, limit)
        except CallTimeoutError:
            return {"timed_out_after_s": limit, "completed": len(samples)}
        elapsed = time.perf_counter() - started
        samples.append(elapsed)
        spent += elapsed
    return {**summarise(samples), "rows": rows}


def _with_limit(run: Callable[[], int], limit: float | None) -> int:
    if limit is None:
        return run()

    def stop(_signum: int, _frame: object) -> None:
        raise CallTimeoutError

    # rdflib evaluates in Python, so a signal interrupts it between two bytecodes.
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
