"""Similar projects across plans: TF-IDF cosine over stemmed French words, plus shared themes.

Method (ontology/methods.ttl, pstv:method-tfidf-themes):

- a project's words are those of its title, counted twice, and of its fiches' descriptions,
  without stop words (stopwords-fr.txt), as French Snowball stems;
- weights are TF-IDF over all the projects in the store: (1 + ln tf) × (1 + ln((N+1)/(df+1))),
  and each vector is normalised;
- the score of a pair is 0.7 × cosine + 0.3 × Jaccard overlap of their themes;
- only projects of *other* plans sharing at least one distinctive word (one that fewer than
  5 % of the projects, or fewer than 20, use) are compared: two projects that have only
  "social" or "service" in common are not similar, and this keeps the work near linear;
- each project keeps its best 5 links scoring at least 0.2.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from pstkg.linking.neighbours import Space, best_matches
from pstkg.linking.text import fold, stem, stopwords, words

TOP = 5
MIN_SCORE = 0.2
TEXT_WEIGHT, THEME_WEIGHT = 0.7, 0.3
TITLE_REPEAT = 2
_DISTINCTIVE_SHARE, _DISTINCTIVE_MIN = 0.05, 20


@dataclass(frozen=True)
class Document:
    """A project or action as similarity sees it."""

    iri: URIRef
    plan: URIRef
    title: str
    descriptions: tuple[str, ...]
    themes: frozenset[URIRef]


@dataclass(frozen=True)
class SimilarityLink:
    """One of the most similar projects of another plan, with its score, rank and why."""

    source: URIRef
    target: URIRef
    score: float
    rank: int
    cosine: float
    shared_words: tuple[str, ...]
    shared_themes: tuple[URIRef, ...]


def bag_of_words(document: Document) -> tuple[Counter[str], dict[str, str]]:
    """Stem counts of a document and, for each stem, the word it was most often written as.

    Both depend on the texts alone: projects written alike (a region repeats its titles)
    share one result, which callers only read.
    """
    return _bag_of_words(document.title, document.descriptions)


@lru_cache(maxsize=16384)
def _bag_of_words(title: str, descriptions: tuple[str, ...]) -> tuple[Counter[str], dict[str, str]]:
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    stop = stopwords()
    texts = [title] * TITLE_REPEAT + list(descriptions)
    for text in texts:
        for word in words(text):
            if len(word) < 2 or fold(word) in stop:
                continue
            key = stem(word)
            counts[key] += 1
            spellings[key][word] += 1
    shown = {key: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, c in spellings.items()}
    return counts, shown


def similar_items(
    documents: Sequence[Document], top: int = TOP, min_score: float = MIN_SCORE
) -> list[SimilarityLink]:
    """For every document, its most similar documents of other plans."""
    bags = [bag_of_words(document) for document in documents]
    frequency: Counter[str] = Counter(key for counts, _ in bags for key in counts)
    total = len(documents)
    idf = {key: 1 + math.log((total + 1) / (df + 1)) for key, df in frequency.items()}
    vectors = [
        _normalised({k: (1 + math.log(tf)) * idf[k] for k, tf in c.items()}) for c, _ in bags
    ]
    plan_numbers: dict[URIRef, int] = {}
    space = Space(
        vectors=vectors,
        themes=[document.themes for document in documents],
        # Numbers and plain strings: URIRefs compare in Python, and this compares millions.
        plans=[plan_numbers.setdefault(document.plan, len(plan_numbers)) for document in documents],
        iris=[str(document.iri) for document in documents],
        frequency=frequency,
        distinctive_limit=max(_DISTINCTIVE_MIN, _DISTINCTIVE_SHARE * total),
    )
    best = best_matches(space, score_pair, top, min_score, TEXT_WEIGHT)
    links = []
    for index, document in enumerate(documents):
        for rank, other in enumerate(best.get(index, ()), start=1):
            score, target, cosine, shared, themes = _compare(
                document, documents[other], vectors[index], vectors[other], bags[index][1]
            )
            links.append(SimilarityLink(document.iri, target, score, rank, cosine, shared, themes))
    return links


def score_pair(
    va: dict[str, float], themes_a: frozenset, vb: dict[str, float], themes_b: frozenset
) -> float:
    """The score of two projects (what :func:`_compare` gives, without the evidence)."""
    return _score(_cosine(_contributions(va, vb)), themes_a, themes_b)


def _contributions(va: dict[str, float], vb: dict[str, float]) -> dict[str, float]:
    return {key: va[key] * vb[key] for key in va.keys() & vb.keys()}


def _cosine(contributions: dict[str, float]) -> float:
    return sum(contributions.values())


def _score(cosine: float, themes_a: frozenset, themes_b: frozenset) -> float:
    union = themes_a | themes_b
    jaccard = len(themes_a & themes_b) / len(union) if union else 0.0
    return round(TEXT_WEIGHT * cosine + THEME_WEIGHT * jaccard, 3)


def _compare(
    a: Document, b: Document, va: dict[str, float], vb: dict[str, float], shown: dict[str, str]
) -> tuple[float, URIRef, float, tuple[str, ...], tuple[URIRef, ...]]:
    contributions = _contributions(va, vb)
    cosine = _cosine(contributions)
    score = _score(cosine, a.themes, b.themes)
    shared = sorted(contributions, key=lambda k: (-contributions[k], k))[:5]
    return (
        score,
        b.iri,
        round(cosine, 3),
        tuple(shown[key] for key in shared),
        tuple(sorted(a.themes & b.themes)),
    )


def _normalised(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {key: value / norm for key, value in vector.items()} if norm else {}
