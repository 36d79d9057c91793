"""The continuity found between the corpus plans of 2019-2024 and the FICTIONAL 2025-2030 plans
(tests/fixtures/fictional) is the one a person reading both plans states in the folder's README.
Also: loading and removing a plan re-derives the links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef

from pstkg.loading import load_files
from pstkg.named_queries import run_named_query
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import open_store

from .conftest import CORPUS

FICTIONAL = Path(__file__).parent / "fixtures" / "fictional"
ID = "https://w3id.org/pst-kg/id/plan/"
PLANS = {  # CPAS in the README → (2019-2024 plan, 2025-2030 plan)
    "Dinant": (URIRef(ID + "dinant/2019-2024"), URIRef(ID + "dinant/2024-2030")),
    "Burdinne": (URIRef(ID + "burdinne/2019-2024"), URIRef(ID + "burdinne/2024-2030")),
}
_ITEMS = """
SELECT ?item ?code ?title WHERE {
  GRAPH ?plan { ?item a ?type ; dcterms:title ?title . FILTER(?type IN (pst:Project, pst:Action))
                OPTIONAL { ?item pst:code ?code } }
}"""
_LINKS = """
SELECT ?later ?earlier ?method WHERE {
  GRAPH ?graph { ?later pst:continues ?earlier .
                 ?link a pst:ContinuityLink ; pst:linkSubject ?later ; pst:linkTarget ?earlier ;
                       pst:method ?method ; pst:score ?score ; pst:evidence ?evidence }
}"""


def expectation() -> list[tuple[str, str, str | None]]:
    """The README's table: (CPAS, 2025 item, 2019 item or None for new), as written."""
    rows = []
    for line in (FICTIONAL / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in PLANS:
            rows.append((cells[0], cells[1], None if cells[2] == "—" else cells[2]))
    return rows


def resolve(store, plan: URIRef, name: str) -> URIRef:
    """The item of ``plan`` a README cell names: by code, else by the beginning of its title."""
    query = SPARQL_PREFIXES + _ITEMS.replace("?plan", f"<{plan}>")
    items = store.select_text(query)
    quoted = re.fullmatch(r"« (.+) »", name)
    if quoted:
        found = [item for item, _, title in items if title.startswith(quoted.group(1))]
    else:
        found = [item for item, code, _ in items if code == name]
    assert len(found) == 1, (plan, name, found)
    return URIRef(found[0])


def stored_links(store) -> dict[URIRef, URIRef]:
    rows = store.select_text(SPARQL_PREFIXES + _LINKS)
    return {URIRef(later): URIRef(earlier) for later, earlier, _ in rows}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("continuity"))
    paths = [CORPUS, *sorted(FICTIONAL.glob("*.txt"))]
    assert all(report.loaded for report in load_files(store, paths))
    return store


def test_the_links_found_are_those_a_reader_states(store):
    expected: dict[URIRef, URIRef | None] = {}
    for cpas, later_name, earlier_name in expectation():
        earlier_plan, later_plan = PLANS[cpas]
        later = resolve(store, later_plan, later_name)
        expected[later] = resolve(store, earlier_plan, earlier_name) if earlier_name else None
    assert len(expected) == 40  # every 2025-2030 item of both plans has its row
    found = stored_links(store)
    assert {later: found.get(later) for later in expected} == expected
    assert set(found) <= set(expected)  # no link from anything else (the corpus has one plan each)


def test_the_counts_are_the_readmes(store):
    found = stored_links(store)
    for cpas, (earlier_plan, later_plan) in PLANS.items():
        query = SPARQL_PREFIXES + _ITEMS.replace("?plan", f"<{earlier_plan}>")
        earlier_items = {item for item, _, _ in store.select_text(query)}
        continued = {
            earlier for later, earlier in found.items() if str(later).startswith(str(later_plan))
        }
        text = (FICTIONAL / "README.md").read_text(encoding="utf-8")
        stated = re.search(rf"{cpas} (\d+) continued, (\d+) new, (\d+) of its (\d+)", text)
        assert stated, cpas
        assert (len(continued), len(earlier_items) - len(continued), len(earlier_items)) == (
            int(stated.group(1)),
            int(stated.group(3)),
            int(stated.group(4)),
        )


def test_removing_or_reloading_a_plan_rederives_the_links(tmp_path):
    from pstkg.linking import derive_links

    store = open_store(tmp_path)
    dinant_2019 = CORPUS / "dinant-2019.txt"
    dinant_2025 = FICTIONAL / "dinant-2025-2030.txt"
    assert all(r.loaded for r in load_files(store, [dinant_2025]))
    assert stored_links(store) == {}  # one législature: nothing to continue
    assert all(r.loaded for r in load_files(store, [dinant_2019]))
    assert len(stored_links(store)) == 20
    before = store.select_text(SPARQL_PREFIXES + "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert all(r.loaded for r in load_files(store, [dinant_2019]))  # the same file again
    after = store.select_text(SPARQL_PREFIXES + "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert sorted(before, key=str) == sorted(after, key=str)
    store.drop_graph(PLANS["Dinant"][0])
    derive_links(store)
    assert stored_links(store) == {}


def named(store, name: str, **params: str) -> list[dict]:
    result = run_named_query(store, name, params)
    return [
        {key: None if value is None else str(value) for key, value in row.items()}
        for row in result.as_dicts()
    ]


def test_the_named_queries_say_what_the_readme_says(store):
    expected = expectation()
    new = {(cpas, name) for cpas, name, earlier in expected if earlier is None}
    figures = {row["cpas_label"]: row for row in named(store, "continuity-by-cpas")}
    assert set(figures) == {"CPAS de Dinant", "CPAS de Burdinne"}  # one législature elsewhere
    dinant = figures["CPAS de Dinant"]
    assert (dinant["continued"], dinant["new"], dinant["dropped"]) == ("20", "5", "50")
    assert float(dinant["share_continued"]) == pytest.approx(28.6)
    burdinne = figures["CPAS de Burdinne"]
    assert (burdinne["continued"], burdinne["new"], burdinne["dropped"]) == ("10", "5", "22")
    dinant_cpas = "https://w3id.org/pst-kg/id/cpas/dinant"
    links = named(store, "continuity", cpas=dinant_cpas)
    assert len(links) == 20 and {row["source"] for row in links} == {"dérivé"}
    moved = next(row for row in links if row["item"].endswith("/dinant/2024-2030/action/1-2-1"))
    assert moved["earlier_item"].endswith("/dinant/2019-2024/action/1-2-2")
    assert moved["method"] == "continuity-similarity" and "logement" in moved["evidence"]
    fresh = {row["code"] for row in named(store, "new-items", cpas=dinant_cpas)}
    assert fresh == {name for cpas, name in new if cpas == "Dinant"}
    dropped = named(store, "dropped-items", plan=str(PLANS["Dinant"][0]))
    assert len(dropped) == 50 and "1.6.3" in {row["code"] for row in dropped}
    assert all(row["plan"] == str(PLANS["Dinant"][0]) for row in dropped)
