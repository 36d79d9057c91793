"""A query worker process, from the service's side: started through the forkserver, spoken to
over two pipes attached to the event loop, killed when it must stop.

The pool that uses it, and why processes: :mod:`pstkg.api.query_runner`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import pickle
import sys
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from pstkg.api.query_jobs import Job, QueryAnswer
from pstkg.api.query_worker import HEADER, worker_main


def _preloaded() -> list[str]:
    """What the forkserver imports once, so that a worker starts without importing it."""
    # A new process also runs the service's main module again (multiprocessing does so, for
    # what it may define): with the main module imported in the forkserver, its imports are
    # loaded already (`pst serve`: the CLI's loaders and validation). A package's __main__
    # runs its program when imported: multiprocessing skips those, and so does this.
    main = getattr(sys.modules.get("__main__"), "__spec__", None)
    name = getattr(main, "name", None)
    by_name = [name] if name and not name.endswith("__main__") else []
    return ["__main__", *by_name, "pstkg.api.query_worker"]


_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(_preloaded())
# Starting processes from several threads at once races in multiprocessing's bookkeeping.
_SPAWN_LOCK = threading.Lock()


class WorkerLostError(Exception):
    """The worker ended (or was found dead) before it answered."""


class WorkerProcess:
    """A worker process and the service's ends of its two pipes."""

    def __init__(self, process: BaseProcess, jobs: Connection, answers: Connection) -> None:
        self.process = process
        self._jobs = jobs
        self._answers = answers
        self._reader: asyncio.StreamReader | None = None
        self._transports: list[asyncio.BaseTransport] = []

    @classmethod
    def spawn(
        cls, location: Path | str | None, generation: int, memory_limit: int | None = None
    ) -> WorkerProcess:
        """Start a worker (blocking: forks through the forkserver), its data capped at
        ``memory_limit`` bytes if given."""
        with _SPAWN_LOCK:
            job_reader, job_writer = _CONTEXT.Pipe(duplex=False)
            answer_reader, answer_writer = _CONTEXT.Pipe(duplex=False)
            process = _CONTEXT.Process(
                target=worker_main,
                args=(location, generation, job_reader, answer_writer, memory_limit),
                name="pst-query-worker",
                daemon=True,
            )
            process.start()
        # Only the worker keeps these ends, so each side sees EOF when the other goes away.
        job_reader.close()
        answer_writer.close()
        return cls(process, job_writer, answer_reader)

    async def connect(self) -> None:
        """Attach the pipes to the running event loop."""
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=1 << 20)
        read, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), self._answers
        )
        write, _ = await loop.connect_write_pipe(asyncio.Protocol, self._jobs)
        self._reader, self._transports = reader, [read, write]

    def ended(self) -> bool:
        """True if the worker has gone (its answer pipe closed) while it had no job."""
        return self._reader is None or self._reader.at_eof()

    async def ask(self, generation: int, job: Job) -> QueryAnswer:
        """Send ``job`` and wait for its answer; WorkerLostError if the worker ends first."""
        assert self._reader is not None
        payload = pickle.dumps((generation, job), protocol=pickle.HIGHEST_PROTOCOL)
        write = self._transports[1]
        assert isinstance(write, asyncio.WriteTransport)
        write.write(HEADER.pack(len(payload)) + payload)
        try:
            (size,) = HEADER.unpack(await self._reader.readexactly(HEADER.size))
            return pickle.loads(await self._reader.readexactly(size))
        except (asyncio.IncompleteReadError, OSError):
            raise WorkerLostError from None

    async def exit_code(self, within: float = 5.0) -> int | None:
        """The worker's exit status once it has ended (waited for ``within`` seconds at most):
        ``-N`` for signal N, None if it is still running."""
        await asyncio.to_thread(self.process.join, within)
        return self.process.exitcode

    def kill(self) -> None:
        """Stop the worker at once and close the pipes (a read-only worker has nothing to save)."""
        self.process.kill()
        for transport in self._transports:
            transport.close()
        if not self._transports:  # never connected: the pipes are still plain connections
            self._jobs.close()
            self._answers.close()
