"""The worker side of :mod:`pstkg.api.query_runner`: a process that answers jobs until told to stop.

It lives in a module of its own, imported by the forkserver ahead of time, so a worker starts
by forking an interpreter that has already imported pyoxigraph and rdflib. What a job is and
how it is answered: :mod:`pstkg.api.query_jobs`.

Messages on both pipes are a pickle behind an 8-byte big-endian length (the parent reads the
answers with asyncio, which does not speak multiprocessing's own framing).

A worker may be given a memory cap: ``RLIMIT_DATA``, set in the worker before it opens the
store. Measured (Linux 6.18, pyoxigraph 0.5.13): at rest a worker's address space (VmSize) is
550-700 MiB, of which only 80-130 MiB resident, the rest reserved and unused (shared
libraries, glibc's arenas, thread stacks); its private writable memory (VmData, what
``RLIMIT_DATA`` counts since Linux 4.7) is 200 MiB on the corpus store and 210-250 MiB on a
store of 250 plans (1.7 million quads). An ``ORDER BY`` over a cartesian product grows both by
about 180 MiB a second (2 GiB in ten seconds). ``RLIMIT_AS`` would work too (a worker opens
the 250-plan store under 768 MiB: RocksDB reads it without mapping its files), but a cap on
it is spent in part on reservations that vary with threads and libraries; ``RLIMIT_DATA``
caps what queries grow. Under 256 MiB a worker cannot open the store (RocksDB cannot start
its threads: ``std::system_error``); 320 MiB is enough for the corpus and the 250-plan store.

A query past the cap either aborts the process (Rust's "memory allocation of … failed",
C++'s ``bad_alloc`` or ``system_error``: SIGABRT) or raises MemoryError in Python, which ends
the worker with :data:`MEMORY_EXIT_CODE` without answering; the service reads the exit
status and says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import signal
import struct
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from pstkg.api.query_jobs import answer_fresh
from pstkg.api.store_view import StoreView
from pstkg.errors import PstError

HEADER = struct.Struct("!Q")
"""The length in front of every message."""

MEMORY_EXIT_CODE = 75
"""A worker's exit status when a job raised MemoryError (the process's heap is not trusted
after that: the worker ends rather than answer further jobs)."""


def worker_main(
    location: Path | str | None,
    generation: int,
    jobs: Connection,
    answers: Connection,
    memory_limit: int | None = None,
) -> None:
    """A worker's life: cap its memory, open the store, then answer ``(generation, job)``
    messages until EOF."""
    # Ctrl-C reaches the whole process group: the service stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if memory_limit is not None:
        # Soft and hard alike: nothing in the worker may raise it again.
        resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))
    view = StoreView()
    if location is not None:
        _open_ahead(view, location, generation)
    job_fd, answer_fd = jobs.fileno(), answers.fileno()
    while True:
        message = _read_message(job_fd)
        if message is None:
            return  # the service closed its end: it is stopping
        generation, job = pickle.loads(message)
        try:
            reply = answer_fresh(view, generation, job)
        except MemoryError:
            os._exit(MEMORY_EXIT_CODE)  # no clean-up: it could need memory, and nothing is owed
        write_message(answer_fd, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _open_ahead(view: StoreView, location: Path | str, generation: int) -> None:
    # Opened before the first job, so that job does not wait for it. A failure is reported
    # to the first job instead.
    with contextlib.suppress(PstError):
        view.get(location, generation)


def _die_with_parent() -> None:
    # A worker's parent is the forkserver, which exits with the service: this makes a worker
    # busy with a runaway query die too, instead of keeping a core until the query ends.
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def write_message(fd: int, payload: bytes) -> None:
    """Write ``payload`` behind its length, whole, to the blocking file descriptor ``fd``."""
    for chunk in (HEADER.pack(len(payload)), payload):
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view) :]


def _read_message(fd: int) -> bytes | None:
    header = _read_exactly(fd, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    return _read_exactly(fd, size)


def _read_exactly(fd: int, size: int) -> bytes | None:
    buffer = bytearray()
    while len(buffer) < size:
        chunk = os.read(fd, min(size - len(buffer), 1 << 20))
        if not chunk:
            return None
        buffer += chunk
    return bytes(buffer)
