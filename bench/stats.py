"""Summaries of repeated timings: median and 95th percentile, in milliseconds."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: with few samples, p95 is simply the slowest one."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarise(seconds: Sequence[float]) -> dict[str, float | int]:
    """``{"n", "median_ms", "p95_ms", "min_ms"}`` of timings given in seconds."""
    if not seconds:
        raise ValueError("no timing to summarise")
    return {
        "n": len(seconds),
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 3),
        "min_ms": round(min(seconds) * 1000, 3),
    }


def ratio(slow: float | None, fast: float | None) -> float | None:
    """How many times ``fast`` is faster than ``slow`` (None when either is missing)."""
    if not slow or not fast:
        return None
    return round(slow / fast, 2)
