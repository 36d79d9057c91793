"""The editor part of issue #15 in a real browser: /docs offline, the French SPARQL editor,
French error pages, and no page wider than the window (at 1400 and 800 px).

Screenshots land in test-artifacts/api/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import LiveServer
from tests.api.test_browser import page, shot  # noqa: F401 (the browser tab fixture)

pytestmark = pytest.mark.slow

WIDE_QUERY = """PREFIX pst: <https://w3id.org/pst-kg/ontology#>
SELECT * WHERE { GRAPH ?g { ?item pst:hasFiche ?f . ?f ?p ?o . ?item ?p2 ?o2 } }
ORDER BY DESC(STRLEN(STR(?o))) LIMIT 40"""

# YASGUI's English that the page must not show once drawn (labels, tooltips, placeholders).
ENGLISH = (
    "Run query",
    "Share query",
    "Simple view",
    "Page size",
    "Filter query results",
    "Showing",
    "results in",
    "Download result",
    "Add tab",
    "No data available",
)

PAGES = [
    "/",
    "/plans/anderlues/2019-2024",
    "/couverture",
    "/partenaires?kind=ais",
    "/comparer?a=dinant/2019-2024&b=anderlues/2019-2024",
    "/editeur",
    "/nulle-part",
]


def scroll_width(page) -> int:  # noqa: F811
    return page.evaluate("() => document.documentElement.scrollWidth")


def run_first_tab(page, query: str | None = None) -> None:  # noqa: F811
    """Run the current tab (with ``query`` in it, if given); return once YASR has drawn its
    answer (the rows of a previous answer are not taken for it)."""
    page.evaluate(
        """(q) => new Promise((resolve) => {
          const tab = window.pstYasgui.getTab();
          if (q) tab.setQuery(q);
          tab.getYasr().once("drawn", () => resolve());
          tab.query();
        })""",
        query,
    )


def visible_words(page) -> str:  # noqa: F811
    """The editor's text, titles, placeholders and aria-labels, outside the query and rows."""
    return page.evaluate(
        """() => {
          const root = document.getElementById('yasgui'), parts = [root.innerText];
          root.querySelectorAll('[title], [placeholder], [aria-label]').forEach((e) => {
            if (e.closest('tbody')) return;
            for (const name of ['title', 'placeholder', 'aria-label'])
              if (e.getAttribute(name)) parts.push(e.getAttribute(name));
          });
          return parts.join('\\n');
        }"""
    )


def test_docs_render_offline(page, live_server: LiveServer) -> None:  # noqa: F811
    page.outside.clear()
    page.goto(live_server.url + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 25  # every operation of the API
    assert "pst-kg" in page.inner_text(".information-container")
    shot(page, "docs-api")
    assert page.outside == []  # Swagger UI is served by the app: nothing from a CDN


def test_editor_first_tab_returns_the_plans_in_french(page, live_server: LiveServer) -> None:  # noqa: F811
    page.outside.clear()
    page.goto(live_server.url + "/editeur")
    page.wait_for_selector(".yasqe .CodeMirror")
    run_first_tab(page)
    results = page.inner_text(".yasr table.dataTable")
    assert "CPAS de Dinant" in results and "CPAS d'Anderlues" in results
    assert page.locator(".yasr table.dataTable tbody tr").count() == 4
    words = visible_words(page)
    assert [english for english in ENGLISH if english in words] == []
    assert page.get_attribute(".yasqe_queryButton", "title") == "Lancer la requête"
    assert re.search(r"4 résultats en \d+,\d+ s", words), words
    assert "Lignes 1 à 4 sur 4" in words
    shot(page, "editeur-premier-onglet")
    assert page.outside == []


def test_editor_example_runs_with_its_values(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/editeur")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.select_option("#examples", "projects-by-theme")
    page.wait_for_function("() => window.pstYasgui.getTab().getQuery().includes('VALUES (?theme)')")
    assert 'VALUES (?theme) { ("insertion") }' in page.evaluate(
        "() => window.pstYasgui.getTab().getQuery()"
    )
    run_first_tab(page)
    assert page.locator(".yasr table.dataTable tbody tr").count() > 0
    shot(page, "editeur-exemple-theme")


def test_editor_cells_show_plain_values_and_iri_links(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/editeur")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.select_option("#examples", "plan-summary")
    page.wait_for_function(
        "() => window.pstYasgui.getTab().getQuery().includes('objectifs_strategiques')"
    )
    run_first_tab(page)
    table = page.inner_text(".yasr table.dataTable tbody")
    assert "^^" not in table and "xsd:" not in table and "XMLSchema" not in table
    headings = page.locator(".yasr table.dataTable thead th").all_inner_texts()
    column = [h.strip() for h in headings].index("actions")
    first_row = page.locator(".yasr table.dataTable tbody tr").first.locator("td")
    assert re.fullmatch(r"\d+", first_row.nth(column).inner_text().strip())
    # The plan is an IRI: still a link (to the resource's page on this service).
    assert first_row.nth(1).locator("a.iri").count() == 1
    shot(page, "editeur-valeurs")
    # A value is text, never markup: the cell renderer escapes it.
    run_first_tab(page, 'SELECT ?x ?n WHERE { BIND("<b>gras</b> & co" AS ?x) BIND(14 AS ?n) }')
    cells = page.locator(".yasr table.dataTable tbody tr").first.locator("td")
    assert cells.nth(1).inner_text().strip() == "<b>gras</b> & co"
    assert cells.nth(1).locator("b").count() == 0
    assert cells.nth(2).inner_text().strip() == "14"


def test_wide_results_scroll_inside_their_box(page, live_server: LiveServer) -> None:  # noqa: F811
    page.goto(live_server.url + "/editeur")
    page.wait_for_selector(".yasqe .CodeMirror")
    run_first_tab(page, WIDE_QUERY)
    page.locator(".yasr .tableControls input[type=checkbox]").nth(1).uncheck()  # full texts
    page.wait_for_timeout(300)
    after = scroll_width(page)
    # The same page without the rule that makes the results scroll in their box.
    page.add_style_tag(content="#yasgui .yasr .yasr_results { overflow-x: visible !important; }")
    before = scroll_width(page)
    print(f"\nwide result at 1400 px: page {before} px wide without the rule, {after} with it")
    assert before > 1400  # the result is wide indeed
    assert after <= 1400
    page.goto(live_server.url + "/editeur")  # the rule back, for a screenshot
    page.wait_for_selector(".yasqe .CodeMirror")
    run_first_tab(page, WIDE_QUERY)
    shot(page, "editeur-resultat-large")


@pytest.mark.parametrize("width", [1400, 800])
def test_no_page_is_wider_than_the_window(page, live_server: LiveServer, width: int) -> None:  # noqa: F811
    page.set_viewport_size({"width": width, "height": 1000})
    try:
        widths = {}
        for path in PAGES:
            page.goto(live_server.url + path, wait_until="networkidle")
            widths[path] = scroll_width(page)
        print(f"\nscrollWidth at {width} px: {widths}")
        assert {path: w for path, w in widths.items() if w > width} == {}
        page.goto(live_server.url + "/couverture")
        shot(page, f"couverture-{width}")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_error_page_in_french(page, live_server: LiveServer) -> None:  # noqa: F811
    response = page.goto(live_server.url + "/comparer?a=dinant/2019-2024&b=dinant/2019-2024")
    assert response.status == 400
    assert page.inner_text("h1") == "Demande incorrecte"
    assert page.inner_text("p.error") == "Choisissez deux plans différents à comparer."
    assert not page.locator("details.technical").evaluate("(d) => d.open")
    shot(page, "erreur-comparer")
    page.goto(live_server.url + "/nulle-part")
    assert page.inner_text("h1") == "Page introuvable"
    assert "Not Found" not in page.inner_text("body")
