"""Text → graph → template → graph: the fill-in template carries a plan's tree whole (issue #13).

A plan read from its text is written as the fill-in template (``pst draft``, ``pst export
--format template``), and the template is loaded again: the second graph must hold the same
items under the same IRIs (OS, OO, actions, their codes, titles, volets, policy areas,
positions, kinds) and the same fiche fields. What the template has no column for is set
aside on both sides and said here: provenance (lines, source document), title variants,
political objectives, organisations named in titles (derived from the same titles anyway),
and a fiche's title as written.

Plans: the four corpus documents, the fixture plans, and one generated plan per layout style
(tests/plan_styles/), so that codes numbered again under each parent, themes, tables and
fiches all go through the template.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from pstkg.builder import BuiltPlan, build_plan_graph
from pstkg.cli import main
from pstkg.exchange.template import template_rows, write_csv, write_xlsx
from pstkg.identity import resolve_identity
from pstkg.loaders.read import read_document
from pstkg.namespaces import PST

from .conftest import CORPUS_FILES
from .plan_styles import STYLES, generate

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "plans").glob("*.txt"))
TREE_TYPES = {
    PST.StrategicObjective,
    PST.OperationalObjective,
    PST.Action,
    PST.Project,
    PST.Fiche,
    PST.PolicyArea,
    PST.ProjectStep,
}
NOT_IN_THE_TEMPLATE = {
    PST.firstLine,
    PST.lastLine,
    PROV.wasDerivedFrom,
    DCTERMS.alternative,
    PST.answersPoliticalObjective,
    PST.politicalObjective,
    PST.mentionsOrganization,
}


def build(path: Path) -> BuiltPlan:
    document = read_document(path)
    identity = resolve_identity(document.parsed, path)
    return build_plan_graph(document.parsed, document.source, identity)


def tree(graph: Graph) -> set[tuple]:
    """The statements about the tree's items and fiches the template carries."""
    items = {node for node, kind in graph.subject_objects(RDF.type) if kind in TREE_TYPES}
    fiches = {node for node in items if (node, RDF.type, PST.Fiche) in graph}
    return {
        (subject, predicate, obj)
        for subject, predicate, obj in graph
        if subject in items
        and predicate not in NOT_IN_THE_TEMPLATE
        and not (subject in fiches and predicate == DCTERMS.title)
    }


def round_trip(path: Path, out: Path, suffix: str = ".csv") -> tuple[BuiltPlan, BuiltPlan]:
    first = build(path)
    rows = template_rows(first.graph, first.iri).rows
    template = out / f"{path.stem}{suffix}"
    if suffix == ".xlsx":
        write_xlsx(rows, template)
    else:
        template.write_bytes(write_csv(rows))
    return first, build(template)


def assert_same_tree(first: BuiltPlan, second: BuiltPlan) -> None:
    assert second.iri == first.iri
    expected, got = tree(first.graph), tree(second.graph)
    assert expected, "no tree to compare: the plan was read empty"  # else the test is vacuous
    assert sorted(expected - got) == [], "statements the template lost"
    assert sorted(got - expected) == [], "statements the template added"
    aside = ("triples", "political_objectives")  # the template has no OP column
    assert {k: v for k, v in second.counts.items() if k not in aside} == {
        k: v for k, v in first.counts.items() if k not in aside
    }


@pytest.mark.parametrize("path", [*CORPUS_FILES, *FIXTURES], ids=lambda p: p.stem)
def test_a_plan_read_from_text_comes_back_whole_from_its_template(path: Path, tmp_path: Path):
    assert_same_tree(*round_trip(path, tmp_path))


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_generated_plan_comes_back_whole_from_its_template(style: str, tmp_path: Path):
    plan = generate(style, 3)
    source = plan.write(tmp_path)
    out = tmp_path / "template"
    out.mkdir()
    assert_same_tree(*round_trip(source, out))


def test_the_xlsx_template_reads_as_the_csv_one(tmp_path: Path):
    path = next(p for p in CORPUS_FILES if p.name.startswith("anderlues"))
    first, second = round_trip(path, tmp_path, ".xlsx")
    assert_same_tree(first, second)


def test_each_row_says_which_lines_of_the_document_it_comes_from():
    path = next(p for p in CORPUS_FILES if p.name.startswith("dinant"))
    built = build(path)
    rows = template_rows(built.graph, built.iri).rows
    first = next(row for row in rows if row["action_code"] == "1.1.1")
    # "1.1.1. Faire un relevé entre les AS …" wraps from line 163 to line 165.
    assert first["ligne_source"] == "163-165"
    # An OO with no action (2.1) still has its row, naming the OO alone.
    empty = [row for row in rows if row["oo_code"] == "2.1"]
    assert len(empty) == 1 and not empty[0].get("action_titre")


def test_pst_draft_writes_a_template_that_pst_load_reads(tmp_path: Path):
    path = next(p for p in CORPUS_FILES if p.name.startswith("burdinne"))
    draft = tmp_path / "burdinne.xlsx"
    assert main(["draft", str(path), "--output", str(draft)]) == 0
    store = tmp_path / "store"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["load", str(draft), "--store", str(store)]) == 0
    assert_same_tree(build(path), build(draft))


def dinant_cut(tmp_path: Path, lines: int) -> Path:
    """The Dinant plan's first ``lines`` lines, as a file: a plan cut short."""
    path = next(p for p in CORPUS_FILES if p.name.startswith("dinant"))
    cut = tmp_path / "dinant-cut.txt"
    cut.write_text("\n".join(path.read_text(encoding="utf-8").split("\n")[:lines]), "utf-8")
    return cut


def test_pst_draft_drafts_a_plan_cut_short_as_far_as_it_goes(tmp_path: Path, capsys):
    """A plan the reader refuses as truncated is drafted as far as it goes, with a warning."""
    cut = dinant_cut(tmp_path, 200)
    draft = tmp_path / "dinant-cut.csv"
    assert main(["draft", str(cut), "--output", str(draft)]) == 0
    err = capsys.readouterr().err
    assert "truncated" in err and "OS 2" in err
    text = draft.read_text(encoding="utf-8")
    assert "Faire un relevé entre les AS" in text  # action 1.1.1, read before the cut
    assert main(["load", str(cut), "--store", str(tmp_path / "store")]) == 1  # pst load refuses


def test_pst_export_writes_a_stored_plan_as_the_template(tmp_path: Path):
    path = next(p for p in CORPUS_FILES if p.name.startswith("dinant"))
    store = tmp_path / "store"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["load", str(path), "--store", str(store)]) == 0
    out = tmp_path / "dinant.csv"
    plan = "pstid:plan/dinant/2019-2024"
    with contextlib.redirect_stderr(io.StringIO()):
        code = main(
            ["export", plan, "--format", "template", "--output", str(out), "--store", str(store)]
        )
    assert code == 0
    assert_same_tree(build(path), build(out))


def test_the_template_has_no_row_for_a_plan_that_does_not_exist():
    from pstkg.errors import PstError

    with pytest.raises(PstError, match="no such plan"):
        template_rows(Graph(), URIRef("https://w3id.org/pst-kg/id/plan/nowhere/2019-2024"))


def test_an_os_without_oo_is_drafted_as_a_row_with_its_lines(tmp_path: Path, capsys):
    """Cut after OS 3's part-3 heading: OS 3 has a row of its own, naming its lines, for the
    person who completes the draft to fill in."""
    cut = dinant_cut(tmp_path, 416)
    draft = tmp_path / "dinant-cut.csv"
    assert main(["draft", str(cut), "--output", str(draft)]) == 0
    capsys.readouterr()
    last = list(csv.DictReader(io.StringIO(draft.read_text("utf-8")), delimiter=";"))[-1]
    assert last["os_code"] == "3" and last["oo_code"] == "" and last["action_titre"] == ""
    assert last["os_titre"].startswith("Etre un CPAS proactif qui offre un service de qualité")
    assert last["ligne_source"] == "105-107"  # where part 1 names OS 3, over three lines


def test_a_corrected_draft_loads_and_the_uncorrected_one_names_the_row(tmp_path: Path, capsys):
    """The README's workflow: draft a plan cut short, complete the row of its last OS, load."""
    cut = dinant_cut(tmp_path, 416)
    draft = tmp_path / "draft.csv"
    assert main(["draft", str(cut), "--output", str(draft)]) == 0
    store = str(tmp_path / "store")
    assert main(["load", str(draft), "--store", store]) == 1
    assert "draft.csv:69: columns oo_code and oo_titre are both empty" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(draft.read_text("utf-8")), delimiter=";"))
    rows[-1].update(oo_code="3.1", oo_titre="Offrir un accueil de qualité")
    rows[-1].update(action_code="3.1.1", action_titre="Rédiger une charte d'accueil")
    corrected = tmp_path / "corrected.csv"
    with corrected.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    assert main(["load", str(corrected), "--store", store, "--report", "json"]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    # 13 OO and 65 actions read before the cut, and the OO and action completed by hand
    assert report["counts"]["operational_objectives"] == 14
    assert report["counts"]["actions"] == 66
