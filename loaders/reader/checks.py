"""What the reader says about a plan as a whole: gaps worth a warning, a plan cut short.

A plan is refused, with the line where it stops and what was found, when it is not a plan at
all, or not a whole one:

- no objective could be read: the message says what PST vocabulary the text has, if any;
- objectives but nothing under them: "5 objectifs stratégiques found, no objectif
  opérationnel nor action: this looks like a summary or table of contents only";
- the text stops mid-sentence, or inside a list whose items close with ";" and its last ".";
- the last item the text names is an objective with nothing under it (a plan cut after a
  heading), or a volet or area with no objective;
- objectives a first pass or the OP table announces are missing from the end of the tree;
- the file ends inside its lists by enjeu, or inside its last fiche, or the fiches stop
  before most listed projects have one.

An objective without children elsewhere in the plan is a warning, never a refusal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pstkg.loaders.model import ParsedPlan
from pstkg.loaders.reader.assemble import Assembly
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.reader.fiches import DetachedFiche
from pstkg.loaders.reader.mentions import Mention
from pstkg.loaders.reader.optable import OpTable
from pstkg.loaders.reader.regions import Region
from pstkg.loaders.reader.toc import TableOfContents
from pstkg.loaders.reader.tree import TreeReader
from pstkg.loaders.reader.wrapping import ends_mid_sentence
from pstkg.loaders.text import fold_for_matching

_LIST_CLOSERS_MIN = 3
_ENJEUX = 4
_VOCABULARY = (
    "programme strategique transversal",
    "objectifs strategiques",
    "objectif strategique",
    "objectifs operationnels",
    "objectif operationnel",
    "pst",
)


def link_political_objectives(
    reading: Reading, plan: ParsedPlan, table: OpTable, fiches: Sequence[Mention]
) -> None:
    """Each OS answers the OP the OP table maps to it; fiches that say otherwise are reported."""
    by_code = {os_.code: os_ for os_ in plan.strategic_objectives}
    for op_code, os_codes in table.os_of_op.items():
        for os_code in os_codes:
            os_ = by_code.get(os_code)
            if os_ is not None and op_code not in os_.political_objectives:
                os_.political_objectives.append(op_code)
    disagreeing: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in fiches:
        fiche = mention.fiche
        assert fiche is not None
        # A fiche naming no OS says nothing of its OP's OS (an uncoded OS is keyed None too).
        os_ = by_code.get(fiche.strategic_objective) if fiche.strategic_objective else None
        op = fiche.political_objective
        if os_ is not None and op and op not in os_.political_objectives:
            disagreeing[(os_.code or "", op)].append(mention)
    for (os_code, op_code), group in disagreeing.items():
        mapped = ", ".join(by_code[os_code].political_objectives) or "none"
        first = group[0]
        reading.warn(
            first.span,
            f"{len(group)} fiche(s) link OS {os_code} to OP {op_code} (first: "
            f"'{first.title}'), but the OP table links OS {os_code} to OP {mapped}",
        )


def report_fiches(
    reading: Reading,
    plan: ParsedPlan,
    assembly: Assembly,
    detached: bool,
    enjeu_lists: bool,
    leaf_word: str,
) -> None:
    """Listed projects without a fiche; enjeux a fiche and the lists disagree on."""
    if detached:
        listed = [item for item in assembly.actions if item.listed]
        covered = [item for item in listed if item.fiches]
        if len(covered) * 2 < len(listed):
            last = max(f.span.last_line for item in assembly.actions for f in item.fiches)
            reading.cut_short(
                f"only {len(covered)} of the {len(listed)} {leaf_word}s of the OO lists have a "
                f"fiche, and the fiches stop at line {last}",
                last,
            )
    for os_ in plan.strategic_objectives:
        for oo in os_.operational_objectives:
            for action in oo.actions:
                detached_fiches = [f for f in action.fiches if f.title_as_written is not None]
                if detached and not detached_fiches and _listed(action, assembly):
                    reading.warn(action.span, f"'{action.title}' (OO {oo.code}) has no fiche")
                if not enjeu_lists or not detached_fiches:
                    continue
                stated = {enjeu for fiche in detached_fiches for enjeu in fiche.enjeux}
                if stated != set(action.enjeux_from_lists):
                    reading.warn(
                        detached_fiches[0].span,
                        f"the fiche(s) of '{action.title}' give enjeux {sorted(stated)} but the "
                        f"per-enjeu lists give {sorted(action.enjeux_from_lists)}",
                    )


def _listed(action, assembly: Assembly) -> bool:
    return any(item.listed and item.first.title == action.title for item in assembly.actions)


def report_empty_objectives(
    reading: Reading, plan: ParsedPlan, leaf_word: str, detached: bool, tree: TreeReader
) -> None:
    """Each OO left without any action (a warning: plans have some)."""
    last_pass = max((m.pass_index for m in tree.mentions), default=0)
    in_last_pass = {m.code for m in tree.mentions if m.level == "oo" and m.pass_index == last_pass}
    for oo in plan.operational_objectives():
        if not oo.actions:
            also = " and no fiche names it" if detached else ""
            if last_pass and oo.code not in in_last_pass:
                also += " (it is only in an earlier list of the plan)"
            reading.warn(oo.span, f"OO {oo.code or repr(oo.title)} lists no {leaf_word}{also}")


# --------------------------------------------------------------------------- refusals


def check_complete(
    reading: Reading,
    plan: ParsedPlan,
    tree: TreeReader,
    assembly: Assembly,
    op_table: OpTable,
    regions: Sequence[Region],
    detached: Sequence[DetachedFiche],
    leaf_word: str,
    contents: TableOfContents,
) -> None:
    """Refuse what is not a whole plan (see the module's docstring)."""
    _require_tree(reading, plan, leaf_word, contents)
    last_line = reading.lines[-1]
    if ends_mid_sentence(last_line.text):
        reading.cut_short("the text stops mid-sentence", last_line.number)
    _check_list_punctuation(reading, tree)
    _check_last_item(reading, plan, tree, assembly)
    _check_announced(reading, plan, tree, assembly, op_table, regions)
    _check_enjeu_lists(reading, regions)


def _require_tree(
    reading: Reading, plan: ParsedPlan, leaf_word: str, contents: TableOfContents
) -> None:
    """Objectives, objectives under them, actions under those: else say what was found."""
    strategic = plan.strategic_objectives
    operational = plan.operational_objectives()
    actions = plan.actions()
    last = reading.lines[-1].number
    listed = _contents_levels(contents)
    if not actions and (listed["os"] or listed["oo"]):
        span = f"lines {min(contents.lines)}-{max(contents.lines)}"
        reading.refuse(
            f"a table of contents ({span}) lists {listed['os']} objectif(s) stratégique(s) and "
            f"{listed['oo']} objectif(s) opérationnel(s), but the text holds no {leaf_word} "
            "under them: this looks like a table of contents only, or a plan cut short",
            last,
        )
        return
    if not strategic and not operational:
        found = _vocabulary(reading)
        if found is None:
            reading.refuse(
                "not a PST plan: no objectif stratégique, objectif opérationnel nor action "
                "found, and the text does not speak of a PST",
                None,
            )
            return
        line, words = found
        reading.refuse(
            f"the text speaks of a PST ('{words}', line {line}) but no objectif stratégique "
            "could be read: no line opens like one (O.S.1., OS1, Objectif stratégique N° 1, "
            "1. …); if this is a plan, its layout needs a marker pst-kg does not know yet "
            "(pst draft FILE writes the fill-in template for it, to complete by hand)",
            None,
        )
        return
    where = f"lines {strategic[0].span.first_line}-{last}" if strategic else f"up to line {last}"
    if not operational and not actions:
        reading.refuse(
            f"{len(strategic)} objectif(s) stratégique(s) found ({where}), no objectif "
            f"opérationnel nor {leaf_word}: this looks like a summary or a table of contents "
            "only, or a plan cut short",
            last,
        )
        return
    if not actions:
        reading.refuse(
            f"{len(strategic)} objectif(s) stratégique(s) and {len(operational)} objectif(s) "
            f"opérationnel(s) found, but no {leaf_word} under them (OS and OO headings but no "
            f"{leaf_word}): this looks like a summary only, or a plan cut short",
            last,
        )


def _contents_levels(contents: TableOfContents) -> dict[str, int]:
    """How many OS and OO a table of contents lists."""
    counts = {"os": 0, "oo": 0}
    for entry in contents.entries:
        heading = cue_of(entry.text).heading
        if heading is not None and heading.level in counts:
            counts[heading.level] += 1
    return counts


def _vocabulary(reading: Reading) -> tuple[int, str] | None:
    """The first line speaking of a PST, and the words it uses."""
    for line in reading.lines:
        folded = f" {fold_for_matching(line.text)} "
        for words in _VOCABULARY:
            if f" {words} " in folded:
                return line.number, words
    return None


def _check_list_punctuation(reading: Reading, tree: TreeReader) -> None:
    """Items of a list close with ";" and the list's last item with ".": a plan that stops on
    anything else was cut inside its last list."""
    bulleted = [m for m in tree.mentions if m.level == "action" and m.marker.startswith("bullet")]
    closers = [m for m in bulleted if m.closing is not None and m.closing.text.endswith(";")]
    if len(closers) < _LIST_CLOSERS_MIN or len(closers) * 2 < len(bulleted):
        return
    last = max(tree.mentions, key=lambda m: m.order)
    if last is not bulleted[-1] or last.closing is None:
        return
    if not last.closing.text.rstrip().endswith("."):
        reading.cut_short("the last list of actions is unfinished", last.closing.number)


def _check_last_item(
    reading: Reading, plan: ParsedPlan, tree: TreeReader, assembly: Assembly
) -> None:
    """The last thing the text names is a volet or OS with nothing under it: the plan was cut."""
    for label, line, heads in tree.group_heads[-1:]:
        if not heads:
            reading.cut_short(f"{label} heads no objectif stratégique", line.number)
    if not tree.mentions:
        return
    last = max(tree.mentions, key=lambda m: m.order)
    item = assembly.item_of_mention.get(id(last))
    # An OO without action is only a warning, even last: plans leave some empty.
    if item is None or item.level != "os" or last.children:
        return
    name = item.code or repr(item.first.title)
    if not item.children:
        reading.cut_short(
            f"OS {name} has no objectif opérationnel nor action", item.first.span.first_line
        )
    else:  # a heading repeated before each OO, the text cut after the last one
        reading.cut_short(
            f"the file ends inside the list of objectives, on a heading of OS {name} with "
            "nothing under it",
            last.span.last_line,
        )


def _check_announced(
    reading: Reading,
    plan: ParsedPlan,
    tree: TreeReader,
    assembly: Assembly,
    op_table: OpTable,
    regions: Sequence[Region],
) -> None:
    """Objectives announced (a first pass, the OP table) but missing at the end of the tree."""
    os_items = assembly.strategic()
    last_pass = max((m.pass_index for m in tree.mentions if m.level == "os"), default=0)
    if last_pass > 0:
        tail = []
        for item in reversed(os_items):
            if any(m.pass_index == last_pass for m in item.mentions if m.origin == "tree"):
                break
            tail.append(item)
        if tail:
            first = tail[-1]
            reading.cut_short(
                f"OS {first.code or repr(first.first.title)} of the first list is not detailed "
                "further",
                first.first.span.first_line,
            )
    tree_codes = {item.code for item in os_items}
    announced = [code for codes in op_table.os_of_op.values() for code in codes]
    absent = [code for code in announced if code not in tree_codes]
    tree_regions = [r for r in regions if r.kind == "tree"]
    if absent and tree_regions and tree_regions[-1].end == len(reading.lines):
        reading.cut_short(
            f"the file ends inside the list of objectives before OS {absent[0]}, which the "
            "table of objectifs politiques announces",
            reading.lines[-1].number,
        )


def _check_enjeu_lists(reading: Reading, regions: Sequence[Region]) -> None:
    """The file ends inside its lists by enjeu, before the last enjeu's list."""
    if not regions or regions[-1].kind != "crossref":
        return
    region = regions[-1]
    numbers = [cue.enjeu for cue in reading.cues[region.start : region.end] if cue.enjeu]
    if numbers and max(numbers) < _ENJEUX:
        reading.cut_short(
            f"the file ends inside the lists of projects by enjeu (enjeu {max(numbers)} of "
            f"{_ENJEUX})",
            reading.lines[-1].number,
        )
