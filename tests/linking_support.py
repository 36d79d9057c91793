"""Stores for the linking and named-query tests: the corpus, loaded the way `pst load` does."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from pstkg.loading import load_files
from pstkg.store import PlanStore, SelectResult, open_store

from .conftest import CORPUS, TEMPLATES

FIXTURES = Path(__file__).parent / "fixtures" / "linking"
VOISINVILLE = FIXTURES / "voisinville-2019-2024.csv"
EXEMPLE = TEMPLATES / "pst-exemple.csv"

ID = "https://w3id.org/pst-kg/id/"
ANDERLUES = URIRef(ID + "plan/anderlues/2019-2024")
BURDINNE = URIRef(ID + "plan/burdinne/2019-2024")
DINANT = URIRef(ID + "plan/dinant/2019-2024")
VILLE = URIRef(
    ID + "plan/cpas-non-nomme-conseil-conjoint-ville-cpas-du-24-septembre-2019/2019-2024"
)
VOISIN = URIRef(ID + "plan/voisinville/2019-2024")
EXEMPLEVILLE = URIRef(ID + "plan/exempleville/2019-2024")
CORPUS_PLANS = {ANDERLUES, BURDINNE, DINANT, VILLE}


def loaded_store(folder: Path, *extra: Path) -> PlanStore:
    """A store at ``folder`` holding the corpus (and extra documents), derived links included."""
    store = open_store(folder)
    reports = load_files(store, [CORPUS, *extra])
    assert all(report.loaded for report in reports), [r.error for r in reports]
    return store


def rows(result) -> list[dict[str, str | None]]:
    """SELECT rows as dicts of strings (None where unbound)."""
    assert isinstance(result, SelectResult)
    return [
        {k: (None if v is None else str(v)) for k, v in row.items()} for row in result.as_dicts()
    ]
