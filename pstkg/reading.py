"""Reading plan documents into plan graphs, in worker processes when there are many.

Reading a plan, building its graph and deriving its own links (themes, resolved partners, ODD
suggestions) is pure Python work on one document: a region's documents are read by a pool of
processes, one per core, while the loading process writes to the store the plans already
read. Results come back in the order of the files, so the store (and every report) is the
same whatever the number of processes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pstkg.builder import BuiltPlan, build_plan_graph
from pstkg.errors import InputError
from pstkg.identity import PlanIdentity, resolve_identity
from pstkg.linking.inputs import plan_input
from pstkg.linking.plan_links import DerivedPlan, derive_plan
from pstkg.loaders.read import ReadDocument, read_document
from pstkg.triples import TripleSet

_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process gets when its parent dies (linux/prctl.h)."""
PARALLEL_FROM = 16
"""Fewer files than this are read in the loading process: starting workers costs ~1 s."""
IN_FLIGHT_PER_WORKER = 4
"""Files submitted ahead per worker: enough to keep them busy, few enough that results never
pile up in memory while the loading process writes."""


@dataclass
class LoadReport:
    """What loading one file did: recognised counts, skipped passages, warnings, or the error."""

    file: str
    loaded: bool
    error: str | None = None
    layout: str | None = None
    plan: str | None = None
    cpas: str | None = None
    cpas_from: str | None = None
    legislature: str | None = None
    legislature_from: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[dict[str, object]] = field(default_factory=list)
    warnings: list[dict[str, object]] = field(default_factory=list)
    note: str | None = None
    """How the text was obtained, when it matters to trust it ("read by OCR …")."""
    markers: str = ""
    """The markers the reader used, with the lines each was read on: "OS «O.S.» + code (5 lines);
    …"."""
    evaluation: str | None = None
    """An evaluation's or follow-up's IRI, when the file was one (``plan`` is its plan)."""
    evaluation_graph: str | None = None
    """The evaluation's own named graph."""
    unmatched_lines: list[int] = field(default_factory=list)
    """An evaluation's lines that match no item of its plan (kept, with their written code)."""

    def as_dict(self) -> dict[str, object]:
        """The report as plain data, for ``--report json``."""
        return asdict(self)


@dataclass
class ReadResult:
    """What reading one file gave: its report and, if it loaded, its graphs."""

    report: LoadReport
    triples: TripleSet | None = None
    """The plan graph."""
    derived: DerivedPlan | None = None
    """The plan's derived graph (themes, resolved partners, ODD), when asked for."""


def read_file(
    path: Path,
    cpas: str | None = None,
    legislature: str | None = None,
    digest: str | None = None,
) -> ReadResult:
    """Read one document into its plan graph, or say why it cannot be.

    With ``digest`` (:func:`pstkg.linking.derive.input_digest`), the plan's derived graph
    is made too, from the same triples: it depends on nothing else.
    """
    try:
        document, identity, built = read_plan_graph(path, cpas, legislature)
    except InputError as error:
        return ReadResult(LoadReport(file=str(path), loaded=False, error=str(error)))
    except Exception as error:  # a bug must not stop the batch, nor the service
        # Every bad input known is an InputError (tests/test_fuzz_loaders.py): this is the
        # net for the next one, so the other files still load and the API answers 422.
        reason = str(error).splitlines()[0][:200] if str(error) else ""
        failure = (
            f"{path.name}: pst-kg failed to read it ({type(error).__name__}: {reason}); "
            "this is a bug, please report it with the file"
        )
        return ReadResult(LoadReport(file=str(path), loaded=False, error=failure))
    parsed = document.parsed
    report = LoadReport(
        file=str(path),
        loaded=True,
        layout=parsed.layout,
        plan=str(built.iri),
        cpas=identity.cpas_name,
        cpas_from=identity.cpas_from,
        legislature=identity.legislature,
        legislature_from=identity.legislature_from,
        counts=built.counts,
        skipped=[_finding(f, "reason") for f in parsed.skipped],
        warnings=[_finding(f, "message") for f in [*parsed.warnings, *built.warnings]],
        note=document.source.note,
        markers=parsed.markers,
    )
    derived = None
    if digest is not None:
        derived = derive_plan(plan_input(built.iri, built.triples), digest)
    return ReadResult(report, built.triples, derived)


def read_plan_graph(
    path: Path, cpas: str | None = None, legislature: str | None = None
) -> tuple[ReadDocument, PlanIdentity, BuiltPlan]:
    """Read one document, decide its identity and build its plan graph; InputError (and only
    that, for any input) when it cannot be loaded."""
    document = read_document(path)
    identity = resolve_identity(document.parsed, path, cpas, legislature)
    return document, identity, build_plan_graph(document.parsed, document.source, identity)


def read_files(
    files: Sequence[Path],
    cpas: str | None = None,
    legislature: str | None = None,
    workers: int | None = None,
    digest: str | None = None,
) -> Iterator[ReadResult]:
    """:func:`read_file` of each file, in order; ``workers`` processes (default: one per core
    for :data:`PARALLEL_FROM` files or more, else none)."""
    if workers is None:
        workers = available_cores() if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or len(files) < 2:
        for path in files:
            yield read_file(path, cpas, legislature, digest)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        waiting: deque[Future] = deque()
        ahead = iter(files)
        for path in ahead:
            waiting.append(pool.submit(read_file, path, cpas, legislature, digest))
            if len(waiting) >= workers * IN_FLIGHT_PER_WORKER:
                break
        while waiting:
            result = waiting.popleft().result()
            following = next(ahead, None)
            if following is not None:
                waiting.append(pool.submit(read_file, following, cpas, legislature, digest))
            yield result
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failing: the workers' results are no longer
        # wanted, and waiting for the files they are reading (an OCR may take minutes) would
        # keep the command alive after it was asked to stop.
        stop_workers(pool)
        raise
    pool.shutdown()


def die_with_parent(parent: int) -> None:
    """A reading worker's initializer: it ends when the loading process ends, however it ends.

    On Linux the kernel sends the worker SIGTERM when its parent dies, SIGKILL included
    (``PR_SET_PDEATHSIG``). Ctrl-C reaches the whole process group: the worker ignores it and
    lets the loading process stop it. A forked worker inherits the parent's signal handlers:
    SIGTERM gets its default action back (end at once).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above: nobody will tell us
        os._exit(1)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now, without waiting for the files they are reading."""
    # The executor has no public way to end its workers before Python 3.14
    # (terminate_workers): its process table is the only handle on them, and shutdown()
    # forgets it.
    processes = dict(getattr(pool, "_processes", None) or {})
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        process.terminate()
    for process in processes.values():
        process.join(timeout=5)
    # A worker ended while sending a result leaves half a message in the result pipe: the
    # executor's thread would wait for the rest forever, and Python's exit for that thread.
    # Closing this process's end for writing (the workers' ends went with them) gives it
    # end-of-file instead: it sees a broken pool and ends.
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()


def _context() -> multiprocessing.context.BaseContext:
    """Forked workers where the system can fork.

    A spawned or forkserver worker starts by importing the caller's ``__main__``: a script
    without the ``if __name__ == "__main__"`` guard would run again, store and all. A forked
    worker starts from a copy of this process and only reads and builds: it never touches the
    store, so the store's threads (whose locks fork does not carry over) cannot hang it.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _finding(finding, key: str) -> dict[str, object]:
    return {"lines": [finding.span.first_line, finding.span.last_line], key: finding.message}
