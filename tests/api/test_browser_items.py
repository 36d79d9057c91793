"""The readable pages of plans, objectives and projects in a real browser (issue #15, "items").

Reuses the browser fixtures of test_browser (Debian's chromium, no request may leave
127.0.0.1); screenshots land in test-artifacts/api/.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import LiveServer
from tests.api.test_browser import page, shot

pytestmark = pytest.mark.slow

__all__ = ["page"]  # the fixture, used by name

ANDERLUES = "/plans/anderlues/2019-2024"


def page_height(tab) -> int:
    return tab.evaluate("document.documentElement.scrollHeight")


def test_plan_page_is_a_few_screens_with_its_fiches_folded(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + ANDERLUES)
    page.wait_for_selector("section.summary")
    folded = page_height(page)
    shot(page, "plan-anderlues-resume")
    assert page.locator("dl.fiche").count() == 68
    assert page.locator("dl.fiche:visible").count() == 0
    # A click on « fiche » opens that one fiche.
    page.locator("details.fiche-fold > summary").first.click()
    assert page.locator("dl.fiche:visible").count() == 1
    # Everything unfolded is the page as it was (every fiche shown): many times longer.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true })")
    unfolded = page_height(page)
    print(f"Anderlues plan page: {folded} px folded, {unfolded} px with every fiche open")
    assert folded * 3 < unfolded
    assert folded < 5 * 1000  # a few screens of the 1000 px viewport
    assert page.outside == []  # type: ignore[attr-defined]


def test_plan_summary_counts_are_links(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + ANDERLUES)
    figures = page.locator("section.summary a.figure")
    assert figures.count() == 6
    assert "5 objectifs stratégiques" in " ".join(figures.nth(0).inner_text().split())
    theme = page.locator("table.top-thème a").first
    assert theme.get_attribute("href").startswith("/requetes/projects-by-theme?theme=informatique")
    assert theme.inner_text() == "14"


def test_from_the_tree_to_a_project_and_its_rdf_view(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + ANDERLUES)
    page.click("text=Renforcer la collaboration avec l'ISSH")
    page.wait_for_selector("h1.element")
    assert page.url.endswith(
        "/id/plan/anderlues/2019-2024/action/renforcer-la-collaboration-avec-l-issh"
    )
    assert page.locator("nav.breadcrumb a").all_inner_texts() == [
        "CPAS d'Anderlues",
        "PST 2019-2024",
        "OS 200",
        "OO 201",
    ]
    assert "Ne pas trouver de nouvelles solutions de logement" in page.inner_text("#fiche")
    assert page.locator("table.similar tbody tr").count() == 2
    shot(page, "projet-anderlues-issh")
    page.click("text=vue RDF")
    page.wait_for_selector("table.resource")
    assert "?vue=rdf" in page.url
    assert "searchWord" not in page.content()
    shot(page, "projet-anderlues-issh-vue-rdf")
    page.click("text=← vue lisible")
    page.wait_for_selector("h1.element")
    assert page.outside == []  # type: ignore[attr-defined]


def test_objective_page_leads_to_its_children(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/id/plan/dinant/2019-2024/os/1")
    page.wait_for_selector("table.children")
    rows = page.locator("table.children tbody tr")
    assert rows.count() > 1
    shot(page, "objectif-strategique-dinant-1")
    rows.first.locator("td a").first.click()
    page.wait_for_selector("table.children")
    assert page.locator("nav.breadcrumb a").all_inner_texts()[-1] == "OS 1"
    shot(page, "objectif-operationnel-dinant-1-1")


def test_action_page_without_fiche(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/id/plan/dinant/2019-2024/action/1-2-1")
    assert "Le plan ne donne pas de fiche pour cet élément." in page.inner_text("#fiche")
    assert "Mobilité" in page.inner_text("table.goals")
    assert page.locator("table.similar tbody tr").count() == 3
    shot(page, "action-dinant-1-2-1")
