"""The derived graph of one plan: resolved organisation names, themes, ODD and enjeu suggestions.

It depends on that plan and the data files only, so the loader's worker processes make it
right after the plan graph, from the same triples (:func:`pstkg.linking.inputs.plan_input`),
and :func:`pstkg.linking.derive.derive_links` makes it for plans read from the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from pstkg.linking.goals import GoalSuggestion, suggest_goals
from pstkg.linking.graphs import (
    add_goals,
    add_resolution,
    add_search_words,
    add_themes,
    derived_graph_iri,
    describe_graph,
    new_graph,
)
from pstkg.linking.inputs import PlanInput
from pstkg.linking.organisations import PlanContext, resolve
from pstkg.linking.registry import registry
from pstkg.linking.similarity import Document
from pstkg.linking.themes import ItemText, ThemeAssignment, classify, theme_scheme
from pstkg.triples import TripleSet


@dataclass(frozen=True)
class PlanLinks:
    """What the similarity across plans and the report need of a plan's derivation."""

    plan: URIRef
    documents: tuple[Document, ...]
    """The plan's projects and actions with their themes, in IRI order."""
    resolutions: int
    to_review: int
    theme_assignments: int


@dataclass(frozen=True)
class DerivedPlan:
    """A plan's derived graph, and its :class:`PlanLinks`."""

    graph_iri: URIRef
    triples: TripleSet
    links: PlanLinks


def derive_plan(plan: PlanInput, digest: str) -> DerivedPlan:
    """The derived graph of ``plan``, made with the data and method of ``digest``."""
    graph_iri = derived_graph_iri(plan.iri)
    graph = new_graph()
    describe_graph(graph, graph_iri, [plan.iri], digest)
    context = PlanContext(plan.cpas, plan.cpas_label)
    resolutions = to_review = assignments = 0
    for written, name in sorted(plan.organisations.items()):
        resolution = resolve(name, context, registry())
        add_resolution(graph, written, resolution)
        resolutions += 1
        to_review += any(created.needs_review for created in resolution.created)
    scheme = theme_scheme()
    documents = []
    for iri in sorted(plan.items):
        item = plan.items[iri]
        text = item.text()
        themes = item_themes(text)
        add_themes(graph, iri, themes, scheme)
        add_goals(graph, iri, _goals(themes))
        add_search_words(graph, iri, (item.title, *item.alternatives, *item.descriptions))
        assignments += len(themes)
        theme_set = frozenset(assignment.theme for assignment in themes)
        documents.append(Document(iri, plan.iri, item.title, text.descriptions, theme_set))
    links = PlanLinks(plan.iri, tuple(documents), resolutions, to_review, assignments)
    return DerivedPlan(graph_iri, graph, links)


@lru_cache(maxsize=16384)  # items written alike (a region repeats titles) are classified once
def item_themes(text: ItemText) -> tuple[ThemeAssignment, ...]:
    """The themes of an item's text (:func:`pstkg.linking.themes.classify`)."""
    return tuple(classify(text))


@lru_cache(maxsize=16384)
def _goals(themes: tuple[ThemeAssignment, ...]) -> list[GoalSuggestion]:
    return suggest_goals(themes, theme_scheme())
