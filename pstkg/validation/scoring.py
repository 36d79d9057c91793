"""The completeness score of a plan: how much of what a reader expects the plan states.

    score = fields given / fields expected × 100, rounded down to a whole percent, where
    - every objectif stratégique and objectif opérationnel expects one field, its title;
    - every projet or action expects the nine fields of a fiche that the completeness shapes
      check (description, indicateur, priorité, état d'avancement, service responsable,
      partenaires, échéance, risques, enjeu ou ODD); a field counts as given when one of the
      item's fiches states it, a structured fiche or a mere mark ("Priorité élevée").

The nine fields and the property paths that give them are read from the shapes
(``pstsh:StructuredFicheShape`` in shapes/completeness.ttl), so the score and the warnings
cannot drift apart. The decree's requirements are not part of the score: conformity is
reported on its own (yes when the plan has no non-conformité).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH
from rdflib.term import Node

from pstkg.namespaces import PST
from pstkg.validation.rules import PSTSH, load_rules

SCORE_METHOD = (
    "Le score de complétude est la part des informations attendues que le plan donne : un titre "
    "pour chaque objectif stratégique et opérationnel, et pour chaque projet ou action les neuf "
    "rubriques d'une fiche (description, indicateur, priorité, état d'avancement, service "
    "responsable, partenaires, échéance, risques, enjeu ou ODD). Score = rubriques renseignées ÷ "
    "rubriques attendues × 100. La conformité au décret est indiquée à part : un plan est "
    "conforme quand il n'a aucune non-conformité."
)
"""How the score is computed, in the French the reports print."""

_TREE = (
    (PST.hasStrategicObjective, PST.strategicObjectiveOf),
    (PST.hasOperationalObjective, PST.refinesStrategicObjective),
    (PST.hasProjectOrAction, PST.servesOperationalObjective),
)


@dataclass(frozen=True)
class FicheField:
    """A field of a fiche, as a completeness shape checks it."""

    label: str
    predicates: tuple[URIRef, ...]


@dataclass(frozen=True)
class Score:
    """Fields given out of fields expected."""

    given: int
    expected: int

    @property
    def percent(self) -> int:
        """Rounded down, so that 100 means nothing is missing."""
        return 100 if self.expected == 0 else self.given * 100 // self.expected


@cache
def fiche_fields() -> tuple[FicheField, ...]:
    """The fields the completeness shapes check on a structured fiche, in the shapes' order."""
    graph = load_rules().graph
    fields = []
    for shape in graph.objects(PSTSH.StructuredFicheShape, SH.property):
        label = graph.value(shape, PSTSH.fieldLabel)
        if label is None:
            continue  # not a field (the partner-mentioned hint)
        order = int(str(graph.value(shape, SH.order) or 0))  # the literal's digits
        path = _predicates(graph, graph.value(shape, SH.path))
        fields.append((order, FicheField(str(label), path)))
    return tuple(field for _, field in sorted(fields, key=lambda pair: pair[0]))


def _predicates(graph: Graph, path: Node | None) -> tuple[URIRef, ...]:
    """The predicates of a path that is one IRI or an ``sh:alternativePath`` of IRIs."""
    if isinstance(path, URIRef):
        return (path,)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is None:
        raise ValueError(f"unsupported sh:path in a fiche field shape: {path}")
    members = tuple(Collection(graph, alternatives))
    iris = tuple(member for member in members if isinstance(member, URIRef))
    if len(iris) != len(members):
        raise ValueError(f"unsupported sh:path in a fiche field shape: {path}")
    return iris


def _children(graph: Graph, nodes: set[Node], level: int) -> set[Node]:
    forward, inverse = _TREE[level]
    found: set[Node] = set()
    for node in nodes:
        found.update(graph.objects(node, forward))
        found.update(graph.subjects(inverse, node))
    return found


def completeness(graph: Graph, plan: URIRef) -> Score:
    """The completeness score of ``plan`` in ``graph`` (its named graph)."""
    strategic = _children(graph, {plan}, 0)
    operational = _children(graph, strategic, 1)
    items = _children(graph, operational, 2)
    objectives = strategic | operational
    given = sum(1 for objective in objectives if graph.value(objective, DCTERMS.title))
    fields = fiche_fields()
    for item in items:
        fiches = set(graph.objects(item, PST.hasFiche)) | set(graph.subjects(PST.ficheOf, item))
        given += sum(
            1
            for field in fields
            if any(
                (fiche, predicate, None) in graph
                for fiche in fiches
                for predicate in field.predicates
            )
        )
    return Score(given=given, expected=len(objectives) + len(fields) * len(items))
