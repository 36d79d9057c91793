"""The plan over time in its validation: the decree's evaluation duties and overdue actions.

The plan is the hand-written tests/fixtures/validation/clean.ttl (législature 2019-2024: the
mid-term evaluation is due by 31/12/2021, the final one by 30/06/2025, see shapes/duties.ttl);
its evaluations are the fictional evaluation-*.trig beside it, each in its own named graph as
the evaluation loader writes them. Every check is made at a fixed date (``as_of``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from pstkg.loading import ensure_vocabulary
from pstkg.namespaces import PST, PSTV
from pstkg.store import open_store
from pstkg.validation import Severity, Status, validate_plan_graph, validate_store
from pstkg.validation.duties import DutyStatus
from pstkg.validation.formats import render_report
from pstkg.validation.timeline import Timeline

from .conftest import run_cli as run

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
PLAN = URIRef("https://w3id.org/pst-kg/id/plan/exempleville/2019-2024")
ACTION = URIRef(f"{PLAN}/action/1-1-1")
MID_TERM = "evaluation-mi-parcours.trig"
FINAL = "evaluation-finale.trig"


def plan_graph() -> Graph:
    return Graph().parse(FIXTURES / "clean.ttl", format="turtle")


def evaluation_graphs(*names: str) -> dict[URIRef, Graph]:
    """Each named graph of the fixtures ``names``, by its name."""
    graphs = {}
    for name in names:
        dataset = Dataset()
        dataset.parse(FIXTURES / name, format="trig")
        for graph in dataset.graphs():
            if len(graph) and isinstance(graph.identifier, URIRef):
                graphs[graph.identifier] = Graph() + graph
    return graphs


def validate(as_of: date, *evaluations: str, graph: Graph | None = None, loaded: bool = True):
    """The clean plan's report at ``as_of`` with the evaluations ``evaluations`` loaded.

    ``loaded=False``: the store holds no evaluation document at all.
    """
    union = Graph()
    for evaluation in evaluation_graphs(*evaluations).values():
        union += evaluation
    timeline = Timeline(as_of, union if loaded else None)
    return validate_plan_graph(graph if graph is not None else plan_graph(), PLAN, None, timeline)


def duty_statuses(report) -> list[DutyStatus]:
    return [check.status for check in report.time.duties]


def time_findings(report) -> list[tuple[str, str]]:
    """(severity, rule) of the findings of the date-dependent rules."""
    rules = {"evaluation-manquante", "evaluation-sans-conseil", "action-echeance-depassee"}
    return sorted((f.severity.value, f.rule) for f in report.findings if f.rule in rules)


def duties_requirement(report):
    (check,) = [c for c in report.requirements if c.requirement.id == "req-evaluations-realisees"]
    return check


# -- the duties ----------------------------------------------------------------------------------


def test_not_yet_due_gives_nothing():
    report = validate(date(2021, 12, 31), FINAL)  # the last day the mid-term one may come
    assert duty_statuses(report) == [DutyStatus.NOT_DUE, DutyStatus.NOT_DUE]
    assert [check.due_by for check in report.time.duties] == [date(2021, 12, 31), date(2025, 6, 30)]
    assert time_findings(report) == []
    assert duties_requirement(report).status is Status.MET


def test_due_and_missing_is_a_non_conformite_citing_the_article():
    # The store holds an evaluation document, the final one, dated 2025: on 1 January 2022 it did
    # not exist yet, and no mid-term evaluation was loaded. The plan graph's own
    # « pst:hasEvaluation <…/evaluation/mid-term> » (the plan PLANS one) does not count.
    assert (PLAN, PST.hasEvaluation, URIRef(f"{PLAN}/evaluation/mid-term")) in plan_graph()
    report = validate(date(2022, 1, 1), FINAL)
    assert duty_statuses(report) == [DutyStatus.MISSING, DutyStatus.NOT_DUE]
    (finding,) = [f for f in report.findings if f.rule == "evaluation-manquante"]
    assert finding.severity is Severity.VIOLATION
    assert finding.item.kind == "plan"
    assert finding.message == (
        "Aucune évaluation à mi-législature n'a été chargée alors qu'elle était due au plus tard "
        "le 31/12/2021 (art. 27ter, § 2 de la loi organique des CPAS ; vérifié au 01/01/2022)."
    )
    assert not report.conforms
    check = duties_requirement(report)
    assert (check.status, check.findings) == (Status.NOT_MET, 1)


def test_present_with_council_date_is_met():
    report = validate(date(2022, 6, 30), MID_TERM)
    mid_term, final = report.time.duties
    assert (mid_term.status, final.status) == (DutyStatus.DONE, DutyStatus.NOT_DUE)
    assert mid_term.evaluation.date == date(2022, 2, 28)
    assert mid_term.evaluation.council_date == date(2022, 3, 21)
    assert time_findings(report) == []
    assert report.findings == []
    assert duties_requirement(report).status is Status.MET


def test_present_without_council_date_is_a_warning():
    report = validate(date(2026, 1, 1), MID_TERM, FINAL)
    assert duty_statuses(report) == [DutyStatus.DONE, DutyStatus.NOT_PRESENTED]
    (finding,) = [f for f in report.findings if f.rule == "evaluation-sans-conseil"]
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("L'évaluation en fin de législature du 10/03/2025 ne dit pas")
    assert "présentée au conseil" in finding.message
    assert report.conforms  # a warning is not a non-conformité


def test_due_and_missing_both():
    report = validate(date(2026, 1, 1))  # the store tracks evaluations, none for this plan
    assert duty_statuses(report) == [DutyStatus.MISSING, DutyStatus.MISSING]
    assert report.counts[Severity.VIOLATION] == 2


def test_no_evaluation_loaded_at_all_is_uncheckable_and_says_so():
    report = validate(date(2026, 1, 1), loaded=False)
    assert duty_statuses(report) == [DutyStatus.UNCHECKABLE, DutyStatus.UNCHECKABLE]
    assert [f for f in report.findings if f.rule.startswith("evaluation-")] == []
    check = duties_requirement(report)
    assert (check.status, check.note) == (
        Status.UNCHECKABLE,
        "aucune évaluation chargée dans l'entrepôt",
    )
    text = render_report([report], "text")
    assert "Aucune évaluation chargée dans l'entrepôt" in text
    assert "[non vérifiable] Évaluations réalisées et présentées au conseil" in text


def test_validated_without_a_date_the_duties_are_left_out():
    report = validate_plan_graph(plan_graph())
    assert report.time is None
    assert "req-evaluations-realisees" not in {c.requirement.id for c in report.requirements}


# -- overdue actions -----------------------------------------------------------------------------


def overdue(report) -> list[str]:
    return [f.message for f in report.findings if f.rule == "action-echeance-depassee"]


def test_an_action_en_cours_past_its_echeance_is_an_information():
    # Action 1.1.1: « en cours » in its fiche, échéance 2022-12-31; the plan adopted on 07/10/2019.
    assert overdue(validate(date(2022, 12, 31), loaded=False)) == []
    report = validate(date(2023, 1, 1), loaded=False)
    (finding,) = [f for f in report.findings if f.rule == "action-echeance-depassee"]
    assert finding.severity is Severity.INFO
    assert finding.message == (
        "Action en cours après son échéance (échéance : 2022-12-31 ; "
        "état au 07/10/2019 : en cours)."
    )
    assert finding.item.iri == str(ACTION)
    assert finding.item.citation == "ligne 14 de exempleville-2019-2024.txt"
    assert report.time.deadlines.as_dict() == {"overdue": 1, "deadlines": 2, "unreadable": []}
    # Action 1.1.2, « à l'étude » with an échéance of 2023-06-30, is not flagged: not under way.
    assert len(overdue(validate(date(2024, 1, 1), loaded=False))) == 1


def test_the_latest_snapshot_known_at_the_date_gives_the_state():
    # The mid-term evaluation: « en cours » on 28/02/2022; the final one: « terminé » on 10/03/2025.
    assert overdue(validate(date(2024, 1, 1), MID_TERM, FINAL)) == [
        "Action en cours après son échéance (échéance : 2022-12-31 ; "
        "état au 28/02/2022 : en cours)."
    ]
    assert overdue(validate(date(2025, 6, 1), MID_TERM, FINAL)) == []


def test_a_non_commence_action_is_flagged_and_an_unreadable_echeance_counted():
    graph = plan_graph()
    fiche = URIRef(f"{ACTION}/fiche/1")
    graph.set((fiche, PST.progressStatus, PSTV["etat-non-commence"]))
    assert overdue(validate(date(2023, 1, 1), graph=graph, loaded=False)) == [
        "Action en cours après son échéance (échéance : 2022-12-31 ; état au 07/10/2019 : "
        "non commencé)."
    ]
    graph.set((fiche, PST.deadline, Literal("en continu", lang="fr")))
    report = validate(date(2030, 1, 1), graph=graph, loaded=False)
    assert overdue(report) == []
    assert report.time.deadlines.unreadable == ["en continu"]
    assert "1 illisible(s), ignorée(s) : « en continu »" in render_report([report], "text")


# -- from a store, and the reports -----------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path) -> str:
    """A store with the clean plan and both evaluations, each in its own graph."""
    path = tmp_path / "store"
    with open_store(path) as store:
        ensure_vocabulary(store)
        store.replace_graph(PLAN, plan_graph())
        for name, graph in evaluation_graphs(MID_TERM, FINAL).items():
            store.replace_graph(name, graph)
    return str(path)


def test_the_store_reads_the_plans_evaluation_graphs(store_path):
    with open_store(store_path, read_only=True) as store:
        for engine in ("store", "pyshacl"):
            (report,) = validate_store(store, engine=engine, as_of=date(2026, 1, 1))
            assert duty_statuses(report) == [DutyStatus.DONE, DutyStatus.NOT_PRESENTED]
            assert time_findings(report) == [("warning", "evaluation-sans-conseil")]


def test_pst_validate_as_of_in_every_format(capsys, store_path):
    code, out, err = run(capsys, "validate", "--store", store_path, "--as-of", "2024-01-01")
    assert code == 0
    assert "Évaluations (vérifiées au 01/01/2024)" in out
    assert (
        "Évaluation à mi-législature, due au plus tard le 31/12/2021 : réalisée et présentée au "
        "conseil (évaluation du 28/02/2022, présentée au conseil le 21/03/2022)"
    ) in out
    assert "Évaluation en fin de législature, due au plus tard le 30/06/2025 : pas encore due" in (
        out
    )
    assert "INFORMATION : Action en cours après son échéance" in out
    assert "0 violation(s), 0 warning(s), 1 info" in err

    code, out, _ = run(
        capsys, "validate", "--store", store_path, "--as-of", "2026-01-01", "--format", "json"
    )
    (plan,) = json.loads(out)["plans"]
    assert plan["evaluations"]["as_of"] == "2026-01-01"
    assert [(d["duty"], d["status"], d["council_date"]) for d in plan["evaluations"]["duties"]] == [
        ("duty-mi-legislature", "done", "2022-03-21"),
        ("duty-fin-legislature", "not_presented", None),
    ]

    code, out, _ = run(
        capsys, "validate", "--store", store_path, "--as-of", "2026-01-01", "--format", "ttl"
    )
    results = Graph().parse(data=out, format="turtle")
    warnings = set(results.subjects(SH.resultSeverity, SH.Warning))
    assert {results.value(r, SH.focusNode) for r in warnings} == {PLAN}
    assert all((r, RDF.type, SH.ValidationResult) in results for r in warnings)

    code, out, _ = run(
        capsys, "validate", "--store", store_path, "--as-of", "2026-01-01", "--format", "html"
    )
    assert "<h3>Évaluations (vérifiées au 01/01/2026)</h3>" in out
    assert "réalisée, présentation au conseil non indiquée" in out


def test_a_bad_as_of_is_a_one_line_error(capsys, store_path):
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "validate", "--store", store_path, "--as-of", "31/12/2024")
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --as-of: invalid date '31/12/2024': expected YYYY-MM-DD" in err
