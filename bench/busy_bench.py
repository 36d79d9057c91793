"""The service under runaway queries (issue #14), at this revision and at the one before it.

For each revision, ``pst serve`` runs on the same store (bench/api_bench.py's ``Service``; the
earlier revision's package first on the path, bench/baseline.py), with the time limit of
bench/busy.toml, and the bench:

1. times a trivial /sparql query alone;
2. sends three runaway queries (a cartesian product that never ends) from three clients, each
   from its own loopback address (this revision tells clients by address), and times the
   trivial query while all three still run; the runaways' status codes are kept. The round is
   repeated, since at the earlier revision the trivial query waits for a runaway to end, and
   so gives one sample a round;
3. sends one runaway that sorts the product and reads, from /proc, the peak memory of the
   service's worker processes while it runs (stopped by the memory cap, the time limit, or
   the bench's own safety bound).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx

from bench.api_bench import SPARQL_JSON, Service
from bench.baseline import baseline_package
from bench.stats import ratio, summarise

BUSY_FILE = Path(__file__).with_name("busy.toml")


def read_busy_settings(path: Path = BUSY_FILE) -> dict[str, Any]:
    """The queries, the baseline revision and the counts of the busy-service step."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def measure_busy(store_path: Path, work: Path, progress: Any) -> dict[str, Any]:
    """Both revisions' service on ``store_path``, one after the other; their figures and the
    ratios between them."""
    settings = read_busy_settings()
    baseline = baseline_package(settings["baseline"], work)
    revisions: dict[str, Path | None] = {"pst_kg": None}
    if baseline is not None:
        revisions["baseline"] = baseline
    results: dict[str, Any] = {
        "baseline_revision": settings["baseline"] if baseline else None,
        "query_timeout_s": settings["query_timeout"],
        "queries": settings["queries"],
        "runaway_clients": settings["busy"]["runaway_clients"],
    }
    for side, path in revisions.items():
        name = "this revision" if path is None else f"revision {settings['baseline']}"
        service = Service(store_path, settings["query_timeout"], path=path)
        with service as base_url:
            assert service.process is not None
            results[side] = _measure_service(
                base_url, service.process.pid, settings, _labelled(progress, name)
            )
    results["ratios"] = ratios(results)
    return results


def _labelled(progress: Any, name: str) -> Any:
    """``progress``, each message followed by the revision it is about."""
    return lambda message: progress(f"{message}: {name}")


def _measure_service(
    base_url: str, service: int, settings: dict[str, Any], progress: Any
) -> dict[str, Any]:
    busy = settings["busy"]
    progress(f"busy: a trivial query alone, {busy['alone_samples']} times")
    with httpx.Client(base_url=base_url, timeout=120) as http:
        _post(http, settings["queries"]["trivial"])  # warm-up: connection, worker caches
        alone = [
            _timed_post(http, settings["queries"]["trivial"]) for _ in range(busy["alone_samples"])
        ]
    progress(f"busy: the trivial query beside 3 runaways, {busy['rounds']} rounds")
    rounds = [asyncio.run(_busy_round(base_url, settings)) for _ in range(busy["rounds"])]
    samples = [seconds for entry in rounds for seconds in entry.pop("samples")]
    progress("busy: a worker's memory under a sorted runaway")
    memory = _memory_peak(base_url, service, settings)
    return {
        "alone": summarise(alone),
        "busy": summarise(samples) if samples else None,
        "rounds": rounds,
        "memory": memory,
    }


async def _busy_round(base_url: str, settings: dict[str, Any]) -> dict[str, Any]:
    """Three runaways from three addresses; the trivial query timed while all three run."""
    queries, busy = settings["queries"], settings["busy"]
    clients = [
        httpx.AsyncClient(
            base_url=base_url,
            timeout=settings["query_timeout"] * 4,
            transport=httpx.AsyncHTTPTransport(local_address=address),
        )
        for address in busy["runaway_clients"]
    ]
    started = time.perf_counter()
    runaways = [
        asyncio.create_task(_runaway(client, queries["runaway"], started)) for client in clients
    ]
    await asyncio.sleep(busy["settle_seconds"])
    samples: list[float] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=settings["query_timeout"] * 4) as http:
        for _ in range(busy["samples_per_round"]):
            if any(task.done() for task in runaways):
                break  # a runaway ended: a worker is free, the service is no longer busy
            status, seconds = await _timed_post_async(http, queries["trivial"])
            if status != 200:
                raise SystemExit(f"bench: the trivial query got {status} beside the runaways")
            samples.append(seconds)
            await asyncio.sleep(0.2)
        ended = await asyncio.gather(*runaways)
    for client in clients:
        await client.aclose()
    await asyncio.sleep(2.0)  # the stopped workers are replaced before the next round
    return {
        "samples": samples,
        "trivial_ms": [round(seconds * 1000, 1) for seconds in samples],
        "runaway_statuses": [status for status, _, _ in ended],
        "runaway_seconds": [round(seconds, 1) for _, seconds, _ in ended],
        "runaway_message": ended[0][2],
    }


async def _runaway(client: httpx.AsyncClient, query: str, started: float) -> tuple[int, float, str]:
    answer = await client.post("/sparql", data={"query": query}, headers={"Accept": SPARQL_JSON})
    return answer.status_code, time.perf_counter() - started, _message(answer)


def _post(http: httpx.Client, query: str) -> httpx.Response:
    answer = http.post("/sparql", data={"query": query}, headers={"Accept": SPARQL_JSON})
    answer.read()
    return answer


def _message(answer: httpx.Response) -> str:
    """The start of an error's text, which says why the query was stopped."""
    return "" if answer.status_code == 200 else answer.text[:200]


def _timed_post(http: httpx.Client, query: str) -> float:
    started = time.perf_counter()
    status = _post(http, query).status_code
    if status != 200:
        raise SystemExit(f"bench: the trivial query got {status}")
    return time.perf_counter() - started


async def _timed_post_async(http: httpx.AsyncClient, query: str) -> tuple[int, float]:
    started = time.perf_counter()
    answer = await http.post("/sparql", data={"query": query}, headers={"Accept": SPARQL_JSON})
    return answer.status_code, time.perf_counter() - started


def _memory_peak(base_url: str, service: int, settings: dict[str, Any]) -> dict[str, Any]:
    """The sorted runaway's status and time, and the largest peak RSS of the worker processes
    of the service (pid ``service``) before and while it ran, read from /proc every few tens
    of milliseconds."""
    limits = settings["memory"]
    at_rest = max((_status_kib(pid, "VmHWM") for pid in _descendants(service)), default=0)
    watcher = _MemoryWatcher(service, limits["poll_seconds"], limits["safety_mib"] * 1024)
    watcher.start()
    started = time.perf_counter()
    with httpx.Client(base_url=base_url, timeout=settings["query_timeout"] * 4) as http:
        answer = _post(http, settings["queries"]["memory_runaway"])
    seconds = time.perf_counter() - started
    watcher.stop()
    return {
        "status": answer.status_code,
        "message": _message(answer),
        "seconds": round(seconds, 1),
        "workers_at_rest_mib": round(at_rest / 1024),
        "worker_peak_mib": round(watcher.peak_kib / 1024),
        "stopped_by_bench": watcher.stopped,
    }


class _MemoryWatcher(threading.Thread):
    """Polls the peak RSS (VmHWM) of a process's descendants; kills one past ``safety_kib``."""

    def __init__(self, root: int, poll_seconds: float, safety_kib: int) -> None:
        super().__init__(daemon=True)
        self.root, self.poll_seconds, self.safety_kib = root, poll_seconds, safety_kib
        self.peak_kib = 0
        self.stopped = False
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.poll_seconds):
            for pid in _descendants(self.root):
                self.peak_kib = max(self.peak_kib, _status_kib(pid, "VmHWM"))
                if _status_kib(pid, "VmRSS") > self.safety_kib:
                    self.stopped = True  # our own service's worker, past the safety bound
                    _kill(pid)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _descendants(root: int) -> list[int]:
    """Every process below ``root`` (the service's forkserver and its query workers)."""
    parents: dict[int, int] = {}
    for pid in _pids():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
    below, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        below += children
        frontier = children
    return below


def _status_kib(pid: int, field: str) -> int:
    """A ``/proc/PID/status`` memory field in KiB; 0 once the process has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def ratios(results: dict[str, Any]) -> dict[str, float | None]:
    """Busy against alone for each revision; the earlier revision against this one."""
    ours, theirs = results["pst_kg"], results.get("baseline") or {}

    def median(side: dict[str, Any], key: str) -> float | None:
        return (side.get(key) or {}).get("median_ms")

    def peak(side: dict[str, Any]) -> float | None:
        return (side.get("memory") or {}).get("worker_peak_mib")

    return {
        "busy_over_alone": ratio(median(ours, "busy"), median(ours, "alone")),
        "baseline_busy_over_alone": ratio(median(theirs, "busy"), median(theirs, "alone")),
        "baseline_busy_over_busy": ratio(median(theirs, "busy"), median(ours, "busy")),
        "baseline_worker_peak_over_peak": ratio(peak(theirs), peak(ours)),
    }
