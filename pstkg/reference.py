"""The reference tables of data/registry/: NIS codes of Walloon municipalities, eComptes codes.

The tables are data (CSV beside a README), read once per process; this module only looks
things up in them.
"""

from __future__ import annotations

import csv
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


@cache
def ecomptes_statuses() -> list[tuple[str, str]]:
    """(eComptes Statut code, local name of its pstv:etats concept), in the table's order."""
    return [(row["code"], row["concept"]) for row in _rows("ecomptes-statuts.csv")]
