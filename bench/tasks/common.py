"""What every task shares: reading its arguments, reporting its results and its peak memory."""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Callable
from typing import Any


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def children_peak_rss_mb() -> float:
    """The largest peak RSS of this process's ended child processes (its workers), in MiB.

    Linux keeps the largest, not the sum: workers running side by side held up to that much
    each.
    """
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def run_task(body: Callable[[], dict[str, Any]]) -> None:
    """Run a task's body and print its results, with the peak memory, as one JSON line."""
    results = body()
    results["peak_rss_mb"] = peak_rss_mb()
    sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
    sys.stdout.flush()
