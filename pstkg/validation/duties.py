"""The decree's evaluation duties of a plan, checked from the evaluation documents loaded.

"Planned" and "done" are kept apart: the plan's own graph may say it WILL be evaluated
(``<plan> pst:hasEvaluation <plan/evaluation/mi-parcours>``, from the plan's text; the shapes
pstsh:evaluation-mi-legislature/-finale check that); an evaluation is DONE only when an evaluation
document was loaded into its own graph (graph/evaluation/...), which states
``<plan> pst:hasEvaluation <evaluation>``. Only those graphs are read here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from pstkg.namespaces import PST
from pstkg.validation.time_rules import Duty, add_result, duties, french_date, time_rule


class DutyStatus(StrEnum):
    """Where a duty stands at the date of the check."""

    NOT_DUE = "pas encore due"
    DONE = "réalisée et présentée au conseil"
    NOT_PRESENTED = "réalisée, présentation au conseil non indiquée"
    MISSING = "manquante"
    UNCHECKABLE = "non vérifiable : aucune évaluation chargée"


@dataclass(frozen=True)
class EvaluationDone:
    """An evaluation document loaded for the plan."""

    iri: str
    date: datetime.date | None
    council_date: datetime.date | None


@dataclass(frozen=True)
class DutyCheck:
    """One duty of one plan at the date of the check."""

    duty: Duty
    due_by: date | None
    """None when the plan's législature is unknown."""
    status: DutyStatus
    evaluation: EvaluationDone | None

    def as_dict(self) -> dict[str, object]:
        """The check as plain data (JSON)."""
        evaluation = self.evaluation
        return {
            "duty": self.duty.id,
            "label": self.duty.label,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "status": self.status.name.lower(),
            "status_fr": self.status.value,
            "evaluation": evaluation.iri if evaluation else None,
            "date": evaluation.date.isoformat() if evaluation and evaluation.date else None,
            "council_date": (
                evaluation.council_date.isoformat()
                if evaluation and evaluation.council_date
                else None
            ),
        }


def legislature_years(plan_graph: Graph, plan: URIRef) -> tuple[int, int] | None:
    """(2019, 2024) for a plan of the législature 2019-2024; None if it is not known."""
    legislature = plan_graph.value(plan, PST.legislature)
    text = str(legislature).rsplit("legislature-", 1)[-1] if legislature is not None else ""
    first, _, last = text.partition("-")
    if not (first.isdigit() and last.isdigit()):
        return None
    return int(first), int(last)


def _date(value: object) -> date | None:
    if isinstance(value, Literal) and isinstance(value.toPython(), date):
        return value.toPython()
    return None


def evaluations_done(
    evaluations: Graph, plan: URIRef, kind: URIRef, as_of: date
) -> list[EvaluationDone]:
    """The evaluations of one kind loaded for the plan, those presented to the council first.

    An evaluation dated after ``as_of`` did not exist yet at that date: it is left out.
    """
    found = [
        EvaluationDone(
            iri=str(node),
            date=_date(evaluations.value(node, DCTERMS.date)),
            council_date=_date(evaluations.value(node, PST.councilDate)),
        )
        for node in evaluations.objects(plan, PST.hasEvaluation)
        if (node, RDF.type, kind) in evaluations
    ]
    return sorted(
        (e for e in found if e.date is None or e.date <= as_of),
        key=lambda e: (e.council_date is None, -(e.date or date.min).toordinal(), e.iri),
    )


def check_duties(
    plan_graph: Graph, plan: URIRef, evaluations: Graph | None, as_of: date
) -> list[DutyCheck]:
    """Each duty of the plan at ``as_of``; ``evaluations`` None when none is loaded at all."""
    years = legislature_years(plan_graph, plan)
    checks = []
    for duty in duties():
        due_by = duty.due_by(*years) if years else None
        done = (
            evaluations_done(evaluations, plan, duty.evaluation_class, as_of) if evaluations else []
        )
        evaluation = done[0] if done else None
        if evaluation is not None:
            status = DutyStatus.DONE if evaluation.council_date else DutyStatus.NOT_PRESENTED
        elif due_by is None or as_of <= due_by:
            status = DutyStatus.NOT_DUE
        elif evaluations is None:
            status = DutyStatus.UNCHECKABLE
        else:
            status = DutyStatus.MISSING
        checks.append(DutyCheck(duty, due_by, status, evaluation))
    return checks


def add_duty_results(results: Graph, plan: URIRef, checks: list[DutyCheck], as_of: date) -> None:
    """The findings of the duties (missing, not presented) into the plan's results graph."""
    for check in checks:
        duty = check.duty.label[0].lower() + check.duty.label[1:]
        if check.status is DutyStatus.MISSING and check.due_by is not None:
            rule = time_rule("evaluation-manquante")
            message = rule.message(
                duty=duty, due=french_date(check.due_by), as_of=french_date(as_of)
            )
            add_result(results, plan, rule, message)
        elif check.status is DutyStatus.NOT_PRESENTED and check.evaluation is not None:
            rule = time_rule("evaluation-sans-conseil")
            day = check.evaluation.date
            add_result(
                results, plan, rule, rule.message(duty=duty, date=french_date(day) if day else "?")
            )
