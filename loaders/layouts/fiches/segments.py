"""Words of the source, and known word sequences found in them whatever the wrapping.

A list is read as a run of words, each remembering its line, so a title is found wherever
the PDF wrapped or glued it: ``segment_titles`` cuts a list into known titles, and
``strip_noise`` removes the template's placeholders and page headers the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pstkg.loaders.model import Finding, Span
from pstkg.loaders.text import Line, fold_for_matching
from pstkg.loaders.titles import tokens_match

# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class Word:
    """A word of the source, the line it stands on, and its folded tokens."""

    text: str
    line: int
    tokens: tuple[str, ...]


def words_of(lines: Iterable[Line]) -> list[Word]:
    """The words of some lines, in order."""
    return [
        Word(part, line.number, tuple(fold_for_matching(part).split()))
        for line in lines
        for part in line.text.split()
    ]


# A letter, a hyphen, a space, a letter: a compound the PDF cut at its hyphen ("socio-" /
# "professionnelle") or written with a stray space ("commune- cpas").
_BROKEN_COMPOUND = re.compile(r"(?<=[^\W\d_])- +(?=[^\W\d_])")


def join_words(texts: Iterable[str]) -> str:
    """Join wrapped pieces with one space, a compound cut at its hyphen made whole again.

    One space is the exact inverse of wrapping at spaces, and mending the compound whatever
    its spacing makes "commune- cpas", "commune-" / "cpas" and "commune-cpas" one spelling:
    the text does not depend on where a line was wrapped.
    """
    return _BROKEN_COMPOUND.sub("-", " ".join(text for text in texts if text))


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


def best_match(
    words: Sequence[Word], start: int, known: Sequence[Sequence[str]]
) -> tuple[int, int] | None:
    """The longest known title spelt from ``start``, as (index in ``known``, end)."""
    best: tuple[int, int] | None = None
    for index, tokens in enumerate(known):
        end = match_at(words, start, tokens)
        if end is not None and (best is None or len(tokens) > len(known[best[0]])):
            best = (index, end)
    return best


@dataclass
class Segment:
    """A run of list words: one known title (``known`` is its index), or unrecognised text."""

    words: list[Word]
    known: int | None


def segment_titles(words: Sequence[Word], known: Sequence[Sequence[str]]) -> list[Segment]:
    """Cut a list's words into known titles (longest first) and runs of unknown text.

    ``known`` holds folded titles (token lists). A known title may start at any capitalised
    word, not only at a line start: that is how two titles glued on one line ("...
    gouvernance Formaliser ...") come apart, and why the cut does not depend on wrapping.
    """
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


# --------------------------------------------------------------------------- noise


# Noise the PDF template leaves in the text, as folded word sequences: matched across line
# breaks so that any wrapping of "Your content goes here .." is recognised.
_NOISE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("your", "content", "goes", "here"), "template placeholder 'Your content goes here'"),
    (("annexes", "fiches", "projets"), "page header 'Annexes - Fiches projets'"),
)


def strip_noise(lines: Sequence[Line]) -> tuple[list[Line], list[Finding]]:
    """Remove template placeholders and page headers, wherever line wrapping cut them.

    Returns the non-blank lines that remain (a line that held only noise disappears) and
    one finding per run of noise (the placeholder is usually written twice in a row).
    """
    words = words_of(lines)
    dropped: set[int] = set()
    skipped: list[Finding] = []
    index = 0
    previous: tuple[int, str] | None = None  # end of the last noise run, and its reason
    while index < len(words):
        hit = _match_noise(words, index)
        if hit is None:
            index += 1
            continue
        end, reason = hit
        dropped.update(range(index, end))
        span = words_span(words[index:end])
        if previous == (index, reason):
            span = skipped.pop().span.cover(span)
        skipped.append(Finding(span, f"skipped {reason}"))
        previous = (end, reason)
        index = end
    kept: dict[int, list[str]] = defaultdict(list)
    for position, word in enumerate(words):
        if position not in dropped:
            kept[word.line].append(word.text)
    return [Line(number, " ".join(texts)) for number, texts in sorted(kept.items())], skipped


def _match_noise(words: Sequence[Word], start: int) -> tuple[int, str] | None:
    """Where a noise passage starting at ``start`` ends, punctuation after it included."""
    for pattern, reason in _NOISE:
        got: list[str] = []
        end = start
        while end < len(words) and len(got) < len(pattern):
            if not words[end].tokens and not got:
                break
            got.extend(words[end].tokens)
            end += 1
        if tuple(got) != pattern:
            continue
        while end < len(words) and not words[end].tokens:  # the ".." after the placeholder
            end += 1
        return end, reason
    return None
