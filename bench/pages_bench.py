"""Pages of the named-query API at regional scale (issue #15): the first page against the whole.

For each call of bench/pages.toml (the largest results of the named queries over a region, and
the same queries narrowed as a user narrows them), on the region's store:

- **whole**: the direct store call that reads every row (``PlanStore.query``, rdflib terms), as
  the queries step times it: what any answer costs when it must read the whole result (up to
  5 runs after a warm-up, within 10 s);
- **cold first page**: ``GET /api/queries/NAME?limit=100`` the first time the service sees the
  call (no worker has kept its rows): one sample per start of ``pst serve``, 3 starts;
- **warm first page** and **next page** (``offset=100``): the same request again, and the
  next one, answered from the rows the worker kept (api/result_pages.py);
- **last page**: the page at ``offset = total - 100``, which for a result longer than the
  service's result limit (10,000 rows kept) means reading the query again (up to 3, within
  10 s).

Ratios are whole ÷ page, from the medians, measured in the same run.
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path
from typing import Any

import httpx

from bench.api_bench import Service
from bench.stats import ratio, summarise
from bench.workload import region_placeholders
from pstkg.named_queries import named_query_sparql
from pstkg.store import PlanStore, SelectResult, open_store

CALLS_FILE = Path(__file__).with_name("pages.toml")
PAGE = 100
COLD_STARTS = 3
WARM_ROUNDS = 10
WHOLE_ROUNDS = 6
BUDGET_SECONDS = 10.0
"""Runs of a whole result, or of a page past the rows kept, stop once this much is spent."""
QUERY_TIMEOUT = 60.0
"""The service's time limit here: the whole-region calls must finish, not be stopped."""


def read_calls(placeholders: dict[str, str], path: Path = CALLS_FILE) -> list[dict[str, Any]]:
    """The calls of ``path``: query name, parameter values (placeholders filled), label."""
    with path.open("rb") as handle:
        tables = tomllib.load(handle)["call"]
    calls = []
    for table in tables:
        values = {k: str(v).format(**placeholders) for k, v in table.items() if k != "query"}
        label = table["query"] + "".join(f" {k}={v}" for k, v in values.items())
        calls.append({"query": table["query"], "values": values, "label": label})
    return calls


def measure_pages(store_path: Path, progress: Any) -> dict:
    """The figures of every call of bench/pages.toml on the store at ``store_path``."""
    with open_store(store_path, read_only=True) as store:
        calls = read_calls(region_placeholders(store))
        whole = {}
        for call in calls:
            progress(f"pages: {call['label']}: the whole result, direct store call")
            whole[call["label"]] = _whole(store, call)
    cold: dict[str, list[float]] = {call["label"]: [] for call in calls}
    warm: dict[str, dict[str, list[float]]] = {}
    totals: dict[str, int] = {}
    for start in range(COLD_STARTS):
        progress(f"pages: pst serve, start {start + 1} of {COLD_STARTS}: cold first pages")
        with (
            Service(store_path, query_timeout=QUERY_TIMEOUT) as base_url,
            httpx.Client(base_url=base_url, timeout=QUERY_TIMEOUT * 2) as http,
        ):
            for call in calls:
                seconds, body = _get(http, call, 0)
                cold[call["label"]].append(seconds)
                totals[call["label"]] = body["total"]
            if start == 0:
                progress("pages: warm first, next and last pages")
                warm = {call["label"]: _warm(http, call, totals) for call in calls}
    results = {}
    for call in calls:
        label = call["label"]
        entry = {
            "call": {"query": call["query"], "values": call["values"]},
            "rows": totals[label],
            "whole": whole[label],
            "cold_first_page": summarise(cold[label]),
            **{name: summarise(samples) for name, samples in warm[label].items()},
        }
        whole_ms = entry["whole"]["median_ms"]
        entry["ratios"] = {
            "whole_over_cold_first_page": ratio(whole_ms, entry["cold_first_page"]["median_ms"]),
            "whole_over_warm_first_page": ratio(whole_ms, entry["warm_first_page"]["median_ms"]),
        }
        results[label] = entry
    return {"page_rows": PAGE, "calls": results, "cold_starts": COLD_STARTS}


def _whole(store: PlanStore, call: dict[str, Any]) -> dict:
    sparql = named_query_sparql(call["query"], call["values"])
    samples: list[float] = []
    while len(samples) < WHOLE_ROUNDS and sum(samples) < BUDGET_SECONDS:
        started = time.perf_counter()
        result = store.query(sparql)
        samples.append(time.perf_counter() - started)
        assert isinstance(result, SelectResult)
    # The first run warms the caches; it is kept only when it is the only one.
    return summarise(samples[1:] or samples)


def _warm(
    http: httpx.Client, call: dict[str, Any], totals: dict[str, int]
) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"warm_first_page": [], "next_page": [], "last_page": []}
    last = max(totals[call["label"]] - PAGE, 0)
    for _ in range(WARM_ROUNDS):
        samples["warm_first_page"].append(_get(http, call, 0)[0])
        samples["next_page"].append(_get(http, call, PAGE)[0])
    # Past the rows kept, each is a whole query: a few suffice.
    while len(samples["last_page"]) < 3 and sum(samples["last_page"]) < BUDGET_SECONDS:
        samples["last_page"].append(_get(http, call, last)[0])
    return samples


def _get(http: httpx.Client, call: dict[str, Any], offset: int) -> tuple[float, dict]:
    params = {**call["values"], "limit": str(PAGE), "offset": str(offset)}
    started = time.perf_counter()
    answer = http.get(f"/api/queries/{call['query']}", params=params)
    answer.raise_for_status()
    body = answer.json()
    return time.perf_counter() - started, body
