"""The reference tables of data/registry/: NIS codes of Walloon municipalities, their
arrondissements and provinces, eComptes codes.

The tables are data (CSV beside a README), read once per process; this module only looks
things up in them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("pstkg.registry").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def municipalities() -> dict[str, str]:
    """NIS code → name of the municipality (and so of its CPAS)."""
    return {row["nis"]: row["name"] for row in _rows("nis.csv")}


def municipality_name(nis_code: str) -> str | None:
    """The municipality a NIS code stands for, or None if the table does not list it."""
    return municipalities().get(nis_code.strip())


@dataclass(frozen=True)
class Arrondissement:
    """An administrative arrondissement of Wallonia: the first two digits of its NIS codes."""

    code: str
    name: str
    province: str


@cache
def arrondissements() -> dict[str, Arrondissement]:
    """Two-digit code → arrondissement, in the table's order (by code)."""
    return {
        row["code"]: Arrondissement(row["code"], row["arrondissement"], row["province"])
        for row in _rows("arrondissements.csv")
    }


def provinces() -> list[str]:
    """The Walloon provinces, in the order of their arrondissements' codes."""
    return list(dict.fromkeys(place.province for place in arrondissements().values()))


def arrondissement_of(nis_code: str | None) -> Arrondissement | None:
    """The arrondissement of a municipality's five-digit NIS code (its first two digits), or
    None for no code or a code outside Wallonia's arrondissements."""
    code = (nis_code or "").strip()
    if len(code) != 5 or not code.isdigit():
        return None
    return arrondissements().get(code[:2])


@cache
def ecomptes_statuses() -> list[tuple[str, str]]:
    """(eComptes Statut code, local name of its pstv:etats concept), in the table's order."""
    return [(row["code"], row["concept"]) for row in _rows("ecomptes-statuts.csv")]
