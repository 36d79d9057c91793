"""`pst validate` end to end: formats, exit statuses, errors, and the SHACL report in Turtle."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from pstkg.cli import main
from pstkg.loading import ensure_vocabulary
from pstkg.store import open_store
from pstkg.validation import PlanReport, validate_store
from pstkg.validation.formats import render_report

from .conftest import CORPUS
from .conftest import run_cli as run

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
DINANT = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> str:
    store = tmp_path_factory.mktemp("validate") / "store"
    assert main(["load", str(CORPUS), "--store", str(store)]) == 0
    return str(store)


@pytest.fixture(scope="module")
def reports(corpus_store) -> list[PlanReport]:
    """The corpus validated once, for the tests of the other formats."""
    with open_store(corpus_store, read_only=True) as store:
        return validate_store(store)


@pytest.fixture(scope="module")
def json_report(reports) -> dict:
    return json.loads(render_report(reports, "json"))


def test_the_cli_writes_the_file_it_names(capsys, corpus_store, tmp_path):
    out = tmp_path / "dinant.ttl"
    code, stdout, err = run(
        capsys, "validate", DINANT, "--store", corpus_store, "--format", "ttl", "--output", str(out)
    )
    assert code == 0 and stdout == "" and err.rstrip().endswith(f"wrote {out}")
    graph = Graph().parse(out, format="turtle")
    assert len(set(graph.subjects(RDF.type, SH.ValidationResult))) == 9


def store_with(tmp_path: Path, fixture: str) -> str:
    """A store holding one hand-written plan and the vocabulary."""
    path = tmp_path / "store"
    graph = Graph().parse(FIXTURES / fixture, format="turtle")
    (plan,) = graph.subjects(RDF.type, URIRef("https://w3id.org/pst-kg/ontology#Plan"))
    with open_store(path) as store:
        ensure_vocabulary(store)
        store.replace_graph(plan, graph)
    return str(path)


def test_help(capsys):
    for command in ("validate", "reason"):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0
        out = capsys.readouterr().out
        assert "usage: pst " + command in out
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "--fail-on" in capsys.readouterr().out


def test_text_report_of_one_plan(capsys, corpus_store):
    code, out, err = run(capsys, "validate", "pstid:plan/dinant/2019-2024", "--store", corpus_store)
    assert code == 0  # violations found, but the validation ran
    assert out.startswith("PST du CPAS de Dinant (2019-2024) — dinant-2019.txt")
    assert "Conforme au décret : non" in out
    assert "  Objectif opérationnel 2.1 — Développer la solidarité" in out
    assert "NON-CONFORMITÉ : Cet objectif opérationnel n'est décliné en aucun projet" in out
    assert "(ligne 138 de dinant-2019.txt)" in out
    assert "Classement" not in out  # one plan: no ranking
    assert err.startswith("validated 1 plan(s) in ")
    assert "7 violation(s), 2 warning(s), 0 info; 0 of 1 conform" in err


def test_fail_on(capsys, corpus_store, tmp_path):
    code, _, _ = run(capsys, "validate", DINANT, "--store", corpus_store, "--fail-on", "violation")
    assert code == 3
    clean = store_with(tmp_path, "clean.ttl")
    # Action 1.1.1 of the clean plan is "en cours" with an échéance of 2022-12-31: before it, the
    # plan gives nothing to report; after it, an information.
    code, out, _ = run(
        capsys, "validate", "--store", clean, "--fail-on", "info", "--as-of", "2022-06-30"
    )
    assert code == 0
    assert "Aucun constat" in out
    late = run(capsys, "validate", "--store", clean, "--fail-on", "info", "--as-of", "2023-01-15")
    assert late[0] == 3
    assert "INFORMATION : Action en cours après son échéance (échéance : 2022-12-31" in late[1]
    defects = store_with(tmp_path / "d", "defects.ttl")
    assert run(capsys, "validate", "--store", defects, "--fail-on", "info")[0] == 3


def test_errors_are_one_line(capsys, corpus_store, tmp_path):
    code, out, err = run(capsys, "validate", DINANT + "-x", "--store", corpus_store)
    assert code == 1 and out == ""
    assert err == f"pst: error: no plan {DINANT}-x in the store (pst plans lists them)\n"
    empty = tmp_path / "empty"
    with open_store(empty):
        pass
    code, _, err = run(capsys, "validate", "--store", str(empty))
    assert code == 1
    assert err == "pst: error: the store holds no plan: load plans first (pst load PATH...)\n"
    code, _, err = run(capsys, "validate", "--store", str(tmp_path / "missing"))
    assert code == 1 and err.count("\n") == 1 and "no store at" in err


def test_json_report(json_report):
    plans = json_report["plans"]
    assert plans[0]["cpas"] == "CPAS d'Anderlues"
    assert [plan["rank"] for plan in plans] == [1, 2, 3, 4]
    assert "rubriques" in json_report["score_method"]
    dinant = next(plan for plan in plans if plan["plan"] == DINANT)
    assert dinant["conforms"] is False
    assert dinant["counts"] == {"violation": 7, "warning": 2, "info": 0}
    assert dinant["score"]["percent"] == 2
    oo = [f for f in dinant["findings"] if f["rule"] == "oo-actions"]
    assert [(f["item"]["code"], f["item"]["first_line"], f["citation"]) for f in oo] == [
        ("2.1", 138, "ligne 138 de dinant-2019.txt"),
        ("2.3", 142, "ligne 142 de dinant-2019.txt"),
    ]
    assert oo[0]["strategic_objective"]["code"] == "2"
    delay = next(r for r in dinant["requirements"] if r["id"] == "req-delai")
    assert delay["status"] == "non vérifiable"


def test_csv_has_the_same_findings_as_json(reports, json_report):
    out = render_report(reports, "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    from_csv = sorted((row["plan"], row["regle"], row["iri"], row["message"]) for row in rows)
    from_json = sorted(
        (plan["plan"], f["rule"], f["item"]["iri"], f["message"])
        for plan in json_report["plans"]
        for f in plan["findings"]
    )
    assert from_csv == from_json
    row = next(r for r in rows if r["regle"] == "oo-actions" and r["code"] == "2.1")
    assert (row["gravite"], row["os_code"], row["ligne_debut"], row["fichier"]) == (
        "non-conformité",
        "2",
        "138",
        "dinant-2019.txt",
    )
    assert row["conforme"] == "non" and row["score"] == "2"


def test_csv_lists_a_plan_without_findings(capsys, tmp_path):
    code, out, _ = run(
        capsys,
        "validate",
        "--store",
        store_with(tmp_path, "clean.ttl"),
        "--format",
        "csv",
        "--as-of",
        "2022-06-30",  # before the échéance of its action still under way
    )
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["cpas"], row["conforme"], row["score"], row["regle"]) == (
        "CPAS d'Exempleville",
        "oui",
        "100",
        "",
    )


def test_turtle_is_a_shacl_validation_report(reports, json_report):
    graph = Graph().parse(data=render_report(reports, "ttl"), format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms).toPython() is False
    results = set(graph.objects(report, SH.result))
    assert len(results) == sum(len(plan["findings"]) for plan in json_report["plans"])
    for result in results:
        assert (result, RDF.type, SH.ValidationResult) in graph
        assert isinstance(graph.value(result, SH.focusNode), URIRef)
        assert graph.value(result, SH.resultSeverity) in (SH.Violation, SH.Warning, SH.Info)
        assert graph.value(result, SH.sourceShape) is not None
        assert graph.value(result, SH.resultMessage).language == "fr"
    focus = {graph.value(result, SH.focusNode) for result in results}
    assert URIRef(DINANT + "/oo/2-1") in focus


class _VisibleText(HTMLParser):
    """The text a reader sees (no attributes, no <style>)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def test_html_is_french_and_shows_no_iri(reports):
    out = render_report(reports, "html")
    parser = _VisibleText()
    parser.feed(out)
    text = " ".join(" ".join(parser.parts).split())
    assert "https://" not in text and "pstid:" not in text
    assert '<html lang="fr">' in out
    assert "Classement des plans" in text
    assert "Objectif opérationnel 2.1 — Développer la solidarité" in text
    assert "(ligne 138 de dinant-2019.txt)" in text
    assert f'title="{DINANT}/oo/2-1"' in out  # the IRI is there, as a tooltip
