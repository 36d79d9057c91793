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

from rdflib import URIRef

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
    """Stem counts of a document and, for each stem, the word it was most often written as."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    stop = stopwords()
    texts = [document.title] * TITLE_REPEAT + list(document.descriptions)
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
    distinctive_limit = max(_DISTINCTIVE_MIN, _DISTINCTIVE_SHARE * total)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for key in vector:
            if frequency[key] <= distinctive_limit:
                postings[key].append(index)
    links = []
    for index, document in enumerate(documents):
        candidates = {
            other
            for key in vectors[index]
            for other in postings.get(key, ())
            if documents[other].plan != document.plan
        }
        scored = [
            _compare(document, documents[other], vectors[index], vectors[other], bags[index][1])
            for other in sorted(candidates)
        ]
        kept = sorted((s for s in scored if s[0] >= min_score), key=lambda s: (-s[0], s[1]))
        for rank, (score, target, cosine, shared, themes) in enumerate(kept[:top], start=1):
            links.append(SimilarityLink(document.iri, target, score, rank, cosine, shared, themes))
    return links


def _compare(
    a: Document, b: Document, va: dict[str, float], vb: dict[str, float], shown: dict[str, str]
) -> tuple[float, URIRef, float, tuple[str, ...], tuple[URIRef, ...]]:
    contributions = {key: va[key] * vb[key] for key in va.keys() & vb.keys()}
    cosine = sum(contributions.values())
    union = a.themes | b.themes
    jaccard = len(a.themes & b.themes) / len(union) if union else 0.0
    score = round(TEXT_WEIGHT * cosine + THEME_WEIGHT * jaccard, 3)
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
