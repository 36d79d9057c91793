"""Turning a :class:`ParsedPlan` into the plan's RDF graph.

What the document says is stated here and nothing more: no themes, no resolved partners,
no reasoner output (those are derived, in graphs of their own). Every item carries its
source document and line span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdf_namespaces

from pstkg.identity import PlanIdentity
from pstkg.iris import (
    child_iri,
    code_segment,
    cpas_iri,
    legislature_iri,
    plan_iri,
    service_iri,
    slug,
    source_iri,
)
from pstkg.loaders.model import (
    Action,
    Fiche,
    Finding,
    OperationalObjective,
    ParsedPlan,
    Span,
    StrategicObjective,
)
from pstkg.loaders.text import SourceText
from pstkg.namespaces import ORG, PST, PSTV, SDG, CachedTerms
from pstkg.triples import Object, TripleSet, plain, text, typed
from pstkg.vocabulary import match_concept

DCTERMS, PROV, RDF, SKOS, XSD = (
    CachedTerms(getattr(rdf_namespaces, name)) for name in ("DCTERMS", "PROV", "RDF", "SKOS", "XSD")
)

_EVALUATION_CLASSES = {
    "mid-term": PST.MidTermEvaluation,
    "final": PST.FinalEvaluation,
    "annual": PST.AnnualEvaluation,
}

# Fiche fields that are provenance or structure, not statements that can conflict.
_NOT_COMPARED = {"span", "title_as_written", "steps"}


@dataclass
class BuiltPlan:
    """A plan's graph and what the builder noticed while making it."""

    iri: URIRef
    triples: TripleSet
    counts: dict[str, int]
    warnings: list[Finding] = field(default_factory=list)

    @cached_property
    def graph(self) -> Graph:
        """The plan's graph as an rdflib graph (made on first use: the store needs none)."""
        return self.triples.graph()


def build_plan_graph(parsed: ParsedPlan, source: SourceText, identity: PlanIdentity) -> BuiltPlan:
    """Build the named graph of one plan from what its document says."""
    return _PlanGraphBuilder(parsed, source, identity).build()


class _PlanGraphBuilder:
    def __init__(self, parsed: ParsedPlan, source: SourceText, identity: PlanIdentity) -> None:
        self.parsed = parsed
        self.source = source
        self.identity = identity
        self.plan = plan_iri(identity.cpas_slug, identity.legislature)
        self.source_node = source_iri(source.sha256)
        self.cpas = cpas_iri(identity.cpas_slug)
        self.triples = TripleSet()
        self.typed: set[URIRef] = set()  # nodes given a type: an item stated twice is cited once
        self.warnings: list[Finding] = []
        self.oo_by_code: dict[str, URIRef] = {}
        self.action_iris: dict[URIRef, Action] = {}

    # -- the whole plan -------------------------------------------------------------------

    def build(self) -> BuiltPlan:
        self._add_source()
        self._add_plan()
        for position, objective in enumerate(self.parsed.political_objectives, start=1):
            node = child_iri(self.plan, "op", code_segment(objective.code))
            self.add(self.plan, PST.hasPoliticalObjective, node)
            self._add_item(node, PST.PoliticalObjective, objective.span, position)
            self.add(node, PST.code, plain(objective.code))
            self.add(node, DCTERMS.title, text(objective.title))
        for position, strategic in enumerate(self.parsed.strategic_objectives, start=1):
            self._add_strategic(strategic, position)
        self._link_transversal_actions()
        return BuiltPlan(self.plan, self.triples, self._counts(), self.warnings)

    def add(self, subject: URIRef, predicate: URIRef, obj: Object) -> None:
        self.triples.add(subject, predicate, obj)

    def _add_item(self, node: URIRef, rdf_type: URIRef, span: Span, position: int | None) -> None:
        self.add(node, RDF.type, rdf_type)
        self.typed.add(node)
        self.add(node, PROV.wasDerivedFrom, self.source_node)
        self.add(node, PST.firstLine, typed(str(span.first_line), XSD.positiveInteger))
        self.add(node, PST.lastLine, typed(str(span.last_line), XSD.positiveInteger))
        if position is not None:
            self.add(node, PST.position, typed(str(position), XSD.integer))

    def _add_source(self) -> None:
        node = self.source_node
        self.add(node, RDF.type, PST.SourceDocument)
        self.add(node, DCTERMS.title, plain(self.source.name))
        self.add(node, PST.sha256, plain(self.source.sha256))
        self.add(node, PST.layout, plain(self.parsed.layout))

    def _add_plan(self) -> None:
        identity = self.identity
        self._add_item(self.plan, PST.Plan, Span(1, max(1, len(self.source.lines))), None)
        self.add(self.plan, PST.cpas, self.cpas)
        self.add(self.plan, PST.legislature, legislature_iri(identity.legislature))
        title = (
            self.parsed.title.value
            if self.parsed.title
            else f"Programme stratégique transversal {identity.legislature}"
        )
        self.add(self.plan, DCTERMS.title, text(title))
        if identity.council_date:
            self.add(self.plan, PST.councilDate, typed(identity.council_date, XSD.date))
        if identity.adoption_date:
            self.add(self.plan, PST.adoptionDate, typed(identity.adoption_date, XSD.date))
        if identity.installation_date:
            # The start of the legal delay for adopting the plan (shapes/decree.ttl).
            self.add(
                self.plan,
                PST.installationDate,
                typed(identity.installation_date, XSD.date),
            )
        self.add(self.cpas, RDF.type, PST.CPAS)
        self.add(self.cpas, SKOS.prefLabel, text(cpas_label(identity.cpas_name)))
        if identity.nis_code:
            self.add(self.cpas, PST.nisCode, plain(identity.nis_code))
        legislature = legislature_iri(identity.legislature)
        self.add(legislature, RDF.type, PST.Legislature)
        self.add(legislature, SKOS.prefLabel, plain(identity.legislature))
        for value in self.parsed.values:
            node = child_iri(self.plan, "value", slug(value.value))
            if node in self.typed:
                continue  # stated twice: cited where first stated
            self._add_item(node, PST.InstitutionalValue, value.span, None)
            self.add(node, SKOS.prefLabel, text(value.value))
            self.add(self.plan, PST.hasValue, node)
        for evaluation in self.parsed.evaluations:
            kind = _EVALUATION_CLASSES[evaluation.value]
            node = child_iri(self.plan, "evaluation", evaluation.value)
            if node in self.typed:
                continue
            self._add_item(node, kind, evaluation.span, None)
            self.add(self.plan, PST.hasEvaluation, node)

    # -- the tree -------------------------------------------------------------------------

    def _add_strategic(self, strategic: StrategicObjective, position: int) -> None:
        key = self._key(strategic.path or strategic.code, strategic.title)
        node = child_iri(self.plan, "os", key)
        self.add(self.plan, PST.hasStrategicObjective, node)
        self._add_item(node, PST.StrategicObjective, strategic.span, position)
        self._add_code_and_title(node, strategic.code, strategic.title, strategic.title_variants)
        if strategic.volet:
            self._add_concepts(node, "volet", strategic.volet, PST.volet, None, strategic.span)
        self._add_objective_fiche(node, strategic.fiche)
        if strategic.policy_area:
            area = strategic.policy_area
            area_node = child_iri(self.plan, "area", self._key(area.code, area.title))
            if (area_node, RDF.type, PST.PolicyArea) not in self.triples:
                # An area heading may recur (under each volet): one area, cited where first seen.
                self._add_item(area_node, PST.PolicyArea, area.span, None)
                self._add_code_and_title(area_node, area.code, area.title, [])
            self.add(node, PST.inPolicyArea, area_node)
        for code in strategic.political_objectives:
            self.add(
                node, PST.answersPoliticalObjective, child_iri(self.plan, "op", code_segment(code))
            )
        for oo_position, operational in enumerate(strategic.operational_objectives, start=1):
            self._add_operational(node, operational, oo_position)

    def _add_operational(
        self, parent: URIRef, operational: OperationalObjective, position: int
    ) -> None:
        node = child_iri(
            self.plan, "oo", self._key(operational.path or operational.code, operational.title)
        )
        self.add(parent, PST.hasOperationalObjective, node)
        self._add_item(node, PST.OperationalObjective, operational.span, position)
        self._add_code_and_title(
            node, operational.code, operational.title, operational.title_variants
        )
        self._add_objective_fiche(node, operational.fiche)
        if operational.code:
            self.oo_by_code.setdefault(operational.code, node)
        for action_position, action in enumerate(operational.actions, start=1):
            self._add_action(node, action, action_position)

    def _add_action(self, parent: URIRef, action: Action, position: int) -> None:
        node = child_iri(self.plan, "action", self._key(action.path or action.code, action.title))
        self.add(parent, PST.hasProjectOrAction, node)
        if node in self.action_iris:
            # The same action under a second objective: one item serving both (transversal).
            return
        self.action_iris[node] = action
        self._add_item(
            node, PST.Project if action.kind == "project" else PST.Action, action.span, position
        )
        self._add_code_and_title(node, action.code, action.title, action.title_variants)
        for name in action.mentioned_organisations:
            self.add(node, PST.mentionsOrganization, self._organisation(name))
        for enjeu in action.enjeux_from_lists:
            self.add(node, PST.enjeu, PSTV[f"enjeu-{enjeu}"])
        for number, fiche in enumerate(action.fiches, start=1):
            self._add_fiche(node, child_iri(node, "fiche", str(number)), fiche)
        self._report_conflicting_fiches(node, action)
        self._report_enjeu_mismatch(action)

    def _add_objective_fiche(self, objective: URIRef, fiche: Fiche | None) -> None:
        """An objective's own fields (eComptes XML), as its one fiche ``{objective}/fiche/1``."""
        if fiche is not None:
            self._add_fiche(objective, child_iri(objective, "fiche", "1"), fiche)

    def _add_fiche(self, item: URIRef, node: URIRef, fiche: Fiche) -> None:
        """The fiche ``node`` of ``item`` (a project, an action or an objective)."""
        self.add(item, PST.hasFiche, node)
        self._add_item(node, PST.Fiche, fiche.span, None)
        if fiche.title_as_written:
            self.add(node, DCTERMS.title, text(fiche.title_as_written))
        if fiche.description:
            self.add(node, DCTERMS.description, text(fiche.description))
        for list_name, written, predicate, as_written in (
            ("volet", fiche.volet, PST.volet, PST.voletAsWritten),
            ("priority", fiche.priority, PST.priority, PST.priorityAsWritten),
            ("status", fiche.status, PST.progressStatus, PST.statusAsWritten),
            ("synergy", fiche.synergies, PST.synergy, PST.synergyAsWritten),
        ):
            if written:
                self._add_concepts(node, list_name, written, predicate, as_written, fiche.span)
        for risk in fiche.risks:
            self.add(node, PST.risk, text(risk))
        for indicator in fiche.indicators:
            self.add(node, PST.indicator, text(indicator))
        for service in fiche.services:
            self.add(node, PST.involvedService, self._service(service))
        for partner in fiche.partners:
            self.add(node, PST.partner, self._organisation(partner))
        for enjeu in fiche.enjeux:
            self.add(node, PST.enjeu, PSTV[f"enjeu-{enjeu}"])
        for goal in fiche.sdgs:
            self.add(node, PST.sdg, SDG[str(goal)])
        if fiche.political_objective:
            op = child_iri(self.plan, "op", code_segment(fiche.political_objective))
            self.add(node, PST.politicalObjective, op)
        for written, predicate in (
            (fiche.deadline, PST.deadline),
            (fiche.human_means, PST.humanMeans),
            (fiche.financial_means, PST.financialMeans),
        ):
            if written:
                self.add(node, predicate, text(written))
        if fiche.responsible:
            self.add(node, PST.responsible, self._organisation(fiche.responsible))
        self._add_structured_fields(node, fiche)
        for number, step in enumerate(fiche.steps, start=1):
            step_node = child_iri(node, "step", str(number))
            self._add_item(step_node, PST.ProjectStep, step.span, number)
            self.add(step_node, DCTERMS.title, text(step.title))
            self.add(node, PST.hasStep, step_node)

    def _add_structured_fields(self, node: URIRef, fiche: Fiche) -> None:
        """The fields a structured source (eComptes XML) states, typed as the ontology says."""
        for number, predicate in ((fiche.fte, PST.fte), (fiche.progress_rate, PST.progressRate)):
            if number is not None:
                # rdflib's lexical form of the decimal ("1E+2" is written "100"), as before.
                lexical = str(Literal(Decimal(number), datatype=XSD.decimal))
                self.add(node, predicate, typed(lexical, XSD.decimal))
        for day, predicate in ((fiche.start_date, PST.startDate), (fiche.end_date, PST.endDate)):
            if day:
                self.add(node, predicate, typed(day, XSD.date))
        for written, predicate in (
            (fiche.mandatary, PST.mandatary),
            (fiche.status_remark, PST.statusRemark),
            *((plan, PST.sectoralPlan) for plan in fiche.sectoral_plans),
        ):
            if written:
                self.add(node, predicate, text(written))

    # -- helpers --------------------------------------------------------------------------

    def _key(self, code: str | None, title: str | None) -> str:
        if code:
            return code_segment(code)
        if title:
            return slug(title)
        raise ValueError("an item has neither a code nor a title")

    def _add_code_and_title(
        self, node: URIRef, code: str | None, title: str | None, variants: Iterable[str]
    ) -> None:
        if code:
            self.add(node, PST.code, plain(code))
        if title:
            self.add(node, DCTERMS.title, text(title))
        for variant in variants:
            if variant != title:
                self.add(node, DCTERMS.alternative, text(variant))

    def _add_concepts(
        self,
        node: URIRef,
        list_name: str,
        written: str,
        predicate: URIRef,
        as_written: URIRef | None,
        span: Span,
    ) -> None:
        """Link to the concept(s) the text names; keep the text as written; warn if unknown."""
        if as_written is not None:
            self.add(node, as_written, text(written))
        concepts = [match_concept(list_name, written)]
        if concepts[0] is None and " et " in written:
            # "Interne et externe": one statement naming two concepts of the list.
            concepts = [match_concept(list_name, part) for part in written.split(" et ")]
        if None in concepts:
            self.warnings.append(Finding(span, f"unknown {list_name} {written!r}: kept as written"))
        for concept in concepts:
            if concept is not None:
                self.add(node, predicate, concept)

    def _organisation(self, name: str) -> URIRef:
        node = child_iri(self.plan, "org", slug(name))
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, text(name))
        return node

    def _service(self, name: str) -> URIRef:
        node = service_iri(self.identity.cpas_slug, name)
        self.add(node, RDF.type, ORG.OrganizationalUnit)
        self.add(node, SKOS.prefLabel, text(name))
        self.add(node, ORG.unitOf, self.cpas)
        return node

    def _link_transversal_actions(self) -> None:
        for node, action in self.action_iris.items():
            for code in action.also_serves:
                objective = self.oo_by_code.get(code)
                if objective is None:
                    self.warnings.append(
                        Finding(action.span, f"action {action.title!r} names unknown OO {code!r}")
                    )
                else:
                    self.add(objective, PST.hasProjectOrAction, node)

    def _report_conflicting_fiches(self, node: URIRef, action: Action) -> None:
        for index, first in enumerate(action.fiches):
            for offset, second in enumerate(action.fiches[index + 1 :], start=index + 2):
                differing = fiche_differences(first, second)
                if not differing:
                    continue
                first_node = child_iri(node, "fiche", str(index + 1))
                second_node = child_iri(node, "fiche", str(offset))
                self.add(first_node, PST.conflictsWith, second_node)
                self.add(second_node, PST.conflictsWith, first_node)
                self.warnings.append(
                    Finding(
                        first.span.cover(second.span),
                        f"project {action.title!r} has conflicting fiches (lines "
                        f"{first.span.first_line} and {second.span.first_line}) differing in: "
                        + ", ".join(differing),
                    )
                )

    def _report_enjeu_mismatch(self, action: Action) -> None:
        if not action.enjeux_from_lists:
            return
        for fiche in action.fiches:
            if fiche.enjeux and sorted(set(fiche.enjeux)) != sorted(set(action.enjeux_from_lists)):
                self.warnings.append(
                    Finding(
                        fiche.span,
                        f"project {action.title!r}: the fiche gives enjeux {sorted(fiche.enjeux)} "
                        f"but the per-enjeu lists give {sorted(action.enjeux_from_lists)}",
                    )
                )

    def _counts(self) -> dict[str, int]:
        parsed = self.parsed
        actions = list(self.action_iris.values())
        objectives: list[StrategicObjective | OperationalObjective] = [
            *parsed.strategic_objectives,
            *parsed.operational_objectives(),
        ]
        return {
            "political_objectives": len(parsed.political_objectives),
            "strategic_objectives": len(parsed.strategic_objectives),
            "operational_objectives": len(parsed.operational_objectives()),
            "actions": len(actions),
            "fiches": sum(len(action.fiches) for action in actions)
            + sum(1 for objective in objectives if objective.fiche is not None),
            "steps": sum(len(fiche.steps) for action in actions for fiche in action.fiches),
            "triples": len(self.triples),
        }


def fiche_differences(first: Fiche, second: Fiche) -> list[str]:
    """Names of the fields two fiches of one project state differently (both non-empty)."""
    differing = []
    for item in fields(Fiche):
        if item.name in _NOT_COMPARED:
            continue
        a, b = getattr(first, item.name), getattr(second, item.name)
        if a and b and a != b:
            differing.append(item.name)
    return differing


def cpas_label(name: str) -> str:
    """ "Anderlues" → "CPAS d'Anderlues", "Dinant" → "CPAS de Dinant" (French elision)."""
    if name.lower().startswith("cpas"):
        return name
    # No elision before h: it is aspirated in Walloon place names ("de Huy", "de Herve").
    return f"CPAS d'{name}" if name[:1].lower() in "aeiouyéèê" else f"CPAS de {name}"
