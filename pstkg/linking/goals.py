"""ODD and enjeu suggestions for an item, from its themes and the mapping of themes.ttl.

Each theme proposes the goals it maps to: skos:closeMatch with weight 1, skos:relatedMatch
with weight 0.5 (ontology/methods.ttl, pstv:method-theme-to-goal). A goal's score is the
highest, over the item's themes, of theme score × weight; its evidence names every theme that
proposed it. These are suggestions, kept apart from the ODD and enjeux a document states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from pstkg.linking.themes import ThemeAssignment, ThemeScheme, theme_scheme


@dataclass(frozen=True)
class GoalSuggestion:
    """An ODD (UN SDG IRI) or enjeu (pstv:enjeu-N) suggested for an item."""

    goal: URIRef
    score: float
    evidence: tuple[str, ...]


def suggest_goals(
    assignments: Iterable[ThemeAssignment], scheme: ThemeScheme | None = None
) -> list[GoalSuggestion]:
    """The goals an item's themes point to, strongest first."""
    scheme = scheme or theme_scheme()
    scores: dict[URIRef, float] = defaultdict(float)
    evidence: dict[URIRef, set[str]] = defaultdict(set)
    for assignment in assignments:
        theme = scheme.themes[assignment.theme]
        for goal, weight in theme.goals:
            scores[goal] = max(scores[goal], round(assignment.score * weight, 3))
            how = "correspondance directe" if weight == 1.0 else "correspondance indirecte"
            evidence[goal].add(f"thème « {theme.label} » ({how})")
    suggestions = [
        GoalSuggestion(goal, scores[goal], tuple(sorted(evidence[goal]))) for goal in scores
    ]
    return sorted(suggestions, key=lambda s: (-s.score, s.goal))
