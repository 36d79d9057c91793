"""The checks of a reading against a generated plan's expectations, one aspect per function.

Each takes a :class:`Reading` (the plan, where it was written, and what ``read_document``
made of it) and fails with a message naming the file and, as a list to diff, what differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pstkg.identity import resolve_identity
from pstkg.loaders.read import ReadDocument, read_document

from . import GeneratedPlan, generate
from .expected import (
    canon,
    expected_fiche,
    fiche_value,
    parsed_counts,
    parsed_flat_codes,
    parsed_flat_titles,
)


@dataclass
class Reading:
    plan: GeneratedPlan
    path: Path
    document: ReadDocument | None = field(repr=False)
    error: Exception | None

    def parsed(self):
        """The ParsedPlan, or the test fails with the reader's error."""
        if self.document is None:
            pytest.fail(f"{self.path.name}: the reader failed: {self.error!r}")
        return self.document.parsed


def read_generated(style: str, seed: int, folder: Path) -> Reading:
    """Generate the plan, write it (and its sidecar) into ``folder``, read it."""
    plan = generate(style, seed)
    path = plan.write(folder)
    try:
        document, error = read_document(path), None
    except Exception as exception:  # the reader under test may fail in any way
        document, error = None, exception
    return Reading(plan, path, document, error)


def check_counts(r: Reading) -> None:
    got = parsed_counts(r.parsed())
    assert got == r.plan.expected.counts(), f"{r.path.name}: (OS, OO, actions)"


def check_titles(r: Reading) -> None:
    assert parsed_flat_titles(r.parsed()) == r.plan.expected.flat_titles(), r.path.name


def check_codes(r: Reading) -> None:
    assert parsed_flat_codes(r.parsed()) == r.plan.expected.flat_codes(), r.path.name


def check_identity(r: Reading) -> None:
    parsed = r.parsed()
    identity = resolve_identity(parsed, r.path)
    assert identity.cpas_name.casefold() == r.plan.expected.cpas.casefold(), r.path.name
    assert identity.legislature == r.plan.expected.legislature, r.path.name
    if r.plan.sidecar is None:
        # The cover names the CPAS (in capitals) and nothing else does: the reader must find it.
        assert parsed.cpas is not None, f"{r.path.name}: the cover states the CPAS"


def check_fiches(r: Reading) -> None:
    parsed = r.parsed()
    fields = r.plan.expected.fiche_fields
    by_title = {}
    for action in parsed.actions():
        by_title.setdefault(canon(action.title), action)
    problems = []
    found = 0
    for expected in r.plan.expected.actions():
        action = by_title.get(canon(expected.title))
        if action is None:
            continue  # test_titles says which actions were not read
        found += 1
        want = expected_fiche(expected, fields)
        got = {name: fiche_value(action, name) for name in fields}
        for name in fields:
            if got[name] != want[name]:
                problems.append((expected.title, name, want[name], got[name]))
        if expected.kind is not None and action.kind != expected.kind:
            problems.append((expected.title, "kind", expected.kind, action.kind))
    assert found or not r.plan.expected.actions(), f"{r.path.name}: no action read by its title"
    assert problems == [], f"{r.path.name}: (action, field, expected, got)"


def check_not_items(r: Reading) -> None:
    parsed = r.parsed()
    offenders = []
    for level, title in parsed_flat_titles(parsed):
        for text in r.plan.expected.not_items:
            if canon(text) in title:
                offenders.append((level.strip(), title, text))
    assert offenders == [], f"{r.path.name}: items made of what is not an item"


def check_layout(r: Reading) -> None:
    layout = r.parsed().layout
    assert isinstance(layout, str) and layout.strip(), f"{r.path.name}: layout {layout!r}"


def check_volets(r: Reading) -> None:
    want = [os_.volet for os_ in r.plan.expected.tree]
    if not any(want):
        return  # this seed writes no volet heading
    got = [os_.volet for os_ in r.parsed().strategic_objectives]
    # "VOLET INTERNE", "Volet interne" or "interne": each names the volet.
    named = [w if g and w and w in g.casefold() else g for g, w in zip(got, want, strict=False)]
    assert named == want, f"{r.path.name}: volet of each OS"
