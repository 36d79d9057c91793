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


def test_an_item_page_shows_its_follow_up_and_its_continuation(client) -> None:
    """Dinant's 2019 action 1.2.1 (the taxi social study): the FICTIONAL mid-term evaluation says it
    is « en cours » at 60 % on 30 June 2022 (presented to the council on 27 September 2022), and
    the FICTIONAL 2025-2030 plan continues it as 1.2.2 (the fixtures' README)."""
    page = client.get("/id/plan/dinant/2019-2024/action/1-2-1", headers={"accept": "text/html"})
    assert page.status_code == 200
    follow_up = page.text.split('<section id="suivi">', 1)[1].split("</section>", 1)[0]
    row = follow_up.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "2022-06-30" in row and "60 %" in row and "2 réunions de travail" in row
    assert "En cours" in row or "en cours" in row
    assert "présentée au conseil le 2022-09-27" in row
    assert "dinant-evaluation-mi-parcours-2022.txt, ligne 9" in row
    continuity = page.text.split('<section id="continuite">', 1)[1].split("</section>", 1)[0]
    assert "poursuivi par" in continuity
    assert "/id/plan/dinant/2024-2030/action/1-2-2" in continuity
    exported = client.get(
        "/id/plan/dinant/2019-2024/action/1-2-1", params={"format": "csv", "tableau": "suivi"}
    )
    assert exported.status_code == 200 and "60" in exported.text and "Avancement" in exported.text


def test_an_item_without_follow_up_says_so(client) -> None:
    page = client.get("/id/plan/dinant/2019-2024/action/1-1-1", headers={"accept": "text/html"})
    follow_up = page.text.split('<section id="suivi">', 1)[1].split("</section>", 1)[0]
    assert "Aucune évaluation ni aucun suivi chargé ne parle de cet élément." in follow_up


def test_the_cpas_page_lists_the_evaluations_loaded(client) -> None:
    """Dinant: the FICTIONAL mid-term evaluation of 2019-2024, situation at 30 June 2022, presented
    to the council on 27 September 2022, nine action lines (one matches no action)."""
    page = client.get("/evolution/dinant", headers={"accept": "text/html"})
    table = page.text.split('<table class="evaluations">', 1)[1].split("</table>", 1)[0]
    dinant_2019 = [row for row in table.split("<tr>") if "2022-06-30" in row]
    assert len(dinant_2019) == 1
    row = dinant_2019[0]
    assert "2022-09-27" in row and ">9</a>" in row
    assert "aucune évaluation ni aucun suivi chargé" in table  # the 2025-2030 plan has none


def test_a_cpas_slug_that_is_no_slug_is_a_french_404(client) -> None:
    for cpas in ("dinant>", "Dinant", "x%20y", "dinant--x"):
        page = client.get(f"/evolution/{cpas}", headers={"accept": "text/html"})
        assert page.status_code == 404, cpas
        assert "Aucun plan du CPAS" in page.text
