"""The named queries, plans, resources and writes, through the app (no network)."""

from __future__ import annotations

import asyncio
import multiprocessing
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace, URIRef

from pstkg.api.query_jobs import QueryJob
from pstkg.api.query_runner import QueryRunner, QueryTimeoutError
from pstkg.named_queries import catalogue
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import QueryDataset
from tests.api.conftest import TOKEN, gone
from tests.api.test_sparql_protocol import ENDLESS
from tests.conftest import CORPUS

DINANT = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
VOID = Namespace("http://rdfs.org/ns/void#")


def test_named_queries_are_listed_with_their_parameters(client: TestClient) -> None:
    listed = {query["name"]: query for query in client.get("/api/queries").json()}
    assert set(listed) == set(catalogue())
    search = listed["search"]
    assert search["title"].startswith("Recherche")
    assert {p["name"]: p["type"] for p in search["parameters"]} == {
        "words": "string",
        "plan": "iri",
    }


def test_each_named_query_has_its_own_openapi_operation(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"]["/api/queries/similar-projects"]["get"]
    assert operation["summary"] == catalogue()["similar-projects"].title
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert "min_score" in parameters and "format" in parameters
    schema = parameters["min_score"]["schema"]
    assert "number" in str(schema)


def test_run_named_query_json_and_csv(client: TestClient) -> None:
    rows = client.get("/api/queries/plan-summary").json()["rows"]
    dinant = next(row for row in rows if row["plan"] == DINANT)
    assert dinant["objectifs_strategiques"] == 3 and dinant["actions"] == 70
    csv = client.get("/api/queries/plan-summary", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("plan,cpas,legislature")
    by_accept = client.get("/api/queries/plan-summary", headers={"accept": "text/csv"})
    assert by_accept.text == csv.text


def test_named_query_parameters_are_typed(client: TestClient) -> None:
    found = client.get("/api/queries/search", params={"words": "taxi social"}).json()["rows"]
    assert found and all("taxi" in row["title"].lower() for row in found)
    one = client.get("/api/queries/plan-summary", params={"plan": "pstid:plan/dinant/2019-2024"})
    assert [row["plan"] for row in one.json()["rows"]] == [DINANT]
    bad_iri = client.get("/api/queries/plan-summary", params={"plan": "pas une IRI"})
    assert bad_iri.status_code == 400 and "is not an IRI" in bad_iri.json()["detail"]
    bad_number = client.get("/api/queries/similar-projects", params={"min_score": "beaucoup"})
    assert bad_number.status_code == 422 and "min_score" in bad_number.text


def test_plans_and_their_tree(client: TestClient) -> None:
    plans = {plan["id"]: plan for plan in client.get("/api/plans").json()}
    assert set(plans) >= {"dinant/2019-2024", "burdinne/2019-2024", "anderlues/2019-2024"}
    assert 0 < plans["anderlues/2019-2024"]["completeness_percent"] <= 100
    tree = client.get("/api/plans/anderlues/2019-2024").json()
    assert len(tree["objectifs_strategiques"]) == 5
    actions = [
        action
        for os in tree["objectifs_strategiques"]
        for oo in os["objectifs_operationnels"]
        for action in oo["actions"]
    ]
    assert any(action["fiches"] for action in actions)
    assert client.get("/api/plans/nulle-part/2019-2024").status_code == 404


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/html", "<html"),
        ("application/json", '"plans"'),
        ("text/turtle", "sh:ValidationReport"),
    ],
)
def test_validation_report_formats(client: TestClient, accept: str, expected: str) -> None:
    response = client.get("/api/plans/dinant/2019-2024/validation", headers={"accept": accept})
    assert response.status_code == 200 and expected in response.text


def test_compare(client: TestClient) -> None:
    compared = client.get("/api/compare", params={"plans": "dinant/2019-2024,burdinne/2019-2024"})
    assert compared.status_code == 200 and compared.json()["themes"]
    assert client.get("/api/compare", params={"plans": "dinant/2019-2024"}).status_code == 400


def test_minted_iris_dereference(client: TestClient) -> None:
    turtle = client.get("/id/plan/dinant/2019-2024", headers={"accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert len(graph) > 3
    page = client.get("/id/plan/dinant/2019-2024", headers={"accept": "text/html"})
    assert "CPAS de Dinant" in page.text and 'lang="fr"' in page.text
    assert client.get("/id/rien/du/tout", headers={"accept": "text/turtle"}).status_code == 404


def test_void_description(client: TestClient) -> None:
    void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    dataset = URIRef("https://w3id.org/pst-kg/dataset")
    endpoint = URIRef("http://testserver/sparql")
    assert set(void.subject_objects(VOID.sparqlEndpoint)) == {(dataset, endpoint)}
    # The size it announces is the store's, as the endpoint counts it.
    counted = client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert void.value(dataset, VOID.triples).toPython() == int(counted) > 20_000


def test_writes_need_the_token(client: TestClient, writer: TestClient) -> None:
    document = (CORPUS / "dinant-2019.txt").read_bytes()
    upload = {"document": ("dinant-2019.txt", document, "text/plain")}
    assert client.post("/api/plans", files=upload).status_code == 403  # no token configured
    assert writer.post("/api/plans", files=upload).status_code == 401
    wrong = {"authorization": "Bearer faux"}
    assert writer.delete("/api/plans/dinant/2019-2024", headers=wrong).status_code == 401


def test_upload_and_delete(writer: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert writer.delete("/api/plans/dinant/2019-2024", headers=auth).status_code == 204
    assert writer.get("/api/plans/dinant/2019-2024").status_code == 404
    document = (CORPUS / "dinant-2019.txt").read_bytes()
    loaded = writer.post(
        "/api/plans", files={"document": ("dinant-2019.txt", document)}, headers=auth
    )
    assert loaded.status_code == 201, loaded.text
    assert loaded.json()["plan"] == DINANT
    assert writer.get("/api/plans/dinant/2019-2024").status_code == 200


def test_bad_document_is_refused_and_changes_nothing(writer: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    before = writer.get("/api/queries/plan-summary").json()
    refused = writer.post(
        "/api/plans",
        files={"document": ("notes.txt", b"Liste de courses\npain\nlait\n")},
        headers=auth,
    )
    assert refused.status_code == 422
    assert "not a PST plan" in refused.json()["detail"]["error"]
    assert writer.get("/api/queries/plan-summary").json() == before


def test_runner_kills_a_query_past_its_deadline(corpus_store: Path) -> None:
    others = set(multiprocessing.active_children())  # the workers of this module's app
    job = QueryJob(
        corpus_store,
        SPARQL_PREFIXES + ENDLESS,
        QueryDataset(),
        10,
        None,
    )

    async def scenario() -> None:
        runner = QueryRunner(timeout=1, concurrency=1)
        quick = QueryJob(corpus_store, "ASK {}", QueryDataset(), 10, None)
        assert (await runner.run(quick)).status == 200
        (worker,) = set(multiprocessing.active_children()) - others
        with pytest.raises(QueryTimeoutError):
            await runner.run(job)
        assert gone(worker.pid)  # the query's process is gone, its core freed
        assert (await runner.run(quick)).status == 200  # a new worker took its place
        await runner.close()

    asyncio.run(scenario())
    assert set(multiprocessing.active_children()) <= others


def test_compare_page_shows_nothing_where_a_plan_has_no_project_under_a_theme(
    client: TestClient,
) -> None:
    """Issue #15: a theme only Dinant touches showed "None" in Burdinne's cell."""
    page = client.get("/comparer", params={"a": "burdinne/2019-2024", "b": "dinant/2019-2024"})
    assert page.status_code == 200
    assert "None" not in page.text
    finances = page.text.split("<tr><td>Finances</td>", 1)[1].split("</tr>", 1)[0]
    # Each plan: its count (a link to the projects behind it, when there are any), and its
    # share of the plan.
    cells = [re.sub(r"<a [^>]*>|</a>", "", cell).strip() for cell in finances.split("</td>")]
    assert cells[0] == "<td><strong>0</strong>" and cells[1] == '<td class="num">0 %'
    # The titles behind the count are folded under « intitulés ».
    count, titles = (
        cells[2]
        .removesuffix("</small></details>")
        .split(' <details class="titles"><summary>intitulés</summary><small>')
    )
    assert count == "<td><strong>2</strong>"
    assert set(titles.split(" | ")) == {  # GROUP_CONCAT's order is the engine's
        "Solliciter différents moyens de financement des actions",
        "Participer à des appels à projet (PAPE/FSE/...)",
    }
