"""The plan over time in its validation: the evaluation duties and the overdue actions.

Both depend on the date of the check (``as_of``) and on the evaluation documents loaded for the
plan, which the SHACL shapes cannot see: they are applied after the shapes, and their findings
are added to the plan's SHACL results graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import Graph, URIRef

from pstkg.validation.duties import DutyCheck, add_duty_results, check_duties
from pstkg.validation.overdue import OverdueSummary, check_overdue


@dataclass(frozen=True)
class Timeline:
    """What the date-dependent rules need besides the plan's graph."""

    as_of: date
    """The date of the check: a duty is due, an échéance past, relative to it."""
    evaluations: Graph | None
    """The evaluation graphs linked to the plan (their union, possibly empty); None when the
    store holds no evaluation document at all, so that duties cannot be checked."""


@dataclass(frozen=True)
class TimeSection:
    """The « Évaluations » section of a plan's report."""

    as_of: date
    evaluations_loaded: bool
    duties: list[DutyCheck]
    deadlines: OverdueSummary

    def as_dict(self) -> dict[str, object]:
        """The section as plain data (JSON)."""
        return {
            "as_of": self.as_of.isoformat(),
            "evaluations_loaded": self.evaluations_loaded,
            "duties": [check.as_dict() for check in self.duties],
            "deadlines": self.deadlines.as_dict(),
        }


def apply_time_rules(graph: Graph, plan: URIRef, results: Graph, timeline: Timeline) -> TimeSection:
    """Check the duties and the échéances; add their findings to ``results``."""
    duties = check_duties(graph, plan, timeline.evaluations, timeline.as_of)
    add_duty_results(results, plan, duties, timeline.as_of)
    deadlines = check_overdue(graph, plan, results, timeline.evaluations, timeline.as_of)
    return TimeSection(timeline.as_of, timeline.evaluations is not None, duties, deadlines)
