"""The SHACL shapes on hand-written plans: exactly the defects put in, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import RDF

from pstkg.namespaces import PST, PSTV
from pstkg.validation import Severity, Status, validate_plan_graph
from pstkg.validation.rules import load_rules
from pstkg.validation.scoring import fiche_fields

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
FICTIVILLE = "https://w3id.org/pst-kg/id/plan/fictiville/2019-2024"
EXEMPLEVILLE = URIRef("https://w3id.org/pst-kg/id/plan/exempleville/2019-2024")

# What tests/fixtures/validation/defects.ttl was written to contain (see its header):
# (severity, rule, focus node relative to the plan).
EXPECTED_DEFECTS = {
    ("violation", "delai-legal", ""),
    ("violation", "evaluation-finale", ""),
    ("violation", "os-objectifs-operationnels", "/os/3"),
    ("violation", "oo-actions", "/oo/1-2"),
    ("violation", "moyens-financiers-action", "/action/1-1-2"),
    ("violation", "moyens-humains-action", "/action/1-1-6"),
    ("violation", "moyens-financiers-action", "/action/1-1-6"),
    ("warning", "objectif-titre", "/os/2"),
    ("warning", "fiche-description", "/action/1-1-2/fiche/1"),
    ("warning", "fiche-indicateur", "/action/1-1-2/fiche/1"),
    ("info", "enjeux-divergents", "/action/1-1-2"),
    ("info", "fiche-partenaire-cite", "/action/1-1-2/fiche/1"),
    ("info", "fiches-contradictoires", "/action/1-1-4"),
    ("info", "fiches-en-double", "/action/1-1-5"),
}


def load(name: str) -> Graph:
    return Graph().parse(FIXTURES / name, format="turtle")


def found(graph: Graph) -> set[tuple[str, str, str]]:
    report = validate_plan_graph(graph)
    plan = report.plan
    return {(f.severity.value, f.rule, f.item.iri.removeprefix(plan)) for f in report.findings}


@pytest.fixture(scope="module")
def defects():
    return validate_plan_graph(load("defects.ttl"))


def test_the_defective_plan_gives_exactly_its_defects(defects):
    got = [
        (f.severity.value, f.rule, f.item.iri.removeprefix(FICTIVILLE)) for f in defects.findings
    ]
    assert len(got) == len(set(got))
    assert set(got) == EXPECTED_DEFECTS


def test_the_clean_plan_gives_nothing():
    report = validate_plan_graph(load("clean.ttl"))
    assert report.findings == []
    assert report.conforms
    assert report.score.percent == 100
    assert {check.status for check in report.requirements} == {Status.MET}


def test_findings_name_the_item_and_its_line(defects):
    by_rule = {f.rule: f for f in defects.findings}
    oo = by_rule["oo-actions"]
    assert oo.item.name == "Objectif opérationnel 1.2"
    assert oo.item.title == "Former le personnel"
    assert oo.item.citation == "ligne 14 de fictiville-2019-2024.txt"
    assert oo.strategic is not None and oo.strategic.code == "1"
    description = by_rule["fiche-description"]
    assert description.item.kind == "fiche"
    assert description.item.citation == "ligne 41 de fictiville-2019-2024.txt"
    assert description.described is not None
    assert description.described.title == "Former les agents d'accueil avec le Forem"
    assert description.operational is not None and description.operational.code == "1.1"
    delay = by_rule["delai-legal"]
    assert delay.item.kind == "plan" and delay.item.citation == "fictiville-2019-2024.txt"


def test_messages_are_french_and_filled_in(defects):
    messages = {f.rule: f.message for f in defects.findings}
    assert messages["delai-legal"] == (
        "Le plan a été présenté au conseil le 2019-11-20, plus de 9 mois après l'installation "
        "du conseil le 2019-01-07 : le délai légal est dépassé."
    )
    assert messages["enjeux-divergents"] == (
        "La fiche de la ligne 41 rattache le projet aux enjeux 2, "
        "les listes par enjeu aux enjeux 1."
    )
    assert messages["fiches-contradictoires"].startswith(
        "Deux fiches de ce projet se contredisent (lignes 60 et 80)"
    )
    assert "« Forem »" in messages["fiche-partenaire-cite"]
    assert not any("{?" in message for message in messages.values())


def test_every_rule_has_a_french_message_a_severity_and_a_label():
    rules = load_rules()
    shapes = rules.graph
    sh = "http://www.w3.org/ns/shacl#"
    for rule in rules.rules.values():
        assert rule.label, rule.id
    messages = list(shapes.objects(None, URIRef(sh + "message")))
    assert messages and all(m.language == "fr" for m in messages)
    for shape in shapes.subjects(RDF.type, URIRef(sh + "PropertyShape")):
        severity = shapes.value(shape, URIRef(sh + "severity"))
        assert severity in {URIRef(sh + level) for level in ("Violation", "Warning", "Info")}, shape


def test_checklist_of_the_decree(defects):
    status = {check.requirement.id: check.status for check in defects.requirements}
    assert status == {
        "req-structure": Status.NOT_MET,
        "req-actions": Status.NOT_MET,
        "req-volets": Status.MET,
        "req-moyens": Status.NOT_MET,
        "req-date": Status.MET,
        "req-delai": Status.NOT_MET,
        "req-evaluations": Status.NOT_MET,
    }
    assert not defects.conforms


def test_score_counts_titles_and_the_nine_fiche_fields(defects):
    assert [field.label for field in fiche_fields()] == [
        "description",
        "indicateur",
        "priorité",
        "état d'avancement",
        "service responsable",
        "partenaires",
        "échéance",
        "risques",
        "enjeu ou ODD",
    ]
    # 6 objectives (one without title) + 6 items × 9 fields; 1.1.2 misses description,
    # indicator; 1.1.6 only has a priority mark.
    assert (defects.score.given, defects.score.expected) == (5 + 9 + 7 + 9 + 9 + 1 + 9, 6 + 54)
    assert defects.score.percent == 81


def _with_dates(installed: str, adopted: str, legislature: str = "2019-2024") -> Graph:
    graph = load("clean.ttl")
    for predicate in (PST.installationDate, PST.adoptionDate, PST.legislature):
        graph.remove((EXEMPLEVILLE, predicate, None))
    graph.add((EXEMPLEVILLE, PST.installationDate, Literal(installed, datatype=namespace.XSD.date)))
    graph.add((EXEMPLEVILLE, PST.adoptionDate, Literal(adopted, datatype=namespace.XSD.date)))
    graph.add((EXEMPLEVILLE, PST.legislature, PSTV[f"legislature-{legislature}"]))
    return graph


@pytest.mark.parametrize(
    ("installed", "adopted", "legislature", "late"),
    [
        ("2019-01-07", "2019-10-07", "2019-2024", False),  # the last day of nine months
        ("2019-01-07", "2019-10-08", "2019-2024", True),
        ("2019-01-07", "2019-11-01", "2019-2024", True),  # a later month, an earlier day
        ("2019-01-31", "2019-10-31", "2019-2024", False),
        ("2024-12-02", "2025-06-02", "2024-2030", False),  # six months from the next législature
        ("2024-12-02", "2025-06-03", "2024-2030", True),
        ("2024-12-02", "2025-08-30", "2024-2030", True),
    ],
)
def test_the_legal_delay(installed, adopted, legislature, late):
    rules = {rule for _, rule, _ in found(_with_dates(installed, adopted, legislature))}
    assert ("delai-legal" in rules) is late


def test_without_installation_date_the_delay_is_not_checkable():
    graph = load("clean.ttl")
    graph.remove((EXEMPLEVILLE, PST.installationDate, None))
    report = validate_plan_graph(graph)
    assert report.findings == []
    status = {check.requirement.id: check for check in report.requirements}
    assert status["req-delai"].status is Status.UNCHECKABLE
    assert "installation" in (status["req-delai"].note or "")


def test_a_plan_without_fiches_gets_one_warning_not_one_per_field():
    graph = load("clean.ttl")
    for fiche in list(graph.subjects(RDF.type, PST.Fiche)):
        graph.remove((fiche, None, None))
        graph.remove((None, None, fiche))
    assert found(graph) == {
        ("warning", "plan-sans-fiches", ""),
        ("violation", "moyens-humains-plan", ""),
        ("violation", "moyens-financiers-plan", ""),
        # the only volet was on a fiche
        ("violation", "volet-interne", ""),
        ("violation", "volet-externe", ""),
    }


def test_an_undated_plan_without_evaluations():
    graph = load("clean.ttl")
    for predicate in (PST.adoptionDate, PST.hasEvaluation):
        graph.remove((EXEMPLEVILLE, predicate, None))
    assert found(graph) == {
        ("violation", "plan-date", ""),
        ("violation", "evaluation-mi-legislature", ""),
        ("violation", "evaluation-finale", ""),
    }


def test_findings_come_in_document_order(defects):
    items = []
    for finding in defects.findings:
        item = finding.item.iri.removeprefix(FICTIVILLE)
        if not items or items[-1] != item:
            items.append(item)
    assert items == [
        "",
        "/action/1-1-2",
        "/action/1-1-2/fiche/1",
        "/action/1-1-4",
        "/action/1-1-5",
        "/action/1-1-6",
        "/oo/1-2",
        "/os/2",
        "/os/3",
    ]
    fiche = [f.field for f in defects.findings if f.field]
    assert fiche == ["description", "indicateur"]  # the fiche's own order
    assert defects.counts == {Severity.VIOLATION: 7, Severity.WARNING: 3, Severity.INFO: 4}
