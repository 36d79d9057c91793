"""``/api/queries/{name}``: parameters as users type them, unknown names, pages with the total,
CSV and XLSX (issue #15), through the app over the corpus store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from rdflib import Literal, URIRef

from pstkg.api.paging import Paging
from pstkg.api.query_jobs import NamedQueryJob
from pstkg.api.result_pages import ResultCache
from pstkg.api.table_export import XLSX_MEDIA_TYPE
from pstkg.named_queries import named_query_sparql
from pstkg.store import SelectResult, open_store
from pstkg.store.embedded import EmbeddedStore

WHOLE = {"limit": 1000}


def rows_of(client: TestClient, name: str, **params: object) -> list[dict[str, object]]:
    answer = client.get(f"/api/queries/{name}", params={**WHOLE, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def test_a_theme_is_found_by_its_label_as_by_its_code(client: TestClient) -> None:
    by_code = rows_of(client, "projects-by-theme", theme="mobilite")
    assert by_code, "the corpus has projects under the theme mobilite"
    assert {row["theme"] for row in by_code} == {"mobilite"}
    for written in ("Mobilité", "MOBILITÉ", "mobilité", " Mobilite "):
        assert rows_of(client, "projects-by-theme", theme=written) == by_code, written


def test_a_goal_is_found_however_it_is_written(client: TestClient) -> None:
    by_number = rows_of(client, "projects-by-odd", odd="10")
    assert by_number and {row["odd"] for row in by_number} == {"10"}
    for written in ("ODD10", "ODD 10", "odd-10", "SDG10", "sdg 10", "Inégalités réduites"):
        assert rows_of(client, "projects-by-odd", odd=written) == by_number, written


def test_an_enjeu_a_kind_and_a_source_by_their_labels(client: TestClient) -> None:
    assert rows_of(client, "projects-by-enjeu", enjeu="Cohésion sociale", source="Document") == (
        rows_of(client, "projects-by-enjeu", enjeu="4", source="document")
    )
    suggested = rows_of(client, "projects-by-odd", odd="1", source="derive")
    assert suggested and {row["source"] for row in suggested} == {"dérivé"}
    assert rows_of(client, "partner-projects", kind="PCS") == rows_of(
        client, "partner-projects", kind="pcs"
    )


def test_a_plan_is_given_as_cpas_and_legislature(client: TestClient) -> None:
    by_path = rows_of(client, "plan-summary", plan="dinant/2019-2024")
    assert len(by_path) == 1
    assert by_path == rows_of(
        client, "plan-summary", plan="https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
    )


def test_an_unknown_value_is_a_400_listing_the_allowed_ones(client: TestClient) -> None:
    answer = client.get("/api/queries/projects-by-theme", params={"theme": "vélo"})
    assert answer.status_code == 400
    message = answer.json()["detail"]
    assert "parameter theme" in message and "'vélo'" in message
    assert "mobilite (Mobilité)" in message and "logement (Logement)" in message
    odd = client.get("/api/queries/projects-by-odd", params={"odd": "ODD18"})
    assert odd.status_code == 400
    assert "10 (Inégalités réduites)" in odd.json()["detail"]


def test_an_unknown_parameter_name_is_a_400_suggesting_the_right_one(client: TestClient) -> None:
    answer = client.get("/api/queries/projects-by-theme", params={"thme": "logement"})
    assert answer.status_code == 400
    message = answer.json()["detail"]
    assert "unknown parameter 'thme'" in message and "did you mean 'theme'?" in message
    assert "theme, plan, format, limit, offset" in message
    far = client.get("/api/queries/plans", params={"zzz": "1"}).json()["detail"]
    assert "did you mean" not in far and "its parameters: plan" in far


def test_the_allowed_values_are_listed_with_the_query(client: TestClient) -> None:
    listed = {query["name"]: query for query in client.get("/api/queries").json()}
    theme = {p["name"]: p for p in listed["projects-by-theme"]["parameters"]}["theme"]
    assert theme["values_from"] == "pstv:themes"
    assert {"code": "mobilite", "label": "Mobilité"} in theme["allowed_values"]
    plan = {p["name"]: p for p in listed["projects-by-theme"]["parameters"]}["plan"]
    assert plan["allowed_values"] is None


def test_pages_concatenate_to_the_whole_result_with_the_total(client: TestClient) -> None:
    whole = client.get("/api/queries/projects-by-theme", params=WHOLE).json()
    assert whole["total"] == len(whole["rows"]) > 250 and whole["next"] is None
    pages, offset, url = [], 0, "/api/queries/projects-by-theme?limit=100"
    while url is not None:
        answer = client.get(url)
        body = answer.json()
        assert body["total"] == whole["total"] and body["offset"] == offset
        assert answer.headers["X-Total-Count"] == str(whole["total"])
        pages.append(body["rows"])
        url = body["next"]
        if url is not None:
            assert answer.headers["Link"] == f'<{url}>; rel="next"'
            assert "limit=100" in url and f"offset={offset + 100}" in url
        else:
            assert "Link" not in answer.headers
        offset += 100
    assert [row for page in pages for row in page] == whole["rows"]
    assert len(pages) == -(-whole["total"] // 100)


def test_the_next_pages_are_sliced_from_the_kept_rows(corpus_store: Path) -> None:
    cache = ResultCache()
    sparql = named_query_sparql("projects-by-theme")
    with open_store(corpus_store, read_only=True) as store:
        assert isinstance(store, EmbeddedStore)
        whole = store.query(sparql)
        assert isinstance(whole, SelectResult)
        rows = [tuple(map(str_or_none, row)) for row in whole.rows]

        def page(offset: int, limit: int, generation: int = 0) -> list[tuple[str | None, ...]]:
            got = cache.page(store, generation, sparql, Paging(limit, offset), keep=150)
            assert got.total == len(rows)
            return [tuple(term.value if term else None for term in row) for row in got.rows]

        assert page(0, 100) == rows[:100]
        assert cache.reads == 1
        assert page(100, 50) == rows[100:150]
        assert cache.reads == 1  # within the 150 rows kept: no query
        assert page(200, 20) == rows[200:220]
        assert cache.reads == 2  # past them: read again, only that page kept
        page(0, 10, generation=1)
        assert cache.reads == 3  # a write by the service: read afresh


def test_a_page_past_the_end_is_empty_without_reading_again(corpus_store: Path) -> None:
    # Found by test_openapi: an offset of 10**23 past rows not kept made islice fail (a 500).
    cache = ResultCache()
    sparql = named_query_sparql("projects-by-theme")
    with open_store(corpus_store, read_only=True) as store:
        assert isinstance(store, EmbeddedStore)
        first = cache.page(store, 0, sparql, Paging(10, 0), keep=20)
        for offset in (first.total, first.total + 5, 10**23):
            past = cache.page(store, 0, sparql, Paging(100, offset), keep=20)
            assert (list(past.rows), past.total) == ([], first.total)
        assert cache.reads == 1


def str_or_none(term: object) -> str | None:
    return None if term is None else str(term)


def test_paging_bounds_are_checked(client: TestClient) -> None:
    assert client.get("/api/queries/plans", params={"limit": 1001}).status_code == 422
    assert client.get("/api/queries/plans", params={"limit": 0}).status_code == 422
    assert client.get("/api/queries/plans", params={"offset": -1}).status_code == 422
    past = client.get("/api/queries/plans", params={"offset": 5000}).json()
    assert past["rows"] == [] and past["total"] == 4 and past["next"] is None


def test_csv_is_the_page_with_the_total_in_a_header(client: TestClient) -> None:
    answer = client.get("/api/queries/projects-by-theme", params={"format": "csv", "limit": 10})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(answer.text)))
    assert table[0][:2] == ["theme", "theme_label"] and len(table) == 11
    total = int(answer.headers["X-Total-Count"])
    assert total > 10 and 'offset=10>; rel="next"' in answer.headers["Link"]
    assert "format=csv" in answer.headers["Link"]


def test_xlsx_holds_the_page(client: TestClient) -> None:
    answer = client.get(
        "/api/queries/projects-by-theme", params={"format": "xlsx", "theme": "Logement"}
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX_MEDIA_TYPE
    assert 'filename="projects-by-theme.xlsx"' in answer.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    json_rows = rows_of(client, "projects-by-theme", theme="logement", limit=100)
    assert table[0][:3] == ["theme", "theme_label", "plan"]
    assert len(table) - 1 == len(json_rows) > 0
    assert [row[4] for row in table[1:]] == [row["item"] for row in json_rows]


class RowsStore:
    """A store other than the embedded one (as the remote store answers): rdflib terms."""

    def __init__(self, result: SelectResult) -> None:
        self.result = result

    def query(self, sparql: str) -> SelectResult:
        return self.result


def test_another_store_is_paged_from_its_whole_result() -> None:
    plan = URIRef("https://w3id.org/pst-kg/id/plan/a/2019-2024")
    result = SelectResult(("plan", "n"), tuple((plan, Literal(n)) for n in range(250)))
    store: Any = RowsStore(result)  # a PlanStore by its query method alone
    job = NamedQueryJob(store, "q", "SELECT …", "application/json", Paging(100, 200), page_url="/u")
    answer = job.run(store)
    body = json.loads(answer.body)
    assert (body["total"], body["offset"], body["next"]) == (250, 200, None)
    assert [row["n"] for row in body["rows"]] == list(range(200, 250))
    first = NamedQueryJob(store, "q", "SELECT …", "text/csv", Paging(2, 0), page_url="/u?x=1")
    answer = first.run(store)
    assert answer.body.decode().splitlines() == ["plan,n", f"{plan},0", f"{plan},1"]
    assert (answer.total, answer.next_url) == (250, "/u?x=1&offset=2")
