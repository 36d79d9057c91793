"""The Évolution pages (/evolution, /evolution/{cpas}) over the corpus and the FICTIONAL
2025-2030 plans of Dinant and Burdinne (tests/fixtures/fictional)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pstkg.api import create_app
from pstkg.loading import load_files
from pstkg.store import open_store
from tests.conftest import CORPUS

FICTIONAL = Path(__file__).parents[1] / "fixtures" / "fictional"


@pytest.fixture(scope="session")
def evolution_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder with the corpus and the fictional 2025-2030 plans (do not write to it)."""
    path = tmp_path_factory.mktemp("evolution") / "store"
    with open_store(path) as store:
        reports = load_files(store, [CORPUS, *sorted(FICTIONAL.glob("*.txt"))])
    assert all(report.loaded for report in reports)
    return path


@pytest.fixture(scope="module")
def client(evolution_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(evolution_store, query_timeout=20)) as test_client:
        yield test_client


def test_the_regional_view_lists_the_cpas_with_two_legislatures(client):
    page = client.get("/evolution")
    assert page.status_code == 200
    text = page.text
    assert "Évolution entre législatures" in text and "<svg" in text
    assert 'href="/evolution/dinant"' in text and 'href="/evolution/burdinne"' in text
    assert "Anderlues" not in text  # one législature: not in the table
    assert (
        "/requetes/new-items?plan=https%3A%2F%2Fw3id.org%2Fpst-kg%2Fid%2Fplan%2Fdinant%2F2024-2030"
        in text
    )
    exported = client.get("/evolution?format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    dinant = next(row for row in rows if row["CPAS"] == "CPAS de Dinant")
    assert (dinant["Poursuivis"], dinant["Nouveaux"], dinant["Abandonnés"]) == ("20", "5", "50")


def test_a_cpas_page_shows_its_plans_and_what_continues(client):
    page = client.get("/evolution/dinant")
    assert page.status_code == 200
    text = page.text
    assert "<strong>20</strong> poursuivis" in text and "<strong>5</strong> nouveaux" in text
    assert "<strong>50</strong> abandonnés" in text
    assert 'href="/id/plan/dinant/2019-2024"' in text and 'href="/id/plan/dinant/2024-2030"' in text
    assert "Ouvrir une épicerie sociale avec les commerçants locaux" in text
    assert 'href="/id/plan/dinant/2019-2024/action/1-2-2"' in text
    exported = client.get("/evolution/dinant?format=csv&tableau=nouveaux")
    assert exported.status_code == 200
    titles = {
        row["Intitulé"] for row in csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")))
    }
    assert "Former les agents à la communication non violente" in titles and len(titles) == 5


def test_a_cpas_with_one_legislature_gets_a_sentence_not_an_error(client):
    page = client.get("/evolution/anderlues")
    assert page.status_code == 200
    assert "qu'un plan de ce CPAS" in page.text


def test_an_unknown_cpas_is_a_french_404(client):
    page = client.get("/evolution/atlantide")
    assert page.status_code == 404
    assert "Aucun plan du CPAS « atlantide »" in page.text
