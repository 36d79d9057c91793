"""The "fiches" layout: method text, OP → OS → OO → projects, then one fiche per project.

The reference document is the Anderlues PST (data/corpus/anderlues-2019-2024.txt). It holds,
in this order:

1. method text, stating the CPAS, the législature, the institution's values and the planned
   evaluations;
2. a table of objectifs politiques ("OP"), each followed by the OS it maps to ("200 -Être
   un CPAS ...", or "-" for none) and a "Constat" paragraph;
3. the list "OS, OO et Projets": OS headers ("100. Être un CPAS ...", repeated before each
   OO), OO headers ("101. Maintenir ..."), then the OO's project titles, one per line but with
   extraction defects (titles wrapped, two titles glued on one line, a list repeated);
4. section "III. LES OBJECTIFS DE DEVELOPPEMENT DURABLE": one list of projects per enjeu;
5. one fiche per project: "Projet <title>", then labelled fields ("Objectif politique - OP
   3. ...", "Risques ...", "Priorité des projets ...", "Partenaires ...").

Reading rules, and why:

- Every structural line is recognised by an explicit rule on how the line *starts*
  (``match_fiche_header``, ``match_field_label``, ``match_os_header``, ...), using only its
  first words. Another extraction may wrap lines elsewhere, but a line that started
  something still starts it; the rules then join what follows, so both read alike.
- The fiches are read first: their titles are delimited by labels, so they are exact
  whatever the wrapping. They are then the dictionary that cuts the OO lists and the
  per-enjeu lists into titles (``segment_titles``), which resolves wrapped and glued titles
  without guessing from capital letters.
- Titles are compared with ``same_title`` (loaders/titles.py): accent-, case- and
  punctuation-free, with a small tolerance for typos inside long words
  ("pateforme"/"plateforme").
- Free-text lists (risks, indicators, steps) are split into items by ``starts_new_item``,
  a reader's rule on where a wrapped line continues the previous one.
- Template placeholders ("Your content goes here") and page headers ("Annexes – Fiches
  projets") are removed before any rule runs, wherever the wrapping cut them, and recorded
  in ``ParsedPlan.skipped``.

Extractions wrapped at 30 characters or more read the same as the reference; narrower ones
cut the labels themselves ("Objectif de" / "développement durable") and are not supported.

The package has one module per job: ``rules`` (line rules), ``segments`` (words, known
titles and noise found across line breaks), ``items`` (items of free-text fields),
``sections`` (the document's parts), ``context`` (what every reading step shares), ``fiche``
(cutting and reading fiches), ``objectives`` (OP table, OS/OO list), ``projects`` (projects,
their fiches and enjeux) and ``facts`` (CPAS, législature, values, evaluations); this module
assembles them into ``recognise`` and ``parse``.
"""

from __future__ import annotations

from pstkg.errors import InputError
from pstkg.loaders.layouts.common import feature_score
from pstkg.loaders.layouts.fiches.context import Context
from pstkg.loaders.layouts.fiches.facts import read_plan_facts
from pstkg.loaders.layouts.fiches.fiche import fiche_oo_titles, fiche_titles, read_fiches
from pstkg.loaders.layouts.fiches.items import Piece, split_items, starts_new_item, wrap_width
from pstkg.loaders.layouts.fiches.objectives import (
    collect_objective_variants,
    link_political_objectives,
    parse_op_table,
    read_objective_list,
    require_projects,
)
from pstkg.loaders.layouts.fiches.projects import (
    Registry,
    attach_fiches,
    finish_projects,
    read_enjeu_lists,
    register_listed,
    report_empty_oos,
    require_fiche_coverage,
)
from pstkg.loaders.layouts.fiches.rules import (
    LIST_START,
    OS_LABEL,
    enjeux_in,
    is_fiche_start,
    match_enjeu_heading,
    match_fiche_header,
    match_field_label,
    match_oo_header,
    match_op_row,
    match_op_table_os,
    match_os_header,
)
from pstkg.loaders.layouts.fiches.sections import find_sections, method_text
from pstkg.loaders.layouts.fiches.segments import (
    Segment,
    Word,
    join_words,
    segment_titles,
    strip_noise,
    words_of,
)
from pstkg.loaders.model import ParsedPlan, Span
from pstkg.loaders.text import SourceText
from pstkg.loaders.titles import (
    MAX_TYPO_EDITS,
    MAX_TYPO_WORDS,
    MIN_TYPO_WORD_LENGTH,
    edit_distance,
    same_title,
    tokens_match,
)

# The public names of the former single module fiches.py, so that importers need not know
# which module of the package now holds them.
__all__ = [
    "MAX_TYPO_EDITS",
    "MAX_TYPO_WORDS",
    "MIN_TYPO_WORD_LENGTH",
    "NAME",
    "Piece",
    "Segment",
    "Word",
    "edit_distance",
    "enjeux_in",
    "join_words",
    "match_enjeu_heading",
    "match_fiche_header",
    "match_field_label",
    "match_oo_header",
    "match_op_row",
    "match_op_table_os",
    "match_os_header",
    "parse",
    "recognise",
    "same_title",
    "segment_titles",
    "split_items",
    "starts_new_item",
    "strip_noise",
    "tokens_match",
    "words_of",
    "wrap_width",
]

NAME = "fiches"


def recognise(source: SourceText) -> float:
    """How strongly the document shows the fiches layout (0 to 1).

    Its marks: "Projet <title>" lines followed by objective labels, "Objectif stratégique -
    OS <n>." lines, "Priorité des projets" labels, and the list heading "OS, OO et Projets".
    """
    lines = source.content_lines()
    fiche_headers = sum(1 for i in range(len(lines)) if is_fiche_start(lines, i))
    os_labels = sum(1 for line in lines if OS_LABEL.match(line.text))
    priorities = sum(1 for line in lines if line.text.startswith("Priorité des projets"))
    has_list = any(LIST_START.match(line.text) for line in lines)
    score = (
        0.45 * feature_score(fiche_headers, 3)
        + 0.2 * feature_score(os_labels, 3)
        + 0.2 * feature_score(priorities, 3)
        + 0.15 * has_list
    )
    return round(score, 3)


def parse(source: SourceText) -> ParsedPlan:
    """Read a plan in the fiches layout.

    Raises InputError (naming the file and the line) when the plan is cut short: no OS/OO
    list, a file ending inside that list or inside a fiche, OS/OO headings without any
    project, no fiche, or fiches for fewer than half the listed projects. Defects that
    leave the plan readable (a missing field, a project without fiche, a title no list
    knows) are ``warnings``.
    """
    plan = ParsedPlan(layout=NAME)
    lines, plan.skipped = strip_noise(source.content_lines())
    if not lines:
        raise InputError(source.path, "the file holds no text")
    sections = find_sections(source, lines)
    fiche_start = sections.fiches if sections.fiches is not None else len(lines)
    # the fiches are the widest text: they tell the wrap width best
    width = wrap_width(lines[fiche_start:] or lines)
    ctx = Context(source, {line.number: line.text for line in lines}, width)

    fiches = read_fiches(ctx, lines, sections.fiches)
    start, end = sections.objective_list
    listed = read_objective_list(
        ctx, lines[start:end], fiche_titles(fiches), fiche_oo_titles(fiches)
    )
    require_projects(ctx, lines[start:end], listed, fiches)
    for os_ in listed:
        os_.objective.operational_objectives = [oo.objective for oo in os_.oos]
        plan.strategic_objectives.append(os_.objective)

    registry = Registry()
    register_listed(ctx, listed, registry)
    attach_fiches(ctx, plan, fiches, registry)
    require_fiche_coverage(ctx, registry)
    if sections.enjeux is not None:
        read_enjeu_lists(ctx, lines[sections.enjeux[0] : sections.enjeux[1]], registry)
    else:
        ctx.warn(Span(lines[end - 1].number, lines[end - 1].number), "no per-enjeu project lists")
    finish_projects(ctx, registry)
    report_empty_oos(ctx, plan)

    table = None
    if sections.op_table is not None:
        table = parse_op_table(lines[sections.op_table[0] + 1 : sections.op_table[1]])
        plan.political_objectives = table.political_objectives
        link_political_objectives(ctx, plan, table, fiches)
    collect_objective_variants(plan, table, fiches)
    read_plan_facts(plan, method_text(lines, sections, fiche_start))
    plan.warnings = sorted(ctx.warnings, key=lambda finding: finding.span.first_line)
    return plan
