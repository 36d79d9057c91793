"""The date-dependent rules of shapes/duties.ttl, read once, and how their results are written.

Their results go into the plan's SHACL results graph, in pyshacl's vocabulary, so that the
findings, the counts and every report read them like the shapes' results.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from pstkg.validation.rules import PSTSH, load_rules


@dataclass(frozen=True)
class Duty:
    """An evaluation the decree requires, and when it is due."""

    id: str
    label: str
    evaluation_class: URIRef
    years_after_start: int | None
    """Due by 31 December of the législature's year n (its first year is year 1)."""
    months_after_end: int | None
    """Due by the end of the n-th month after the législature's last day."""

    def due_by(self, first_year: int, last_year: int) -> date:
        """The last day the evaluation of a législature ``first_year``-``last_year`` is due."""
        if self.years_after_start is not None:
            return date(first_year + self.years_after_start - 1, 12, 31)
        months = self.months_after_end or 0
        year, month = last_year + (12 + months - 1) // 12, (12 + months - 1) % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class TimeRule:
    """A rule of shapes/duties.ttl: its severity and its message template."""

    node: URIRef
    severity: URIRef
    template: str

    def message(self, **values: str) -> str:
        """The French message with its {names} filled."""
        return self.template.format(**values)


@cache
def duties() -> tuple[Duty, ...]:
    """The evaluation duties, in the order of the law."""
    graph = load_rules().graph
    found = []
    for node in graph.subjects(RDF.type, PSTSH.EvaluationDuty):
        years = graph.value(node, PSTSH.dueYearsAfterStart)
        months = graph.value(node, PSTSH.dueMonthsAfterEnd)
        found.append(
            (
                int(str(graph.value(node, SH.order))),
                Duty(
                    id=str(node).rsplit("#", 1)[-1],
                    label=str(graph.value(node, RDFS.label)),
                    evaluation_class=URIRef(str(graph.value(node, PSTSH.evaluationClass))),
                    years_after_start=int(str(years)) if years is not None else None,
                    months_after_end=int(str(months)) if months is not None else None,
                ),
            )
        )
    return tuple(duty for _, duty in sorted(found, key=lambda pair: pair[0]))


@cache
def time_rule(name: str) -> TimeRule:
    """The rule ``pstsh:NAME`` of shapes/duties.ttl."""
    graph = load_rules().graph
    node = PSTSH[name]
    return TimeRule(
        node=node,
        severity=URIRef(str(graph.value(node, SH.severity))),
        template=str(graph.value(node, PSTSH.messageTemplate)),
    )


@cache
def overdue_states() -> dict[Node, str]:
    """The states an action past its échéance is flagged in, with the words for each."""
    graph = load_rules().graph
    return {
        state: str(graph.value(state, PSTSH.stateWords))
        for state in graph.objects(PSTSH["action-echeance-depassee"], PSTSH.overdueState)
    }


def french_date(day: date) -> str:
    """ "31/12/2021"."""
    return day.strftime("%d/%m/%Y")


def add_result(results: Graph, focus: Node, rule: TimeRule, message: str) -> None:
    """Add one result of ``rule`` on ``focus`` to a plan's ``sh:ValidationReport`` graph."""
    result = BNode()
    results.add((result, RDF.type, SH.ValidationResult))
    results.add((result, SH.focusNode, focus))
    results.add((result, SH.resultSeverity, rule.severity))
    results.add((result, SH.sourceConstraint, rule.node))
    results.add((result, SH.sourceShape, rule.node))
    results.add((result, SH.sourceConstraintComponent, PSTSH.TimeRuleComponent))
    results.add((result, SH.resultMessage, Literal(message, lang="fr")))
    for report in list(results.subjects(RDF.type, SH.ValidationReport)):
        results.add((report, SH.result, result))
        results.set((report, SH.conforms, Literal(False, datatype=XSD.boolean)))
