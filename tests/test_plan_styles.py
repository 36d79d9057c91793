"""The general reader against generated plans in every published layout (issue #13).

tests/plan_styles/ draws a random plan from a seed (an invented CPAS, 2-6 OS, 1-5 OO each,
0-6 actions per OO, realistic French titles and fiche values) and writes it in one of the
marker/numbering styles of real Walloon plans, with the seed's extraction variants (wrapping,
blank lines, page furniture, CRLF/Windows-1252, typography). Each plan comes with what a
person reading it finds: the CPAS, the législature, the OS → OO → actions tree with the codes
as written, and the fiche fields the style writes. These tests read each document with
``read_document`` (and ``resolve_identity``, with the sidecar where the document does not
name its CPAS) and check the reading against that, one aspect per test so that a failure
says what went wrong; ``pytest -k themes`` runs one style.

Six seeds per style, one test per aspect; a sweep of 30 more seeds per style, every check in
one test, is marked slow (``-m "not slow"`` leaves it out). The generator is also checked on
its own: same seed, same bytes; every title it expects is in the text it wrote.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pstkg.cli import main

from .plan_styles import STYLES, GeneratedPlan, generate
from .plan_styles.checks import (
    Reading,
    check_codes,
    check_counts,
    check_fiches,
    check_identity,
    check_layout,
    check_not_items,
    check_titles,
    check_volets,
    read_generated,
)
from .plan_styles.expected import LIST_FIELDS, canon
from .plan_styles.textlayout import cpas_of

SEEDS = range(6)
SWEEP_SEEDS = range(6, 36)

CASES = [pytest.param(style, seed, id=f"{style}-seed{seed}") for style in STYLES for seed in SEEDS]
SWEEP = [
    pytest.param(style, seed, id=f"{style}-seed{seed}") for style in STYLES for seed in SWEEP_SEEDS
]
FICHE_CASES = [
    pytest.param(style, seed, id=f"{style}-seed{seed}")
    for style in STYLES
    if STYLES[style].fiche_fields
    for seed in SEEDS
]
VOLET_STYLES = ("os-oo-dots-action-dash", "os-oo-dots-global-oo", "letter-codes", "dotted-codes")
VOLET_CASES = [
    pytest.param(style, seed, id=f"{style}-seed{seed}") for style in VOLET_STYLES for seed in SEEDS
]


@pytest.fixture(scope="session")
def reading(tmp_path_factory):
    """reading(style, seed): the generated plan, written once and read once per session."""
    folder = tmp_path_factory.mktemp("plan-styles")
    cache: dict[tuple[str, int], Reading] = {}

    def read(style: str, seed: int) -> Reading:
        if (style, seed) not in cache:
            cache[style, seed] = read_generated(style, seed, folder / f"{style}-{seed}")
        return cache[style, seed]

    return read


# ---- the default run ----------------------------------------------------------------------


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_counts(reading, style, seed):
    """Exactly the OS, OO and actions the document holds."""
    check_counts(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_titles(reading, style, seed):
    """Each item's title, wrapped lines joined, in document order and under its parent."""
    check_titles(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_codes(reading, style, seed):
    """Each item's code as written ("1", "1.1", "Action 1" → "1"), None where unnumbered."""
    check_codes(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_identity(reading, style, seed):
    """The CPAS (from the cover, else the sidecar) and the législature 2019-2024."""
    check_identity(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), FICHE_CASES)
def test_fiches(reading, style, seed):
    """The fiche fields the style writes, with None/[] where a field is absent or empty."""
    check_fiches(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_not_items(reading, style, seed):
    """Table of contents, chapters, page furniture, indicator lists are no item."""
    check_not_items(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_layout_is_named(reading, style, seed):
    """The reading says which markers it used."""
    check_layout(reading(style, seed))


@pytest.mark.parametrize(("style", "seed"), VOLET_CASES)
def test_volets(reading, style, seed):
    """An OS filed under a VOLET INTERNE/EXTERNE heading belongs to that volet."""
    check_volets(reading(style, seed))


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("style", list(STYLES))
def test_cli_load_and_plan_summary(tmp_path, style):
    """`pst load` then `pst query plan-summary --format csv` counts what the document holds."""
    plan = generate(style, 0)
    path = plan.write(tmp_path / "plans")
    store = tmp_path / "store"
    code, out, err = cli("load", str(path), "--store", str(store))
    assert code == 0, out + err
    code, out, err = cli("query", "plan-summary", "--format", "csv", "--store", str(store))
    assert code == 0, out + err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1, out
    row = rows[0]
    n_os, n_oo, n_actions = plan.expected.counts()
    assert plan.expected.cpas.casefold() in row["cpas"].casefold(), row
    assert row["legislature"] == "2019-2024", row
    assert (
        int(row["objectifs_strategiques"]),
        int(row["objectifs_operationnels"]),
        int(row["actions"]),
    ) == (n_os, n_oo, n_actions), row


# ---- the generator itself (independent of the reader) -----------------------------------


@pytest.mark.parametrize("style", list(STYLES))
def test_generator_is_deterministic(style):
    first, again = generate(style, 3), generate(style, 3)
    assert first.data == again.data
    assert first.sidecar == again.sidecar
    assert first.expected == again.expected
    assert generate(style, 4).data != first.data


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for style in STYLES:
        plan = generate(style, 3)
        digest.update(plan.data + (plan.sidecar or "").encode() + repr(plan.expected).encode())
    return digest.hexdigest()


def test_generator_does_not_depend_on_the_hash_seed():
    """Same bytes in another process with another PYTHONHASHSEED (no set order leaks out)."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from tests.test_plan_styles import _fingerprint; print(_fingerprint())"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code, str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert other == _fingerprint()


def _document_words(plan: GeneratedPlan) -> str:
    """The document's text without page furniture, lines joined: where titles must appear."""
    furniture = (f"{cpas_of(plan.expected.cpas)} – PST 2019-2024", "Page ", "- ")
    kept = []
    for line in plan.text.replace("\f", "").split("\n"):
        stripped = line.strip()
        if (
            stripped.startswith(furniture[0])
            or (stripped.startswith("Page ") and "/" in stripped)
            or (stripped.startswith("- ") and stripped.endswith(" -"))
        ):
            continue
        kept.append(stripped)
    return canon(" ".join(kept)) or ""


@pytest.mark.parametrize(("style", "seed"), CASES)
def test_generator_writes_what_it_expects(style, seed):
    """Every expected title is in the text; the tree has the promised shape; bytes decode."""
    plan = generate(style, seed)
    expected = plan.expected
    assert 2 <= len(expected.tree) <= 6
    empty = 0
    for os_ in expected.tree:
        assert 1 <= len(os_.oos) <= 5
        for oo in os_.oos:
            assert 0 <= len(oo.actions) <= 6
            empty += not oo.actions
    assert empty <= 2
    encoding = "cp1252" if plan.options.cp1252 else "utf-8"
    assert plan.data.decode(encoding).replace("\r\n", "\n") == plan.text
    titles = [t for _, t in expected.flat_titles()]
    assert len(set(titles)) == len(titles), "titles are unique within a plan"
    if style == "layout-table":
        return  # titles sit in columns: checked by reading them
    text = _document_words(plan)
    missing = [title for title in titles if title not in text]
    assert missing == []
    for action in expected.actions():
        for name in expected.fiche_fields:
            value = (action.fiche or {}).get(name)
            if value and name not in LIST_FIELDS:
                assert canon(value) in text, (name, value)


# ---- the sweep ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("style", "seed"), SWEEP)
def test_sweep(reading, style, seed):
    """30 more seeds per style, every check in one test."""
    r = reading(style, seed)
    check_counts(r)
    check_titles(r)
    check_codes(r)
    check_identity(r)
    if r.plan.expected.fiche_fields:
        check_fiches(r)
    check_not_items(r)
    check_layout(r)
    if style in VOLET_STYLES:
        check_volets(r)
