"""/sparql against the SPARQL 1.1 Protocol and Service Description, SERVICE refusal, CORS.

Each test cites the section of the W3C text it was written from:
Protocol https://www.w3.org/TR/sparql11-protocol/, Service Description
https://www.w3.org/TR/sparql11-service-description/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace, URIRef

from pstkg.api import create_app
from tests.api.conftest import TOKEN

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DINANT = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
BURDINNE = "https://w3id.org/pst-kg/id/plan/burdinne/2019-2024"
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def stores(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of the corpus store, all made before an app of this module opens one (an open
    store compacts its files, which a copy made meanwhile would miss)."""
    base = tmp_path_factory.mktemp("conformance")
    names = ("main", "federated", "service", "writes", "one", "none")
    return {name: shutil.copytree(corpus_store, base / name) for name in names}


@pytest.fixture(scope="module")
def client(stores: dict[str, Path]) -> Iterator[TestClient]:
    """The app with the default settings: SERVICE refused, CORS for any origin."""
    with TestClient(create_app(stores["main"], query_timeout=20)) as test_client:
        yield test_client


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def count(response) -> int:
    return int(rows(response)[0]["n"]["value"])


# -- service description ---------------------------------------------------------------------


def test_service_description_without_a_query(client: TestClient) -> None:
    """SD §2: a service "should return a service description document at the service
    endpoint when dereferenced using the HTTP GET operation without any query parameter";
    in RDF, negotiated (Turtle by default)."""
    response = client.get("/sparql", headers={"accept": "*/*"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    graph = Graph().parse(data=response.text, format="turtle")
    service = graph.value(predicate=SD.endpoint, object=URIRef("http://testserver/sparql"))
    assert service is not None  # the real URL, not the placeholder
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_CSV, FORMATS.Turtle} <= formats
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph  # SERVICE is off
    dataset = graph.value(service, SD.defaultDataset)
    names = {graph.value(node, SD.name) for node in graph.objects(dataset, SD.namedGraph)}
    assert URIRef(DINANT) in names and URIRef(BURDINNE) in names
    assert "urn:pst-kg:endpoint" not in response.text
    as_jsonld = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=as_jsonld.text, format="json-ld")) == len(graph)


def test_a_browser_gets_the_editor(client: TestClient) -> None:
    response = client.get(
        "/sparql", headers={"accept": "text/html,*/*;q=0.8"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/editeur"


def test_federation_is_described_when_allowed(stores: dict[str, Path]) -> None:
    """SD §3.4: sd:BasicFederatedQuery, "support for the SERVICE keyword"."""
    app = create_app(stores["federated"], allowed_services=["http://example.org/sparql"])
    with TestClient(app) as allowed:
        graph = Graph().parse(data=allowed.get("/sparql").text, format="turtle")
    assert (None, SD.feature, SD.BasicFederatedQuery) in graph


# -- the query operation -----------------------------------------------------------------------


def test_a_repeated_query_parameter_is_a_bad_request(client: TestClient) -> None:
    """Protocol §2.1: query requests "MUST include exactly one query parameter"."""
    ask = "ASK {}"
    assert client.get("/sparql", params=[("query", ask), ("query", ask)]).status_code == 400
    form = "query=ASK+%7B%7D&query=ASK+%7B%7D"
    assert client.post("/sparql", content=form, headers=FORM).status_code == 400
    in_both = client.post("/sparql?query=ASK+%7B%7D", content="query=ASK+%7B%7D", headers=FORM)
    assert in_both.status_code == 400 and "exactly one query" in in_both.text
    direct = client.post(
        "/sparql?query=ASK+%7B%7D",
        content=ask,
        headers={"content-type": "application/sparql-query"},
    )
    assert direct.status_code == 400
    assert client.get("/sparql", params={"query": ask}).status_code == 200


def test_a_query_not_in_utf8_is_refused(client: TestClient) -> None:
    """Protocol §2.1.2 and §2.1.3: the query is sent in UTF-8 (form fields once %-decoded, a
    direct body as such); another charset or bytes that are not UTF-8 are a client error."""
    direct = {"content-type": "application/sparql-query"}
    latin1 = "SELECT * WHERE { ?s ?p 'Hôpital' }".encode("latin-1")
    bad_bytes = client.post("/sparql", content=latin1, headers=direct)
    assert bad_bytes.status_code == 400 and "not UTF-8" in bad_bytes.text
    utf16 = {"content-type": "application/sparql-query; charset=UTF-16"}
    other_charset = client.post("/sparql", content="ASK {}".encode("utf-16"), headers=utf16)
    assert other_charset.status_code == 415 and "utf-16" in other_charset.text
    bad_form = client.post("/sparql", content="query=ASK+%7B+%22H%F4pital%22+%7D", headers=FORM)
    assert bad_form.status_code == 400 and "not UTF-8" in bad_form.text
    utf8 = "SELECT * WHERE { ?s ?p 'Hôpital' }".encode()
    assert client.post("/sparql", content=utf8, headers=direct).status_code == 200


def test_relative_iris_resolve_against_the_dataset_base(client: TestClient) -> None:
    """Query §4.1.1.1: relative IRIs are resolved against a base IRI; the query's own BASE
    wins. Ours is the dataset's identifier base, https://w3id.org/pst-kg/id/."""
    plan = "<plan/dinant/2019-2024>"
    query = f"ASK {{ GRAPH {plan} {{ {plan} a pst:Plan }} }}"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200 and response.json()["boolean"] is True
    own_base = client.get("/sparql", params={"query": f"BASE <http://example.org/> {query}"})
    assert own_base.json()["boolean"] is False


def test_named_graph_uri_alone_empties_the_default_graph(client: TestClient) -> None:
    """Protocol §2.1.4: the protocol's dataset replaces the query's (FROM included); with
    only named-graph-uri, the default graph is empty."""
    query = f"SELECT (COUNT(*) AS ?n) FROM <{DINANT}> WHERE {{ ?s ?p ?o }}"
    assert count(client.get("/sparql", params={"query": query})) == 748  # FROM: Dinant's graph
    replaced = client.get("/sparql", params={"query": query, "named-graph-uri": BURDINNE})
    assert count(replaced) == 0


def test_default_graph_uri_alone_leaves_no_named_graph(client: TestClient) -> None:
    """Protocol §2.1.4: with only default-graph-uri, the dataset has no named graphs."""
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert len(rows(client.get("/sparql", params={"query": query}))) >= 4
    only_default = client.get("/sparql", params={"query": query, "default-graph-uri": DINANT})
    assert rows(only_default) == []
    both = {"query": query, "default-graph-uri": DINANT, "named-graph-uri": BURDINNE}
    assert [row["g"]["value"] for row in rows(client.get("/sparql", params=both))] == [BURDINNE]


def test_syntax_errors_name_the_users_lines(client: TestClient) -> None:
    """Protocol §2.1.4 (failure): 400 with the parser's message; its position is in the
    user's text (the predeclared prefixes are not pasted in front any more)."""
    response = client.get("/sparql", params={"query": "SELECT ?x\nWHERE {\n  ?x ?y }"})
    assert response.status_code == 400 and "error at 3:" in response.text


def test_deep_nesting_is_refused_in_one_line(client: TestClient) -> None:
    query = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000
    response = client.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 400 and "nested 10000 deep" in response.text
    assert "\n" not in response.text


# -- SERVICE (server-side request forgery) ---------------------------------------------------


def test_service_is_refused_and_the_target_gets_nothing(client: TestClient, endpoint) -> None:
    url, requests = endpoint
    for query in (
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p trueSERVICE<{url}>{{}} }}",
    ):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 403
        assert "pst serve --allow-service URL" in response.text
    assert requests == []
    text_only = "SELECT ?service WHERE { BIND('SERVICE <http://x/> {}' AS ?service) }"
    assert client.get("/sparql", params={"query": text_only}).status_code == 200


def test_an_allowed_service_is_called(stores: dict[str, Path], endpoint) -> None:
    url, requests = endpoint
    with TestClient(create_app(stores["service"], allowed_services=[url])) as allowed:
        response = allowed.get("/sparql", params={"query": f"ASK {{ SERVICE <{url}> {{ }} }}"})
        assert response.status_code == 200, response.text
        assert len(requests) == 1
        variable = allowed.get("/sparql", params={"query": "ASK { SERVICE ?e { } }"})
        assert variable.status_code == 403 and "variable" in variable.text
        other = allowed.get("/sparql", params={"query": "ASK { SERVICE <http://127.0.0.1:1/> {} }"})
        assert other.status_code == 403
    assert len(requests) == 1


# -- CORS ----------------------------------------------------------------------------------------


def preflight(client: TestClient, path: str, method: str = "POST"):
    return client.options(
        path,
        headers={
            "origin": "https://notebook.example",
            "access-control-request-method": method,
            "access-control-request-headers": "content-type",
        },
    )


def test_cors_allows_cross_origin_reads(client: TestClient) -> None:
    """Fetch standard, CORS protocol: reads of /sparql and named queries from any origin by
    default, preflight answered, no credentials."""
    origin = {"origin": "https://notebook.example"}
    read = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert read.headers["access-control-allow-origin"] == "*"
    assert "x-result-truncated" in read.headers["access-control-expose-headers"].lower()
    answered = preflight(client, "/sparql")
    assert answered.status_code == 200
    assert "POST" in answered.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in answered.headers
    named = client.get("/api/queries", headers=origin)
    assert named.headers["access-control-allow-origin"] == "*"


@pytest.fixture
def writer(stores: dict[str, Path]) -> Iterator[TestClient]:
    """An app that takes writes with :data:`TOKEN`."""
    with TestClient(create_app(stores["writes"], write_token=TOKEN)) as test_client:
        yield test_client


def test_cors_never_on_writes(writer: TestClient) -> None:
    origin = {"origin": "https://notebook.example"}
    assert "access-control-allow-origin" not in preflight(writer, "/api/plans").headers
    assert "access-control-allow-origin" not in preflight(writer, "/api/plans/x", "DELETE").headers
    upload = writer.post(
        "/api/plans",
        headers={**origin, "authorization": f"Bearer {TOKEN}"},
        files={"file": ("x.txt", b"nothing")},
    )
    assert "access-control-allow-origin" not in upload.headers
    assert "access-control-allow-origin" not in writer.get("/", headers=origin).headers


@pytest.fixture
def restricted(stores: dict[str, Path]) -> Iterator[dict[str, TestClient]]:
    """Apps allowing one origin, and none."""
    apps = {
        "one": create_app(stores["one"], cors_origins=["https://yasgui.example"]),
        "none": create_app(stores["none"], cors_origins=[]),
    }
    with TestClient(apps["one"]) as one, TestClient(apps["none"]) as none:
        yield {"one": one, "none": none}


def test_cors_origins_are_configurable(restricted: dict[str, TestClient]) -> None:
    query = {"query": "ASK {}"}
    one = restricted["one"]
    allowed = one.get("/sparql", params=query, headers={"origin": "https://yasgui.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://yasgui.example"
    other = one.get("/sparql", params=query, headers={"origin": "https://other.example"})
    assert "access-control-allow-origin" not in other.headers
    off = restricted["none"].get("/sparql", params=query, headers={"origin": "https://x.example"})
    assert off.status_code == 200 and "access-control-allow-origin" not in off.headers
