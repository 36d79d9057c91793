"""Objectives: the OP table, the list "OS, OO et Projets", and the links between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pstkg.errors import InputError
from pstkg.loaders.layouts.fiches.context import Context
from pstkg.loaders.layouts.fiches.fiche import ParsedFiche
from pstkg.loaders.layouts.fiches.items import split_items
from pstkg.loaders.layouts.fiches.rules import (
    CONSTAT,
    OP_TABLE_NONE,
    ROMAN_HEADING,
    match_oo_header,
    match_op_row,
    match_op_table_os,
    match_os_header,
)
from pstkg.loaders.layouts.fiches.segments import (
    KnownTitles,
    Word,
    best_match,
    join_words,
    known_titles,
    match_at,
    segment_titles,
    words_of,
    words_span,
    words_text,
)
from pstkg.loaders.model import (
    OperationalObjective,
    ParsedPlan,
    PoliticalObjective,
    Span,
    StrategicObjective,
)
from pstkg.loaders.text import Line, fold_for_matching

# --------------------------------------------------------------------------- OP table


@dataclass
class OpTable:
    """The OP table: the OP, the OS each maps to, and the OS titles as the table writes them."""

    political_objectives: list[PoliticalObjective] = field(default_factory=list)
    os_of_op: dict[str, list[str]] = field(default_factory=dict)
    os_titles: list[tuple[str, str, Span]] = field(default_factory=list)


def parse_op_table(lines: Sequence[Line]) -> OpTable:
    """Read the OP table: OP rows, each followed by the OS it maps to ("-" for none).

    OP rows are numbered 1, 2, 3 ...: a row is only taken when it carries the next number,
    so a "Constat" line that wrapped before a digit cannot pass for one. An OP title runs
    from its row to the first OS line, "-" or "Constat"; an OS line's title runs to the
    next of those.
    """
    table = OpTable()
    op_lines: list[Line] = []  # the OP row being read, and its wrapped title
    os_lines: list[Line] = []  # the OS line being read, and its wrapped title
    for line in lines:
        row = match_op_row(line.text)
        if row is not None and row[0] == str(len(table.os_of_op) + 1):
            _close_op_row(op_lines, table)
            _close_op_table_os(os_lines, table)
            op_lines, os_lines = [line], []
            table.os_of_op[row[0]] = []
            continue
        if ROMAN_HEADING.match(line.text):
            break
        os_code = match_op_table_os(line.text)
        if os_code is not None or OP_TABLE_NONE.match(line.text) or CONSTAT.match(line.text):
            _close_op_row(op_lines, table)
            _close_op_table_os(os_lines, table)
            op_lines, os_lines = [], []
            if os_code is not None and table.os_of_op:
                table.os_of_op[list(table.os_of_op)[-1]].append(os_code)
                os_lines = [line]
        elif op_lines:
            op_lines.append(line)
        elif os_lines:
            os_lines.append(line)
    _close_op_row(op_lines, table)
    _close_op_table_os(os_lines, table)
    return table


def _close_op_row(lines: Sequence[Line], table: OpTable) -> None:
    if not lines:
        return
    code, title = match_op_row(lines[0].text) or ("", "")
    text = join_words([title, *(line.text for line in lines[1:])])
    span = Span(lines[0].number, lines[-1].number)
    table.political_objectives.append(PoliticalObjective(code, text, span))


def _close_op_table_os(lines: Sequence[Line], table: OpTable) -> None:
    if not lines:
        return
    code = match_op_table_os(lines[0].text) or ""
    title = join_words(line.text for line in lines).removeprefix(code).lstrip(" -")
    table.os_titles.append((code, title, Span(lines[0].number, lines[-1].number)))


# --------------------------------------------------------------------------- OS/OO list


@dataclass
class ListedItem:
    """A title as an OO list (or an enjeu list) writes it; ``known`` indexes the dictionary."""

    text: str
    span: Span
    known: int | None


@dataclass
class ListedOO:
    """An OO of the list "OS, OO et Projets" and the titles listed under it."""

    objective: OperationalObjective
    items: list[ListedItem]


@dataclass
class ListedOS:
    """An OS of the list "OS, OO et Projets" and its OO, in list order."""

    objective: StrategicObjective
    oos: list[ListedOO]


def _header_blocks(lines: Sequence[Line]) -> list[tuple[str, str, list[Line]]]:
    """Cut the list into (kind, code, lines) blocks, kind "os" or "oo".

    The header line is given without its code, so a block's lines spell the title and what
    follows it up to the next header.
    """
    blocks: list[tuple[str, str, list[Line]]] = []
    for line in lines:
        os_header = match_os_header(line.text)
        oo_header = match_oo_header(line.text) if os_header is None else None
        if os_header is not None:
            blocks.append(("os", os_header[0], [Line(line.number, os_header[1])]))
        elif oo_header is not None:
            blocks.append(("oo", oo_header[0], [Line(line.number, oo_header[1])]))
        elif blocks:
            blocks[-1][2].append(line)
    return blocks


def _oo_title_end(
    ctx: Context,
    words: Sequence[Word],
    fiche_titles: Sequence[str],
    known: KnownTitles,
) -> int:
    """How many of an OO block's words spell the OO title, the rest being projects.

    The title the OO's fiches give is matched first; failing that, the title runs to the
    first line that starts with a known project title; failing that (an OO without known
    projects), it is the first item by ``split_items``.
    """
    found = [match_at(words, 0, fold_for_matching(title).split()) for title in fiche_titles]
    ends = [end for end in found if end is not None]
    if ends:
        return max(ends)
    for index in range(1, len(words)):
        starts_line = words[index].line != words[index - 1].line
        if starts_line and best_match(words, index, known) is not None:
            return index
    first_item = split_items(ctx.pieces(words), ctx.width)[:1]
    if not first_item:
        return len(words)
    last_line = first_item[0][1].last_line
    return sum(1 for word in words if word.line <= last_line)


def list_items(
    ctx: Context, words: Sequence[Word], known: Sequence[Sequence[str]] | KnownTitles
) -> list[ListedItem]:
    """The titles of a list: known titles, and unknown text split into items by lines."""
    items: list[ListedItem] = []
    for segment in segment_titles(words, known):
        if segment.known is not None:
            items.append(
                ListedItem(words_text(segment.words), words_span(segment.words), segment.known)
            )
        elif any(word.tokens for word in segment.words):  # not a stray "-" or "..."
            for text, span in split_items(ctx.pieces(segment.words), ctx.width):
                items.append(ListedItem(text, span, None))
    return items


def read_objective_list(
    ctx: Context,
    lines: Sequence[Line],
    known: Sequence[Sequence[str]],
    fiche_oo_titles: dict[str, list[str]],
) -> list[ListedOS]:
    """Read the list "OS, OO et Projets" into OS, their OO and the OO's listed items.

    The OS header is repeated before each OO: a repeat is the same OS (its spelling is kept
    as a title variant), and the OO that follows belongs to it.
    """
    indexed = known_titles(known)
    listed: list[ListedOS] = []
    by_code: dict[str, ListedOS] = {}
    current: ListedOS | None = None
    for kind, code, block in _header_blocks(lines):
        words = words_of(block)
        if kind == "os":
            current = by_code.get(code)
            if current is not None:
                current.objective.title_variants.append(words_text(words))
                continue
            current = ListedOS(StrategicObjective(code, words_text(words), words_span(words)), [])
            by_code[code] = current
            listed.append(current)
            continue
        if current is None:
            ctx.warn(words_span(words), f"OO {code} comes before any OS; it is ignored")
            continue
        end = _oo_title_end(ctx, words, fiche_oo_titles.get(code, []), indexed)
        title_words = words[:end] or words[:1]
        oo = OperationalObjective(code, words_text(title_words), words_span(title_words))
        if code[0] != (current.objective.code or "?")[0]:
            ctx.warn(oo.span, f"OO {code} is listed under OS {current.objective.code}")
        current.oos.append(ListedOO(oo, list_items(ctx, words[len(title_words) :], indexed)))
    return listed


def require_projects(
    ctx: Context,
    list_lines: Sequence[Line],
    listed: Sequence[ListedOS],
    fiches: Sequence[ParsedFiche],
) -> None:
    """OS/OO headings without any project, or without any fiche, is a plan cut short."""
    if not listed:
        raise InputError(
            ctx.source.path,
            "the list 'OS, OO et Projets' holds no OS heading ('100. Être un CPAS ...')",
            line=list_lines[0].number if list_lines else None,
        )
    if not fiches and not any(oo.items for os_ in listed for oo in os_.oos):
        raise ctx.truncated("OS and OO headings but no project", list_lines[-1].number)
    if not fiches:
        last = max(ctx.physical)
        raise ctx.truncated("no project fiche ('Projet ...' then 'Objectif politique')", last)


# ------------------------------------------------------------------- links and title variants


def link_political_objectives(
    ctx: Context, plan: ParsedPlan, table: OpTable, fiches: Sequence[ParsedFiche]
) -> None:
    """Set each OS's OP from the OP table; report fiches that link an OS to another OP."""
    by_code = {os_.code: os_ for os_ in plan.strategic_objectives}
    for op_code, os_codes in table.os_of_op.items():
        for os_code in os_codes:
            os_ = by_code.get(os_code)
            if os_ is not None and op_code not in os_.political_objectives:
                os_.political_objectives.append(op_code)
    disagreeing: dict[tuple[str, str], list[ParsedFiche]] = defaultdict(list)
    for parsed in fiches:
        os_ = by_code.get(parsed.fiche.strategic_objective)
        op = parsed.fiche.political_objective
        if os_ is not None and op and op not in os_.political_objectives:
            disagreeing[(os_.code or "", op)].append(parsed)
    for (os_code, op_code), group in disagreeing.items():
        mapped = ", ".join(by_code[os_code].political_objectives) or "none"
        ctx.warn(
            group[0].fiche.span,
            f"{len(group)} fiche(s) link OS {os_code} to OP {op_code} (first: "
            f"'{group[0].title}'), but the OP table links OS {os_code} to OP {mapped}",
        )


def collect_objective_variants(
    plan: ParsedPlan, table: OpTable | None, fiches: Sequence[ParsedFiche]
) -> None:
    """Other spellings of OS and OO titles, in document order: OP table, list, fiches."""
    os_spellings: dict[str | None, list[tuple[int, str]]] = defaultdict(list)
    oo_spellings: dict[str | None, list[tuple[int, str]]] = defaultdict(list)
    for os_code, title, span in table.os_titles if table is not None else []:
        os_spellings[os_code].append((span.first_line, title))
    for os_ in plan.strategic_objectives:
        # repeated list headers (collected while reading the list) rank with the first one
        os_spellings[os_.code].extend((os_.span.first_line, t) for t in os_.title_variants)
    for parsed in fiches:
        line = parsed.fiche.span.first_line
        if parsed.os_title:
            os_spellings[parsed.fiche.strategic_objective].append((line, parsed.os_title))
        if parsed.oo_title:
            oo_spellings[parsed.fiche.operational_objective].append((line, parsed.oo_title))
    for os_ in plan.strategic_objectives:
        os_.title_variants = distinct(os_.title, os_spellings[os_.code])
    for oo in plan.operational_objectives():
        oo.title_variants = distinct(oo.title, oo_spellings[oo.code])


def distinct(canonical: str | None, spellings: Iterable[tuple[int, str]]) -> list[str]:
    """The spellings other than ``canonical``, once each, in order of their line."""
    result: list[str] = []
    for _, variant in sorted(spellings, key=lambda spelling: spelling[0]):
        if variant != canonical and variant not in result:
            result.append(variant)
    return result
