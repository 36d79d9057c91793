"""Title matching: when two spellings of a title are one item, whatever the layout.

Published plans spell one title several ways: the PDF cut a compound at its hyphen
("commune-" / "cpas"), a list dropped an accent ("Etablir"), a fiche has a typo
("pateforme"). Two comparisons answer two different questions:

- ``same_spelling``: are two spellings the same words once case, accents, punctuation and
  spacing are set aside? Layouts that already know two titles belong to one item (they
  share a code) use it to decide whether the other spelling is a variant worth recording
  and reporting: a typo *is* such a variant, so it must not be tolerated here.
- ``same_title``: do two spellings name the same item? Layouts that identify items by their
  title alone (the fiches layout finds a project's fiche and its enjeu lists by title) use
  it. It adds to ``same_spelling`` a small tolerance for typos inside long words, bounded by
  ``MIN_TYPO_WORD_LENGTH``, ``MAX_TYPO_EDITS`` and ``MAX_TYPO_WORDS``; ``tokens_match`` is
  the same test on titles already folded into words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pstkg.loaders.text import fold_for_matching

MIN_TYPO_WORD_LENGTH = 5
"""Words shorter than this must match exactly: "l'AIS" and "l'ISSH" are different partners."""
MAX_TYPO_EDITS = 2
"""Edits allowed inside one long word: "méthologie" lacks two letters of "méthodologie"."""
MAX_TYPO_WORDS = 2
"""Words of one title that may carry a typo."""


def same_spelling(first: str, second: str) -> bool:
    """True when two spellings differ only by case, accents, punctuation or spacing."""
    return fold_for_matching(first) == fold_for_matching(second)


@lru_cache(maxsize=65536)  # a plan repeats its words (and titles) many times
def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance: the fewest one-letter insertions, deletions and substitutions."""
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i]
        for j, other in enumerate(second, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def tokens_match(first: Sequence[str], second: Sequence[str]) -> bool:
    """True when two folded titles have the same words but for a few typos in long words."""
    if len(first) != len(second) or not first:
        return False
    differing = [(one, other) for one, other in zip(first, second, strict=True) if one != other]
    if len(differing) > MAX_TYPO_WORDS:  # cheap: most different titles stop here
        return False
    return all(_is_typo(one, other) for one, other in differing)


@lru_cache(maxsize=65536)
def _is_typo(one: str, other: str) -> bool:
    """True when two different long words are a few edits apart."""
    if min(len(one), len(other)) < MIN_TYPO_WORD_LENGTH:
        return False
    return within_edits(one, other, MAX_TYPO_EDITS)


def within_edits(first: str, second: str, limit: int) -> bool:
    """``edit_distance(first, second) <= limit``, computed in the band of width ``limit``.

    Cells further than ``limit`` from the diagonal cost more than ``limit`` edits, so only the
    band is filled, and the comparison stops at the first row already beyond ``limit``: a
    few operations per letter instead of the whole table of two long words.
    """
    if abs(len(first) - len(second)) > limit:
        return False
    beyond = limit + 1  # every distance past the limit counts the same
    previous = [min(j, beyond) for j in range(len(second) + 1)]
    for i, char in enumerate(first, start=1):
        low, high = max(1, i - limit), min(len(second), i + limit)
        current = [beyond] * (len(second) + 1)
        current[0] = min(i, beyond)
        for j in range(low, high + 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char != second[j - 1]),
                beyond,
            )
        if min(current[low - 1 : high + 1]) > limit:
            return False
        previous = current
    return previous[-1] <= limit


class FirstWords:
    """A set of words, asked which of them a word may spell (``tokens_match`` on one word).

    Only words of a length a typo can bridge are compared, so asking costs a few comparisons
    rather than one per word of the set.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = set(words)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self._words):
            if len(word) >= MIN_TYPO_WORD_LENGTH:
                self._by_length[len(word)].append(word)

    def spelt_by(self, word: str) -> list[str]:
        """The words of the set ``word`` matches: itself, and those it is a typo of."""
        found = [word] if word in self._words else []
        if len(word) < MIN_TYPO_WORD_LENGTH:
            return found
        for length in range(len(word) - MAX_TYPO_EDITS, len(word) + MAX_TYPO_EDITS + 1):
            found.extend(
                other
                for other in self._by_length.get(length, ())
                if other != word and _is_typo(word, other)
            )
        return found


def same_title(first: str, second: str) -> bool:
    """True when two spellings name the same item.

    Case, accents, punctuation and spacing are ignored ("Etablir"/"Établir",
    "commune-cpas"/"commune- cpas"); up to ``MAX_TYPO_WORDS`` words of at least
    ``MIN_TYPO_WORD_LENGTH`` letters may differ by ``MAX_TYPO_EDITS`` edits each
    ("pateforme"/"plateforme", "méthologie"/"méthodologie"). Titles with different words
    ("Veiller à la santé ..."/"Veiller au bien-être ...") never match.
    """
    return tokens_match(fold_for_matching(first).split(), fold_for_matching(second).split())
