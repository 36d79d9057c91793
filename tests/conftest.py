"""Shared fixtures: the bundled corpus, fresh stores, and variants of a document's extraction.

Also the rule for tests that need a tool outside Python (Chromium, Tesseract, fonts): they may
skip on a developer's machine without it, never in CI (``CI`` set, as .ci/run sets it), where
.ci/run installs every such tool and a skip would hide a test that did not run.
"""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from pstkg.store import PlanStore, open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
TEMPLATES = ROOT / "data" / "templates"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def in_ci() -> bool:
    """True where ``CI`` is set to anything but an empty, "0" or "false" value (.ci/run: true)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """Skip the running test for want of what ``reason`` names; in CI, fail with it instead."""
    if in_ci():
        pytest.fail(f"{reason}: CI runs every test (.ci/run installs what it needs)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """In CI, a skipped test fails, naming why it skipped (skipif, importorskip, pytest.skip)."""
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        reason = str(reason).removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} skipped in CI (CI={os.environ['CI']}): {reason}; "
            "CI runs every test (.ci/run installs what it needs)"
        )
    return report


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A folder for a fresh on-disk store."""
    return tmp_path / "store"


@pytest.fixture
def store(store_dir: Path):
    """A fresh, empty on-disk store, closed after the test."""
    opened: PlanStore = open_store(store_dir)
    yield opened
    opened.close()


def rewrap(text: str, width: int = 45) -> str:
    """Split every line longer than ``width`` at word boundaries, as a narrower PDF column would."""
    out = []
    for line in text.split("\n"):
        while len(line) > width and " " in line[:width].strip():
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[:cut])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def windows_extraction(text: str) -> bytes:
    """The same text as another tool would save it: CRLF, Windows-1252, straight quotes, '...'."""
    text = text.replace("\u2019", "'").replace("\u2026", "...").replace("\u201c", '"')
    text = text.replace("\u201d", '"')
    return text.replace("\n", "\r\n").encode("cp1252", errors="replace")


def without_blank_lines(text: str) -> str:
    """The text as a tool that drops empty lines extracts it."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def with_blank_lines(text: str) -> str:
    """The text as a tool that double-spaces every line extracts it."""
    return "\n\n".join(text.split("\n"))


EXTRACTIONS: dict[str, Callable[[str], bytes]] = {
    "rewrap-30": lambda text: rewrap(text, 30).encode("utf-8"),
    "rewrap-45": lambda text: rewrap(text).encode("utf-8"),
    "rewrap-60": lambda text: rewrap(text, 60).encode("utf-8"),
    "crlf-cp1252": windows_extraction,
    "crlf-cp1252-rewrap-30": lambda text: windows_extraction(rewrap(text, 30)),
    "crlf-cp1252-rewrap-45": lambda text: windows_extraction(rewrap(text)),
    "no-blanks": lambda text: without_blank_lines(text).encode("utf-8"),
    "no-blanks-rewrap-40": lambda text: without_blank_lines(rewrap(text, 40)).encode("utf-8"),
    "blanks": lambda text: with_blank_lines(text).encode("utf-8"),
    "blanks-rewrap-45": lambda text: with_blank_lines(rewrap(text)).encode("utf-8"),
}
"""Other extractions of one document: each maps its text to the bytes another tool would give."""

extraction_variants = pytest.mark.parametrize(
    "variant", list(EXTRACTIONS.values()), ids=list(EXTRACTIONS)
)
"""Parametrise a test over :data:`EXTRACTIONS` (argument ``variant``)."""


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``pst ARGV...`` in-process; its exit status, stdout and stderr."""
    from pstkg.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Flags for Debian's headless Chromium here: no sandbox as root, and no background traffic
(the machine's closed network refuses it, many connections at a time)."""


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records each request's path and answers one empty SPARQL JSON solution."""

    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815 (the standard library's name)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL endpoint on 127.0.0.1 for one test: its URL and the requests it received."""
    requests: list[str] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", requests
    server.shutdown()
    server.server_close()
