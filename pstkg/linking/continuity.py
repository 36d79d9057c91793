"""Continuity across législatures: which item of a CPAS's earlier plan each later item continues.

For each CPAS with plans of two or more législatures, the plans are ordered by their
législature (the years its IRI ends with) and each plan is compared with the one before it.
Each later item is linked to at most one earlier item (settings in continuity.toml):

- **same code** (method ``continuity-code``): the earlier item with the same ``pst:code``,
  provided the two texts are at least ``code_min_similarity`` alike (a code is also reused for
  another project: 1.2.1 the taxi social in 2019, the emergency housing in 2025);
- **similar text** (method ``continuity-similarity``): else the earlier item most similar to it,
  at least ``similarity_min``: cosine of TF-IDF vectors of stemmed words (the title counted
  twice, the fiches' descriptions), stop words removed, inverse frequencies over the two plans;
- a same-code item ranks ``code_bonus`` above its similarity, so an item of another code wins
  only when clearly more alike; with ``earlier_used_once`` each earlier item is continued by
  one later item at most (pairs taken best first).

A later item without a link is **new**; an earlier item no later item continues is
**dropped**. The evidence of a link is the code shared, if any, and the words in common.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise

from rdflib import URIRef

from pstkg.linking.similarity import Document, bag_of_words

CODE_METHOD = "continuity-code"
SIMILARITY_METHOD = "continuity-similarity"
_YEARS = re.compile(r"(\d{4})-(\d{4})$")


@dataclass(frozen=True)
class Settings:
    """The thresholds and weights of continuity.toml."""

    code_min_similarity: float
    code_bonus: float
    similarity_min: float
    earlier_used_once: bool
    evidence_words: int


@cache
def settings() -> Settings:
    """The settings of continuity.toml (read once)."""
    return Settings(**tomllib.loads(settings_text()))


def settings_text() -> str:
    """The text of continuity.toml, which the derived graphs' input digest covers."""
    return files(__package__).joinpath("continuity.toml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class PlanItem:
    """A project or action as continuity sees it."""

    iri: URIRef
    code: str | None
    title: str
    descriptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanVersion:
    """A plan of a CPAS for one législature, with its items."""

    iri: URIRef
    cpas: URIRef
    legislature: URIRef
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class ContinuityLink:
    """A later item continuing an earlier one: how (method), how strongly, and why."""

    later: URIRef
    earlier: URIRef
    later_plan: URIRef
    earlier_plan: URIRef
    method: str
    score: float
    evidence: tuple[str, ...]


def legislature_years(legislature: URIRef) -> tuple[int, int]:
    """``pstv:legislature-2019-2024`` → (2019, 2024): the order of a CPAS's plans."""
    found = _YEARS.search(str(legislature))
    if found is None:
        raise ValueError(f"a législature IRI should end with its years: {legislature}")
    return int(found.group(1)), int(found.group(2))


def consecutive_plans(plans: Iterable[PlanVersion]) -> list[tuple[PlanVersion, PlanVersion]]:
    """Each CPAS's (earlier, later) pairs of plans of successive législatures in the store
    (plans whose législature IRI does not end with its years are left out)."""
    by_cpas: dict[URIRef, list[PlanVersion]] = {}
    for plan in plans:
        # A législature without years (a store filled by other means) cannot be ordered: its
        # plan is left out rather than the whole derivation stopped.
        if _YEARS.search(str(plan.legislature)):
            by_cpas.setdefault(plan.cpas, []).append(plan)
    pairs: list[tuple[PlanVersion, PlanVersion]] = []
    for cpas in sorted(by_cpas):
        ordered = sorted(by_cpas[cpas], key=lambda p: (legislature_years(p.legislature), p.iri))
        pairs.extend(pairwise(ordered))
    return pairs


def continuity_links(
    plans: Iterable[PlanVersion], given: Settings | None = None
) -> list[ContinuityLink]:
    """Every continuity link between the successive plans of every CPAS."""
    chosen = given or settings()
    return [
        link
        for earlier, later in consecutive_plans(plans)
        for link in link_items(earlier, later, chosen)
    ]


def link_items(earlier: PlanVersion, later: PlanVersion, given: Settings) -> list[ContinuityLink]:
    """The links from the items of ``later`` to those of ``earlier`` (see the module)."""
    if not earlier.items or not later.items:
        return []
    vectors, shown = _vectors([*earlier.items, *later.items])
    before, after = vectors[: len(earlier.items)], vectors[len(earlier.items) :]
    candidates: list[tuple[float, int, str, str, int, int]] = []
    for j, item in enumerate(later.items):
        for i, old in enumerate(earlier.items):
            similarity = _cosine(after[j], before[i])
            same_code = item.code is not None and item.code == old.code
            if same_code and similarity >= given.code_min_similarity:
                rank = similarity + given.code_bonus
                candidates.append((rank, 1, str(item.iri), str(old.iri), j, i))
            elif similarity >= given.similarity_min:
                candidates.append((similarity, 0, str(item.iri), str(old.iri), j, i))
    # Best first; ties by code match, then IRIs, so every run picks the same pairs.
    candidates.sort(key=lambda c: (-round(c[0], 9), -c[1], c[2], c[3]))
    linked_later: set[int] = set()
    used_earlier: set[int] = set()
    links = []
    for rank, by_code, _, _, j, i in candidates:
        if j in linked_later or (given.earlier_used_once and i in used_earlier):
            continue
        linked_later.add(j)
        used_earlier.add(i)
        item, old = later.items[j], earlier.items[i]
        words = _shared_words(after[j], before[i], shown[len(earlier.items) + j])
        evidence = [f"mots communs : {', '.join(words[: given.evidence_words])}"] if words else []
        if by_code:
            evidence.insert(0, f"même code : {item.code}")
        links.append(
            ContinuityLink(
                later=item.iri,
                earlier=old.iri,
                later_plan=later.iri,
                earlier_plan=earlier.iri,
                method=CODE_METHOD if by_code else SIMILARITY_METHOD,
                score=round(min(1.0, rank), 3),
                evidence=tuple(evidence),
            )
        )
    return sorted(links, key=lambda link: str(link.later))


def _vectors(
    items: Sequence[PlanItem],
) -> tuple[list[dict[str, float]], list[dict[str, str]]]:
    """Normalised TF-IDF vectors of the items (IDF over these items) and each stem's spelling."""
    # The similarity's bag of words: stems of the title (counted twice) and the descriptions.
    bags = [
        bag_of_words(Document(item.iri, item.iri, item.title, item.descriptions, frozenset()))
        for item in items
    ]
    frequency: Counter[str] = Counter(key for counts, _ in bags for key in counts)
    total = len(items)
    idf = {key: 1 + math.log((total + 1) / (df + 1)) for key, df in frequency.items()}
    vectors = []
    for counts, _ in bags:
        raw = {key: (1 + math.log(tf)) * idf[key] for key, tf in counts.items()}
        norm = math.sqrt(sum(value * value for value in raw.values()))
        vectors.append({key: value / norm for key, value in raw.items()} if norm else {})
    return vectors, [spelling for _, spelling in bags]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b[key] for key, weight in a.items() if key in b)


def _shared_words(a: dict[str, float], b: dict[str, float], shown: dict[str, str]) -> list[str]:
    """The words the two items share, the weightiest first, as the later item writes them."""
    shared = sorted(a.keys() & b.keys(), key=lambda key: (-a[key] * b[key], key))
    return [shown[key] for key in shared]
