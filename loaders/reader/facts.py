"""The plan's facts, where its text states them: title, CPAS, législature, values, evaluations.

They are read from the method text (everything outside the tree, the OP table, the lists and
the fiches) joined into running text, so that a fact is found wherever the PDF wrapped it:

- the title "Programme Stratégique Transversal [du CPAS de X] (2019)" or "… 2019 - 2024";
- the CPAS: the one the title names, else the first "CPAS d'X" / "CPAS DE X" of the text;
- the législature: the earliest of the title's years, "législature 2018-2024", or years alone
  on a cover line;
- the values: "les valeurs … sont a, b et c.", a list after "… valeurs suivantes :", or the
  short lines under a "Nos valeurs" heading;
- the evaluations it plans: at mid-term, at the end, every year;
- the council's date, from a footer or a cover line naming the council and a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pstkg.loaders.model import Finding, ParsedPlan, Span, Stated
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.items import BULLET
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.wrapping import (
    TextWindow,
    group_units,
    join_texts,
    name_as_title,
    starts_with_capital,
    words,
)
from pstkg.loaders.text import Line, fold_for_matching

_ENUMERATION_COMMA = re.compile(r",\s*")
_TRAILING_LIST_PUNCTUATION = re.compile(r"\s*[;.]\s*$")
_COVER_LINES = 40


def read_facts(
    reading: Reading, lines: Sequence[Line], plan: ParsedPlan, dates: Sequence[tuple[str, Span]]
) -> set[int]:
    """Set the plan's facts from its method text; returns the lines a fact was read from."""
    table = markers().facts
    window = TextWindow(lines)
    used: set[int] = set()
    title = window.search(table["title"])
    if title is not None:
        span = window.span(title.start(), title.end())
        plan.title = Stated(title.group(0).strip(), span)
        used.update(range(span.first_line, span.last_line + 1))
        if title.group("name"):
            name = title.group("name").strip()
            name_span = window.span(title.start("name"), title.end("name"))
            plan.cpas = Stated(name_as_title(name), name_span)
    if plan.cpas is None and (cpas := window.search(table["cpas"])) is not None:
        name = cpas.group("name")
        written = cpas.group(0) if not name.isupper() else name_as_title(name)
        plan.cpas = Stated(written, window.span(*cpas.span()))
    plan.legislature = _legislature(window, lines, title)
    plan.values = _values(lines, window)
    used.update(
        n for value in plan.values for n in range(value.span.first_line, value.span.last_line + 1)
    )
    plan.evaluations = _evaluations(window)
    if dates:
        first_date, first_span = dates[0]
        plan.council_date = Stated(first_date, first_span)
        for date, span in dates[1:]:
            if date != first_date:
                reading.warn(span, f"footer dated {date}, earlier footers {first_date}")
    return used


def _legislature(
    window: TextWindow, lines: Sequence[Line], title: re.Match[str] | None
) -> Stated[str] | None:
    """The earliest statement of the législature's years."""
    table = markers().facts
    found: list[tuple[int, Stated[str]]] = []
    if title is not None and title.group("first"):
        span = window.span(title.start(), title.end())
        found.append((title.start(), Stated(f"{title.group('first')}-{title.group('last')}", span)))
    written = window.search(table["legislature"])
    if written is not None:
        years = f"{written.group('first')}-{written.group('last')}"
        found.append((written.start(), Stated(years, window.span(*written.span()))))
    for line in lines[:_COVER_LINES]:
        cover = table["cover_years"].match(line.text)
        if cover is not None:
            years = f"{cover.group('first')}-{cover.group('last')}"
            offset = window.offset_of(line.number)
            found.append((offset, Stated(years, Span(line.number, line.number))))
            break
    return min(found, key=lambda pair: pair[0])[1] if found else None


# --------------------------------------------------------------------------- values


def _values(lines: Sequence[Line], window: TextWindow) -> list[Stated[str]]:
    """The institution's values, in the first of the three forms the text uses."""
    return (
        _values_in_a_sentence(window)
        or _values_after_an_intro(lines, window)
        or _values_under_a_heading(lines)
    )


def split_enumeration(text: str) -> list[tuple[int, int]]:
    """Offsets of the items of "a, b, c et d": commas part them, the last "et" parts the last two.

    Only the last item is split at " et ": inside earlier items "et" belongs to the item
    ("le respect de soi et des autres").
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for comma in _ENUMERATION_COMMA.finditer(text):
        bounds.append((start, comma.start()))
        start = comma.end()
    conjunction = text.rfind(" et ", start)
    if conjunction >= 0:
        bounds.extend([(start, conjunction), (conjunction + len(" et "), len(text))])
    else:
        bounds.append((start, len(text)))
    return [(first, last) for first, last in bounds if text[first:last].strip()]


def _values_in_a_sentence(window: TextWindow) -> list[Stated[str]]:
    """ "les valeurs essentielles sont le respect …, … et l'équité." """
    match = window.search(markers().facts["values_sentence"])
    if match is None:
        return []
    offset = match.start("list")
    values = []
    for first, last in split_enumeration(match.group("list")):
        value = match.group("list")[first:last].strip()
        values.append(Stated(value, window.span(offset + first, offset + last)))
    return values


def _values_after_an_intro(lines: Sequence[Line], window: TextWindow) -> list[Stated[str]]:
    """The bullets after "… adhère aux valeurs suivantes :"."""
    intro = window.search(markers().facts["values_list_intro"])
    if intro is None:
        return []
    after = window.span(*intro.span()).last_line
    values: list[Stated[str]] = []
    current: list[Line] = []
    for line in (line for line in lines if line.number > after):
        if BULLET.match(line.text):
            values.extend(_close_value(current))
            current = [Line(line.number, BULLET.sub("", line.text))]
        elif current and not current[-1].text.endswith("."):
            current.append(line)
        else:
            break
    values.extend(_close_value(current))
    return values


def _close_value(lines: list[Line]) -> list[Stated[str]]:
    if not lines:
        return []
    text = _TRAILING_LIST_PUNCTUATION.sub("", join_texts(line.text for line in lines))
    return [Stated(text, Span(lines[0].number, lines[-1].number))]


def _values_under_a_heading(lines: Sequence[Line]) -> list[Stated[str]]:
    """The short lines under a "Nos valeurs" heading, up to its caption or a longer line."""
    table = markers()
    units = group_units(lines, starts_with_capital)
    start = next(
        (
            i
            for i, unit in enumerate(units)
            if fold_for_matching(unit.text) in table.values_headings
        ),
        None,
    )
    if start is None:
        return []
    values: list[Stated[str]] = []
    for unit in units[start + 1 :]:
        if fold_for_matching(unit.text).startswith(table.values_caption):
            break
        if len(words(unit.text)) > table.values_max_words:
            break
        values.append(Stated(unit.text, unit.span))
    return values


# --------------------------------------------------------------------------- evaluations


def _evaluations(window: TextWindow) -> list[Stated[str]]:
    """The evaluations the plan plans: every year, at mid-term, at the end."""
    table = markers().facts
    found = []
    for key, value in (
        ("evaluation_annual", "annual"),
        ("evaluation_mid_term", "mid-term"),
        ("evaluation_final", "final"),
    ):
        match = window.search(table[key])
        if match is not None:
            found.append(Stated(value, window.span(*match.span())))
    return found


def text_skipped(lines: Sequence[Line], used: set[int]) -> Iterator[Finding]:
    """The method text, as skipped runs (the lines a fact was read from excepted)."""
    run: list[Line] = []
    for line in lines:
        if line.number in used:
            if run:
                yield Finding(Span(run[0].number, run[-1].number), "method text (facts read)")
            run = []
        else:
            run.append(line)
    if run:
        yield Finding(Span(run[0].number, run[-1].number), "method text (facts read)")
