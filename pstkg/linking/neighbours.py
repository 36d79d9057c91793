"""Finding each project's best-scoring projects of other plans without scoring every pair.

:func:`pstkg.linking.similarity.similar_items` defines the result: among the projects of other
plans that share a distinctive stem with a project, its ``top`` best by (score, then IRI),
scoring at least ``min_score``. Comparing every such pair in Python is quadratic: a region
of 1,000 synthetic plans (57,000 projects over ~900 stems, nearly all "distinctive" by the
5 % rule) has ~340 million candidate pairs, hours of work. This module finds the same
projects, exactly, in seconds:

- **groups**: projects with the same vector (same stems, weights and word order) and the same
  themes score the same against everyone; each group is compared once, and its members share
  the result (regions repeat titles: 57,000 projects make ~13,000 groups);
- **vectorised screening**: for one group, the cosines with every group are accumulated over
  its stems' postings with numpy, and the candidates (groups sharing a distinctive stem) get
  an approximate score;
- **exact verification**: only the groups whose approximate score comes within one rounding
  unit of what a member's top needs are scored with the very expressions of ``similarity``
  (``score_pair``, summing in Python's order), and ranked from those exact scores.

numpy sums in another order than Python: its scores may differ from the exact ones in the
last bits (~1e-16), far inside :data:`MARGIN`, so screening never drops a project the exact
comparison would keep.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rdflib import URIRef

MARGIN = 0.002
"""Screening keeps this much below the cut: two unrounded scores whose three-decimal roundings
compare one way differ by less than one unit (0.001) the other way; twice that is ample for
the ~1e-16 between numpy's sums and Python's."""


@dataclass
class Group:
    """Projects with one vector and one set of themes (documents' indices, ascending)."""

    vector: dict[str, float]
    themes: frozenset[URIRef]
    members: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Space:
    """What the search needs of the documents: vectors, plans, IRIs, stem frequencies."""

    vectors: Sequence[dict[str, float]]
    themes: Sequence[frozenset[URIRef]]
    plans: Sequence[int]
    """Each document's plan, numbered."""
    iris: Sequence[str]
    frequency: dict[str, int]
    distinctive_limit: float


ScorePair = Callable[[dict[str, float], frozenset, dict[str, float], frozenset], float]


def best_matches(
    space: Space, score_pair: ScorePair, top: int, min_score: float, text_weight: float
) -> dict[int, list[int]]:
    """For each document (index), its best ``top`` documents of other plans, best first."""
    groups = _groups(space)
    if not groups:
        return {}
    search = _Search(space, groups, score_pair, top, min_score, text_weight)
    found: dict[int, list[int]] = {}
    for number, group in enumerate(groups):
        found.update(search.best_for(number, group))
    return found


def _groups(space: Space) -> list[Group]:
    # Keyed on the vector's items in order: equal keys give bit-identical cosines.
    by_key: dict[tuple, Group] = {}
    for index, (vector, themes) in enumerate(zip(space.vectors, space.themes, strict=True)):
        key = (tuple(vector.items()), themes)
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = Group(vector, themes)
        group.members.append(index)
    return list(by_key.values())


class _Search:
    def __init__(
        self,
        space: Space,
        groups: list[Group],
        score_pair: ScorePair,
        top: int,
        min_score: float,
        text_weight: float,
    ) -> None:
        self.space = space
        self.groups = groups
        self.score_pair = score_pair
        self.top = top
        self.min_score = min_score
        self.text_weight = text_weight
        # Postings: for each stem, the groups using it and its weight in each.
        numbers: dict[str, list[int]] = defaultdict(list)
        weights: dict[str, list[float]] = defaultdict(list)
        for number, group in enumerate(groups):
            for key, weight in group.vector.items():
                numbers[key].append(number)
                weights[key].append(weight)
        self.postings = {
            key: (np.array(numbers[key], dtype=np.int64), np.array(weights[key])) for key in numbers
        }
        # Jaccard overlap of the themes, between every two sets of themes in use.
        theme_sets = sorted({group.themes for group in groups}, key=sorted)
        theme_ids = {themes: number for number, themes in enumerate(theme_sets)}
        self.theme_of = np.array([theme_ids[group.themes] for group in groups], dtype=np.int64)
        self.plan_counts = [
            Counter(space.plans[member] for member in group.members) for group in groups
        ]
        self.jaccard = np.array(
            [[_jaccard(first, second) for second in theme_sets] for first in theme_sets]
        ).reshape(len(theme_sets), len(theme_sets))

    def best_for(self, number: int, group: Group) -> dict[int, list[int]]:
        """The best documents for each member of ``group`` (the ``number``-th group)."""
        frequency, limit = self.space.frequency, self.space.distinctive_limit
        cosine = np.zeros(len(self.groups))
        candidate = np.zeros(len(self.groups), dtype=bool)
        for key, weight in group.vector.items():
            others, their_weights = self.postings[key]
            cosine[others] += weight * their_weights
            if frequency[key] <= limit:
                candidate[others] = True
        candidates = np.flatnonzero(candidate)
        if not len(candidates):
            return {}
        approximate = (
            self.text_weight * cosine[candidates]
            + (1 - self.text_weight)
            * self.jaccard[self.theme_of[number], self.theme_of[candidates]]
        )
        kept = approximate >= self.min_score - MARGIN
        candidates, approximate = candidates[kept], approximate[kept]
        order = np.argsort(-approximate, kind="stable")
        cut = self._cut(group, candidates[order], approximate[order])
        scores = {
            int(other): self.score_pair(
                group.vector, group.themes, self.groups[other].vector, self.groups[other].themes
            )
            for other in candidates[approximate >= cut]
        }
        return self._ranked(group, scores)

    def _cut(self, group: Group, ordered: np.ndarray, approximate: np.ndarray) -> float:
        """An approximate score below which no group can enter a member's top."""
        lowest = np.inf
        for own in {self.space.plans[member] for member in group.members}:
            counted, reached = 0, self.min_score
            for other, score in zip(ordered.tolist(), approximate.tolist(), strict=True):
                # The members of that group a member of plan ``own`` may link to.
                counted += len(self.groups[other].members) - self.plan_counts[other].get(own, 0)
                if counted >= self.top:
                    reached = score
                    break
            lowest = min(lowest, reached)
        return max(lowest, self.min_score) - MARGIN

    def _ranked(self, group: Group, scores: dict[int, float]) -> dict[int, list[int]]:
        """Each member's best documents: by score, then IRI, other plans only."""
        space = self.space
        by_score: dict[float, list[int]] = defaultdict(list)
        for number, score in scores.items():
            if score >= self.min_score:
                by_score[score].append(number)
        best: dict[int, list[int]] = {member: [] for member in group.members}
        waiting = list(group.members)
        # Best scores first; documents of equal score by IRI. Stop when every member is served.
        for score in sorted(by_score, reverse=True):
            level = sorted(
                (space.iris[other], other)
                for number in by_score[score]
                for other in self.groups[number].members
            )
            for member in waiting:
                own, chosen = space.plans[member], best[member]
                for _, other in level:
                    if space.plans[other] != own:
                        chosen.append(other)
                        if len(chosen) == self.top:
                            break
            waiting = [member for member in waiting if len(best[member]) < self.top]
            if not waiting:
                break
        return best


def _jaccard(first: frozenset, second: frozenset) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0
