"""/evolution and /evolution/{cpas} in Debian's Chromium, over the corpus and the FICTIONAL
2025-2030 plans: the chart drawn, links followed (screenshots in test-artifacts/api/)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import LiveServer, start_server, stop_server
from tests.api.test_browser import page, shot  # noqa: F401 (the tab fixture, shared)
from tests.api.test_evolution_pages import evolution_store  # noqa: F401 (the store, shared)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live_server(
    evolution_store: Path,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveServer]:
    """`pst serve` over a copy of the store with the fictional 2025-2030 plans."""
    copy = tmp_path_factory.mktemp("live-evolution") / "store"
    shutil.copytree(evolution_store, copy)
    server = start_server(copy, "--query-timeout", "5")
    yield server
    stop_server(server)


def test_the_regional_view_charts_the_share_continued(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/")
    page.click("nav >> text=Évolution")
    page.wait_for_selector("table.evolution")
    assert page.locator("table.evolution tbody tr").count() == 2
    widths = page.eval_on_selector_all(
        "svg.chart g.bar rect", "rects => rects.map(r => r.getBoundingClientRect().width)"
    )
    # Burdinne 31.3 %, Dinant 28.6 %: bars proportional to the shares.
    assert len(widths) == 2
    assert widths[0] / widths[1] == pytest.approx(31.3 / 28.6, rel=0.03)
    shot(page, "evolution")
    # A count leads to the items behind it.
    page.click("table.evolution tbody tr:has-text('Dinant') td:nth-child(7) a")
    page.wait_for_selector("table")
    assert "/requetes/new-items" in page.url
    assert "Former les agents à la communication non violente" in page.inner_text("body")
    # The regional figures as a named-query page: French headings, counts linked to the items.
    page.goto(live_server.url + "/requetes/continuity-by-cpas")
    page.wait_for_selector("table")
    headings = page.inner_text("table thead")
    assert "Poursuivis" in headings and "Part poursuivie (%)" in headings
    shot(page, "requete-continuity-by-cpas")
    assert page.outside == []  # type: ignore[attr-defined]


def test_a_cpas_page_lists_continued_new_and_dropped(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/evolution")
    page.click("table.evolution a:text('CPAS de Burdinne')")
    page.wait_for_selector("#poursuivis")
    body = page.inner_text("body")
    assert "10\npoursuivis" in body or "10 poursuivis" in body
    assert page.locator("table.evolution").nth(0).locator("tbody tr").count() == 10
    assert page.locator("body").evaluate("b => b.scrollWidth") <= 1400
    shot(page, "evolution-burdinne")
    page.click("table.evolution >> text=Créer un repair café avec les bénévoles de l'entité")
    page.wait_for_load_state()
    assert "/id/plan/burdinne/2024-2030/action/" in page.url
    page.goto(live_server.url + "/evolution/anderlues")
    assert "qu'un plan de ce CPAS" in page.inner_text("body")
    shot(page, "evolution-anderlues")
    assert page.outside == []  # type: ignore[attr-defined]
