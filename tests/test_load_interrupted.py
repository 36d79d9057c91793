"""Killing ``pst load`` (issue #14, item 10): its reading workers end with it; whole plans kept.

``pst load`` reads 16 files or more in worker processes. It is stopped while loading 32
generated plans, by SIGTERM, SIGINT (Ctrl-C, sent here to the loading process alone: the
harder case, as the workers do not get it) and SIGKILL. No worker may outlive it (read from
/proc), SIGTERM and SIGINT end it with one line and 143 / 130, and the store holds only
complete plans: each plan in it has exactly the triples the same file gives when the whole
folder loads (plans written before the stop stay; a plan is never written in part).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pstkg.loading import load_files
from pstkg.store import PlanStore, SelectResult, open_store
from pstkg.validation.run import plan_graphs

from .plan_styles import STYLES, generate
from .plan_styles.banks import Town

SAINTS = [
    *("Aubin", "Basile", "Cyrille", "Denis", "Eloi", "Fiacre", "Gilles", "Hubert", "Ignace"),
    *("Josse", "Lambert", "Marcel", "Nicaise", "Odon", "Pancrace", "Quentin", "Remacle"),
    *("Servais", "Théodard", "Ursmer", "Vaast", "Walburge", "Amand", "Bavon", "Colomban"),
    *("Druon", "Ermel", "Feuillen", "Ghislain", "Hadelin", "Ide", "Landelin"),
]
"""One town per plan: plans of one town and législature would replace each other."""
GRACE = 30.0
"""Seconds the workers are given to end after the loading process (they end at once)."""
_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def plans_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("interrupted") / "plans"
    cases = [(seed, style) for seed in range(2) for style in STYLES]
    for saint, (seed, style) in zip(SAINTS, cases, strict=False):
        generate(style, seed, town=Town(f"Saint-{saint}-lez-Essai", "essayen")).write(folder)
    return folder


@pytest.fixture(scope="module")
def reference_store(plans_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store where the whole folder loaded (do not write to it)."""
    path = tmp_path_factory.mktemp("reference") / "store"
    with open_store(path) as store:
        reports = load_files(store, [plans_folder])
        assert len(reports) == 32 and all(report.loaded for report in reports)
    return path


@pytest.fixture(scope="module")
def whole_load(reference_store: Path) -> dict[str, int]:
    """Each plan graph's triple count when the whole folder loads."""
    with open_store(reference_store, read_only=True) as store:
        counts = plan_triples(store)
    assert len(counts) == 32  # every plan its own graph
    return counts


def plan_triples(store: PlanStore) -> dict[str, int]:
    result = store.query(_COUNTS)
    assert isinstance(result, SelectResult)
    counts = {str(graph): int(count) for graph, count in result.rows}  # type: ignore[arg-type]
    return {str(plan): counts[str(plan)] for plan in plan_graphs(store)}


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        stat = _stat(int(entry.name)) if entry.name.isdigit() else None
        if stat is not None and int(stat[1]) == pid:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie (an ended child nobody reaped)."""
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # state, ppid, … (the name may hold spaces)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("stop", "status", "message"),
    [
        (signal.SIGTERM, 143, "pst: terminated (SIGTERM)"),
        (signal.SIGINT, 130, "pst: interrupted"),
        (signal.SIGKILL, -signal.SIGKILL, None),
    ],
    ids=["SIGTERM", "SIGINT", "SIGKILL"],
)
def test_stopping_pst_load(plans_folder, whole_load, tmp_path, stop, status, message):
    """New plans: the store keeps only whole plans (here none: the 32 plans are one bulk
    batch, written at the end, so the store is as it was)."""
    store = tmp_path / "store"
    stop_load(plans_folder, store, stop, status, message, at=4)
    with open_store(store, read_only=True) as opened:
        kept = plan_triples(opened)
    assert len(kept) < len(whole_load), "stopped before the end"
    assert kept == {plan: whole_load[plan] for plan in kept}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_stopping_a_reload_keeps_every_plan_whole(
    plans_folder, reference_store, whole_load, tmp_path
):
    """Plans already in the store are replaced one transaction each: stopped half-way, every
    plan is still there, whole (none dropped and not yet written again)."""
    store = tmp_path / "store"
    shutil.copytree(reference_store, store)
    stop_load(plans_folder, store, signal.SIGTERM, 143, "pst: terminated (SIGTERM)", at=16)
    with open_store(store, read_only=True) as opened:
        assert plan_triples(opened) == whole_load


def stop_load(
    folder: Path, store: Path, stop: int, status: int, message: str | None, *, at: int
) -> None:
    """Start pst load, send ``stop`` once ``at`` files are read, check that it and every
    worker ended, and how."""
    load = subprocess.Popen(
        [sys.executable, "-m", "pstkg.cli", "load", str(folder), "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        assert load.stderr is not None
        for line in load.stderr:  # "[i/32] reading …" as each plan's reading comes back
            if line.startswith(f"[{at}/"):
                break
        workers = children(load.pid)
        assert workers, "pst load reads 32 files in worker processes"
        load.send_signal(stop)
        # The pipe ends when every process holding it has ended: orphaned workers would keep
        # it open (and this call waiting) until they finished the whole folder.
        rest = load.communicate(timeout=GRACE)[1]
    finally:
        if load.poll() is None:  # failing: leave no process behind
            for pid in [load.pid, *(pid for pid in workers if running(pid))]:
                os.kill(pid, signal.SIGKILL)
            load.wait()
    assert load.returncode == status
    if message is not None:
        # Progress lines may still come before the stop; then one line says what happened.
        said = [line for line in rest.splitlines() if not line.startswith("[")]
        assert len(said) == 1 and said[0].startswith(message + "; the store holds the plans")
    deadline = time.monotonic() + GRACE
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in workers if running(pid)]
    for pid in survivors:  # not left behind by a failing test
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
