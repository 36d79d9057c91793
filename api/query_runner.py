"""Running /sparql queries each in a process of its own, so a runaway query can be stopped.

Why a process: pyoxigraph offers no way to cancel a query, and a thread cannot be killed
from outside, so a query on a thread past its deadline would keep a core busy until it ended
(a cartesian product may never end). A process can be killed. The forkserver start method
forks from a small server that has already imported pyoxigraph (≈ 30 ms per query on this
machine, store opening included), never from the multi-threaded web server itself. The child
opens the store read-only; RocksDB lets a read-only reader see the writer's latest commits.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from multiprocessing.connection import Connection

from pstkg.api.query_worker import QueryAnswer, QueryJob, answer, child_main

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["pstkg.api.query_worker"])


class QueryTimeoutError(Exception):
    """The query ran past the service's time limit and was stopped."""


class QueryRunner:
    """Runs queries with a deadline and a cap on concurrently running query processes."""

    def __init__(self, timeout: float, concurrency: int, in_process: bool = False) -> None:
        self.timeout = timeout
        self._slots = asyncio.Semaphore(concurrency)
        # In-memory stores cannot be opened by another process: their queries run on a
        # thread and cannot be stopped, only abandoned (tests and embedding only).
        self._in_process = in_process

    async def run(self, job: QueryJob) -> QueryAnswer:
        """The answer to ``job``; QueryTimeoutError if it did not finish in time."""
        async with self._slots:
            if self._in_process:
                try:
                    return await asyncio.wait_for(asyncio.to_thread(answer, job), self.timeout)
                except TimeoutError:
                    raise QueryTimeoutError from None
            return await asyncio.to_thread(self._in_child, job)

    def _in_child(self, job: QueryJob) -> QueryAnswer:
        receiver, sender = _CONTEXT.Pipe(duplex=False)
        process = _CONTEXT.Process(target=child_main, args=(job, sender), daemon=True)
        process.start()
        sender.close()  # only the child writes; recv() then sees EOF if the child dies
        try:
            if not receiver.poll(self.timeout):
                raise QueryTimeoutError
            return _receive(receiver)
        finally:
            if process.is_alive():
                process.kill()
            process.join(timeout=5)
            receiver.close()


def _receive(receiver: Connection) -> QueryAnswer:
    try:
        return receiver.recv()
    except EOFError:
        return QueryAnswer(
            500, "text/plain", b"the query's process ended without an answer (out of memory?)"
        )
