"""Policy themes of a project or action, from its French text and the trigger terms of themes.ttl.

How a theme is found (ontology/methods.ttl, pstv:method-theme-triggers and -context):

- every trigger term of every theme is looked for in the title (weight 1) and in the
  descriptions of the item's fiches (weight 0.5), on the words' matching keys
  (:func:`pstkg.linking.text.match_key`), a phrase as consecutive words;
- where phrases overlap, the longest wins, so "santé au travail" (human resources) hides
  "santé" (health) and the same words never count for two themes;
- a theme's weight is the sum of its distinct terms' weights (weak terms count half); themes
  weighing 1 or more with at least one strong term are kept; if none is, the heaviest (all of
  them on a tie) are kept, so weak terms alone decide only when nothing clearer is said;
- an item whose own text evokes no theme takes those of its operational objective's title,
  else of its strategic objective's, with a reduced score.

The score of a theme is 1 − 0.5^weight: 0.5 for one term in the title, 0.75 for two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from pstkg.linking.labels import french_label
from pstkg.linking.text import Token, tokens
from pstkg.namespaces import PST, PSTV, SDG
from pstkg.ontology import ONTOLOGY_DIR

THEMES_TTL = ONTOLOGY_DIR / "themes.ttl"
KEEP_FROM = 1.0
"""A theme weighing this much (with a strong term) is kept even when another weighs more."""
CONTEXT_FACTORS = (("objectif opérationnel", 0.6), ("objectif stratégique", 0.4))
"""Where an item's themes come from when its own text evokes none, and how much they count."""
_GOAL_WEIGHTS = {SKOS.closeMatch: 1.0, SKOS.relatedMatch: 0.5}


@dataclass(frozen=True)
class Trigger:
    """A term of a theme as themes.ttl writes it, with its matching keys and weight."""

    theme: URIRef
    term: str
    keys: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class Theme:
    """A theme of the scheme: its label, code, and the goals (ODD, enjeux) it maps to."""

    iri: URIRef
    notation: str
    label: str
    goals: tuple[tuple[URIRef, float], ...]


@dataclass(frozen=True)
class ThemeScheme:
    """The themes and all their trigger terms, indexed by the key of their first word."""

    themes: dict[URIRef, Theme]
    triggers_by_first_key: dict[str, tuple[Trigger, ...]]


@dataclass(frozen=True)
class ItemText:
    """What the classifier reads of a project or action."""

    title: str
    descriptions: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    strategic_objectives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A trigger term found in a field of the item's text."""

    trigger: Trigger
    field: str
    surface: str


@dataclass(frozen=True)
class ThemeAssignment:
    """A theme given to an item, how, how strongly and on what evidence."""

    theme: URIRef
    score: float
    method: URIRef
    evidence: tuple[str, ...]


@cache
def theme_scheme() -> ThemeScheme:
    """The scheme of themes.ttl, parsed once per process."""
    return parse_theme_scheme(Graph().parse(THEMES_TTL, format="turtle"))


def parse_theme_scheme(graph: Graph) -> ThemeScheme:
    """Read the themes, their trigger terms and goal mappings from a graph."""
    themes: dict[URIRef, Theme] = {}
    index: dict[str, list[Trigger]] = defaultdict(list)
    schemed = graph.subjects(SKOS.inScheme, PSTV.themes)
    for theme in sorted(node for node in schemed if isinstance(node, URIRef)):
        goals = sorted(
            (goal, weight)
            for predicate, weight in _GOAL_WEIGHTS.items()
            for goal in graph.objects(theme, predicate)
            if isinstance(goal, URIRef)
        )
        themes[theme] = Theme(
            iri=theme,
            notation=str(graph.value(theme, SKOS.notation)),
            label=french_label(graph, theme),
            goals=tuple(goals),
        )
        for predicate, weight in ((PST.triggerTerm, 1.0), (PST.weakTriggerTerm, 0.5)):
            # rdflib types the objects as Node, which has no order; its terms do (Identifier)
            for term in sorted(graph.objects(theme, predicate)):  # type: ignore[type-var]
                keys = tuple(token.key for token in tokens(str(term)))
                if keys:
                    index[keys[0]].append(Trigger(theme, str(term), keys, weight))
    return ThemeScheme(themes, {key: tuple(found) for key, found in index.items()})


def find_matches(words: Sequence[Token], field: str, scheme: ThemeScheme) -> list[Match]:
    """The trigger terms in a text, longest first, no two sharing a word."""
    candidates = []
    for start, token in enumerate(words):
        for trigger in scheme.triggers_by_first_key.get(token.key, ()):
            end = start + len(trigger.keys)
            if tuple(word.key for word in words[start:end]) == trigger.keys:
                candidates.append((start, end, trigger))
    # Longest first; on equal length, the earlier one, then a fixed order of terms.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2].theme, c[2].term))
    taken: set[int] = set()
    matches = []
    for start, end, trigger in candidates:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            surface = " ".join(word.surface for word in words[start:end])
            matches.append(Match(trigger, field, surface))
    return matches


def classify(text: ItemText, scheme: ThemeScheme | None = None) -> list[ThemeAssignment]:
    """The themes of an item, best first (empty only if neither it nor its objectives evoke any)."""
    scheme = scheme or theme_scheme()
    own = find_matches(tokens(text.title), "titre", scheme)
    for description in text.descriptions:
        own += find_matches(tokens(description), "description", scheme)
    chosen = _choose(own, {"titre": 1.0, "description": 0.5}, 1.0, PSTV["method-theme-triggers"])
    if chosen:
        return chosen
    for (field, factor), titles in zip(
        CONTEXT_FACTORS, (text.objectives, text.strategic_objectives), strict=True
    ):
        context = [m for title in titles for m in find_matches(tokens(title), field, scheme)]
        chosen = _choose(context, {field: 1.0}, factor, PSTV["method-theme-context"])
        if chosen:
            return chosen
    return []


def _choose(
    matches: Iterable[Match], field_weights: dict[str, float], factor: float, method: URIRef
) -> list[ThemeAssignment]:
    weights: dict[URIRef, float] = defaultdict(float)
    evidence: dict[URIRef, set[str]] = defaultdict(set)
    counted: set[tuple[Trigger, str]] = set()
    strong: set[URIRef] = set()
    for match in matches:
        if (match.trigger, match.field) in counted:
            continue  # a term counts once per field, however often it is repeated
        counted.add((match.trigger, match.field))
        theme = match.trigger.theme
        weights[theme] += match.trigger.weight * field_weights[match.field]
        if match.trigger.weight == 1.0:
            strong.add(theme)
        strength = "" if match.trigger.weight == 1.0 else ", terme faible"
        evidence[theme].add(f"{match.field} : « {match.surface} » ({match.trigger.term}{strength})")
    if not weights:
        return []
    kept = [theme for theme, weight in weights.items() if weight >= KEEP_FROM and theme in strong]
    if not kept:
        best = max(weights.values())
        kept = [theme for theme, weight in weights.items() if weight == best]
    assignments = [
        ThemeAssignment(
            theme=theme,
            score=round((1 - 0.5 ** weights[theme]) * factor, 3),
            method=method,
            evidence=tuple(sorted(evidence[theme])),
        )
        for theme in kept
    ]
    return sorted(assignments, key=lambda a: (-a.score, a.theme))


def is_sdg(goal: URIRef) -> bool:
    """Whether a goal a theme maps to is one of the UN's SDG (else it is an enjeu)."""
    return str(goal).startswith(str(SDG))
