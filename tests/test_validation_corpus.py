"""Validation of the four published plans: what a careful reader of each document expects.

Every expectation below comes from reading the document (line numbers cited), and the negatives
check that nothing the document does state is reported missing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pstkg.loading import load_files
from pstkg.store import open_store
from pstkg.validation import PlanReport, Severity, Status, validate_store

from .conftest import CORPUS

PLAN = "https://w3id.org/pst-kg/id/plan/"
ANDERLUES = CORPUS / "anderlues-2019-2024.txt"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, PlanReport]:
    """The corpus validated once, by CPAS slug."""
    with open_store(tmp_path_factory.mktemp("validation") / "store") as store:
        assert all(report.loaded for report in load_files(store, [CORPUS]))
        validated = validate_store(store)
    return {report.plan.removeprefix(PLAN).split("/")[0]: report for report in validated}


def rules_of(report: PlanReport) -> Counter[str]:
    return Counter(finding.rule for finding in report.findings)


def on(report: PlanReport, rule: str) -> list[str]:
    """ "OO 2.1, ligne 138"-like descriptions of the items a rule reports, in order."""
    return [
        f"{finding.item.code or finding.item.title} @{finding.item.first_line}"
        for finding in report.findings
        if finding.rule == rule
    ]


# -- Dinant -------------------------------------------------------------------------------------


def test_dinant_operational_objectives_without_action(reports):
    # Part 3 of the document lists no action under OO 2.1 (line 138) nor 2.3 (line 142, only in
    # part 2); every other OO has numbered or bulleted actions.
    assert on(reports["dinant"], "oo-actions") == ["2.1 @138", "2.3 @142"]


def test_dinant_oo_3_1_has_no_title(reports):
    # Actions 3.1.x (lines 424-442) stand under an OO the document never names.
    assert on(reports["dinant"], "objectif-titre") == ["3.1 @424"]


def test_dinant_plan_level_findings(reports):
    # No volet, no date ("L'approbation ... est prévue à la fin du mois de septembre", line 88),
    # no means, no fiche: one finding each on the plan.
    dinant = reports["dinant"]
    plan_rules = {f.rule for f in dinant.findings if f.item.kind == "plan"}
    assert plan_rules == {
        "volet-interne",
        "volet-externe",
        "plan-date",
        "moyens-humains-plan",
        "moyens-financiers-plan",
        "plan-sans-fiches",
    }
    assert dinant.counts == {Severity.VIOLATION: 7, Severity.WARNING: 2, Severity.INFO: 0}


def test_dinant_states_its_evaluations_and_its_tree(reports):
    # Line 66: "Le PST est évalué au minimum à mi-législature et au terme de celle-ci."
    rules = rules_of(reports["dinant"])
    assert not rules["evaluation-mi-legislature"] and not rules["evaluation-finale"]
    assert not rules["os-objectifs-operationnels"]  # OS 3 has its OO 3.1 (untitled)


# -- Anderlues ----------------------------------------------------------------------------------

_FIELDS = (
    "Description",
    "Volet interne / externe",
    "Synergies",
    "Risques",
    "Indicateur(s)",
    "Priorité des projets",
    "Etat d'avancement",
    "Services impliqués",
    "Partenaires",
    "Étapes du projet",
)


def anderlues_empty_fields() -> Counter[str]:
    """How many fiches of the Anderlues document leave each field empty, read from the text.

    Independent of the loader: a fiche starts at a line "Projet <title>" past the method text;
    a field's value is the rest of its label's line and the lines up to the next label, template
    noise ("Your content goes here") aside.
    """
    lines = ANDERLUES.read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if i > 1850 and line.strip().startswith("Projet ")]
    empty: Counter[str] = Counter()
    for number, start in enumerate(starts):
        block = lines[start : starts[number + 1] if number + 1 < len(starts) else len(lines)]
        values: dict[str, list[str]] = {}
        current = None
        for raw in block[1:]:
            line = raw.strip()
            label = next((f for f in _FIELDS if line == f or line.startswith(f + " ")), None)
            if label:
                current = label
                rest = line[len(label) :].strip()
                values[label] = [rest] if rest else []
            elif current and line and "Your content goes here" not in line:
                values[current].append(line)
        empty.update(field for field in _FIELDS if not values.get(field))
    assert len(starts) == 68
    return empty


def test_anderlues_fiches_without_description_or_indicator(reports):
    empty = anderlues_empty_fields()
    assert (empty["Description"], empty["Indicateur(s)"]) == (44, 46)
    rules = rules_of(reports["anderlues"])
    assert rules["fiche-description"] == empty["Description"]
    assert rules["fiche-indicateur"] == empty["Indicateur(s)"]


def test_anderlues_other_fields_match_the_document(reports):
    empty = anderlues_empty_fields()
    rules = rules_of(reports["anderlues"])
    assert rules["fiche-risques"] == empty["Risques"] == 34
    assert rules["fiche-partenaires"] == empty["Partenaires"] == 56
    assert rules["fiche-responsable"] == empty["Services impliqués"] == 13
    assert rules["fiche-priorite"] == empty["Priorité des projets"] == 1
    assert rules["fiche-etat"] == empty["Etat d'avancement"] == 1
    # The Anderlues fiche has no deadline field at all: all 68 fiches miss it.
    assert rules["fiche-echeance"] == 68
    assert not rules["fiche-enjeu-odd"]  # every fiche names its enjeux


def test_anderlues_oo_402_lists_no_project(reports):
    # Line 1002: "402. Soutenir les parents afin de combiner travail et vie familiale", then OS 400
    # again; no fiche names OO 402 either.
    assert on(reports["anderlues"], "oo-actions") == ["402 @1002"]


def test_anderlues_states_what_is_not_reported(reports):
    anderlues = reports["anderlues"]
    rules = rules_of(anderlues)
    # Volets on every fiche ("Volet interne / externe"); mid-term and end-of-mandate report, line
    # 1808; every objective titled.
    for rule in ("volet-interne", "volet-externe", "evaluation-mi-legislature", "objectif-titre"):
        assert not rules[rule], rule
    assert not rules["evaluation-finale"]
    reported = {(f.rule, f.item.first_line) for f in anderlues.findings}
    # "Réévaluer et réadapter les outils d'évaluation de l'article 60" (fiche line 1937) has a
    # description (line 1954) and an indicator (line 1964); "Renforcer la collaboration avec l'AIS"
    # (line 2181) names a partner, the PCS.
    assert ("fiche-description", 1937) not in reported
    assert ("fiche-indicateur", 1937) not in reported
    assert ("fiche-partenaires", 2181) not in reported


def test_anderlues_quality_hints(reports):
    anderlues = reports["anderlues"]
    assert on(anderlues, "fiches-contradictoires") == [
        "Organisation du travail le week-end pour les aides familiales @992"
    ]
    messages = [f.message for f in anderlues.findings if f.rule == "enjeux-divergents"]
    assert messages == [
        "La fiche de la ligne 2501 rattache le projet aux enjeux 2, les listes par enjeu aux "
        "enjeux 1, 2, 4.",
        "La fiche de la ligne 2541 rattache le projet aux enjeux 1, 4, les listes par enjeu aux "
        "enjeux 1, 2, 4.",
    ]
    # "Renforcer la collaboration avec l'AIS": the title names the AIS, the fiche only the PCS.
    cited = [f for f in anderlues.findings if f.rule == "fiche-partenaire-cite"]
    assert any("« AIS »" in f.message and f.item.first_line == 2181 for f in cited)


def test_completeness_score_agrees_with_the_warnings(reports):
    # Anderlues: every project has one structured fiche except the project with two; each
    # missing field of a fiche is one warning, and one missing point of the score.
    anderlues = reports["anderlues"]
    fields = [f for f in anderlues.findings if f.field]
    twice = "Organisation du travail le week-end pour les aides familiales"
    single = [f for f in fields if f.described is None or f.described.title != twice]
    missing = anderlues.score.expected - anderlues.score.given
    on_twice = {f.field for f in fields if f.described and f.described.title == twice}
    both = {
        field
        for field in on_twice
        if all(
            any(f.field == field and f.item.first_line == line for f in fields)
            for line in (2501, 2541)
        )
    }
    # A field counts as missing for the project only when both of its fiches miss it.
    assert missing == len(single) + len(both)


# -- Burdinne -----------------------------------------------------------------------------------


def test_burdinne_marks_are_not_fiches(reports):
    # "Priorité élevée" / "Avancement en cours" after some actions (lines 119, 157-159): not a
    # fiche to complete field by field; one plan-level warning instead.
    burdinne = reports["burdinne"]
    rules = rules_of(burdinne)
    assert not any(rule.startswith("fiche-") for rule in rules)
    assert rules["plan-sans-fiches"] == 1
    # The titles name the GAL, the SRMD, the commune…: no partner field to be missing from.
    assert not rules["fiche-partenaire-cite"]


def test_burdinne_findings(reports):
    burdinne = reports["burdinne"]
    assert set(rules_of(burdinne)) == {
        "evaluation-mi-legislature",
        "evaluation-finale",
        "moyens-humains-plan",
        "moyens-financiers-plan",
        "plan-sans-fiches",
    }
    # Stated: VOLET INTERNE (line 89) and VOLET EXTERNE (line 139); the council of 14 October
    # 2019 (sidecar, from the corpus note); every OO has actions.
    status = {check.requirement.id: check.status for check in burdinne.requirements}
    assert status["req-volets"] is Status.MET
    assert status["req-date"] is Status.MET
    assert status["req-actions"] is Status.MET
    assert status["req-delai"] is Status.UNCHECKABLE


# -- the slide deck -----------------------------------------------------------------------------


def test_slide_deck_findings(reports):
    deck = reports["cpas-non-nomme-conseil-conjoint-ville-cpas-du-24-septembre-2019"]
    assert set(rules_of(deck)) == {
        "volet-interne",
        "volet-externe",
        "evaluation-mi-legislature",
        "evaluation-finale",
        "moyens-humains-plan",
        "moyens-financiers-plan",
        "plan-sans-fiches",
    }
    # "Conseil Conjoint Ville/CPAS - 24 septembre 2019" on every slide footer: dated.
    assert {check.requirement.id: check.status for check in deck.requirements}[
        "req-date"
    ] is Status.MET


def test_ranking_and_conformity(reports):
    ranked = sorted(reports.values(), key=lambda r: -r.score.percent)
    assert ranked[0].cpas == "CPAS d'Anderlues"
    assert not any(report.conforms for report in reports.values())


def test_every_finding_cites_its_source_file(reports):
    for report in reports.values():
        source = Path(report.source or "").name
        assert source.endswith(".txt")
        for finding in report.findings:
            assert finding.item.citation is not None
            assert finding.item.citation.endswith(source)
