"""The query guard (pstkg.sparql_guard): SERVICE found as Oxigraph reads it, nesting bounded.

The tricky spellings are checked against Oxigraph itself: a local HTTP server records whether
the engine really called it, and the guard must have flagged every query that did.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pstkg.errors import QueryError
from pstkg.sparql_guard import (
    MAX_NESTING,
    ServiceRefusedError,
    check_query,
    is_update,
    nesting_depth,
    service_calls,
)
from pstkg.store import open_store
from tests.conftest import run_cli

# Spellings Oxigraph reads as a SERVICE call although no token is the word SERVICE.
GLUED = [
    "SELECT * WHERE {{ ?s ?p trueSERVICE<{e}>{{}} }}",
    "PREFIX ex: <http://ex/> SELECT * WHERE {{ ?s ?p ex:a.b.SERVICE<{e}>{{}} }}",
    "SELECT * WHERE {{ SERVICESILENT<{e}>{{}} }}",
    "PREFIX : <{e}> SELECT * WHERE {{ SERVICE:{{}} }}",
    "SELECT * WHERE {{ ?s ?p 1SERVICE<{e}>{{}} }}",
    "SELECT * WHERE {{ [] ?p []SERVICE<{e}>{{}} }}",
    "SELECT * WHERE {{ #comment\rSERVICE<{e}>{{}} }}",
    "SELECT * WHERE {{ sErViCe <{e}> {{}} }}",
    "SELECT * WHERE {{ ?s ?p 'x'SERVICE SILENT<{e}>{{}} }}",
]
# SERVICE only in strings, IRIs, comments, variables, prefixed names: no call, no refusal.
NOT_CALLS = [
    "SELECT ?service WHERE {{ ?service ?p 'SERVICE <{e}> {{}}' }}",
    'SELECT * WHERE {{ ?s ?p """\nSERVICE <{e}> {{}}\n""" }}',
    "SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{e}> {{}}",
    "PREFIX ex: <http://ex/> SELECT * WHERE {{ ?s ex:SERVICE <http://a/SERVICE> }}",
    'SELECT * WHERE {{ ?s ?p "a\\" SERVICE <{e}> {{}} " }}',
    "SELECT * WHERE {{ ?s ?p _:service }}",
]


def oxigraph_calls(query: str, requests: list[str]) -> bool:
    """Whether running ``query`` in Oxigraph sent a request to the test endpoint."""
    before = len(requests)
    try:
        result = ox.Store().query(query)
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, OSError):
        pass
    return len(requests) > before


@pytest.mark.parametrize("template", GLUED)
def test_every_spelling_oxigraph_calls_is_refused(endpoint, template: str) -> None:
    url, requests = endpoint
    query = template.format(e=url)
    assert oxigraph_calls(query, requests), "the case must really call the service"
    assert service_calls(query)
    with pytest.raises(ServiceRefusedError, match="--allow-service"):
        check_query(query)
    if any(glued in query for glued in ("trueSERVICE", ".SERVICE", "SERVICESILENT", ":{")):
        # SERVICE inside a longer word is refused even when the endpoint is allowed.
        with pytest.raises(ServiceRefusedError, match="unusual spelling"):
            check_query(query, allowed_services={url})
    else:  # once tokenised, the plain form: the allow-list applies
        check_query(query, allowed_services={url})


@pytest.mark.parametrize("template", NOT_CALLS)
def test_service_in_strings_iris_comments_and_names_is_not_a_call(endpoint, template) -> None:
    url, requests = endpoint
    query = template.format(e=url)
    assert not oxigraph_calls(query, requests)
    assert service_calls(query) == []
    check_query(query)  # no refusal


def test_allowed_endpoints_match_exactly(endpoint) -> None:
    url, _ = endpoint
    check_query(f"SELECT * {{ SERVICE <{url}> {{ }} }}", allowed_services={url})
    check_query(
        f"PREFIX e: <{url[:-6]}> SELECT * {{ SERVICE e:sparql {{}} }}", allowed_services={url}
    )
    escaped = url.replace("sparql", "\\u0073parql")  # Oxigraph decodes \u in IRIs
    check_query(f"SELECT * {{ SERVICE <{escaped}> {{ }} }}", allowed_services={url})
    for other in (url + "/", url.replace("sparql", "other"), url.upper()):
        with pytest.raises(ServiceRefusedError, match="not an endpoint this server may query"):
            check_query(f"SELECT * {{ SERVICE <{other}> {{ }} }}", allowed_services={url})
    for target, reason in (("?endpoint", "variable"), ("<sparql>", "relative IRI")):
        with pytest.raises(ServiceRefusedError, match=reason):
            check_query(f"SELECT * {{ SERVICE {target} {{ }} }}", allowed_services={url})


def test_lines_are_those_of_the_query() -> None:
    query = "SELECT *\nWHERE {\n  ?s ?p 'two\nlines' .\n  SERVICE <http://x/> {}\n}"
    assert [call.line for call in service_calls(query)] == [5]


def test_nesting_is_bounded() -> None:
    assert nesting_depth("SELECT * { ?s ?p ( 1 [ ?q 2 ] ) }") == (3, 1)
    assert nesting_depth("SELECT * { ?s ?p '{{{{{{' }")[0] == 1  # strings do not count
    check_query("SELECT * " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    deep = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000
    with pytest.raises(QueryError, match="nested 10000 deep at line 1, more than 64"):
        check_query(deep)
    # `<` read as an IRI by the lexer but as "less than" by Oxigraph hides no bracket.
    hidden = "SELECT * { FILTER(?a<" + "(" * 100 + "?c>1" + ")" * 100 + ") }"
    assert nesting_depth(hidden)[0] > MAX_NESTING


def test_pst_sparql_refuses_deep_nesting_in_one_line(capsys, tmp_path: Path) -> None:
    """It used to crash with a segmentation fault (issue #14, item 8)."""
    deep = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000
    code, out, err = run_cli(capsys, "sparql", deep, "--store", str(tmp_path / "none"))
    assert code == 1 and out == ""
    assert err.startswith("pst: error: query refused: brackets") and err.count("\n") == 1


def test_pst_sparql_error_positions_are_the_users(capsys, tmp_path: Path) -> None:
    """The predeclared prefixes are no longer pasted in front: line 3 stays line 3."""
    with open_store(tmp_path / "store"):
        pass
    query = "SELECT ?x\nWHERE {\n  ?x ?y }"
    code, _, err = run_cli(capsys, "sparql", query, "--store", str(tmp_path / "store"))
    assert code == 1 and "error at 3:" in err
    code, out, _ = run_cli(
        capsys,
        "sparql",
        "SELECT ?x WHERE { BIND(<plan/x> AS ?x) }",
        "--format",
        "csv",
        "--store",
        str(tmp_path / "store"),
    )
    assert code == 0 and "https://w3id.org/pst-kg/id/plan/x" in out


@pytest.mark.parametrize(
    ("query", "update"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", True),
        ("# a comment\nPREFIX ex: <http://ex/>\nBASE <http://b/>\ndelete where { ?s ?p ?o }", True),
        ("PREFIX insert: <http://ex/> SELECT * { ?s insert:p ?o }", False),
        ("# INSERT DATA in a comment\nASK {}", False),
        ("SELECT * { ?s ?p 'DELETE' }", False),
        ("WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("", False),
    ],
)
def test_an_update_is_told_by_its_first_keyword_after_the_prologue(query: str, update: bool):
    assert is_update(query) is update
