"""The query pages and the search in a real browser (part "browse" of issue #15).

Screenshots land in test-artifacts/api/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import pytest

from pstkg.named_queries import catalogue
from tests.api.conftest import LiveServer
from tests.api.test_browser import page, shot

pytestmark = pytest.mark.slow

__all__ = ["page"]  # the fixture, imported for the tests of this module


def test_search_from_the_header_of_another_page(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/partenaires")
    page.fill("header input[name=mots]", "taxi social")
    page.press("header input[name=mots]", "Enter")
    page.wait_for_selector("table.result")
    assert page.url.endswith("/recherche?mots=taxi+social")
    assert page.locator("table.result tbody tr").count() == 4
    text = page.inner_text("table.result")
    assert "Avoir une réflexion sur l'opportunité d'un taxi social" in text
    assert page.input_value("header input[name=mots]") == "taxi social"
    shot(page, "recherche-taxi-social")
    page.click("text=Avoir une réflexion sur l'opportunité d'un taxi social")
    assert page.url.endswith("/id/plan/dinant/2019-2024/action/1-2-1")
    assert page.outside == []  # type: ignore[attr-defined]


def test_a_query_page_with_its_parameters(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/requetes")
    page.click("text=Projets par ODD")
    page.wait_for_selector("form.query-form")
    page.select_option("select[name=odd]", "10")
    page.select_option("select[name=plan]", label="CPAS de Burdinne (2019-2024)")
    page.click("form.query-form button")
    page.wait_for_selector("table.result")
    assert "odd=10" in page.url and "burdinne" in page.url
    rows = page.locator("table.result tbody tr")
    assert rows.count() > 0
    for row in range(rows.count()):
        cells = rows.nth(row).locator("td")
        assert cells.nth(0).inner_text() == "10"
        assert cells.nth(1).inner_text() == "Inégalités réduites"
        assert cells.nth(2).inner_text() == "CPAS de Burdinne (2019-2024)"
    # The form keeps the choices made; the table fits the window (long titles wrap).
    assert page.input_value("select[name=odd]") == "10"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    shot(page, "requete-projets-par-odd")


def test_a_bad_value_is_explained_in_french(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/requetes/projects-by-theme?theme=velo")
    message = page.inner_text("p.error")
    assert message.startswith("Le paramètre « Thème » (theme) ne connaît pas « velo »")
    assert "mobilite (Mobilité)" in message
    shot(page, "requete-valeur-refusee")


def test_paging_through_a_long_result(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/requetes/projects-by-theme?limit=50")
    assert page.inner_text("nav.pager >> nth=0").startswith("lignes 1–50 sur 265")
    first = page.inner_text("table.result tbody tr >> nth=0")
    page.click("nav.pager >> nth=0 >> a[rel=next]")
    page.wait_for_url("**offset=50**")
    assert page.inner_text("nav.pager >> nth=0").startswith("lignes 51–100 sur 265")
    assert page.locator("table.result tbody tr").count() == 50
    assert page.inner_text("table.result tbody tr >> nth=0") != first
    page.click("nav.pager >> nth=0 >> a[rel=prev]")
    page.wait_for_url("**offset=0**")
    assert page.inner_text("table.result tbody tr >> nth=0") == first
    shot(page, "requete-pages")
    with page.expect_download() as download:
        page.click("p.export a:text('CSV')")
    assert download.value.suggested_filename == "projects-by-theme.csv"


def test_home_counts_and_export_buttons(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("p.export a").count() == 2
    page.click("table.plans tbody tr >> nth=2 >> td.num a >> nth=2")
    assert page.url.endswith("/plans/dinant/2019-2024")
    page.goto(live_server.url + "/")
    shot(page, "accueil-export")


def test_the_list_of_queries(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/requetes")
    assert page.locator("table.query-list tbody tr").count() == len(catalogue())
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    shot(page, "requetes")


def test_partner_counts_and_exports(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/partenaires?kind=ais")
    assert page.locator("p.export").count() == 2  # the projects and the kinds (no shared one)
    shot(page, "partenaires-export")
    page.click("table.kinds tbody tr >> nth=0 >> td.num a")
    page.wait_for_selector("table.result")
    assert "/requetes/partner-projects?kind=ais" in page.url
    assert page.locator("table.result tbody tr").count() == 3
