"""The grouped, screened search for similar projects gives what comparing every pair gives.

pstkg.linking.neighbours finds each project's best matches without scoring every candidate
pair (groups of identical vectors, numpy screening, exact verification). Here it is checked
against the exhaustive comparison it replaced, on regions built to be hard: a small
vocabulary (most stems "distinctive", or common enough not to be), projects repeated across
plans and within a plan, ties on rounded scores, projects without words or themes.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict

import pytest
from rdflib import URIRef

from pstkg.linking.similarity import (
    _DISTINCTIVE_MIN,
    _DISTINCTIVE_SHARE,
    MIN_SCORE,
    TOP,
    Document,
    SimilarityLink,
    _compare,
    _normalised,
    bag_of_words,
    similar_items,
)

SYLLABLES = [
    "ba",
    "co",
    "di",
    "fu",
    "ga",
    "le",
    "mi",
    "no",
    "pa",
    "ro",
    "su",
    "ti",
    "va",
    "ze",
    "lo",
    "ne",
]
THEMES = [URIRef(f"https://w3id.org/pst-kg/vocab/theme-{n}") for n in range(5)]


def exhaustive(documents: list[Document]) -> list[SimilarityLink]:
    """The similarity as it was first written: every candidate pair scored."""
    bags = [bag_of_words(document) for document in documents]
    frequency = Counter(key for counts, _ in bags for key in counts)
    total = len(documents)
    idf = {key: 1 + math.log((total + 1) / (df + 1)) for key, df in frequency.items()}
    vectors = [
        _normalised({k: (1 + math.log(tf)) * idf[k] for k, tf in c.items()}) for c, _ in bags
    ]
    limit = max(_DISTINCTIVE_MIN, _DISTINCTIVE_SHARE * total)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for key in vector:
            if frequency[key] <= limit:
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
        kept = sorted((s for s in scored if s[0] >= MIN_SCORE), key=lambda s: (-s[0], s[1]))
        for rank, (score, target, cosine, shared, themes) in enumerate(kept[:TOP], start=1):
            links.append(SimilarityLink(document.iri, target, score, rank, cosine, shared, themes))
    return links


def region(seed: int, plans: int, per_plan: int, vocabulary: int) -> list[Document]:
    """Projects of ``plans`` plans over ``vocabulary`` words, a few of them common; titles
    often repeated, within and across plans."""
    rng = random.Random(seed)
    words = sorted({"".join(rng.sample(SYLLABLES, 3)) + "ment" for _ in range(vocabulary)})
    weights = [1 / (rank + 1) for rank in range(len(words))]  # a few words everywhere

    def title() -> str:
        return " ".join(rng.choices(words, weights, k=rng.randint(1, 5)))

    titles = [title() for _ in range(plans * per_plan // 3)]
    titles += ["", "de la et du"]  # no word at all; stop words only
    documents = []
    for plan_number in range(plans):
        plan = URIRef(f"https://w3id.org/pst-kg/id/plan/p{plan_number:03d}/2019-2024")
        for item in range(per_plan):
            descriptions = (title(),) if rng.random() < 0.2 else ()
            themes = frozenset(rng.sample(THEMES, rng.choice((0, 1, 1, 2))))
            iri = URIRef(f"{plan}/action/{item}-{rng.randint(0, 10**6)}")
            documents.append(Document(iri, plan, rng.choice(titles), descriptions, themes))
    return sorted(documents, key=lambda document: (document.plan, document.iri))


@pytest.mark.parametrize(
    ("seed", "plans", "per_plan", "vocabulary"),
    [(1, 12, 15, 40), (2, 30, 20, 150), (3, 60, 12, 400), (4, 8, 40, 25)],
)
def test_the_search_finds_what_comparing_every_pair_finds(
    seed: int, plans: int, per_plan: int, vocabulary: int
) -> None:
    documents = region(seed, plans, per_plan, vocabulary)
    expected = exhaustive(documents)
    assert len(expected) > len(documents)  # not a vacuous region
    assert similar_items(documents) == expected
