"""Shared fixtures: the bundled corpus, fresh stores, and variants of a document's extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.store import PlanStore, open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
TEMPLATES = ROOT / "data" / "templates"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


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
