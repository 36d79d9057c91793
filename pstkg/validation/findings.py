"""Turning pyshacl's results into findings a person can act on.

A finding names the item (its kind, code and title), where it stands in the plan (its
objectif stratégique and objectif opérationnel) and where it is written (source file and
lines), all read from the plan's own graph: a report never shows an IRI as the only way to
find an item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH
from rdflib.term import Node

from pstkg.namespaces import PST
from pstkg.validation.rules import Rules, Severity

_KINDS = (
    (PST.Plan, "plan"),
    (PST.StrategicObjective, "os"),
    (PST.OperationalObjective, "oo"),
    (PST.PoliticalObjective, "op"),
    (PST.Project, "projet"),
    (PST.Action, "action"),
    (PST.Fiche, "fiche"),
)

KIND_LABELS = {
    "plan": "Plan",
    "os": "Objectif stratégique",
    "oo": "Objectif opérationnel",
    "op": "Objectif politique",
    "projet": "Projet",
    "action": "Action",
    "fiche": "Fiche",
    "autre": "Élément",
}
"""The French name of each kind of item, as the reports print it."""


@dataclass(frozen=True)
class Place:
    """An item of the plan: what it is and where the document writes it."""

    iri: str
    kind: str
    code: str | None
    title: str | None
    source: str | None
    first_line: int | None
    last_line: int | None

    @property
    def kind_label(self) -> str:
        """ "Objectif opérationnel", "Projet", "Fiche"…"""
        return KIND_LABELS[self.kind]

    @property
    def name(self) -> str:
        """ "Objectif opérationnel 2.1", "Projet « Renforcer le suivi… »", "Plan"."""
        if self.kind == "plan":
            return "Le plan"
        if self.kind == "fiche":
            return f"Fiche {self.code}" if self.code else "Fiche"
        return f"{self.kind_label} {self.code}" if self.code else self.kind_label

    @property
    def citation(self) -> str | None:
        """ "ligne 1047 de anderlues-2019-2024.txt", or the file alone for the whole plan."""
        if not self.source:
            return None
        if self.kind == "plan" or self.first_line is None:
            return self.source
        return f"ligne {self.first_line} de {self.source}"

    def as_dict(self) -> dict[str, Any]:
        """The place as plain data (JSON)."""
        return {
            "iri": self.iri,
            "kind": self.kind,
            "code": self.code,
            "title": self.title,
            "source": self.source,
            "first_line": self.first_line,
            "last_line": self.last_line,
        }


@dataclass(frozen=True)
class Finding:
    """One validation result, located in the plan and in its document."""

    severity: Severity
    rule: str
    rule_label: str
    field: str | None
    requirement: str | None
    message: str
    item: Place
    """The item the result is about (the plan, an objective, a project or action, a fiche)."""
    described: Place | None
    """For a fiche, the project or action it describes."""
    strategic: Place | None
    operational: Place | None
    order: tuple[int, ...]
    """Sort key: the plan first, then document order (OS, OO, item, fiche), then severity."""
    rule_order: int = 0
    """The rule's ``sh:order``: the order of a fiche's fields, of the decree's requirements."""

    def as_dict(self) -> dict[str, Any]:
        """The finding as plain data (JSON)."""
        return {
            "severity": self.severity.value,
            "severity_fr": self.severity.french,
            "rule": self.rule,
            "rule_label": self.rule_label,
            "field": self.field,
            "requirement": self.requirement,
            "message": self.message,
            "item": self.item.as_dict(),
            "described_item": self.described.as_dict() if self.described else None,
            "strategic_objective": self.strategic.as_dict() if self.strategic else None,
            "operational_objective": self.operational.as_dict() if self.operational else None,
            "citation": self.item.citation,
        }


class PlanIndex:
    """What the findings need to know about a plan graph: kinds, names, places in the tree."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._parent: dict[Node, Node] = {}
        # A region has thousands of findings on the same items (a fiche missing nine fields, the
        # OS and OO above every action): each item's kind and place are read from the graph once.
        self._kinds: dict[Node, str] = {}
        self._places: dict[Node, Place] = {}
        for child, parent in self._tree_links():
            # A transversal item is filed under the first objective that lists it.
            if child not in self._parent or self._position(parent) < self._position(
                self._parent[child]
            ):
                self._parent[child] = parent

    def _tree_links(self):
        graph = self.graph
        for forward, inverse in (
            (PST.hasOperationalObjective, PST.refinesStrategicObjective),
            (PST.hasProjectOrAction, PST.servesOperationalObjective),
            (PST.hasFiche, PST.ficheOf),
        ):
            yield from ((child, parent) for parent, child in graph.subject_objects(forward))
            yield from graph.subject_objects(inverse)

    def _position(self, node: Node) -> tuple[int, ...]:
        """Document order of an objective: its OS's position, then its own."""
        own = self._int(node, PST.position, 10**6)
        parent = self._parent.get(node)
        return (*(self._position(parent) if parent is not None else ()), own)

    def _int(self, node: Node, predicate: URIRef, default: int) -> int:
        value = self.graph.value(node, predicate)
        return int(value) if isinstance(value, Literal) else default

    def kind(self, node: Node) -> str:
        """The kind of an item ("os", "action", "fiche"…), from its rdf:type."""
        known = self._kinds.get(node)
        if known is None:
            types = set(self.graph.objects(node, RDF.type))
            known = next((kind for rdf_type, kind in _KINDS if rdf_type in types), "autre")
            self._kinds[node] = known
        return known

    def place(self, node: Node) -> Place:
        """The item's kind, code, title, source file and lines."""
        known = self._places.get(node)
        if known is None:
            known = self._places[node] = self._read_place(node)
        return known

    def _read_place(self, node: Node) -> Place:
        graph = self.graph
        named = self._parent.get(node, node) if self.kind(node) == "fiche" else node
        source = graph.value(node, PROV.wasDerivedFrom)
        source_name = graph.value(source, DCTERMS.title) if source is not None else None
        first = graph.value(node, PST.firstLine)
        last = graph.value(node, PST.lastLine)
        code = graph.value(named, PST.code)
        title = graph.value(named, DCTERMS.title)
        return Place(
            iri=str(node),
            kind=self.kind(node),
            code=str(code) if code is not None else None,
            title=str(title) if title is not None else None,
            source=str(source_name) if source_name is not None else None,
            first_line=int(str(first)) if first is not None else None,  # the literals' digits
            last_line=int(str(last)) if last is not None else None,
        )

    def ancestors(self, node: Node) -> tuple[Node | None, Node | None]:
        """The objectif stratégique and objectif opérationnel an item stands under."""
        strategic = operational = None
        current: Node | None = node
        while current is not None:
            kind = self.kind(current)
            if kind == "os":
                strategic = current
            elif kind == "oo" and operational is None:
                operational = current
            current = self._parent.get(current)
        return strategic, operational

    def described(self, node: Node) -> Node | None:
        """The project or action a fiche describes; None for anything else."""
        return self._parent.get(node) if self.kind(node) == "fiche" else None

    def order(self, node: Node) -> tuple[int, ...]:
        """Plan-level items first, then document order; a fiche right after its item."""
        kind = self.kind(node)
        if kind in ("plan", "op", "autre"):
            return (0,)
        line = self._int(node, PST.firstLine, 10**6)
        described = self.described(node)
        if described is not None:
            return (*self.order(described), line)
        strategic, operational = self.ancestors(node)
        return (
            1,
            *(self._position(strategic) if strategic is not None else (0,)),
            self._int(operational, PST.position, 0) if operational is not None else 0,
            0 if kind in ("os", "oo") else 1,
            line,
            0,
        )


def read_findings(results: Graph, data: Graph, rules: Rules) -> list[Finding]:
    """The findings of one plan from pyshacl's results graph, in reading order."""
    index = PlanIndex(data)
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None:
            continue
        rule = rules.rule(results.value(result, SH.sourceConstraint)) or rules.rule(
            results.value(result, SH.sourceShape)
        )
        if rule is None:
            raise ValueError(f"a validation result comes from an unnamed shape: {result}")
        severity = Severity.from_shacl(results.value(result, SH.resultSeverity))
        strategic, operational = index.ancestors(focus)
        described = index.described(focus)
        findings.append(
            Finding(
                severity=severity,
                rule=rule.id,
                rule_label=rule.label,
                field=rule.field,
                requirement=rule.requirement,
                message=_message(results, result) or rule.label,
                item=index.place(focus),
                described=index.place(described) if described is not None else None,
                strategic=index.place(strategic) if strategic is not None else None,
                operational=index.place(operational) if operational is not None else None,
                order=(*index.order(focus), severity.rank),
                rule_order=rule.order,
            )
        )
    findings.sort(
        key=lambda finding: (finding.order, finding.rule_order, finding.rule, finding.message)
    )
    return findings


def _message(results: Graph, result: Node) -> str:
    messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    french = [m for m in messages if m.language == "fr"]
    return str((french or messages)[0]) if messages else ""
