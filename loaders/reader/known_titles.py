"""Words of the source, and known titles found in them whatever the wrapping.

A list is read as a run of words, each remembering its line, so a title is found wherever
the PDF wrapped or glued it: ``segment_titles`` cuts a list into the titles a plan names
elsewhere (its fiches), whatever the line breaks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pstkg.loaders.model import Span
from pstkg.loaders.reader.wrapping import join_texts
from pstkg.loaders.text import Line, fold_for_matching
from pstkg.loaders.titles import FirstWords, tokens_match

# --------------------------------------------------------------------------- words


class Word(NamedTuple):
    """A word of the source, the line it stands on, and its folded tokens."""

    # A named tuple rather than a frozen dataclass: a plan has tens of thousands of words, and
    # building a frozen dataclass costs several times more.
    text: str
    line: int
    tokens: tuple[str, ...]


@lru_cache(maxsize=65536)  # plans repeat their words: fold each spelling once
def _word_tokens(part: str) -> tuple[str, ...]:
    return tuple(fold_for_matching(part).split())


def words_of(lines: Iterable[Line]) -> list[Word]:
    """The words of some lines, in order."""
    return [
        Word(part, line.number, _word_tokens(part)) for line in lines for part in line.text.split()
    ]


def join_words(texts: Iterable[str]) -> str:
    """Join words or wrapped pieces as :func:`wrapping.join_texts` does."""
    return join_texts(text for text in texts if text)


def words_text(words: Sequence[Word]) -> str:
    """The text of some words, as ``join_words`` joins them."""
    return join_words(word.text for word in words)


def words_span(words: Sequence[Word]) -> Span:
    """The lines from the first to the last of some words."""
    return Span(words[0].line, words[-1].line)


def match_at(words: Sequence[Word], start: int, tokens: Sequence[str]) -> int | None:
    """The end (exclusive) of the words from ``start`` that spell ``tokens``, else None."""
    first = words[start].tokens[:1] if start < len(words) else ()
    if not first or not tokens or not tokens_match(first, tokens[:1]):
        return None  # most attempts fail here, before reading further
    got: list[str] = []
    end = start
    while end < len(words) and len(got) < len(tokens):
        got.extend(words[end].tokens)
        end += 1
    return end if tokens_match(got, tokens) else None


class KnownTitles:
    """Folded titles (token lists), indexed by their first token.

    A title can only start at a word whose first token is its first token, or a typo of it
    (``tokens_match``): the index hands each start the few titles it may begin, in their
    order, instead of every title of the plan.
    """

    def __init__(self, titles: Sequence[Sequence[str]]) -> None:
        self.titles = titles
        self._by_first: dict[str, list[int]] = defaultdict(list)
        for index, tokens in enumerate(titles):
            if tokens:
                self._by_first[tokens[0]].append(index)
        self._first_words = FirstWords(self._by_first)
        self._starting: dict[str, list[int]] = {}

    def starting_with(self, first: str) -> list[int]:
        """Indices (ascending) of the titles whose first token ``first`` may spell."""
        found = self._starting.get(first)
        if found is None:
            found = sorted(
                index
                for token in self._first_words.spelt_by(first)
                for index in self._by_first[token]
            )
            self._starting[first] = found
        return found


def known_titles(known: Sequence[Sequence[str]] | KnownTitles) -> KnownTitles:
    """``known`` indexed, if it is not already."""
    return known if isinstance(known, KnownTitles) else KnownTitles(known)


def best_match(
    words: Sequence[Word], start: int, known: Sequence[Sequence[str]] | KnownTitles
) -> tuple[int, int] | None:
    """The longest known title spelt from ``start``, as (index in ``known``, end)."""
    indexed = known_titles(known)
    first = words[start].tokens[:1] if start < len(words) else ()
    if not first:
        return None
    titles = indexed.titles
    best: tuple[int, int] | None = None
    for index in indexed.starting_with(first[0]):
        tokens = titles[index]
        end = match_at(words, start, tokens)
        if end is not None and (best is None or len(tokens) > len(titles[best[0]])):
            best = (index, end)
    return best


@dataclass
class Segment:
    """A run of list words: one known title (``known`` is its index), or unrecognised text."""

    words: list[Word]
    known: int | None


def segment_titles(
    words: Sequence[Word], known: Sequence[Sequence[str]] | KnownTitles
) -> list[Segment]:
    """Cut a list's words into known titles (longest first) and runs of unknown text.

    ``known`` holds folded titles (token lists). A known title may start at any capitalised
    word, not only at a line start: that is how two titles glued on one line ("...
    gouvernance Formaliser ...") come apart, and why the cut does not depend on wrapping.
    """
    known = known_titles(known)
    segments: list[Segment] = []
    unknown: list[Word] = []
    index = 0
    while index < len(words):
        opens = words[index].text[:1].isupper() or words[index].text[:1].isdigit()
        hit = best_match(words, index, known) if opens else None
        if hit is None:
            unknown.append(words[index])
            index += 1
            continue
        if unknown:
            segments.append(Segment(unknown, None))
            unknown = []
        segments.append(Segment(list(words[index : hit[1]]), hit[0]))
        index = hit[1]
    if unknown:
        segments.append(Segment(unknown, None))
    return segments
