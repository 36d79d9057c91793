"""The pages in a real browser: headless Debian Chromium driven by Playwright (no browser download).

Screenshots land in test-artifacts/api/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import LiveServer
from tests.conftest import CHROMIUM_ARGS, ROOT, unavailable

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "api"


@pytest.fixture(scope="module")
def page(live_server: LiveServer) -> Iterator[object]:
    """A browser tab; every request that leaves 127.0.0.1 is recorded (there must be none)."""
    if not CHROMIUM.exists():
        unavailable("Debian's chromium is not installed (Debian package chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright is not installed (the dev extras: pip install -e '.[dev]')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-BE")
        tab.outside = []  # type: ignore[attr-defined]
        tab.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((live_server.url, "data:", "blob:"))
                else tab.outside.append(request.url)
            ),  # type: ignore[attr-defined]
        )
        yield tab
        browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_lists_plans_with_completeness(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    rows = page.locator("table.plans tbody tr")
    assert rows.count() == 4
    assert "CPAS de Dinant" in page.inner_text("table.plans")
    # The completeness column: the validation scores of the corpus (Anderlues 59 %, …).
    completeness = [rows.nth(row).locator("td").nth(5).inner_text().strip() for row in range(4)]
    assert completeness == ["59 %", "8 %", "2 %", "4 %"]
    shot(page, "accueil")


def test_plan_explorer_shows_the_tree_and_fiches(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    page.click("text=CPAS d'Anderlues")
    page.wait_for_selector("ol.tree")
    assert page.locator("li.os").count() == 5
    assert page.locator("dl.fiche").count() == 68  # Anderlues's annex: 68 « Projet » fiches
    shot(page, "explorateur-anderlues")


def test_validation_report_page(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/plans/dinant/2019-2024/validation")
    assert page.title() == "Rapport de validation — PST du CPAS de Dinant (2019-2024)"
    shot(page, "validation-dinant")


def test_comparison_side_by_side(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/comparer")
    page.select_option("select[name=a]", "dinant/2019-2024")
    page.select_option("select[name=b]", "burdinne/2019-2024")
    page.click("button:text('Comparer')")
    page.wait_for_selector(".side-by-side")
    assert page.locator(".side-by-side section").count() == 2
    assert page.locator("table.compare-themes tbody tr").count() == 19
    shot(page, "comparaison")


def test_coverage_heatmap(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/couverture")
    assert page.locator("table.heatmap").count() == 2
    # ODD: 17 goals × 4 plans × 2 sources (document, dérivé); themes: 21 themes × 4 plans.
    assert page.locator("#tableau-odd td.cell").count() == 17 * 4 * 2
    assert page.locator("#tableau-themes td.cell").count() == 21 * 4
    shot(page, "couverture")


def test_partners(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/partenaires")
    page.locator("table.kinds a").first.click()
    page.wait_for_selector("table.projects")
    # The first kind is the AIS: one project each in Anderlues, Burdinne and the Ville/CPAS plan.
    assert page.url.endswith("/partenaires?kind=ais#projets")
    assert page.locator("table.projects tbody tr").count() == 3
    assert "Renforcer la collaboration avec l'AIS" in page.inner_text("table.projects")
    shot(page, "partenaires")


def test_sparql_editor_runs_a_named_query(page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/editeur")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.select_option("#examples", "plan-summary")
    page.wait_for_function(
        "() => window.pstYasgui.getTab().getQuery().includes('objectifs_strategiques')"
    )
    page.evaluate("() => window.pstYasgui.getTab().query()")
    # Each tab has its own results pane: read the table the query filled.
    page.wait_for_selector(".yasr table.dataTable tbody tr", timeout=20_000)
    results = page.inner_text(".yasr table.dataTable")
    assert "CPAS de Dinant" in results and "CPAS de Burdinne" in results
    shot(page, "editeur-sparql")
    assert page.outside == []  # type: ignore[attr-defined] # YASGUI is served by the app
