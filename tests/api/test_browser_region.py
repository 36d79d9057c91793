"""/region, /comparer and /couverture in Debian's Chromium: the charts drawn, links followed,
screen and print (screenshots in test-artifacts/api/, for a person to look at)."""

from __future__ import annotations

import pytest

from tests.api.conftest import LiveServer
from tests.api.test_browser import page, shot  # noqa: F401 (the tab fixture, shared)

pytestmark = pytest.mark.slow


def _bar_widths(page, selector: str) -> list[float]:  # noqa: F811
    return page.eval_on_selector_all(
        selector, "rects => rects.map(r => r.getBoundingClientRect().width)"
    )


def _printed_shot(page, name: str) -> None:  # noqa: F811
    """A screenshot of the page as printed (``@media print``)."""
    page.emulate_media(media="print")
    try:
        shot(page, name)
    finally:
        page.emulate_media(media="screen")


def test_region_page_ranks_and_charts_the_plans(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/")
    page.click("nav >> text=Région")
    page.wait_for_selector("table.ranking")
    assert page.locator("table.ranking tbody tr").count() == 4
    assert page.locator("svg.chart").count() == 2
    # The bars as drawn on screen: proportional to the completeness (59, 8, 4, 2 %).
    widths = _bar_widths(page, "figure:first-child svg.chart g.bar rect")
    assert len(widths) == 4
    assert widths[0] / widths[1] == pytest.approx(59 / 8, rel=0.02)
    assert widths[0] / widths[3] == pytest.approx(59 / 2, rel=0.03)
    assert page.locator("body").evaluate("b => b.scrollWidth") <= 1400
    shot(page, "region")
    # A bar leads to the plan's validation report.
    page.locator("svg.chart a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/plans/anderlues/2019-2024/validation")
    assert page.outside == []  # type: ignore[attr-defined]


def test_region_filters_by_province(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/region")
    page.select_option("select[name=province]", "Liège")
    page.click("button:text('Filtrer')")
    page.wait_for_selector("table.ranking")
    assert "province=Li%C3%A8ge" in page.url
    assert page.locator("table.ranking tbody tr").count() == 1
    assert "CPAS de Burdinne" in page.inner_text("table.ranking")
    assert page.locator("figure:first-child svg.chart g.bar").count() == 1
    shot(page, "region-liege")


def test_region_prints_in_black_and_white(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/region")
    page.emulate_media(media="print")
    try:
        assert not page.locator("form.filters").is_visible()
        assert not page.locator("header nav").is_visible()
        assert page.locator("svg.chart").first.is_visible()
        shot(page, "region-impression")
    finally:
        page.emulate_media(media="screen")


def test_compare_chart_links_to_the_projects(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/comparer?a=anderlues/2019-2024&b=dinant/2019-2024")
    page.wait_for_selector("svg.chart")
    themes = page.locator("table.compare-themes tbody tr").count()
    assert page.locator("svg.chart g.bar").count() == 2 * themes
    assert page.locator("svg.chart g.legend text").all_text_contents() == [
        "CPAS d'Anderlues",
        "CPAS de Dinant",
    ]
    shot(page, "comparaison-graphique")
    _printed_shot(page, "comparaison-impression")
    href = page.locator("svg.chart a").first.get_attribute("href")
    assert href is not None and href.startswith("/requetes/projects-by-theme?theme=")
    assert page.outside == []  # type: ignore[attr-defined]


def test_coverage_names_the_odd_and_toggles_to_shares(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/couverture")
    assert "Pas de pauvreté" in page.inner_text("#tableau-odd")
    shot(page, "couverture-noms")
    page.click(".relative-toggle >> text=part du plan (%)")
    page.wait_for_url("**/couverture?mesure=part")
    cells = [t for t in page.locator("#tableau-themes td.cell").all_inner_texts() if t.strip()]
    assert cells and all(t.strip().endswith("%") for t in cells)
    shot(page, "couverture-parts")
    _printed_shot(page, "couverture-impression")
