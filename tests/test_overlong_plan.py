"""One bad plan in the store (issue #14, item 5, output side): a title of 19 million characters.

The store is written directly (the loader's own limits are another matter): the corpus plan of
Dinant, and a small plan one of whose actions has a title of 19 million characters, as a file
that is one huge line gives. ``pst validate``, ``/``, ``/api/plans`` and the plan pages must all
answer, the pages and reports showing the title's beginning and its length; and a plan whose
validation fails anyway is shown "en erreur" with the reason, the others as usual.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal

from pstkg.api import create_app
from pstkg.cli import main
from pstkg.display import DISPLAY_LIMIT, shorten
from pstkg.loading import load_files
from pstkg.store import open_store

from .conftest import CORPUS

HUGE = 19_000_000
BAD = "https://w3id.org/pst-kg/id/plan/demesure/2019-2024"
GOOD = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
LENGTH_SHOWN = "texte de 19\u202f000\u202f000 caractères"
PAGE_BOUND = 1_000_000
"""Bytes a page or report may take: the whole title would make it 19 MB."""
TEMPLATE = (
    "cpas;legislature;volet;os_code;os_titre;oo_code;oo_titre;action_code;action_titre;description\n"
    "Démesure;2019-2024;Externe;1;Un OS;1.1;Un OO;1.1.1;Une action;Sa fiche, incomplète\n"
    "Démesure;2019-2024;Interne;2;Un autre OS;2.1;Un autre OO;2.1.1;Une autre action;\n"
)


@pytest.fixture(scope="module")
def bad_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Dinant, and a plan with one action title of :data:`HUGE` characters.

    That action (and its fiche, titled as it is) has an incomplete fiche: the validation's
    findings name it.
    """
    folder = tmp_path_factory.mktemp("overlong")
    source = folder / "demesure.csv"
    source.write_text(TEMPLATE)
    path = folder / "store"
    title = ("titre démesuré " * (HUGE // 15 + 1))[:HUGE]
    with open_store(path) as store:
        loaded = load_files(store, [CORPUS / "dinant-2019.txt", source])
        assert all(report.loaded for report in loaded)
        store.update(
            "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
            f"DELETE {{ GRAPH <{BAD}> {{ ?a dcterms:title ?old }} }}"
            f" INSERT {{ GRAPH <{BAD}> {{ ?a dcterms:title {Literal(title, lang='fr').n3()} }} }}"
            f" WHERE {{ GRAPH <{BAD}> {{ ?a dcterms:title ?old"
            ' FILTER(STR(?old) = "Une action") } }'
        )
    return path


def test_shorten_keeps_short_texts_and_says_the_length():
    assert shorten("Un titre") == "Un titre"
    long = "x" * (DISPLAY_LIMIT + 1)
    shown = shorten(long)
    assert shown.startswith("x" * DISPLAY_LIMIT + "…")
    assert f"{DISPLAY_LIMIT + 1:,}".replace(",", "\u202f") in shown


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_validate_answers_with_the_bad_plan(capsys, bad_store, fmt):
    code = main(["validate", "--store", str(bad_store), "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "validated 2 plan(s)" in err
    assert len(out.encode()) < PAGE_BOUND
    assert LENGTH_SHOWN in out
    assert "CPAS de Dinant" in out and "CPAS de Démesure" in out


def test_validate_json_keeps_the_data(capsys, bad_store):
    assert main(["validate", "--store", str(bad_store), "--format", "json"]) == 0
    plans = json.loads(capsys.readouterr().out)["plans"]
    assert {plan["plan"] for plan in plans} == {BAD, GOOD}


@pytest.fixture(scope="module")
def opened(bad_store: Path):
    """The store, open once for the apps of this module (one process may open it once)."""
    with open_store(bad_store) as store:
        yield store


@pytest.fixture(scope="module")
def service(opened):
    with TestClient(create_app(opened)) as client:
        yield client


def test_home_and_plan_list_answer(service):
    home = service.get("/")
    assert home.status_code == 200
    assert "CPAS de Dinant" in home.text and "CPAS de Démesure" in home.text
    listed = service.get("/api/plans")
    assert listed.status_code == 200
    summaries = {summary["plan"]: summary for summary in listed.json()}
    assert set(summaries) == {BAD, GOOD}
    assert all(summary["error"] is None for summary in summaries.values())


@pytest.mark.parametrize(
    "url",
    [
        "/plans/demesure/2019-2024",
        "/plans/demesure/2019-2024/validation",
        "/id/plan/demesure/2019-2024/action/1-1-1",
    ],
)
def test_the_bad_plans_pages_show_the_title_shortened(service, url):
    page = service.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert len(page.content) < PAGE_BOUND
    assert LENGTH_SHOWN in page.text


def test_the_query_pages_show_the_title_shortened(service):
    url = "/requetes/plan-tree?plan=demesure/2019-2024"
    page = service.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert len(page.content) < PAGE_BOUND
    assert LENGTH_SHOWN in page.text


def test_the_other_plans_pages_answer(service):
    for url in ("/plans/dinant/2019-2024", "/plans/dinant/2019-2024/validation"):
        assert service.get(url).status_code == 200
    both = service.get("/comparer", params={"a": "demesure/2019-2024", "b": "dinant/2019-2024"})
    assert both.status_code == 200
    assert len(both.content) < PAGE_BOUND


def test_the_api_gives_the_title_whole(service):
    tree = service.get("/api/plans/demesure/2019-2024").json()
    titles = [
        action["title"]
        for strategic in tree["objectifs_strategiques"]
        for operational in strategic["objectifs_operationnels"]
        for action in operational["actions"]
    ]
    assert sorted(map(len, titles)) == [len("Une autre action"), HUGE]


# -- a plan whose validation fails all the same --------------------------------------------


def _failing_for(plan: str, validate):
    def validate_or_fail(store, plans=None, *args, **kwargs):
        names = [str(name) for name in (plans or [])] if not isinstance(plans, str) else [plans]
        if plan in names or not plans:
            raise RuntimeError("the plan's graph cannot be read")
        return validate(store, plans, *args, **kwargs)

    return validate_or_fail


def test_one_plan_in_error_does_not_take_down_the_list(opened, monkeypatch):
    import pstkg.api.validation_cache as cache

    monkeypatch.setattr(cache, "run_region", _failing_for(BAD, cache.run_region))
    with TestClient(create_app(opened)) as client:
        listed = client.get("/api/plans")
        assert listed.status_code == 200
        summaries = {summary["plan"]: summary for summary in listed.json()}
        assert summaries[BAD]["error"] == "the plan's graph cannot be read"
        assert summaries[BAD]["conforms"] is False
        assert summaries[GOOD]["error"] is None
        assert summaries[GOOD]["completeness_percent"] > 0
        home = client.get("/")
        assert home.status_code == 200
        assert "en erreur : the plan&#39;s graph cannot be read" in home.text
        assert client.get("/plans/dinant/2019-2024/validation").status_code == 200
        own = client.get("/api/plans/demesure/2019-2024/validation", params={"format": "json"})
        assert own.status_code == 500
        assert own.json()["detail"] == (
            "le plan demesure/2019-2024 n'a pas pu être validé / the plan could not be "
            "validated: the plan's graph cannot be read"
        )


def test_validate_reports_the_others_and_names_the_plan_in_error(capsys, bad_store, monkeypatch):
    import pstkg.validation.run as run

    monkeypatch.setattr(run, "run_region", _failing_for(BAD, run.run_region))
    code = main(["validate", "--store", str(bad_store), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert [plan["plan"] for plan in json.loads(out)["plans"]] == [GOOD]
    assert (
        "pst: error: pstid:plan/demesure/2019-2024: could not be validated: "
        "the plan's graph cannot be read"
    ) in err.splitlines()
