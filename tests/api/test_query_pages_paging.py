"""The query pages ask the worker for one page of rows and the total, as ``/api/queries`` does:
the next pages come from the rows the worker kept, not from the query read again (issue #15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from pstkg.api import create_app
from pstkg.api.paging import Paging
from pstkg.api.query_page_job import SolutionsJob, Value, read_results
from pstkg.api.result_pages import RESULTS
from pstkg.store import SelectResult, open_store
from tests.api.test_named_query_pages import RowsStore
from tests.api.test_query_pages import HTML, THEME_ROWS, page_text, read_table

THEMES = "/requetes/projects-by-theme"


def test_the_next_pages_of_a_query_page_come_from_the_kept_rows(corpus_store: Path) -> None:
    # A store held open: the runner answers in this process, so its worker's cache is RESULTS.
    with open_store(corpus_store, read_only=True) as store, TestClient(create_app(store)) as app:

        def rows(offset: int, limit: int = 100) -> list[list[tuple[str, str | None]]]:
            answer = app.get(THEMES, params={"limit": limit, "offset": offset}, headers=HTML)
            assert answer.status_code == 200
            last = min(offset + limit, THEME_ROWS)
            assert f"lignes {offset + 1}–{last} sur {THEME_ROWS}" in page_text(answer.text)
            return read_table(answer.text).rows

        before = RESULTS.reads
        first = rows(0)
        assert RESULTS.reads == before + 1  # the query read once, its first rows kept
        following = rows(100) + rows(200)
        whole = rows(0, limit=1000)
        assert RESULTS.reads == before + 1  # the other pages and the whole: from the kept rows
    assert [len(first), len(following)] == [100, THEME_ROWS - 100]
    assert first + following == whole


def test_the_export_still_reads_every_row(corpus_store: Path) -> None:
    with open_store(corpus_store, read_only=True) as store, TestClient(create_app(store)) as app:
        answer = app.get(THEMES, params={"limit": 10, "offset": 20, "format": "csv"})
    assert answer.status_code == 200
    assert len(answer.content.decode("utf-8-sig").splitlines()) - 1 == THEME_ROWS


def test_a_remote_store_answers_a_page_and_the_total_to_the_page() -> None:
    plan = URIRef("https://w3id.org/pst-kg/id/plan/a/2019-2024")
    result = SelectResult(("plan", "n"), tuple((plan, Literal(n)) for n in range(250)))
    store: Any = RowsStore(result)  # a PlanStore by its query method alone
    answer = SolutionsJob(store, "q", "SELECT …", Paging(100, 200)).run(store)
    page = read_results(answer.body, answer.total)
    assert page.total == 250 and page.variables == ["plan", "n"]
    assert [row["n"] for row in page.rows] == [Value("number", n) for n in range(200, 250)]
    assert page.rows[0]["plan"] == Value("iri", str(plan))


def test_a_value_read_from_its_label_is_the_one_selected_in_the_form(client: TestClient) -> None:
    html = client.get(THEMES, params={"theme": "MOBILITÉ", "limit": 1}, headers=HTML).text
    assert '<option value="mobilite" selected>Mobilité</option>' in html
    dinant = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
    html = client.get(THEMES, params={"plan": "CPAS de Dinant", "limit": 1}, headers=HTML).text
    assert f'<option value="{dinant}" selected>CPAS de Dinant (2019-2024)</option>' in html
