"""The remote store against a real Oxigraph server: the embedded store's suite, same answers.

A session fixture starts ``oxigraph serve`` (the PyPI package ``oxigraph``, in the dev extras)
on a free 127.0.0.1 port. The corpus is loaded through ``pst load`` into an embedded store and
into the server; then every named query, ``pst plans``, ``pst validate`` and ``pst export`` run
against both, and their results must be identical (blank node labels aside).
"""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef, namespace
from rdflib.namespace import RDF

from pstkg.cli import main
from pstkg.errors import QueryError, StoreError
from pstkg.named_queries import catalogue, run_named_query
from pstkg.namespaces import PST
from pstkg.store import (
    USER_PROLOGUE,
    ExportFormat,
    PlanStore,
    QueryDataset,
    SelectResult,
    describe_store,
    open_store,
)
from pstkg.store.remote import Endpoints, RemoteStore, redact
from tests.conftest import CORPUS, run_cli

FICTIONAL = Path(__file__).parent / "fixtures" / "fictional"

BACKENDS = ("embedded", "remote")
PLAN = URIRef("https://w3id.org/pst-kg/id/plan/a/2019-2024")
# Not `from rdflib.namespace import XSD`: pytest's collection probes module attributes, and
# rdflib's closed XSD namespace warns about every name it does not define.
XSD_DATE, XSD_STRING = namespace.XSD.date, namespace.XSD.string


# -- the server -----------------------------------------------------------------------------


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed with the dev extras; fail (never skip) without it."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail(
            "the remote-store tests need the Oxigraph server: install the dev extras "
            "(pip install -e '.[dev]', which pins the PyPI package 'oxigraph')"
        )
    return found


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 (for a server, or for 'connection refused')."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    """Poll the server's query endpoint until it answers an ASK, or fail with its output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            pytest.fail(f"oxigraph serve exited with status {process.returncode}: {output}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    pytest.fail(f"oxigraph serve did not answer at {url} within {seconds} s")


@pytest.fixture(scope="session")
def start_server(tmp_path_factory) -> Iterator[Callable[[], str]]:
    """Start fresh Oxigraph servers on demand (127.0.0.1 only); all stopped at the end."""
    binary = oxigraph_binary()
    processes: list[subprocess.Popen[bytes]] = []

    def start() -> str:
        location = tmp_path_factory.mktemp("oxigraph")
        url = f"http://127.0.0.1:{free_port()}"
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", url.removeprefix("http://")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        wait_until_answering(url, process)
        return url

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def server(start_server) -> str:
    """A fresh, empty server for one test."""
    return start_server()


# -- the corpus in both backends -------------------------------------------------------------


@pytest.fixture(scope="session")
def corpus_locations(start_server, tmp_path_factory) -> dict[str, str]:
    """The bundled corpus loaded with ``pst load`` into each backend: backend → ``--store``;
    with the FICTIONAL 2025-2030 plans and evaluations of tests/fixtures/fictional, so that the
    queries over time (continuity, evaluations) have rows to compare too."""
    locations = {
        "embedded": str(tmp_path_factory.mktemp("embedded") / "store"),
        "remote": start_server(),
    }
    fictional = sorted(str(path) for path in FICTIONAL.iterdir() if path.suffix in (".txt", ".csv"))
    for location in locations.values():
        assert main(["load", str(CORPUS), *fictional, "--store", location]) == 0
    return locations


def cli_output(capsys, *argv: str) -> str:
    """Run ``pst ARGV...`` in-process; fail on a non-zero status; its stdout."""
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def comparable(value: object) -> object:
    """A query result in a form equal across backends: rows sorted, blank nodes anonymised."""
    if isinstance(value, SelectResult):
        rows = sorted(
            tuple("_:b" if isinstance(term, BNode) else repr(term) for term in row)
            for row in value.rows
        )
        return value.variables, rows
    return value


def named_query_runs() -> list[tuple[str, dict[str, str]]]:
    """Every named query with its defaults, and once more with each example's parameters."""
    runs = []
    for name, query in catalogue().items():
        runs.append((name, {}))
        for example in query.examples:
            words = shlex.split(example)
            params = [words[i + 1] for i, word in enumerate(words) if word == "--param"]
            if params:
                runs.append((name, dict(param.split("=", 1) for param in params)))
    return runs


NAMED_QUERY_RUNS = named_query_runs()


@pytest.fixture(scope="module")
def answers(corpus_locations) -> dict[str, dict[tuple[str, str], object]]:
    """Each backend's result of every named-query run, keyed by (name, parameters)."""
    results: dict[str, dict[tuple[str, str], object]] = {}
    for backend, location in corpus_locations.items():
        with open_store(location, read_only=True) as store:
            results[backend] = {
                (name, repr(sorted(values.items()))): comparable(
                    run_named_query(store, name, values)
                )
                for name, values in NAMED_QUERY_RUNS
            }
    return results


def test_every_named_query_is_run_with_and_without_parameters():
    names = {name for name, _ in NAMED_QUERY_RUNS}
    assert names == set(catalogue())
    assert len(NAMED_QUERY_RUNS) > len(names)  # the examples' parameters too


@pytest.mark.parametrize(
    ("name", "values"),
    NAMED_QUERY_RUNS,
    ids=[f"{name}{'-' if values else ''}{'-'.join(values)}" for name, values in NAMED_QUERY_RUNS],
)
def test_named_queries_answer_the_same_on_both_backends(answers, name, values):
    key = (name, repr(sorted(values.items())))
    assert answers["remote"][key] == answers["embedded"][key]


def test_named_queries_find_something(answers):
    """The comparison is not vacuous: every run returns rows but two, and those two are empty
    for a reason a reader of the plans sees. (Partners are shared now: the fictional 2025-2030
    plans name partners their CPAS's 2019-2024 plans named.)"""
    empty = {key for key, value in answers["embedded"].items() if not value[1]}
    assert empty == {
        ("search", "[]"),  # no words to search for
        ("transversal-projects", "[]"),  # no item of these plans serves two OO
    }


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_query_examples_print_the_same(corpus_locations, capsys, name):
    """Each query's documented ``#+ example`` command, run against both backends."""
    for example in catalogue()[name].examples:
        argv = shlex.split(example)[1:]  # without the leading "pst"
        outputs = {
            backend: sorted(cli_output(capsys, *argv, "--store", location).splitlines())
            for backend, location in corpus_locations.items()
        }
        assert outputs["remote"] == outputs["embedded"], example


@pytest.mark.parametrize(
    "argv",
    [
        ("plans",),
        ("plans", "--format", "json"),
        ("validate", "--format", "json"),
        ("validate", "pstid:plan/dinant/2019-2024", "--format", "text"),
        ("sparql", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"),
        ("sparql", "ASK { ?s a pst:Plan }"),
    ],
    ids=" ".join,
)
def test_commands_print_the_same(corpus_locations, capsys, argv):
    outputs = {
        backend: sorted(cli_output(capsys, *argv, "--store", location).splitlines())
        for backend, location in corpus_locations.items()
    }
    assert outputs["remote"] == outputs["embedded"]


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl"])
def test_exports_are_the_same_dataset(corpus_locations, capsys, fmt):
    """Isomorphic datasets; and the very same bytes once blank nodes are set aside."""
    exports = {
        backend: cli_output(capsys, "export", "--format", fmt, "--store", location)
        for backend, location in corpus_locations.items()
    }
    formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE}
    datasets = {}
    for backend, text in exports.items():
        # RDFC-1.0 renames blank nodes canonically: equal datasets are then isomorphic ones.
        datasets[backend] = ox.Dataset(ox.parse(text, format=formats[fmt]))
        datasets[backend].canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert len(datasets["remote"]) == len(datasets["embedded"]) > 10_000
    assert datasets["remote"] == datasets["embedded"]
    if fmt == "nq":
        without_blank_nodes = {
            backend: [line for line in text.splitlines() if "_:" not in line]
            for backend, text in exports.items()
        }
        assert without_blank_nodes["remote"] == without_blank_nodes["embedded"]


def test_one_plan_exports_the_same(corpus_locations, capsys):
    plan = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
    exports = {
        backend: cli_output(capsys, "export", plan, "--format", "nq", "--store", where)
        for backend, where in corpus_locations.items()
    }
    assert exports["remote"] == exports["embedded"]


# -- loading and writing against the server ---------------------------------------------------


def test_loading_twice_or_a_bad_file_leaves_the_server_identical(server, capsys, tmp_path):
    assert run_cli(capsys, "load", str(CORPUS), "--store", server)[0] == 0
    first = cli_output(capsys, "export", "--format", "nq", "--store", server)
    assert run_cli(capsys, "load", str(CORPUS), "--store", server)[0] == 0
    assert cli_output(capsys, "export", "--format", "nq", "--store", server) == first
    bad = tmp_path / "not-a-plan.txt"
    bad.write_text("Bonjour.\nCeci n'est pas un plan.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "load", str(bad), "--store", server)
    assert code == 1 and "FAILED not-a-plan.txt" in out
    assert cli_output(capsys, "export", "--format", "nq", "--store", server) == first


def test_store_operations(server):
    with open_store(server) as store:
        assert isinstance(store, RemoteStore)
        graph = Graph()
        graph.add((PLAN, RDF.type, PST.Plan))
        graph.add((PLAN, PST.code, Literal("un « plan »\n", lang="fr")))
        graph.add((PLAN, PST.code, Literal("texte", datatype=XSD_STRING)))
        graph.add((PLAN, PST.code, Literal("2019-01-01", datatype=XSD_DATE)))
        store.replace_graph(PLAN, graph)
        assert store.graph_names() == [PLAN]
        result = store.query(
            "SELECT ?v WHERE { GRAPH ?g { ?p ?code ?v } } ORDER BY STR(?v)", {"code": PST.code}
        )
        assert isinstance(result, SelectResult)
        # Same rdflib terms as the embedded store: xsd:string literals come back plain.
        assert [row[0] for row in result.rows] == [
            Literal("2019-01-01", datatype=XSD_DATE),
            Literal("texte"),
            Literal("un « plan »\n", lang="fr"),
        ]
        assert store.query("ASK { GRAPH ?g { ?s a ?type } }", {"type": PST.Plan}) is True
        constructed = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(constructed, Graph)
        assert set(constructed) == {
            (s, p, Literal("texte") if o == Literal("texte", datatype=XSD_STRING) else o)
            for s, p, o in graph
        }
        store.replace_graph(PLAN, Graph())  # replacing by nothing removes the graph
        assert store.graph_names() == []
        store.replace_graph(PLAN, graph)
        assert store.drop_graph(PLAN) is True
        assert store.drop_graph(PLAN) is False
        assert store.export(ExportFormat.NQUADS) == b""


def test_comments_that_look_like_updates_are_still_queries(server):
    """SPARQLWrapper would take "created"/"deleted" in a comment for an update form."""
    with open_store(server) as store:
        result = store.query("# deleted, created, added: a comment\nASK { ?s ?p ?o }")
        assert result is False


def test_read_only_refuses_writes(server):
    with open_store(server, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.replace_graph(PLAN, Graph())


def test_a_syntax_error_is_a_query_error(server, capsys):
    with open_store(server) as store, pytest.raises(QueryError, match=r"malformed SPARQL query: "):
        store.query("SELEKT nothing")
    assert main(["sparql", "SELEKT nothing", "--store", server]) == 1
    assert capsys.readouterr().err.startswith("pst: error: malformed SPARQL query: ")


def test_an_unknown_plan_export_is_a_store_error(server):
    with open_store(server) as store, pytest.raises(StoreError, match="no plan"):
        store.export(ExportFormat.NQUADS, PLAN)


# -- failure modes --------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [("plans",), ("load", str(CORPUS)), ("export",)], ids=" ".join)
def test_server_down_is_one_clear_error_line(capsys, argv):
    url = f"http://127.0.0.1:{free_port()}"
    assert main([*argv, "--store", url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"pst: error: cannot reach the SPARQL server at {url}/query: "
        "connection refused (is the server running?)"
    ]


def test_server_down_through_the_environment(capsys, monkeypatch):
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("PST_STORE", url)
    assert main(["plans"]) == 1
    assert f"cannot reach the SPARQL server at {url}/query" in capsys.readouterr().err


def test_http_errors_carry_the_servers_message(server):
    store = RemoteStore(Endpoints.from_url(server, {"PST_QUERY_ENDPOINT": "nowhere"}))
    with pytest.raises(StoreError, match=r"/nowhere answered HTTP 404: .*not supported"):
        store.graph_names()
    store = RemoteStore(Endpoints.from_url(server, {"PST_UPDATE_ENDPOINT": "nowhere"}))
    with pytest.raises(StoreError, match=r"/nowhere answered HTTP 404 Not Found: .*"):
        store.replace_graph(PLAN, Graph())


def test_a_silent_server_is_a_timeout():
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        store = RemoteStore(Endpoints.from_url(url, {}), timeout=0.3)
        with pytest.raises(StoreError, match=r"did not answer within 0.3 s"):
            store.query("ASK {}")
        with pytest.raises(StoreError, match=r"did not answer within 0.3 s"):
            store.drop_graph(PLAN)


# -- configuration (no server needed) ---------------------------------------------------------


def test_endpoint_conventions():
    oxigraph = Endpoints.from_url("http://localhost:7878", {})
    assert (oxigraph.query, oxigraph.update, oxigraph.gsp) == (
        "http://localhost:7878/query",
        "http://localhost:7878/update",
        "http://localhost:7878/store",
    )
    fuseki = Endpoints.from_url("http://localhost:3030/ds/", {"PST_GSP_ENDPOINT": "data"})
    assert (fuseki.query, fuseki.update, fuseki.gsp) == (
        "http://localhost:3030/ds/query",
        "http://localhost:3030/ds/update",
        "http://localhost:3030/ds/data",
    )
    repository = "http://localhost:7200/repositories/pst"
    graphdb = Endpoints.from_url(
        repository,
        {
            "PST_QUERY_ENDPOINT": repository,
            "PST_UPDATE_ENDPOINT": "statements",
            "PST_GSP_ENDPOINT": "rdf-graphs/service",
        },
    )
    assert (graphdb.query, graphdb.update, graphdb.gsp) == (
        repository,
        f"{repository}/statements",
        f"{repository}/rdf-graphs/service",
    )


def test_credentials_are_used_but_never_shown(monkeypatch):
    endpoints = Endpoints.from_url("http://dba:s%40cret@localhost:8890", {})
    assert (endpoints.user, endpoints.password) == ("dba", "s@cret")
    assert "s%40cret" not in endpoints.query and "dba" not in endpoints.query
    assert redact("http://dba:secret@localhost:8890/x") == "http://dba:***@localhost:8890/x"
    monkeypatch.setenv("PST_STORE", "http://dba:secret@localhost:8890")
    assert describe_store() == "http://dba:***@localhost:8890"


def test_open_store_chooses_the_backend(monkeypatch, tmp_path):
    monkeypatch.setenv("PST_STORE", "http://127.0.0.1:1")
    remote: PlanStore = open_store()
    assert isinstance(remote, RemoteStore)
    assert remote.endpoints.query == "http://127.0.0.1:1/query"
    with open_store(tmp_path / "folder") as embedded:
        assert not isinstance(embedded, RemoteStore)


def test_capped_queries_and_protocol_datasets_answer_the_same(corpus_locations):
    """``query_capped`` (the API's public endpoint) on both backends: same rows, same flag."""
    dinant = URIRef("https://w3id.org/pst-kg/id/plan/dinant/2019-2024")
    cases = [
        (
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) } }"
            " ORDER BY ?s ?p ?o",
            7,
            None,
        ),
        ("SELECT ?s WHERE { ?s a ?type } ORDER BY ?s", 1000, QueryDataset((dinant,))),
        (
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            100,
            QueryDataset((), (dinant,)),
        ),
        ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", 5, None),
        ("ASK { ?s a ?type }", 1, QueryDataset((dinant,))),
    ]
    for sparql, limit, dataset in cases:
        answers = {}
        for backend, location in corpus_locations.items():
            with open_store(location, read_only=True) as store:
                capped = store.query_capped(sparql, limit, dataset)
            result = capped.result
            answers[backend] = (
                len(result) if isinstance(result, Graph) else comparable(result),
                capped.truncated,
            )
        assert answers["remote"] == answers["embedded"], sparql
        assert answers["embedded"][0], sparql  # not vacuous


def test_protocol_datasets_replace_the_querys_on_both_backends(corpus_locations):
    """SPARQL 1.1 Protocol §2.1.4: only default-graph-uri → no named graph; only
    named-graph-uri → an empty default graph, whatever the query's FROM says."""
    dinant = URIRef("https://w3id.org/pst-kg/id/plan/dinant/2019-2024")
    burdinne = URIRef("https://w3id.org/pst-kg/id/plan/burdinne/2019-2024")
    cases = [
        ("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", QueryDataset((dinant,)), 0),
        (f"SELECT ?s FROM <{dinant}> WHERE {{ ?s ?p ?o }}", QueryDataset((), (burdinne,)), 0),
        (f"SELECT ?s FROM <{dinant}> WHERE {{ ?s ?p ?o }}", None, 100),
    ]
    for sparql, dataset, expected in cases:
        for location in corpus_locations.values():
            with open_store(location, read_only=True) as store:
                result = store.query_capped(sparql, 100, dataset).result
            assert isinstance(result, SelectResult) and len(result.rows) == expected, (
                location,
                sparql,
            )


def test_the_user_prologue_on_both_backends(corpus_locations):
    """Predeclared prefixes and the base IRI reach both backends without moving lines."""
    sparql = "SELECT ?plan WHERE { GRAPH <plan/dinant/2019-2024> { ?plan a pst:Plan } }"
    for location in corpus_locations.values():
        with open_store(location, read_only=True) as store:
            result = store.query(sparql, prologue=USER_PROLOGUE)
            assert isinstance(result, SelectResult)
            assert [str(row[0]) for row in result.rows] == [
                "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
            ]
            with pytest.raises(QueryError, match="3:"):
                store.query("SELECT ?x\nWHERE {\n  ?x ?y }", prologue=USER_PROLOGUE)
