"""Actions still under way after their échéance, at the date of the check (information).

An action's latest known state is its latest snapshot's (``pst:ItemSnapshot`` of an evaluation or
follow-up loaded for the plan, the latest by ``dcterms:date``), else its fiche's
``pst:progressStatus`` (the state the plan itself gives). Its échéance is the fiche's
``pst:deadline`` text, read by :func:`pstkg.validation.deadlines.parse_deadline`; an échéance no
date can be read from is ignored and counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from pstkg.namespaces import PST
from pstkg.validation.deadlines import parse_deadline
from pstkg.validation.time_rules import add_result, french_date, overdue_states, time_rule


@dataclass(frozen=True)
class OverdueSummary:
    """What the check of the échéances found in one plan."""

    overdue: int
    deadlines: int
    """Échéances stated by the plan's fiches."""
    unreadable: list[str]
    """The échéances no date could be read from, as written."""

    def as_dict(self) -> dict[str, object]:
        """The summary as plain data (JSON)."""
        return {
            "overdue": self.overdue,
            "deadlines": self.deadlines,
            "unreadable": self.unreadable,
        }


@dataclass(frozen=True)
class KnownState:
    """The latest state known of an item, and the day it was known (None: the plan's own)."""

    state: Node
    day: date | None


def _day(value: Node | None) -> date | None:
    python = value.toPython() if isinstance(value, Literal) else None
    return python if isinstance(python, date) else None


def latest_snapshot_states(evaluations: Graph | None, as_of: date) -> dict[Node, KnownState]:
    """Each item's latest state at ``as_of`` in the snapshots loaded for its plan.

    A snapshot dated after ``as_of`` is left out: the check says what was known at that date.
    """
    latest: dict[Node, KnownState] = {}
    if evaluations is None:
        return latest
    for snapshot, item in evaluations.subject_objects(PST.snapshotOf):
        state = evaluations.value(snapshot, PST.state)
        if state is None:
            continue
        day = _day(evaluations.value(snapshot, DCTERMS.date))
        if day is not None and day > as_of:
            continue
        known = latest.get(item)
        if known is None or (day or date.min) >= (known.day or date.min):
            latest[item] = KnownState(state, day)
    return latest


def check_overdue(
    plan_graph: Graph, plan: URIRef, results: Graph, evaluations: Graph | None, as_of: date
) -> OverdueSummary:
    """Add an information for each action past its échéance and still under way."""
    rule = time_rule("action-echeance-depassee")
    flagged_states = overdue_states()
    snapshots = latest_snapshot_states(evaluations, as_of)
    plan_day = _day(plan_graph.value(plan, PST.adoptionDate)) or _day(
        plan_graph.value(plan, PST.councilDate)
    )
    overdue, deadlines, unreadable = 0, 0, []
    for item, fiche in sorted(plan_graph.subject_objects(PST.hasFiche)):
        written = plan_graph.value(fiche, PST.deadline)
        if written is None:
            continue
        deadlines += 1
        deadline = parse_deadline(str(written))
        if deadline is None:
            unreadable.append(str(written))
            continue
        known = snapshots.get(item) or _fiche_state(plan_graph, fiche, plan_day)
        if known is None or known.state not in flagged_states or deadline >= as_of:
            continue
        overdue += 1
        message = rule.message(
            deadline=str(written).strip(),
            state=flagged_states[known.state],
            state_when=f"au {french_date(known.day)}" if known.day else "selon le plan",
        )
        add_result(results, item, rule, message)
    return OverdueSummary(overdue, deadlines, unreadable)


def _fiche_state(plan_graph: Graph, fiche: Node, plan_day: date | None) -> KnownState | None:
    state = plan_graph.value(fiche, PST.progressStatus)
    return KnownState(state, plan_day) if state is not None else None
