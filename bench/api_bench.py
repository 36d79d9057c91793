"""The service against the direct store call: latency, and throughput under 8 concurrent clients.

The service is ``pst serve`` in a process of its own on 127.0.0.1, as a user starts it. Latency
is measured call by call, alternating the HTTP request and the direct call on the same store,
so both see the same machine; throughput counts the answers 8 clients get in a fixed time,
first alone, then while a ninth client keeps one slow /sparql query running (stopped by the
service's time limit, and sent again).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench.stats import ratio, summarise
from bench.workload import Call, read_workload, region_placeholders, resolve_calls
from pstkg.store import PlanStore, SelectResult, open_store

PROJECT = Path(__file__).resolve().parent.parent
CLIENTS = 8
THROUGHPUT_SECONDS = 15.0
SLOW_QUERY_TIMEOUT = 10.0
# A cartesian product of the store with itself: it never ends on a region, so the service's
# time limit is what stops it. That is the runaway query the limit exists for.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?t ?q ?r } }"
SPARQL_JSON = "application/sparql-results+json"
LATENCY_ROUNDS = 20
LATENCY_MIN_ROUNDS = 5
LATENCY_BUDGET_SECONDS = 6.0
"""Per named query: rounds of the three calls, up to 20, stopping after 5 once 6 s are spent
(the slowest queries would otherwise hold the run for minutes with nothing more to learn)."""


def measure_api(
    store_path: Path, settings: Any, progress: Any, repetitions: int = LATENCY_ROUNDS
) -> dict:
    """Latency of each named query through the API and /sparql against the direct call."""
    with open_store(store_path, read_only=True) as store:
        calls = resolve_calls(read_workload(), region_placeholders(store))
        with Service(store_path) as base_url, httpx.Client(base_url=base_url, timeout=120) as http:
            progress(f"api: latency of {len(calls)} named queries, REST and /sparql vs direct")
            latency = {call.name: _latency(http, store, call, repetitions) for call in calls}
            progress(f"api: throughput, {CLIENTS} clients for {THROUGHPUT_SECONDS:g} s")
            alone = asyncio.run(_throughput(base_url, calls, slow=False))
            progress(f"api: throughput, {CLIENTS} clients beside a slow query")
            beside_slow = asyncio.run(_throughput(base_url, calls, slow=True))
    return {
        "latency": latency,
        "throughput": {"clients": CLIENTS, "alone": alone, "with_slow_query": beside_slow},
        "slow_query": {"sparql": SLOW_QUERY, "service_timeout_s": SLOW_QUERY_TIMEOUT},
    }


def _latency(http: httpx.Client, store: PlanStore, call: Call, repetitions: int) -> dict:
    samples: dict[str, list[float]] = {"direct": [], "rest": [], "sparql": []}

    def direct() -> None:
        result = store.query(call.sparql)
        assert isinstance(result, SelectResult)

    def rest() -> None:
        answer = http.get(f"/api/queries/{call.name}", params={**call.values, "format": "json"})
        answer.raise_for_status()
        json.loads(answer.content)

    def sparql() -> None:
        answer = http.post("/sparql", data={"query": call.sparql}, headers={"Accept": SPARQL_JSON})
        answer.raise_for_status()
        json.loads(answer.content)

    runs = {"direct": direct, "rest": rest, "sparql": sparql}
    for run in runs.values():  # warm-up: caches, connections, the service's first answers
        run()
    spent = 0.0
    for round_number in range(repetitions):
        if round_number >= LATENCY_MIN_ROUNDS and spent >= LATENCY_BUDGET_SECONDS:
            break
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            elapsed = time.perf_counter() - started
            samples[name].append(elapsed)
            spent += elapsed
    summary = {name: summarise(times) for name, times in samples.items()}
    direct_median = summary["direct"]["median_ms"]
    summary["rest_overhead"] = ratio(summary["rest"]["median_ms"], direct_median)
    summary["sparql_overhead"] = ratio(summary["sparql"]["median_ms"], direct_median)
    return summary


async def _throughput(base_url: str, calls: list[Call], *, slow: bool) -> dict:
    deadline = time.perf_counter() + THROUGHPUT_SECONDS
    answered: list[float] = []
    errors: list[str] = []
    slow_runs: list[int] = []

    async def client(offset: int, http: httpx.AsyncClient) -> None:
        index = offset
        while time.perf_counter() < deadline:
            call = calls[index % len(calls)]
            index += 1
            started = time.perf_counter()
            answer = await http.get(
                f"/api/queries/{call.name}", params={**call.values, "format": "json"}
            )
            if answer.status_code == 200:
                answered.append(time.perf_counter() - started)
            else:
                errors.append(f"{call.name}: {answer.status_code}")

    async def slow_client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            answer = await http.post(
                "/sparql", data={"query": SLOW_QUERY}, headers={"Accept": SPARQL_JSON}
            )
            slow_runs.append(answer.status_code)

    limits = httpx.Limits(max_connections=CLIENTS + 1)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as http:
        tasks = [client(offset, http) for offset in range(CLIENTS)]
        if slow:
            tasks.append(slow_client(http))
        started = time.perf_counter()
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    return {
        "answers": len(answered),
        "seconds": round(elapsed, 2),
        "answers_per_s": round(len(answered) / elapsed, 2),
        "latency": summarise(answered) if answered else None,
        "errors": errors[:5],
        "slow_query_statuses": sorted(set(slow_runs)),
    }


class Service:
    """``pst serve`` on a free port of 127.0.0.1, for the length of a ``with`` block.

    With ``path``, that folder comes first on PYTHONPATH (an earlier revision's package, see
    bench/baseline.py). The service runs in a session of its own, so that leaving the block
    stops it with every process it started (its query workers).
    """

    def __init__(
        self,
        store_path: Path,
        query_timeout: float = SLOW_QUERY_TIMEOUT,
        path: Path | None = None,
    ) -> None:
        self.store_path = store_path
        self.query_timeout = query_timeout
        self.path = path
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        port = _free_port()
        command = [
            sys.executable, "-m", "pstkg.cli", "serve", "--store", str(self.store_path),
            "--host", "127.0.0.1", "--port", str(port),
            "--query-timeout", str(self.query_timeout),
        ]  # fmt: skip
        env = None
        if self.path is not None:  # `python -m` puts its working folder first: the baseline's
            env = {**os.environ, "PYTHONPATH": f"{self.path}{os.pathsep}{PROJECT}"}
        self.process = subprocess.Popen(
            command,
            cwd=self.path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        base_url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit(f"bench: pst serve ended: {self.process.stderr.read().decode()}")
            try:
                if httpx.get(f"{base_url}/api/queries", timeout=2).status_code == 200:
                    return base_url
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise SystemExit("bench: pst serve did not answer within 30 s")

    def __exit__(self, *_exc: object) -> None:
        if self.process is None:
            return
        group = self.process.pid  # the session's leader: its id is the group's
        _signal_group(group, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        for _ in range(50):  # the workers end with the service, or are killed
            if not _signal_group(group, 0):
                break
            time.sleep(0.1)
        else:
            _signal_group(group, signal.SIGKILL)
        self.process.wait()


def _signal_group(group: int, signal_number: int) -> bool:
    """Send a signal to the processes of ``group``; False when none is left."""
    try:
        os.killpg(group, signal_number)
    except ProcessLookupError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
