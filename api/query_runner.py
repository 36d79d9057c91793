"""Running queries in a pool of long-lived worker processes, so a runaway query can be stopped.

Why processes: pyoxigraph offers no way to cancel a query, and a thread cannot be killed from
outside, so a query on a thread past its deadline would keep a core busy until it ended (a
cartesian product may never end). A process can be killed.

Why a pool: a process per query (≈ 30 ms to fork, plus opening the store in it) cost more
than a typical query. The pool keeps ``concurrency`` workers, each with the store open
read-only, started in the background when the service starts. A job goes to an idle worker
over a pipe, and the answer (the HTTP body, serialised in the worker) comes back over another,
read with asyncio, so waiting takes no thread. A job past its deadline gets its worker killed
and a new one started in the background, so the next query does not wait for it unless it
comes at once. A worker that dies (killed from outside, by the kernel's OOM killer) costs the
job it held a 500 and is replaced the same way; the other workers keep serving. Idle workers
are taken last in, first out (the last used has the warmest caches).

Memory: each worker may be capped (``memory_limit``; ``pst serve --query-memory``), how and
why in :mod:`pstkg.api.query_worker`. A worker that passes its cap ends; its job gets
:class:`QueryMemoryError` (503, in French and English) and the worker is replaced.

Fairness, so that runaway queries (cartesian products, up to the time limit each) do not make
every other client wait for the whole limit (:mod:`pstkg.api.query_lanes` holds the policy):

- the named queries (the service's own) may take any of the ``concurrency`` workers, and
  queries written by clients (/sparql) all of them but one: a flood of the latter cannot stop
  the former;
- a client (its IP address, as uvicorn gives it: behind a proxy, the address the proxy sends
  in ``X-Forwarded-For`` when uvicorn trusts it) has at most ``per_client`` /sparql queries
  running; its further ones wait in its own line. One client alone cannot hold every worker;
- the short lane: one more worker, reserved for /sparql queries that come while every regular
  worker is busy. A query there has ``short_timeout`` seconds; past them it is stopped with
  :class:`QueryBusyError` (503 "the service is busy with long queries … retry later", in French
  and English). A trivial query is answered at once while runaways hold the regular workers,
  and a runaway that lands on the short lane holds it a few seconds, not the whole limit.
  Queries that find every lane busy wait for the first one that frees, in order of arrival.

What a worker sees: pyoxigraph 0.5's ``Store.read_only`` (RocksDB's read-only mode) is a
snapshot of the store as it was when opened. Tested with 0.5.13: a handle opened before a
commit never sees it, even after the writer flushes; a handle opened after sees every commit,
flushed or not (RocksDB replays the write-ahead log). So a worker reopens its handle when the
store changed, as :mod:`pstkg.api.store_view` tells: the service's generation counter, bumped
by its write routes (:meth:`QueryRunner.store_changed`), and a fingerprint of the store folder
for any other writer. While ``pst serve`` runs, it holds the store's write lock: ``pst load``
from another process then fails with RocksDB's lock error rather than write under it. A
read-only open that races the writer's compaction can find a listed file gone: the worker
opens the store again (:func:`pstkg.api.query_jobs.answer_fresh`).

Workers are forked from a forkserver that has already imported pyoxigraph and rdflib, never
from the multi-threaded web server itself. A store held in memory cannot be opened by another
process: its queries run on a thread of the service and cannot be stopped, only abandoned
(tests and embedding only).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

from fastapi import HTTPException

from pstkg.api.query_jobs import Job, QueryAnswer, QueryJob, answer
from pstkg.api.query_lanes import ClientTurns, Lane, Lanes
from pstkg.api.query_worker import MEMORY_EXIT_CODE
from pstkg.api.settings import DEFAULT_PER_CLIENT, DEFAULT_SHORT_TIMEOUT
from pstkg.api.worker_process import WorkerLostError, WorkerProcess
from pstkg.sizes import format_size
from pstkg.store import PlanStore

_LOST = b"the query's process ended without an answer (out of memory, or stopped from outside)"


class QueryTimeoutError(Exception):
    """The query ran past the service's time limit and was stopped."""


class QueryBusyError(Exception):
    """The query ran on the short lane, every regular worker being busy, past its deadline."""


class QueryMemoryError(Exception):
    """The query's worker passed its memory cap and ended."""


class _Slot:
    """A place for one worker in the pool: the task that started (or is starting) it."""

    def __init__(self) -> None:
        self.starting: asyncio.Task[WorkerProcess] | None = None


class QueryRunner:
    """Runs jobs with a deadline on at most ``concurrency`` worker processes at a time, plus
    the short lane's worker for /sparql queries."""

    def __init__(
        self,
        timeout: float,
        concurrency: int,
        store_location: Path | str | None = None,
        *,
        store: PlanStore | None = None,
        memory_limit: int | None = None,
        per_client: int = DEFAULT_PER_CLIENT,
        short_timeout: float = DEFAULT_SHORT_TIMEOUT,
    ) -> None:
        """``store_location`` is opened by each worker ahead of its first job; ``store``, a
        store held in memory, makes the runner answer on threads instead (see above).
        ``memory_limit`` caps each worker's data in bytes (None: no cap)."""
        self.timeout = timeout
        self.short_timeout = min(short_timeout, timeout)
        self.memory_limit = memory_limit
        self.generation = 0
        self._location = store_location
        self._store = store
        self._slots = [_Slot() for _ in range(concurrency)]
        self._short_lane = _Slot()
        self._idle: asyncio.Queue[_Slot] | None = None
        self._threads = asyncio.Semaphore(concurrency)
        # Queries written by clients may hold all workers but one: however many runaway
        # /sparql queries come, the named queries (the service's own) keep a worker.
        self._lanes = Lanes(regular=max(1, concurrency - 1))
        self._turns = ClientTurns(per_client)
        self._reaping: set[asyncio.Task[None]] = set()

    def store_changed(self) -> None:
        """Note a write by the service: workers open the store again before their next job."""
        self.generation += 1

    def start(self) -> None:
        """Start every worker in the background (call from the event loop, e.g. at start-up)."""
        if self._store is None:
            self._idle_queue()
            for slot in self._every_slot():
                self._ensure_starting(slot)

    def worker_pids(self) -> dict[Lane, list[int]]:
        """The process ids of the workers started: the pool's (regular) and the short lane's."""
        return {
            Lane.REGULAR: [pid for slot in self._slots if (pid := _started_pid(slot))],
            Lane.SHORT: [pid for pid in [_started_pid(self._short_lane)] if pid],
        }

    async def run(self, job: Job, client: str = "") -> QueryAnswer:
        """The answer to ``job`` from ``client`` (an address); QueryTimeoutError if it did not
        finish in time, QueryBusyError past the short lane's deadline, QueryMemoryError if
        its worker passed the memory cap."""
        if self._store is not None:
            async with self._threads:
                try:
                    return await asyncio.wait_for(
                        asyncio.to_thread(answer, job, self._store), self.timeout
                    )
                except TimeoutError:
                    raise QueryTimeoutError from None
        if not isinstance(job, QueryJob):
            return await self._run_on_idle(job)
        async with self._turns.turn(client):
            lane = await self._lanes.take()
            try:
                if lane is Lane.REGULAR:
                    return await self._run_on_idle(job)
                return await self._run_on(self._short_lane, job, self.short_timeout, QueryBusyError)
            finally:
                self._lanes.give_back(lane)

    async def _run_on_idle(self, job: Job) -> QueryAnswer:
        idle = self._idle_queue()
        slot = await idle.get()
        try:
            return await self._run_on(slot, job, self.timeout, QueryTimeoutError)
        finally:
            idle.put_nowait(slot)

    async def _run_on(
        self, slot: _Slot, job: Job, timeout: float, overrun: Callable[[], Exception]
    ) -> QueryAnswer:
        # shield: a client that goes away must not cancel a start other queries will use.
        worker = await asyncio.shield(self._ensure_starting(slot))
        if worker.ended():  # killed from outside while idle: not this job's doing
            self._replace(slot, worker)
            worker = await asyncio.shield(self._ensure_starting(slot))
        try:
            async with asyncio.timeout(timeout):
                return await worker.ask(self.generation, job)
        except TimeoutError:
            self._replace(slot, worker)
            raise overrun() from None
        except WorkerLostError:
            try:
                code = await worker.exit_code()
            finally:
                self._replace(slot, worker)
            if self.memory_limit is not None and code in _MEMORY_EXITS:
                raise QueryMemoryError from None
            return QueryAnswer(500, "text/plain", _LOST)
        except BaseException:
            # Cancelled (the client left): the worker is somewhere in the job; start afresh.
            self._replace(slot, worker)
            raise

    def _ensure_starting(self, slot: _Slot) -> asyncio.Task[WorkerProcess]:
        task = slot.starting
        if task is None or (task.done() and (task.cancelled() or task.exception() is not None)):
            slot.starting = task = asyncio.create_task(self._spawn())
        return task

    async def _spawn(self) -> WorkerProcess:
        worker = await asyncio.to_thread(
            WorkerProcess.spawn, self._location, self.generation, self.memory_limit
        )
        try:
            await worker.connect()
        except BaseException:
            worker.kill()
            self._reap(worker)
            raise
        return worker

    def _replace(self, slot: _Slot, worker: WorkerProcess) -> None:
        worker.kill()
        self._reap(worker)
        slot.starting = asyncio.create_task(self._spawn())

    def _reap(self, worker: WorkerProcess) -> None:
        # join() collects the exit status (and closes its sentinel) without holding the loop.
        task = asyncio.create_task(asyncio.to_thread(worker.process.join, 10))
        self._reaping.add(task)
        task.add_done_callback(self._reaping.discard)

    def _every_slot(self) -> list[_Slot]:
        return [*self._slots, self._short_lane]

    def _idle_queue(self) -> asyncio.Queue[_Slot]:
        if self._idle is None:
            # Last in, first out: the worker used last has the warmest caches (RocksDB's
            # block cache is per handle), and one worker serves a client that calls in turn.
            self._idle = asyncio.LifoQueue()
            for slot in self._slots:
                self._idle.put_nowait(slot)
        return self._idle

    async def close(self) -> None:
        """Stop every worker and wait until they are gone."""
        for slot in self._every_slot():
            task, slot.starting = slot.starting, None
            if task is None:
                continue
            try:
                worker = await task  # a start under way finishes, so its process is not lost
            except Exception:  # a failed start left no worker
                continue
            worker.kill()
            self._reap(worker)
        if self._reaping:
            await asyncio.gather(*self._reaping, return_exceptions=True)


_MEMORY_EXITS = {-signal.SIGABRT, MEMORY_EXIT_CODE}
"""How a worker ends past its memory cap: Rust and C++ abort when an allocation fails;
Python's MemoryError ends it with its own code (query_worker)."""


def _started_pid(slot: _Slot) -> int | None:
    task = slot.starting
    if task is None or not task.done() or task.cancelled() or task.exception() is not None:
        return None
    return task.result().process.pid


async def answer_or_error(
    runner: QueryRunner, job: Job, hint: str, client: str = ""
) -> QueryAnswer:
    """A successful answer to ``job`` from ``client``, or the HTTPException to send: 503 past
    the time limit (``hint`` says how to narrow the query), past the short lane's deadline,
    or past the memory cap; or the status the worker gave an error."""
    try:
        reply = await runner.run(job, client)
    except QueryTimeoutError:
        raise HTTPException(
            503, f"the query was stopped after {runner.timeout:g} s, the service's limit: {hint}"
        ) from None
    except QueryBusyError:
        seconds = f"{runner.short_timeout:g} s"
        raise HTTPException(
            503,
            "le service est occupé par de longues requêtes : celle-ci, arrivée quand tous les "
            f"processus étaient pris, n'a pas fini en {seconds} ; réessayez plus tard / "
            "the service is busy with long queries: this one came when every worker was taken "
            f"and did not finish within {seconds}; retry later",
            headers={"Retry-After": f"{runner.timeout:.0f}"},
        ) from None
    except QueryMemoryError:
        assert runner.memory_limit is not None
        size = format_size(runner.memory_limit)
        raise HTTPException(
            503,
            f"la requête a dépassé la mémoire permise ({size} par requête) et a été arrêtée / "
            f"the query exceeded the memory limit ({size} per query) and was stopped: {hint}",
        ) from None
    if reply.status != 200:
        raise HTTPException(reply.status, reply.body.decode("utf-8", errors="replace"))
    return reply
