"""Fixtures of the query service's tests: a store with the corpus, an app, a live server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pstkg.api import create_app
from pstkg.loading import load_files
from pstkg.store import open_store
from tests.conftest import CORPUS, ROOT

TOKEN = "jeton-de-test"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding the four plans of the corpus (loaded once; do not write to it)."""
    path = tmp_path_factory.mktemp("api") / "store"
    with open_store(path) as store:
        reports = load_files(store, [CORPUS])
    assert all(report.loaded for report in reports)
    return path


@pytest.fixture
def writable_store(corpus_store: Path, tmp_path: Path) -> Path:
    """A copy of the corpus store that a test may change."""
    copy = tmp_path / "store"
    shutil.copytree(corpus_store, copy)
    return copy


@pytest.fixture(scope="module")
def client(corpus_store: Path) -> Iterator[TestClient]:
    """The app over the corpus store, writes disabled."""
    with TestClient(create_app(corpus_store, query_timeout=20)) as test_client:
        yield test_client


@pytest.fixture
def writer(writable_store: Path) -> Iterator[TestClient]:
    """The app over a store copy, writes allowed with :data:`TOKEN`."""
    with TestClient(create_app(writable_store, write_token=TOKEN)) as test_client:
        yield test_client


@dataclass(frozen=True)
class LiveServer:
    """A `pst serve` process on 127.0.0.1."""

    url: str
    process: subprocess.Popen

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(store: Path, *extra: str) -> LiveServer:
    """`pst serve` on a free port, once it answers."""
    port = free_port()
    pst = Path(sys.executable).with_name("pst")
    process = subprocess.Popen(
        [str(pst), "serve", "--store", str(store), "--port", str(port), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pst serve exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"{url}/api/queries", timeout=2):
                return LiveServer(url, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("pst serve did not answer within 60 s")


def stop_server(server: LiveServer) -> None:
    """Stop the server this test run started (by its own process handle)."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def live_server(
    corpus_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """`pst serve` over a copy of the corpus store: 2 s per query, 50 rows per answer."""
    copy = tmp_path_factory.mktemp("live") / "store"
    shutil.copytree(corpus_store, copy)
    server = start_server(copy, "--query-timeout", "2", "--result-limit", "50")
    yield server
    stop_server(server)


def gone(pid: int, within: float = 10.0) -> bool:
    """True once no process has ``pid`` (its parent, the forkserver, has reaped it)."""
    limit = time.monotonic() + within
    while time.monotonic() < limit:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False
