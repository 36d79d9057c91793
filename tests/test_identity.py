"""Which CPAS and législature a plan is for: stated, given, or refused — never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.errors import InputError, MissingIdentityError
from pstkg.identity import canonical_legislature, resolve_identity
from pstkg.loaders.model import ParsedPlan, Span, Stated


def plan(cpas: str | None = None, legislature: str | None = None) -> ParsedPlan:
    return ParsedPlan(
        layout="test",
        cpas=Stated(cpas, Span(3, 3)) if cpas else None,
        legislature=Stated(legislature, Span(5, 5)) if legislature else None,
    )


def test_what_the_document_states_wins_and_is_cited(tmp_path: Path):
    identity = resolve_identity(plan("Dinant", "2018-2024"), tmp_path / "dinant.txt")
    assert (identity.cpas_name, identity.cpas_slug, identity.legislature) == (
        "Dinant",
        "dinant",
        "2019-2024",
    )
    assert identity.cpas_from == "dinant.txt, line 3"


def test_the_legislature_aliases():
    where = Path("x.txt")
    assert canonical_legislature("2019 - 2024", where) == "2019-2024"
    assert canonical_legislature("2018-2024", where) == "2019-2024"
    assert canonical_legislature("2024-2030", where) == "2024-2030"
    with pytest.raises(InputError, match=r"unknown législature"):
        canonical_legislature("1990-1995", where)


def test_a_silent_document_needs_options_or_a_sidecar(tmp_path: Path):
    document = tmp_path / "deck.txt"
    with pytest.raises(MissingIdentityError, match=r"--cpas.*deck.meta.toml"):
        resolve_identity(plan(legislature="2019-2024"), document)
    given = resolve_identity(plan(legislature="2019-2024"), document, cpas="Thuin")
    assert (given.cpas_name, given.cpas_from) == ("Thuin", "--cpas")
    (tmp_path / "deck.meta.toml").write_text('cpas = "Binche"\nlegislature = "2019-2024"\n')
    from_sidecar = resolve_identity(plan(), document)
    assert (from_sidecar.cpas_name, from_sidecar.cpas_from) == ("Binche", "deck.meta.toml")


def test_a_contradiction_is_an_error(tmp_path: Path):
    with pytest.raises(InputError, match=r"states CPAS 'Dinant' but --cpas says 'Thuin'"):
        resolve_identity(plan("Dinant", "2019-2024"), tmp_path / "d.txt", cpas="Thuin")
    with pytest.raises(InputError, match=r"législature"):
        resolve_identity(plan("Dinant", "2019-2024"), tmp_path / "d.txt", legislature="2024-2030")


def test_a_bad_sidecar_is_named(tmp_path: Path):
    (tmp_path / "deck.meta.toml").write_text('cpas = "Binche"\ncommune = "x"\n')
    with pytest.raises(InputError, match=r"deck.meta.toml: unknown key"):
        resolve_identity(plan(), tmp_path / "deck.txt")
    (tmp_path / "deck.meta.toml").write_text("cpas = \n")
    with pytest.raises(InputError, match=r"not valid TOML"):
        resolve_identity(plan(), tmp_path / "deck.txt")


def test_cpas_names_are_kept_without_the_word_cpas(tmp_path: Path):
    identity = resolve_identity(plan("CPAS d'Anderlues", "2018-2024"), tmp_path / "a.txt")
    assert (identity.cpas_name, identity.cpas_slug) == ("Anderlues", "anderlues")
    same = resolve_identity(
        plan("CPAS d'Anderlues", "2018-2024"), tmp_path / "a.txt", cpas="Anderlues"
    )
    assert same.cpas_slug == "anderlues"
