"""The reference tables of data/registry/: NIS codes of Walloon municipalities, eComptes codes.

The tables are data (CSV beside a README), read once per process; this module only looks
things up in them.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from pstkg.iris import slug


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("pstkg.registry").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def _municipalities() -> dict[str, str]:
    """NIS code → name of the municipality (and so of its CPAS)."""
    return {row["nis"]: row["name"] for row in _rows("nis.csv")}


@cache
def _nis_by_slug() -> dict[str, str]:
    return {slug(name): nis for nis, name in _municipalities().items()}


def municipality_name(nis_code: str) -> str | None:
    """The municipality a NIS code stands for, or None if the table does not list it."""
    return _municipalities().get(nis_code.strip())


def nis_code_for(cpas_slug: str) -> str | None:
    """The NIS code of the municipality whose CPAS has this IRI slug ("anderlues" → "56001")."""
    return _nis_by_slug().get(cpas_slug)


@cache
def ecomptes_statuses() -> list[tuple[str, str]]:
    """(eComptes Statut code, local name of its pstv:etats concept), in the table's order."""
    return [(row["code"], row["concept"]) for row in _rows("ecomptes-statuts.csv")]
