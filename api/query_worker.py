"""The worker side of :mod:`pstkg.api.query_runner`: a process that answers jobs until told to stop.

It lives in a module of its own, imported by the forkserver ahead of time, so a worker starts
by forking an interpreter that has already imported pyoxigraph and rdflib. What a job is and
how it is answered: :mod:`pstkg.api.query_jobs`.

Messages on both pipes are a pickle behind an 8-byte big-endian length (the parent reads the
answers with asyncio, which does not speak multiprocessing's own framing).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
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


def worker_main(
    location: Path | str | None, generation: int, jobs: Connection, answers: Connection
) -> None:
    """A worker's life: open the store, then answer ``(generation, job)`` messages until EOF."""
    # Ctrl-C reaches the whole process group: the service stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    view = StoreView()
    if location is not None:
        _open_ahead(view, location, generation)
    job_fd, answer_fd = jobs.fileno(), answers.fileno()
    while True:
        message = _read_message(job_fd)
        if message is None:
            return  # the service closed its end: it is stopping
        generation, job = pickle.loads(message)
        reply = answer_fresh(view, generation, job)
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
