"""``read_plan``: a decoded document in, the plan's tree out (see the package's docstring)."""

from __future__ import annotations

import re
from collections import defaultdict

from pstkg.errors import InputError
from pstkg.loaders.model import ItemKind, ParsedPlan, Span
from pstkg.loaders.reader import checks
from pstkg.loaders.reader.assemble import Assembly, to_model
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.crossrefs import enjeu_lists, read_enjeu_lists
from pstkg.loaders.reader.facts import read_facts, text_skipped
from pstkg.loaders.reader.fiches import (
    check_last_fiche,
    cut_detached,
    fiche_mentions,
    known_fiche_titles,
)
from pstkg.loaders.reader.furniture import set_aside
from pstkg.loaders.reader.glued import split_glued
from pstkg.loaders.reader.items import wrap_width
from pstkg.loaders.reader.known_titles import KnownTitles
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.mentions import Mention
from pstkg.loaders.reader.optable import OpTable, read_op_table
from pstkg.loaders.reader.regions import Region, find_regions, has_themes
from pstkg.loaders.reader.summary import describe_markers, layout_style
from pstkg.loaders.reader.tables import linearise
from pstkg.loaders.reader.toc import check_against_body, find_tables_of_contents
from pstkg.loaders.reader.tree import Shape, TreeReader
from pstkg.loaders.text import Line, SourceText, fold_for_matching


def read_plan(source: SourceText, strict: bool = True) -> ParsedPlan:
    """Read a plan's tree, fiches and facts from its normalised text.

    Raises InputError naming the file and line when the document is not a plan, or a plan
    cut short; what it could read and could not is said in the message. With ``strict``
    false, a plan cut short or without actions is read as far as it goes, the refusal
    becoming a warning (``pst draft`` makes a template to complete of it); a text with no
    objective at all is still refused.
    """
    content = source.content_lines()
    if not content:
        raise InputError(source.path, "the file holds no text")
    furniture = set_aside(content, source.page_starts)
    lines, table_findings, tables = linearise(source, furniture.lines)
    contents = find_tables_of_contents(lines)
    lines = [line for line in lines if line.number not in contents.lines]
    lines, glued = split_glued(lines)
    lines, marked_up = strip_markup(lines)
    if not lines:
        raise InputError(source.path, "the file holds only page furniture, no text")
    reading = Reading(source, lines, width=0, furniture=furniture.removed, strict=strict)
    reading.skipped.extend(furniture.skipped)
    reading.skipped.extend(table_findings)
    if tables:
        reading.used("table columns")
    if contents.entries:
        reading.used("table of contents (checked against the body)")
        first = min(contents.lines)
        reading.skip(
            Span(first, max(contents.lines)), "table of contents (checked against the body)"
        )
    if glued:
        reading.used("headings glued on one line (cut)")
    if marked_up:
        reading.used("Markdown headings (# marks dropped)")
    regions = find_regions(reading)
    fiche_region = next((r for r in regions if r.kind == "fiches"), None)
    reading.width = wrap_width(lines[fiche_region.start :] if fiche_region else lines)

    detached = cut_detached(reading, fiche_region) if fiche_region else []
    check_last_fiche(reading, detached)
    fiches = fiche_mentions(reading, detached)
    shape = _shape(reading, regions, fiches)
    tree = TreeReader(reading, shape)
    for region in regions:
        if region.kind == "tree":
            tree.read(region)

    leaf_kind, leaf_word = _leaf(reading, regions, fiches)
    assembly = Assembly(reading, leaf_kind, leaf_word)
    assembly.build(tree.mentions, fiches)
    crossref_regions = [r for r in regions if r.kind == "crossref"]
    listed_enjeux = []
    for region in crossref_regions:
        listed_enjeux.extend(enjeu_lists(reading, region))
    if listed_enjeux:
        owners = [item for item in assembly.actions for _ in item.tokens]
        known = KnownTitles([tokens for item in assembly.actions for tokens in item.tokens])
        assembly.record_enjeux(read_enjeu_lists(reading, listed_enjeux, known), owners)

    op_table = OpTable()
    for region in regions:
        if region.kind == "op":
            op_table = read_op_table(reading, region)
    references = assembly.references
    for code, title, span in op_table.os_titles:
        references[("os", code)].append((span.first_line, title))

    plan = ParsedPlan(layout="")
    plan.political_objectives = op_table.political_objectives
    plan.strategic_objectives = to_model(reading, assembly.strategic(), leaf_kind, references)
    checks.link_political_objectives(reading, plan, op_table, fiches)
    checks.report_fiches(reading, plan, assembly, bool(detached), bool(listed_enjeux), leaf_word)
    checks.report_empty_objectives(reading, plan, leaf_word, bool(detached), tree)

    text_lines = [line for r in regions if r.kind == "text" for line in lines[r.start : r.end]]
    text_lines = sorted([*text_lines, *tree.strays], key=lambda line: line.number)
    used = read_facts(reading, text_lines, plan, furniture.dates)
    for region in regions:
        if region.kind == "text":
            reading.skipped.extend(text_skipped(lines[region.start : region.end], used))

    checks.check_complete(
        reading, plan, tree, assembly, op_table, regions, detached, leaf_word, contents
    )
    reading.warnings.extend(check_against_body(contents, plan))
    plan.layout = layout_style(reading.markers_used)
    plan.markers = describe_markers(reading.markers_used)
    plan.warnings = sorted(reading.warnings, key=lambda finding: finding.span.first_line)
    plan.skipped = sorted(reading.skipped, key=lambda finding: finding.span.first_line)
    return plan


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")


def strip_markup(lines: list[Line]) -> tuple[list[Line], int]:
    """Lines without the "#" marks of a Markdown heading ("## OS 1 : …" is "OS 1 : …"): a
    plan copied from a wiki or a Markdown file marks its headings so; how many there were."""
    result = []
    count = 0
    for line in lines:
        match = _MARKDOWN_HEADING.match(line.text)
        if match is not None:
            line = Line(line.number, line.text[match.end() :])
            count += 1
        result.append(line)
    return result, count


def _shape(reading: Reading, regions: list[Region], fiches: list[Mention]) -> Shape:
    """What the tree shows as a whole: keyword levels, numbering scheme, OO present."""
    table = markers()
    keyword_levels: set[str] = set()
    hundreds_os = hundreds_oo = dotted = depth_two = bullets = 0
    for region in regions:
        if region.kind != "tree":
            continue
        for cue in reading.cues[region.start : region.end]:
            heading = cue.heading
            if heading is not None and (cue.field is None or cue.field.colon or heading.code):
                keyword_levels.add(heading.level)
            bullets += cue.bullet is not None
            if cue.numbered is not None:
                code = cue.numbered.code
                hundreds_os += bool(table.hundreds_os.match(code))
                hundreds_oo += bool(table.hundreds_oo.match(code))
                dotted += "." in code
                depth_two += code.count(".") == 1
    hundreds = hundreds_os >= 2 and hundreds_oo >= 2 and hundreds_oo >= dotted
    has_oo = "oo" in keyword_levels or hundreds or depth_two > 0
    oo_titles: dict[str, list[str]] = defaultdict(list)
    for mention in fiches:
        oo_code, oo_title = mention.references.get("oo", (None, None))
        if oo_code and oo_title:
            oo_titles[oo_code].append(oo_title)
    known = KnownTitles(known_fiche_titles(fiches)) if fiches else None
    return Shape(
        frozenset(keyword_levels),
        hundreds,
        has_oo,
        has_themes(reading),
        bullets >= 3,
        known,
        dict(oo_titles),
    )


def _leaf(reading: Reading, regions: list[Region], fiches: list[Mention]) -> tuple[ItemKind, str]:
    """Whether the plan calls its leaves projects or actions ("OS, OO et Projets", "Projet …")."""
    projects = actions = 0
    for region in regions:
        if region.kind != "tree":
            continue
        for index in range(region.start, region.end):
            cue = reading.cues[index]
            if cue.part in ("action", "tree"):
                words = fold_for_matching(reading.lines[index].text).split()
                projects += "projets" in words and "actions" not in words
                actions += "actions" in words
            heading = cue.heading
            if heading is not None and heading.level == "action":
                keyword = fold_for_matching(heading.keyword)
                projects += keyword.startswith("projet")
                actions += keyword.startswith("action")
    projects += bool(fiches)
    return ("project", "project") if projects > actions else ("action", "action")
