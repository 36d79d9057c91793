"""The loaders under seeded mutations of real inputs (issue #14: the fuzz suite).

Every seed document loads as it is; each case mutates one (truncation, flipped bytes, NUL and
0xFF inserted, a giant line, lines deleted, duplicated or swapped, a part of a zip package
broken, a wrong extension…) with ``random.Random(case id)``, so a failing case is replayed by
its id alone. What is asserted for each case, as a user would observe it:

- reading it (:func:`pstkg.reading.read_plan_graph`: document, identity, graph; and leniently,
  as ``pst draft`` does) either gives a plan or raises an InputError, never any other
  exception;
- an InputError is one line, starting with the name of the file it is about (the document or
  its sidecar) and a reason;
- a failed ``pst load`` leaves the store byte-identical (its N-Quads export), also when the
  mutated file would have replaced a plan already in the store;
- ``pst load`` of many bad files and a good one (a real process): no traceback, one FAILED
  line per bad file naming it, the good one loaded, exit status 1.

About 350 cases run by default; ``@pytest.mark.slow`` sweeps 1,700 more (run in CI too).
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from openpyxl import Workbook

from pstkg.errors import InputError
from pstkg.identity import sidecar_path
from pstkg.loaders.read import read_document
from pstkg.loading import load_files
from pstkg.reading import read_plan_graph
from pstkg.store import ExportFormat, open_store

from .conftest import CORPUS, ROOT, TEMPLATES

Mutation = Callable[[random.Random, bytes], bytes]


# -- the seeds: real documents of every kind ----------------------------------------------


def _xlsx() -> bytes:
    book = Workbook()
    text = (TEMPLATES / "pst-exemple.csv").read_text(encoding="utf-8")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _office(suffix: str) -> bytes:
    from tests.test_office import write_docx, write_odt

    folder = Path(__import__("tempfile").mkdtemp())
    try:
        writer = write_docx if suffix == ".docx" else write_odt
        return writer(folder / f"plan{suffix}").read_bytes()
    finally:
        shutil.rmtree(folder)


SEEDS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "burdinne": (".txt", lambda: (CORPUS / "burdinne-2019-2024.txt").read_bytes()),
    "dinant": (".txt", lambda: (CORPUS / "dinant-2019.txt").read_bytes()),
    "ville": (".txt", lambda: (CORPUS / "ville-cpas-conseil-conjoint-2019-2024.txt").read_bytes()),
    "anderlues": (".txt", lambda: (CORPUS / "anderlues-2019-2024.txt").read_bytes()),
    "template": (".csv", lambda: (TEMPLATES / "pst-exemple.csv").read_bytes()),
    "workbook": (".xlsx", _xlsx),
    "word": (".docx", lambda: _office(".docx")),
    "writer": (".odt", lambda: _office(".odt")),
    "ecomptes": (".xml", lambda: (ROOT / "tests/fixtures/ecomptes/huy-2019-2024.xml").read_bytes()),
}
SIDECARS = {
    "burdinne": CORPUS / "burdinne-2019-2024.meta.toml",
    "ville": CORPUS / "ville-cpas-conseil-conjoint-2019-2024.meta.toml",
}
"""Seeds whose CPAS or législature is in a sidecar: the mutated file gets it too."""


@cache
def seed(name: str) -> bytes:
    return SEEDS[name][1]()


# -- the mutations -------------------------------------------------------------------------


def _position(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: _position(rng, data)]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert_nul(rng: random.Random, data: bytes) -> bytes:
    at = _position(rng, data)
    return data[:at] + b"\x00" * rng.randint(1, 4) + data[at:]


def insert_ff(rng: random.Random, data: bytes) -> bytes:
    out = data
    for _ in range(rng.randint(1, 5)):
        at = _position(rng, out)
        out = out[:at] + b"\xff" + out[at:]
    return out


def giant_line(rng: random.Random, data: bytes) -> bytes:
    at = _position(rng, data)
    word = rng.choice([b"x", b" mot", b"\xc3\xa9", b"{", b"1.", b"- ", b"\t"])
    return data[:at] + word * rng.randint(30_000, 120_000) + data[at:]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, max(1, len(lines) // 10))):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    """Markers out of order: lines (headings, codes, fiche labels) swapped pairwise."""
    lines = _lines(data)
    for _ in range(rng.randint(1, 8)):
        first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def duplicate_block(rng: random.Random, data: bytes) -> bytes:
    start = _position(rng, data)
    end = min(len(data), start + rng.randint(1, 5_000))
    return data[:end] + data[start:end] * rng.randint(1, 3) + data[end:]


def strip_markers(rng: random.Random, data: bytes) -> bytes:
    """The words the reader's markers are made of, dropped or changed in places."""
    words = [b"Objectif", b"objectif", b"OS", b"OO", b"Action", b"Projet", b";", b":", b"."]
    out = data
    for word in rng.sample(words, rng.randint(1, 4)):
        out = out.replace(word, rng.choice([b"", b"?", word.upper(), word + word]))
    return out


BYTE_MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "flip": flip_bytes,
    "nul": insert_nul,
    "ff": insert_ff,
    "giant-line": giant_line,
    "delete-lines": delete_lines,
    "swap-lines": swap_lines,
    "duplicate": duplicate_block,
    "markers": strip_markers,
}


def in_a_part(rng: random.Random, data: bytes) -> bytes:
    """A valid zip package whose main XML part got one of the mutations above."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = [n for n in source.namelist() if n.endswith(".xml")]
    target = rng.choice(parts)
    mutation = rng.choice(list(BYTE_MUTATIONS.values()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            content = source.read(name)
            package.writestr(name, mutation(rng, content) if name == target else content)
    return buffer.getvalue()


MUTATIONS: dict[str, Mutation] = {**BYTE_MUTATIONS, "zip-part": in_a_part}
ZIP_SUFFIXES = {".xlsx", ".docx", ".odt"}
OTHER_SUFFIXES = [".txt", ".md", ".pdf", ".docx", ".odt", ".csv", ".xlsx", ".xml", ".doc"]


def cases(repeats: range) -> list[str]:
    """Case ids "seed/mutation/n" (and "seed/as-SUFFIX/n" for a wrong extension)."""
    ids = []
    for name, (suffix, _) in SEEDS.items():
        names = [m for m in MUTATIONS if m != "zip-part" or suffix in ZIP_SUFFIXES]
        names.append("wrong-extension")
        for mutation in names:
            # Anderlues (136 KB) is the slowest read: one case per mutation by default.
            for n in repeats if name != "anderlues" else repeats[:1]:
                ids.append(f"{name}/{mutation}/{n}")
    return ids


def make_case(case: str, folder: Path) -> Path:
    """The mutated document of ``case``, written in ``folder`` (with its seed's sidecar)."""
    name, mutation, _ = case.split("/")
    suffix, _ = SEEDS[name]
    rng = random.Random(case)
    data = seed(name)
    if mutation == "wrong-extension":
        suffix = rng.choice([s for s in OTHER_SUFFIXES if s != suffix])
    else:
        data = MUTATIONS[mutation](rng, data)
    path = folder / f"{name}-{mutation}-{case.rsplit('/', 1)[1]}{suffix}"
    path.write_bytes(data)
    if name in SIDECARS:
        shutil.copyfile(SIDECARS[name], sidecar_path(path))
    return path


def check_reading(path: Path) -> bool:
    """Read the document as ``pst load`` does, and as ``pst draft`` does (leniently); True if
    it loads. Only InputError may come, as one line naming the file."""
    with contextlib.suppress(InputError):  # its message is the one pst load's, checked below
        read_document(path, strict=False)
    try:
        read_plan_graph(path)
    except InputError as error:
        message = str(error)
        assert "\n" not in message and "\r" not in message, message
        assert error.path.name in {path.name, sidecar_path(path).name}, message
        assert message.startswith(error.path.name) and error.reason.strip(), message
        return False
    return True


def test_every_seed_loads_as_it_is(tmp_path: Path):
    for name, (suffix, _) in SEEDS.items():
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(seed(name))
        if name in SIDECARS:
            shutil.copyfile(SIDECARS[name], sidecar_path(path))
        assert check_reading(path), name


@pytest.mark.parametrize("case", cases(range(4)))
def test_a_mutated_document_loads_or_is_refused_in_one_line(case: str, tmp_path: Path):
    check_reading(make_case(case, tmp_path))


@pytest.mark.slow
@pytest.mark.parametrize("case", cases(range(4, 24)))
def test_the_larger_sweep(case: str, tmp_path: Path):
    check_reading(make_case(case, tmp_path))


# -- the store and the command line ------------------------------------------------------


def failing_cases(seed_name: str, count: int, folder: Path) -> list[Path]:
    """The first ``count`` mutations of a seed that are refused, each with a distinct cause."""
    found: list[Path] = []
    for case in cases(range(12)):
        if case.startswith(f"{seed_name}/") and not check_reading(make_case(case, folder)):
            found.append(make_case(case, folder))
            if len(found) == count:
                break
    return found


def test_a_failed_load_leaves_the_store_byte_identical(tmp_path: Path):
    """Dinant is in the store; its mutations (the same plan, so they would replace it) and
    the template's fail to load, one by one: the store's export never changes."""
    cases_folder = tmp_path / "cases"
    cases_folder.mkdir()
    bad = failing_cases("dinant", 8, cases_folder) + failing_cases("workbook", 4, cases_folder)
    assert len(bad) == 12
    with open_store(tmp_path / "store") as store:
        (loaded,) = load_files(store, [CORPUS / "dinant-2019.txt"])
        assert loaded.loaded
        before = store.export(ExportFormat.NQUADS)
        for path in bad:
            (report,) = load_files(store, [path])
            assert not report.loaded and report.error
            assert store.export(ExportFormat.NQUADS) == before, path.name


def test_pst_load_of_many_bad_files_prints_no_traceback(tmp_path: Path):
    cases_folder = tmp_path / "cases"
    cases_folder.mkdir()
    bad = [
        *failing_cases("ville", 4, cases_folder),
        *failing_cases("word", 4, cases_folder),
        *failing_cases("ecomptes", 4, cases_folder),
    ]
    good = CORPUS / "dinant-2019.txt"
    command = [sys.executable, "-m", "pstkg.cli", "load", *map(str, bad), str(good)]
    done = subprocess.run(
        [*command, "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED ")]
    assert [line.split()[1].rstrip(":") for line in failed] == [path.name for path in bad]
    assert f"loaded {good.name}" in done.stdout
    assert f"1 of {len(bad) + 1} file(s) loaded" in done.stdout
