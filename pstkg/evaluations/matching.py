"""Which item of the plan each evaluation line is about: by code first, else by title.

By code (``pstv:method-match-code``, score 1): the written code and the item's, folded (case,
spaces, dots, a level prefix such as « OO »), are the same. Else by title
(``pstv:method-match-title``): the Dice coefficient of the two titles' stemmed content words
(:mod:`pstkg.linking.text`), the best item kept at :data:`TITLE_THRESHOLD` or above. Below it
the line is kept unmatched, with its written code and title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from rdflib import URIRef

from pstkg.linking.text import stem, stopwords, words
from pstkg.namespaces import PST, PSTV, SPARQL_PREFIXES
from pstkg.store import PlanStore

TITLE_THRESHOLD = 0.5
"""Least title similarity for a line to be about an item (below: unmatched)."""
_LEVEL_PREFIX = {"o", "oo", "os", "op", "action", "projet", "n"}
_PREFERRED_TYPES = (PST.Action, PST.Project, PST.ProjectOrAction)


@dataclass(frozen=True)
class PlanItem:
    """An item of the plan an evaluation line may be about."""

    iri: URIRef
    code: str | None
    title: str
    is_action: bool


@dataclass(frozen=True)
class Match:
    """The item a line is about, how it was found and how sure that is."""

    item: URIRef
    method: URIRef
    score: Decimal


@cache
def _items_query() -> str:
    text = files("pstkg.evaluations").joinpath("plan-items.rq").read_text(encoding="utf-8")
    return SPARQL_PREFIXES + text


def plan_items(store: PlanStore, plan: URIRef) -> list[PlanItem]:
    """The plan's projects, actions and objectives, with their codes and titles."""
    result = store.query(_items_query(), {"plan": plan})
    items: dict[URIRef, PlanItem] = {}
    for row in result.as_dicts():  # type: ignore[union-attr]  # a SELECT's answer
        iri = URIRef(str(row["item"]))
        action = row["type"] in _PREFERRED_TYPES or (iri in items and items[iri].is_action)
        code = str(row["code"]) if row["code"] is not None else None
        items[iri] = PlanItem(iri, code, str(row["title"]), action)
    return list(items.values())


def code_key(code: str) -> tuple[str, ...]:
    """ "OO 201" → ("201",); "1.2.1" → ("1", "2", "1"); "A.3" → ("a", "3")."""
    parts = [part for part in re.split(r"[^0-9a-z]+", code.lower()) if part]
    while len(parts) > 1 and parts[0] in _LEVEL_PREFIX:
        parts.pop(0)
    return tuple(part.lstrip("0") or "0" for part in parts)


def title_words(title: str) -> frozenset[str]:
    """The stemmed content words of a title."""
    stop = stopwords()
    return frozenset(stem(word) for word in words(title) if word not in stop and len(word) > 1)


def title_similarity(a: str, b: str) -> float:
    """Dice coefficient of the two titles' stemmed content words (0 to 1)."""
    words_a, words_b = title_words(a), title_words(b)
    if not words_a or not words_b:
        return 0.0
    return 2 * len(words_a & words_b) / (len(words_a) + len(words_b))


class Matcher:
    """Finds the item of one plan each line is about."""

    def __init__(self, items: list[PlanItem]) -> None:
        self.items = items
        self.by_code: dict[tuple[str, ...], PlanItem] = {}
        # Projects and actions first: a code shared by an objective and an action is the action's.
        for item in sorted(items, key=lambda item: not item.is_action):
            if item.code:
                self.by_code.setdefault(code_key(item.code), item)

    def match(self, code: str | None, title: str | None) -> Match | None:
        """The item the line with this code and title is about, or None."""
        if code:
            item = self.by_code.get(code_key(code))
            if item is not None:
                return Match(item.iri, PSTV["method-match-code"], Decimal(1))
        if not title:
            return None
        scored = [
            (title_similarity(title, item.title), item.is_action, item) for item in self.items
        ]
        if not scored:
            return None
        score, _, best = max(scored, key=lambda entry: (entry[0], entry[1], str(entry[2].iri)))
        if score < TITLE_THRESHOLD:
            return None
        return Match(best.iri, PSTV["method-match-title"], Decimal(f"{score:.3f}"))
