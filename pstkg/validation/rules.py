"""The SHACL shapes of shapes/ and what the reports need to know about each rule.

The shapes are the single source of the rules: their French labels, messages, severities and the
decree requirement each one checks are read from the Turtle files, never repeated in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from rdflib.term import Node

from pstkg.shapes import SHAPES_DIR
from pstkg.triples import iri_or_none

PSTSH = Namespace("https://w3id.org/pst-kg/shapes#")
"""The namespace of the shapes, requirements and their annotation properties."""


class Severity(StrEnum):
    """SHACL's three severities, in the order a reader should see them."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def from_shacl(cls, node: Node | None) -> Severity:
        """``sh:Violation`` → ``Severity.VIOLATION`` (and so on); KeyError for anything else."""
        severities: dict[Node | None, Severity] = {
            SH.Violation: cls.VIOLATION,
            SH.Warning: cls.WARNING,
            SH.Info: cls.INFO,
        }
        return severities[node]

    @property
    def rank(self) -> int:
        """0 for the most serious."""
        return list(Severity).index(self)

    @property
    def french(self) -> str:
        """The word the reports use: "non-conformité", "avertissement", "information"."""
        return _FRENCH[self]

    @property
    def french_plural(self) -> str:
        """ "non-conformités", "avertissements", "informations"."""
        return _FRENCH[self] + "s"


_FRENCH = {
    Severity.VIOLATION: "non-conformité",
    Severity.WARNING: "avertissement",
    Severity.INFO: "information",
}


@dataclass(frozen=True)
class Requirement:
    """A requirement of the decree, as the checklist of a report lists it."""

    id: str
    label: str
    source: str
    order: int
    checkable_with: URIRef | None
    """A property the plan must state for the requirement to be checked at all."""


@dataclass(frozen=True)
class Rule:
    """One shape or SPARQL constraint: what it is called and what it checks."""

    id: str
    label: str
    field: str | None
    """For fiche completeness rules, the short name of the field ("description")."""
    requirement: str | None
    order: int
    """The rule's ``sh:order`` (its place in a fiche, or in the decree); 0 without one."""


@dataclass(frozen=True)
class Rules:
    """The shapes graph and the metadata of its rules and requirements."""

    graph: Graph
    rules: dict[str, Rule]
    requirements: tuple[Requirement, ...]

    def rule(self, node: Node | None) -> Rule | None:
        """The rule a result's sh:sourceConstraint or sh:sourceShape names, if it is named."""
        return self.rules.get(local_name(node)) if isinstance(node, URIRef) else None


def local_name(node: Node) -> str:
    """``pstsh:oo-actions`` → ``oo-actions``; other IRIs are kept whole."""
    text = str(node)
    return text[len(str(PSTSH)) :] if text.startswith(str(PSTSH)) else text


@cache
def load_rules() -> Rules:
    """Parse the shapes of shapes/ once per process."""
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    graph.bind("pstsh", PSTSH)
    rules = {}
    for node in set(graph.subjects(RDFS.label, None)):
        if not isinstance(node, URIRef) or not str(node).startswith(str(PSTSH)):
            continue
        if (node, RDF.type, PSTSH.Requirement) in graph:
            continue
        requirement = graph.value(node, PSTSH.requirement)
        order = graph.value(node, SH.order)
        rules[local_name(node)] = Rule(
            id=local_name(node),
            label=_french(graph, node, RDFS.label),
            field=_french(graph, node, PSTSH.fieldLabel) or None,
            requirement=local_name(requirement) if requirement is not None else None,
            order=int(str(order)) if order is not None else 0,  # the literal's digits
        )
    requirements = sorted(
        (
            Requirement(
                id=local_name(node),
                label=_french(graph, node, RDFS.label),
                source=_french(graph, node, DCTERMS.source),
                order=int(str(graph.value(node, SH.order))),  # the literal's digits
                checkable_with=iri_or_none(graph.value(node, PSTSH.checkableWith)),
            )
            for node in graph.subjects(RDF.type, PSTSH.Requirement)
        ),
        key=lambda requirement: requirement.order,
    )
    return Rules(graph, rules, tuple(requirements))


def _french(graph: Graph, node: Node, predicate: URIRef) -> str:
    values = [value for value in graph.objects(node, predicate) if isinstance(value, Literal)]
    for value in values:
        if value.language == "fr":
            return str(value)
    return str(values[0]) if values else ""
