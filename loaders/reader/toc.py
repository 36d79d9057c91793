"""A table of contents: set aside before reading, then compared with what the body holds.

A table of contents lists the plan's items (and its chapters) with their page numbers ("…
9", "p.45"). It is no part of the tree: its entries are kept to check the body against them
("the table of contents lists OS 3, which the body does not have"), never read as items.
A run of at least three entries (a heading "Table des matières" or "Sommaire" above them,
entries wrapped over two lines allowed) is a table of contents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pstkg.loaders.model import Finding, ParsedPlan, Span
from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.text import Line
from pstkg.loaders.titles import same_spelling

_MIN_ENTRIES = 3
_MAX_WRAPPED = 6  # lines an entry may take before its page number


@dataclass(frozen=True)
class TocEntry:
    """One entry: its text (without leaders and page) and where it stands."""

    text: str
    page: int
    span: Span
    lines: int = 1  # how many content lines it takes


@dataclass(frozen=True)
class TableOfContents:
    """The entries, and the lines they took (set aside from the text the reader reads)."""

    entries: list[TocEntry]
    lines: set[int]


def _entry(text: str) -> tuple[str, int] | None:
    match = markers().toc_entry.match(text)
    if match is None:
        return None
    title = match.group("text") or match.group("text2")
    page = match.group("page") or match.group("page2")
    return title.strip(" .:"), int(page)


def find_tables_of_contents(lines: Sequence[Line]) -> TableOfContents:
    """Every run of entries (see the module's docstring)."""
    entries: list[TocEntry] = []
    taken: set[int] = set()
    index = 0
    while index < len(lines):
        run, after = _run_at(lines, index)
        if len(run) >= _MIN_ENTRIES:
            entries.extend(run)
            start = (
                index - 1
                if index > 0 and markers().toc_heading.match(lines[index - 1].text)
                else index
            )
            taken.update(line.number for line in lines[start:after])
            index = after
        else:
            index += 1
    return TableOfContents(entries, taken)


def _run_at(lines: Sequence[Line], index: int) -> tuple[list[TocEntry], int]:
    """The entries from ``index`` on, and the index after them."""
    run: list[TocEntry] = []
    position = index
    while position < len(lines):
        entry = _entry_at(lines, position)
        if entry is None:
            break
        run.append(entry)
        position += entry.lines
    return run, position


def _entry_at(lines: Sequence[Line], position: int) -> TocEntry | None:
    """The entry starting at ``position``, wrapped over a few lines at most, or None."""
    for size in range(1, _MAX_WRAPPED + 1):
        if position + size > len(lines):
            return None
        if not lines[position + size - 1].text[-1:].isdigit():
            continue  # an entry ends on its page number: most lines stop here
        chunk = lines[position : position + size]
        if markers().toc_heading.match(chunk[0].text):
            return None  # "Table des matières" heads the entries, it is none of them
        if size > 1 and not cue_of(chunk[0].text).structural:
            return None  # a wrapped entry opens like a heading ("Objectif opérationnel 1.1 - …")
        found = _entry(" ".join(line.text for line in chunk))
        if found is not None:
            title, page = found
            return TocEntry(title, page, Span(chunk[0].number, chunk[-1].number), size)
    return None


def check_against_body(toc: TableOfContents, plan: ParsedPlan) -> list[Finding]:
    """Differences between the entries naming objectives and the plan's objectives."""
    findings: list[Finding] = []
    by_code: dict[tuple[str, str], str | None] = {}
    for os_ in plan.strategic_objectives:
        by_code[("os", os_.code or "")] = os_.title
        for oo in os_.operational_objectives:
            by_code[("oo", oo.code or "")] = oo.title
    for entry in toc.entries:
        cue = cue_of(entry.text)
        heading = cue.heading
        if heading is None or heading.level not in ("os", "oo") or not heading.code:
            continue
        name = "OS" if heading.level == "os" else "OO"
        key = (heading.level, heading.code)
        if key not in by_code:
            findings.append(
                Finding(
                    entry.span,
                    f"the table of contents lists {name} {heading.code} ('{heading.title}'), "
                    "which the body does not have",
                )
            )
        elif (
            heading.title and by_code[key] and not same_spelling(heading.title, by_code[key] or "")
        ):
            findings.append(
                Finding(
                    entry.span,
                    f"the table of contents spells {name} {heading.code} '{heading.title}', the "
                    f"body '{by_code[key]}'",
                )
            )
    return findings
