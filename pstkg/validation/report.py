"""The validation report of a plan: findings, requirement checklist, score; and the ranking."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from pstkg.errors import PstError
from pstkg.namespaces import PST
from pstkg.validation.duties import DutyStatus
from pstkg.validation.engine import run_shacl
from pstkg.validation.findings import Finding, read_findings
from pstkg.validation.rules import Requirement, Severity, load_rules
from pstkg.validation.scoring import Score, completeness
from pstkg.validation.timeline import Timeline, TimeSection, apply_time_rules


class Status(StrEnum):
    """Whether a requirement of the decree is met."""

    MET = "respectée"
    NOT_MET = "non respectée"
    UNCHECKABLE = "non vérifiable"


@dataclass(frozen=True)
class RequirementCheck:
    """A requirement of the decree and how the plan fares."""

    requirement: Requirement
    status: Status
    findings: int
    note: str | None = None


@dataclass
class PlanReport:
    """Everything the reports print about one plan."""

    plan: str
    cpas: str
    legislature: str
    title: str
    source: str | None
    findings: list[Finding]
    score: Score
    requirements: list[RequirementCheck]
    shacl: Graph = field(repr=False)
    """The SHACL results graph (an ``sh:ValidationReport`` in pyshacl's vocabulary, from either
    engine), for the Turtle report."""
    time: TimeSection | None = None
    """The « Évaluations » section (duties, échéances); None when validated without a date."""

    @property
    def conforms(self) -> bool:
        """Conform to the decree: no non-conformité (warnings and hints do not count)."""
        return not any(f.severity is Severity.VIOLATION for f in self.findings)

    @property
    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity, every severity present."""
        found = Counter(finding.severity for finding in self.findings)
        return {severity: found[severity] for severity in Severity}

    @property
    def field_gaps(self) -> list[tuple[str, int]]:
        """Each fiche field with the number of fiches missing it, the most frequent first."""
        missing = Counter(f.field for f in self.findings if f.field)
        order = {f.field: f.rule_order for f in self.findings if f.field}
        return sorted(missing.items(), key=lambda pair: (-pair[1], order[pair[0]]))

    @property
    def heading(self) -> str:
        """ "PST du CPAS de Dinant (2019-2024)"."""
        return f"PST du {self.cpas} ({self.legislature})"


class ValidationError(PstError):
    """A graph that cannot be validated as a plan (no plan in it, several plans)."""


def validate_plan_graph(
    graph: Graph,
    plan: URIRef | None = None,
    vocabulary: Graph | None = None,
    timeline: Timeline | None = None,
) -> PlanReport:
    """Validate one plan's graph against the shapes (pyshacl) and build its report.

    ``plan`` defaults to the one ``pst:Plan`` of the graph; ``vocabulary`` to the bundled
    ontology and concept schemes; with a ``timeline``, the date-dependent rules run too.
    """
    if plan is None:
        plans = sorted(s for s in graph.subjects(RDF.type, PST.Plan) if isinstance(s, URIRef))
        if len(plans) != 1:
            raise ValidationError(f"expected one pst:Plan in the graph, found {len(plans)}")
        plan = plans[0]
    return plan_report(graph, plan, run_shacl(graph, vocabulary), timeline)


def plan_report(
    graph: Graph, plan: URIRef, results: Graph, timeline: Timeline | None = None
) -> PlanReport:
    """The report of ``plan`` from its graph and its SHACL results graph (either engine's).

    With a ``timeline``, the evaluation duties and the overdue actions are checked and their
    findings added to ``results`` first.
    """
    time = apply_time_rules(graph, plan, results, timeline) if timeline is not None else None
    findings = read_findings(results, graph, load_rules())
    return PlanReport(
        plan=str(plan),
        cpas=_label(graph, graph.value(plan, PST.cpas)) or "CPAS inconnu",
        legislature=_label(graph, graph.value(plan, PST.legislature)) or "législature inconnue",
        title=str(graph.value(plan, DCTERMS.title) or ""),
        source=_label(graph, graph.value(plan, PROV.wasDerivedFrom), DCTERMS.title),
        findings=findings,
        score=completeness(graph, plan),
        requirements=_checklist(graph, plan, findings, time),
        shacl=results,
        time=time,
    )


def _label(graph: Graph, node, predicate=SKOS.prefLabel) -> str | None:
    if node is None:
        return None
    value = graph.value(node, predicate)
    if value is None and predicate == SKOS.prefLabel:
        # The législature's label lives in the vocabulary; its IRI ends with it.
        return str(node).rsplit("legislature-", 1)[-1] if "legislature-" in str(node) else None
    return str(value) if value is not None else None


def _checklist(
    graph: Graph, plan: URIRef, findings: list[Finding], time: TimeSection | None
) -> list[RequirementCheck]:
    violations = Counter(
        finding.requirement for finding in findings if finding.severity is Severity.VIOLATION
    )
    checks = []
    for requirement in load_rules().requirements:
        if requirement.id == _DUTIES_REQUIREMENT and time is None:
            continue  # validated without a date: the duties were not checked at all
        count = violations[requirement.id]
        if count:
            status, note = Status.NOT_MET, None
        elif (
            requirement.checkable_with is not None
            and graph.value(plan, requirement.checkable_with) is None
        ):
            status, note = Status.UNCHECKABLE, _UNCHECKABLE_NOTES.get(requirement.checkable_with)
        elif requirement.id == _DUTIES_REQUIREMENT and (uncheckable := _duties_unchecked(time)):
            status, note = Status.UNCHECKABLE, uncheckable
        else:
            status, note = Status.MET, None
        checks.append(RequirementCheck(requirement, status, count, note))
    return checks


_DUTIES_REQUIREMENT = "req-evaluations-realisees"
"""The requirement the evaluation duties (pstkg.validation.duties) check, not the shapes."""


def _duties_unchecked(time: TimeSection | None) -> str | None:
    """Why the evaluation duties could not be checked, if they could not."""
    if time is not None and any(check.status is DutyStatus.UNCHECKABLE for check in time.duties):
        return "aucune évaluation chargée dans l'entrepôt"
    return None


_UNCHECKABLE_NOTES = {
    # Where to give it (installation_date in the plan's .meta.toml) is for the README, not the
    # tutelle's report.
    PST.installationDate: "la date d'installation du conseil n'est pas connue",
}


def rank(reports: list[PlanReport]) -> list[PlanReport]:
    """Plans from the most complete to the least; ties go to fewer non-conformités."""
    return sorted(
        reports,
        key=lambda report: (
            -report.score.percent,
            report.counts[Severity.VIOLATION],
            report.cpas,
            report.legislature,
        ),
    )
