"""Page furniture: what a page layout or a template adds to a plan's text, found and set aside.

Running headers and footers, page numbers and a template's placeholders are not the plan. They
are recognised by what every layout shares, never by one document's wording:

- a template placeholder ("Your content goes here") is a phrase of the marker table, found
  across line breaks;
- a page number is a lone number that belongs to the page-number sequence of the document, or
  sits next to another piece of furniture;
- a footer naming a council and a date ("Conseil Conjoint Ville/CPAS - 24 septembre 2019 20")
  is furniture whatever page it is on (its date is the council's, which the facts read);
- a running header or footer is a line repeated on several pages: repeated next to page
  breaks or page numbers, or written in capitals between different neighbours each time.

Lines that open something (a heading, a field, a bullet) are never furniture.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pstkg.loaders.model import Finding, Span
from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.text import Line, fold_accents, fold_for_matching, glue

_DIGITS = re.compile(r"\d+")
_TRAILING_NUMBER = re.compile(r"\s+\d{1,3}$")
_LONE_NUMBER = re.compile(r"^\d{1,3}$")
_FOOTER_MAX_LINES = 3
_HEADER_MAX_WORDS = 12


@dataclass(frozen=True)
class Furniture:
    """What was set aside: the lines kept, the findings, and the furniture lines themselves."""

    lines: list[Line]
    skipped: list[Finding]
    removed: list[Line]
    dates: list[tuple[str, Span]]
    """The dates of the council footers, with their lines, in order."""


# --------------------------------------------------------------------------- placeholders


@lru_cache(maxsize=65536)
def _word_tokens(part: str) -> tuple[str, ...]:
    return tuple(fold_for_matching(part).split())


def strip_placeholders(lines: Sequence[Line]) -> tuple[list[Line], list[Finding]]:
    """Remove template placeholders wherever line wrapping cut them.

    Returns the non-blank lines that remain (a line that held only a placeholder goes) and one
    finding per run of placeholders (a template often writes one twice in a row).
    """
    phrases = markers().placeholders
    lowered = "\n".join(line.text for line in lines).lower()
    # Each placeholder's longest word is looked for first (most documents have none), then
    # the phrase, in lower case: a pattern opening on a literal word is found at C speed.
    found = [
        match.start()
        for phrase, pattern in _placeholder_patterns()
        if max(phrase, key=len) in lowered
        for match in pattern.finditer(lowered)
    ]
    if not found:
        return [line for line in lines if line.text], []
    # Only the lines around a placeholder are read word by word.
    near = _lines_near(lowered, found)
    around = [line for index, line in enumerate(lines) if index in near]
    cleaned, skipped = _strip_words(around, phrases)
    others = [line for index, line in enumerate(lines) if index not in near and line.text]
    return sorted([*cleaned, *others], key=lambda line: line.number), skipped


def _lines_near(joined: str, offsets: list[int]) -> set[int]:
    """Indices of the lines holding a match, and of the two lines around each."""
    near: set[int] = set()
    index = previous = 0
    for offset in sorted(offsets):
        index += joined.count("\n", previous, offset)
        previous = offset
        near.update(range(max(0, index - 2), index + 4))
    return near


def _strip_words(
    lines: Sequence[Line], phrases: Sequence[tuple[str, ...]]
) -> tuple[list[Line], list[Finding]]:
    """:func:`strip_placeholders` on some lines, word by word."""
    openers = frozenset(phrase[0] for phrase in phrases)
    parts = [line.text.split() for line in lines]
    texts = [text for words in parts for text in words]
    numbers = [line.number for line, words in zip(lines, parts, strict=True) for _ in words]
    tokens = list(map(_word_tokens, texts))
    starts: list[int] = []
    position = 0
    for line, words in zip(lines, parts, strict=True):
        # Only lines holding an opening word can hold a placeholder: fold each line once.
        folded = fold_accents.__wrapped__(line.text)
        if any(opener in folded for opener in openers):
            starts.extend(
                index
                for index in range(position, position + len(words))
                if tokens[index][:1] and tokens[index][0] in openers
            )
        position += len(words)
    dropped: set[int] = set()
    skipped: list[Finding] = []
    end = 0
    previous: tuple[int, str] | None = None  # end of the last run, and its phrase
    for index in starts:
        if index < end:
            continue
        hit = _match_placeholder(tokens, index, phrases)
        if hit is None:
            continue
        end, phrase = hit
        dropped.update(range(index, end))
        span = Span(numbers[index], numbers[end - 1])
        if previous == (index, phrase):
            span = skipped.pop().span.cover(span)
        skipped.append(Finding(span, f"template placeholder '{phrase}'"))
        previous = (end, phrase)
    touched = {numbers[index] for index in dropped}
    kept: list[Line] = []
    position = 0
    for line, words in zip(lines, parts, strict=True):
        first = position
        position += len(words)
        if line.number in touched:
            words = [word for at, word in enumerate(words, first) if at not in dropped]
            if words:
                kept.append(Line(line.number, " ".join(words)))
        elif words:
            kept.append(line)
    return kept, skipped


@lru_cache(maxsize=1)
def _placeholder_patterns() -> list[tuple[tuple[str, ...], re.Pattern[str]]]:
    """Each placeholder of the table, in lower case, its words apart by any spacing or line
    break."""
    return [
        (phrase, re.compile(r"\W+".join(map(re.escape, phrase))))
        for phrase in markers().placeholders
    ]


def _match_placeholder(
    tokens: Sequence[tuple[str, ...]], start: int, phrases: Sequence[tuple[str, ...]]
) -> tuple[int, str] | None:
    """Where a placeholder starting at ``start`` ends (punctuation after it included)."""
    for phrase in phrases:
        got: list[str] = []
        end = start
        while end < len(tokens) and len(got) < len(phrase):
            if not tokens[end] and not got:
                break
            got.extend(tokens[end])
            end += 1
        if tuple(got) != phrase:
            continue
        while end < len(tokens) and not tokens[end]:  # the ".." after the placeholder
            end += 1
        return end, " ".join(phrase)
    return None


# --------------------------------------------------------------------------- page furniture


def council_footer(text: str) -> str | None:
    """A whole line naming a council and its date -> the date as ISO 8601, else None."""
    table = markers()
    match = table.facts["council"].match(text)
    if match is None:
        return None
    month = table.months.get(fold_for_matching(match.group("month")))
    if month is None:
        return None
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


def _footer_at(lines: Sequence[Line], index: int) -> tuple[str, int] | None:
    """A dated council footer starting at ``index`` (wrapped over up to three lines, its page
    number alone on the next line): its date and the index after it, else None."""
    text = lines[index].text
    if text[:7].lower() != "conseil" or not fold_for_matching(text).startswith("conseil "):
        return None
    text = ""
    for end in range(index, min(index + _FOOTER_MAX_LINES, len(lines))):
        text = glue(text, lines[end].text)
        date = council_footer(text)
        if date is None:
            continue
        after = end + 1
        council = markers().facts["council"].match(text)
        has_page = council is not None and council.group("page")
        if after < len(lines) and _LONE_NUMBER.match(lines[after].text) and not has_page:
            after += 1
        return date, after
    return None


def _page_number_sequence(lines: Sequence[Line]) -> set[int]:
    """Indices of lone numbers forming the document's page numbering (three or more, rising).

    A lone number elsewhere may end a wrapped title ("… recours à l'art." / "61").
    """
    candidates = [
        (index, int(digits.group(0)))
        for index, line in enumerate(lines)
        if markers().page_number.match(line.text) and (digits := _DIGITS.search(line.text))
    ]
    if len(candidates) < 3:
        return set()
    # The longest run of strictly rising numbers, in document order (patience sorting).
    best: list[list[tuple[int, int]]] = []
    for candidate in candidates:
        chains = [chain for chain in best if chain[-1][1] < candidate[1]]
        longest = max(chains, key=len, default=[])
        best.append([*longest, candidate])
    chain = max(best, key=len)
    return {index for index, _ in chain} if len(chain) >= 3 else set()


def _masked(text: str) -> str:
    return _DIGITS.sub("#", _TRAILING_NUMBER.sub("", text))


def _repeated(
    lines: Sequence[Line], near_break: set[int], furniture: set[int], pages: int
) -> set[int]:
    """Indices of running headers and footers (see the module's docstring).

    A candidate is short, opens no structure, starts with a capital and is no sentence (it
    does not end with a full stop). It is a running header or footer when every occurrence
    stands at a page break (at a page's start or end, or next to a page number), from two
    occurrences on; or, in capitals, when it comes back three times between different
    neighbours (a slide deck's "PST", whose pages are not marked).
    """
    occurrences: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        text = line.text
        if text[:1].isupper() and text[-1:] != "." and text.count(" ") < _HEADER_MAX_WORDS:
            occurrences[_masked(text)].append(index)
    found: set[int] = set()
    minimum = markers().repeated_min
    # A running header or footer is on most pages: on half of them at least.
    on_pages = max(2, (pages + 1) // 2)
    for indices in occurrences.values():
        if len(indices) < 2 or cue_of(lines[indices[0]].text).structural:
            continue
        at_breaks = sum(1 for i in indices if i in near_break or {i - 1, i + 1} & furniture)
        if at_breaks == len(indices) and len(indices) >= on_pages:
            found.update(indices)
            continue
        if len(indices) < minimum:
            continue
        previous = {lines[i - 1].text for i in indices if i > 0}
        following = {lines[i + 1].text for i in indices if i + 1 < len(lines)}
        if len(previous) < len(indices) * 2 / 3 or len(following) < len(indices) * 2 / 3:
            continue  # the same neighbours each time: a repeated block of the plan itself
        text = lines[indices[0]].text
        if not any(ch.islower() for ch in text) and sum(map(str.isupper, text)) >= 2:
            found.update(indices)
    return found


def set_aside(lines: Sequence[Line], page_starts: frozenset[int] = frozenset()) -> Furniture:
    """Separate page furniture from the plan's lines (``lines`` are non-blank)."""
    kept, skipped = strip_placeholders(lines)
    furniture: dict[int, str] = {}
    dates: list[tuple[str, Span]] = []
    index = 0
    while index < len(kept):
        footer = _footer_at(kept, index)
        if footer is not None:
            date, after = footer
            furniture.update((i, "page footer (council and date)") for i in range(index, after))
            dates.append((date, Span(kept[index].number, kept[after - 1].number)))
            index = after
        else:
            index += 1
    for index in _page_number_sequence(kept):
        furniture.setdefault(index, "page number")
    for index, line in enumerate(kept):  # "Page 3 / 12", "- 3 -": a page number whatever
        if not _LONE_NUMBER.match(line.text) and markers().page_number.match(line.text):
            furniture.setdefault(index, "page number")
    starts = {i for i, line in enumerate(kept) if line.number in page_starts}
    # A page's first line and the line before it stand at the break, and so does furniture.
    breaks = starts | {i - 1 for i in starts} | set(furniture)
    pages = max(len(starts), sum(1 for reason in furniture.values() if reason == "page number"))
    for index in _repeated(kept, breaks, set(furniture), pages + 1):
        furniture.setdefault(index, "running header or footer")
    for index, line in enumerate(kept):  # a lone number next to furniture is its page number
        lone = index not in furniture and _LONE_NUMBER.match(line.text)
        if lone and {index - 1, index + 1} & set(furniture):
            furniture[index] = "page number"
    removed = [kept[i] for i in sorted(furniture)]
    skipped.extend(_runs(kept, furniture))
    return Furniture(
        [line for i, line in enumerate(kept) if i not in furniture],
        sorted(skipped, key=lambda finding: finding.span.first_line),
        removed,
        dates,
    )


def _runs(lines: Sequence[Line], furniture: dict[int, str]) -> list[Finding]:
    """One finding per run of consecutive furniture lines of the same kind."""
    findings: list[Finding] = []
    previous: tuple[int, str] | None = None
    for index in sorted(furniture):
        reason = furniture[index]
        number = lines[index].number
        joined = previous is not None and previous == (index - 1, reason)
        if joined or (previous and previous[0] == index - 1 and reason == "page number"):
            findings[-1] = Finding(
                findings[-1].span.cover(Span(number, number)), findings[-1].message
            )
        else:
            findings.append(Finding(Span(number, number), reason))
        previous = (index, reason)
    return findings
