"""Spreadsheet formula injection (issue #14, item 7): titles that a spreadsheet would run.

A plan whose titles start with each character of OWASP's list (= + - @ TAB CR) goes through
every output written for spreadsheets — ``pst validate --format csv``, ``pst query``/``pst
plans --format csv``, ``/api/queries/{name}?format=csv``, ``pst export --format template``
and ``pst draft`` (CSV and XLSX) — and no cell may start with one of them; the title must be
there, behind a quote. SPARQL results asked for as CSV by a SPARQL client (``/sparql`` as
``text/csv``, ``pst sparql --format csv``) stay exact. Our own template, written and read
back, gives the same titles.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from rdflib import Literal

from pstkg.api import create_app
from pstkg.cli import main
from pstkg.loading import load_files
from pstkg.spreadsheet_cells import FORMULA_TRIGGERS, neutralise, restore
from pstkg.store import open_store

PLAN = "pstid:plan/formuleville/2019-2024"
OS_TITLE = '=HYPERLINK("http://x","clic")'
OO_TITLE = "+1+cmd|' /C calc'!A0"
ACTION_TITLES = {
    "=": "=cmd|' /C calc'!A0",
    "+": "+1+cmd|' /C notepad'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=2+2",
}
"""One action title per leading character; the codes are 1.1.1, 1.1.2, … in this order."""
QUOTED_TITLE = "'=déjà entre guillemets"
"""A title that really starts with a quote then "=": it must come back as it is."""
TEMPLATE_HEADER = (
    "cpas;legislature;volet;os_code;os_titre;oo_code;oo_titre;action_code;action_titre;description"
)


def _template(titles: list[str]) -> str:
    """A template whose titles are written as `pst export` writes them (quoted if risky)."""
    os_cell, oo_cell = _csv_cell(OS_TITLE), _csv_cell(OO_TITLE)
    rows = [
        f"Formuleville;2019-2024;Externe;1;{os_cell};1.1;{oo_cell};1.1.{n};{_csv_cell(title)};"
        "Une fiche sans indicateur"
        for n, title in enumerate(titles, start=1)
    ]
    return "\n".join([TEMPLATE_HEADER, *rows]) + "\n"


def _csv_cell(text: str) -> str:
    return '"' + neutralise(text).replace('"', '""') + '"'


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one plan whose OS, OO and action titles start with each trigger.

    The template loader strips leading spaces (TAB, CR), so the action titles are then set
    in the store directly.
    """
    folder = tmp_path_factory.mktemp("formulas")
    source = folder / "formuleville.csv"
    source.write_text(_template([f"titre {n}" for n in range(1, len(ACTION_TITLES) + 1)]))
    path = folder / "store"
    with open_store(path) as store:
        assert all(report.loaded for report in load_files(store, [source]))
        for number, title in enumerate(ACTION_TITLES.values(), start=1):
            store.update(
                "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX pst: <https://w3id.org/pst-kg/ontology#>\n"
                "DELETE { GRAPH ?g { ?a dcterms:title ?old } } "
                f"INSERT {{ GRAPH ?g {{ ?a dcterms:title {Literal(title, lang='fr').n3()} }} }} "
                f'WHERE {{ GRAPH ?g {{ ?a pst:code "1.1.{number}" ; dcterms:title ?old }} }}'
            )
    return path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def cells(text: str, delimiter: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def assert_no_formula(values: list[str]) -> None:
    risky = [value for value in values if value[:1] in FORMULA_TRIGGERS]
    assert risky == [], f"cells a spreadsheet would run: {risky}"


def assert_quoted_titles(values: list[str], titles: list[str]) -> None:
    for title in titles:
        assert "'" + title in values, f"{title!r} is missing, or not behind a quote"


def test_each_trigger_of_the_rule_has_a_title_here():
    assert set(ACTION_TITLES) == set(FORMULA_TRIGGERS)


@pytest.mark.parametrize(
    "value",
    [*ACTION_TITLES.values(), OS_TITLE, QUOTED_TITLE, "''+x", "'", "", "Titre", "-3", "+1.5"],
)
def test_restore_undoes_neutralise(value):
    assert restore(neutralise(value)) == value


def test_plain_numbers_and_plain_text_are_left_alone():
    assert [neutralise(v) for v in ("-3", "+1.5", "2e10", "Titre", "l'=x")] == [
        "-3",
        "+1.5",
        "2e10",
        "Titre",
        "l'=x",
    ]
    assert neutralise("-3-cmd") == "'-3-cmd"
    assert neutralise(QUOTED_TITLE) == "'" + QUOTED_TITLE


def test_validate_csv_quotes_the_titles(capsys, formula_store):
    code, out = run(capsys, "validate", "--store", str(formula_store), "--format", "csv")
    assert code == 0
    values = cells(out)
    assert_no_formula(values)
    # Each action's fiche gives no indicator: the finding names the action, its OO and OS.
    assert_quoted_titles(values, [OS_TITLE, OO_TITLE, *ACTION_TITLES.values()])


@pytest.mark.parametrize("command", [["query", "plan-tree"], ["plans"]])
def test_query_csv_quotes_the_titles(capsys, formula_store, command):
    code, out = run(capsys, *command, "--store", str(formula_store), "--format", "csv")
    assert code == 0
    values = cells(out)
    assert_no_formula(values)
    if command[0] == "query":
        assert_quoted_titles(values, [OS_TITLE, OO_TITLE, *ACTION_TITLES.values()])


def test_sparql_csv_stays_exact(capsys, formula_store):
    query = 'SELECT ?t WHERE { GRAPH ?g { ?a pst:code "1.1.1" ; dcterms:title ?t } }'
    code, out = run(capsys, "sparql", query, "--store", str(formula_store), "--format", "csv")
    assert code == 0
    assert cells(out) == ["t", ACTION_TITLES["="]]


@pytest.fixture(scope="module")
def service(formula_store: Path):
    with TestClient(create_app(formula_store)) as client:
        yield client


def test_named_query_csv_quotes_the_titles(service):
    answer = service.get("/api/queries/plan-tree", params={"format": "csv"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    values = cells(answer.text)
    assert_no_formula(values)
    assert_quoted_titles(values, [OS_TITLE, OO_TITLE, *ACTION_TITLES.values()])
    # JSON is data, not a spreadsheet: the titles as they are.
    rows = service.get("/api/queries/plan-tree", params={"format": "json"}).json()["rows"]
    assert {row["projet_ou_action"] for row in rows} == set(ACTION_TITLES.values())


def test_sparql_endpoint_csv_stays_exact(service):
    query = (
        "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX pst: <https://w3id.org/pst-kg/ontology#>"
        ' SELECT ?t WHERE { GRAPH ?g { ?a pst:code "1.1.4" ; dcterms:title ?t } }'
    )
    answer = service.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200
    assert answer.text == f"t\r\n{ACTION_TITLES['@']}\r\n"


def test_template_export_csv_quotes_the_titles(capsys, formula_store):
    code, out = run(capsys, "export", PLAN, "--format", "template", "--store", str(formula_store))
    assert code == 0
    values = cells(out, ";")
    assert_no_formula(values)
    assert_quoted_titles(values, [OS_TITLE, OO_TITLE, *ACTION_TITLES.values()])


def test_template_export_xlsx_stores_titles_as_text(capsys, formula_store, tmp_path):
    output = tmp_path / "plan.xlsx"
    args = ["export", PLAN, "--format", "template", "--store", str(formula_store)]
    assert run(capsys, *args, "--output", str(output))[0] == 0
    sheet = load_workbook(output).worksheets[0]
    written = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert {cell.data_type for cell in written} == {"s"}
    values = [cell.value for cell in written]
    for title in [OS_TITLE, OO_TITLE, *ACTION_TITLES.values()]:
        assert title in values  # as it is: a text cell is never run


def test_draft_csv_quotes_the_titles(capsys, tmp_path):
    source = tmp_path / "formuleville.csv"
    titles = [ACTION_TITLES[trigger] for trigger in "=+-@"]
    source.write_text(_template(titles))
    code, out = run(capsys, "draft", str(source))
    assert code == 0
    values = cells(out, ";")
    assert_no_formula(values)
    assert_quoted_titles(values, [OS_TITLE, OO_TITLE, *titles])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_round_trip_keeps_the_titles(capsys, tmp_path, suffix):
    titles = [*(ACTION_TITLES[trigger] for trigger in "=+-@"), QUOTED_TITLE]
    source = tmp_path / "formuleville.csv"
    source.write_text(_template(titles))
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["load", str(source), "--store", str(first)]) == 0
    exported = tmp_path / f"export{suffix}"
    export = ["export", PLAN, "--format", "template", "--store", str(first)]
    assert main([*export, "--output", str(exported)]) == 0
    assert main(["load", str(exported), "--store", str(second)]) == 0
    capsys.readouterr()
    query = (
        "SELECT ?t WHERE { GRAPH ?g { ?a pst:code ?code ; dcterms:title ?t }"
        ' FILTER(STRSTARTS(?code, "1.1.")) }'
    )
    for store in (first, second):
        assert main(["sparql", query, "--store", str(store), "--format", "csv"]) == 0
        loaded = set(cells(capsys.readouterr().out)[1:])
        assert loaded == set(titles)


def test_both_csv_writers_quote_alike(formula_store):
    """The named queries' CSV from pyoxigraph's terms (embedded store) and through rdflib
    (a SPARQL server as the store) are the same bytes, quoted or exact."""
    from pstkg.api.serializers import render_solutions
    from pstkg.api.solution_writers import csv_results, read_solutions
    from pstkg.store.terms import to_query_result

    query = "SELECT ?a ?t WHERE { GRAPH ?g { ?a <http://purl.org/dc/terms/title> ?t } }"
    raw = ox.Store.read_only(str(formula_store))
    variables, rows, _ = read_solutions(raw.query(query))
    result, _ = to_query_result(raw.query(query))
    for quoted in (True, False):
        written = csv_results(variables, rows, for_spreadsheets=quoted)
        assert written == render_solutions(result, "text/csv", for_spreadsheets=quoted)
        values = cells(written.decode())
        assert (ACTION_TITLES["="] in values) is not quoted
        assert ("'" + ACTION_TITLES["="] in values) is quoted
