"""The "three-lists" layout (Dinant): the OS list, then the OO list, then the actions.

What a reader sees::

    Programme Stratégique Transversal du CPAS de DINANT (2019)   -> title, CPAS "Dinant"
    Préface : ... législature 2018-2024 ... valeurs ... évalué   -> facts read, text skipped
    1. Objectifs stratégiques :    1. Etre un CPAS ...          -> OS "1", "2", "3"
    2. Objectifs opérationnels :   1. Etre ... / 1.1. Constater -> OO "1.1" ... under each OS
    3. Actions : (or "Projets")    1. ... / 1.1. ... / 1.1.1. Faire un relevé ...
                                   2.2. ... / Organiser des rencontres ...  (bullet glyph lost)

An OO is the same objective in parts 2 and 3 when its code is: part 2 gives its title, a
different spelling in part 3 goes to ``title_variants`` with a warning. An OO that only part
2 names, or whose heading part 3 gives no action, keeps no action (with a warning). Actions
whose code points to an OO that neither part names (3.1.x) get an OO with that code and no
title (with a warning). Unnumbered actions (their bullet glyph lost in extraction) have code
None; they start the way titles start (a capitalised infinitive, an article, a noun of action:
:func:`common.opens_title`), and lines that continue them do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pstkg.errors import InputError
from pstkg.loaders.layouts.common import (
    TextWindow,
    WrappedItem,
    check_ends_cleanly,
    clean_title,
    feature_score,
    glue,
    last_line,
    name_as_title,
    skipped_runs,
    starts_new_title,
    truncated,
)
from pstkg.loaders.model import (
    Action,
    Finding,
    OperationalObjective,
    ParsedPlan,
    Span,
    Stated,
    StrategicObjective,
)
from pstkg.loaders.text import Line, SourceText, fold_for_matching
from pstkg.loaders.titles import same_spelling

NAME = "three-lists"

# "1. Objectifs stratégiques :", "2. Objectifs opérationnels :", "3. Actions :".
_PART_HEADING = re.compile(r"^(?P<number>\d)\.\s*(?P<name>[^\d].*)$")
# What each part is called, folded; plans name the third part after actions, projects or both.
PART_NAMES = {
    "objectifs strategiques": 1,
    "objectifs operationnels": 2,
    "actions": 3,
    "projets": 3,
    "projets et actions": 3,
    "actions et projets": 3,
}
# A coded item: "1. Etre ...", "1.1. Constater ...", "1.6.10. Collaborer ..." (final dot optional).
_CODED = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<text>\S.*)$")
# A bullet glyph some extractions keep in front of the unnumbered actions.
_BULLET = re.compile(r"^[•\-–▪]\s+(?P<text>\S.*)$")
# The title names the CPAS and the year: "... du CPAS de DINANT (2019)".
_TITLE = re.compile(
    r"Programme\s+Strat[ée]gique\s+Transversal\s+du\s+CPAS\s+(?:de\s+|d')"
    r"(?P<name>[^()]{1,40}?)\s*\((?P<year>\d{4})\)",
    re.IGNORECASE,
)
_LEGISLATURE = re.compile(r"législature\s+(?P<first>\d{4})\s*-\s*(?P<last>\d{4})", re.IGNORECASE)
# "les valeurs essentielles sont le respect ..., ... et l'équité." (up to the sentence's end).
_VALUES = re.compile(
    r"\bvaleurs\s+(?:essentielles\s+|fondamentales\s+)?sont\s+(?P<list>[^.]+)\.", re.IGNORECASE
)
_ENUMERATION_COMMA = re.compile(r",\s*")
# A sentence (up to its full stop) that speaks of evaluating: _evaluation_sentences finds
# what finditer of "[^.]*\bévalu[ée]e?s?\b[^.]*\." would, without its quadratic backtracking
# over long text without full stops (the front matter of a plan).
_EVALUATION_WORD = re.compile(r"\bévalu[ée]e?s?\b", re.IGNORECASE)
_MID_TERM = re.compile(r"mi-législature|mi-parcours|milieu de (?:la )?législature", re.IGNORECASE)
_FINAL = re.compile(
    r"au terme de (?:celle-ci|la législature)|fin de (?:la )?législature", re.IGNORECASE
)
_OO_DEPTH = 2
_ACTION_DEPTH = 3


# --------------------------------------------------------------------------- line features


@dataclass(frozen=True)
class Coded:
    """A coded line: its code ("1.1.1") and the text after it."""

    code: str
    text: str

    @property
    def depth(self) -> int:
        """1 for an OS, 2 for an OO, 3 for an action."""
        return self.code.count(".") + 1


def match_part_heading(text: str) -> int | None:
    """The number of a part heading: "1. Objectifs stratégiques :" -> 1, "3. Actions :" -> 3."""
    match = _PART_HEADING.match(text)
    if match is None:
        return None
    part = PART_NAMES.get(fold_for_matching(match.group("name")))
    return part if part == int(match.group("number")) else None


def match_code(text: str) -> Coded | None:
    """ "1.1.1. Faire un relevé ..." -> Coded("1.1.1", "Faire un relevé ...")."""
    match = _CODED.match(text)
    return Coded(match.group("code"), match.group("text")) if match else None


def match_bullet(text: str) -> str | None:
    """ "• Organiser ..." -> "Organiser ..." where an extraction kept the bullet glyph."""
    match = _BULLET.match(text)
    return match.group("text") if match else None


# --------------------------------------------------------------------------- front matter


def find_title(window: TextWindow) -> tuple[Stated[str], Stated[str]] | None:
    """The plan's title and the CPAS it names ("DINANT" -> "Dinant")."""
    match = window.search(_TITLE)
    if match is None:
        return None
    title = Stated(match.group(0).strip(), window.span(match.start(), match.end()))
    name = Stated(
        name_as_title(match.group("name")), window.span(match.start("name"), match.end("name"))
    )
    return title, name


def find_legislature(window: TextWindow) -> Stated[str] | None:
    """ "législature 2018-2024" -> "2018-2024", as written."""
    match = window.search(_LEGISLATURE)
    if match is None:
        return None
    return Stated(f"{match.group('first')}-{match.group('last')}", window.span(*match.span()))


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


def find_values(window: TextWindow) -> list[Stated[str]]:
    """The values the text enumerates ("les valeurs essentielles sont ..."), as written."""
    match = window.search(_VALUES)
    if match is None:
        return []
    offset = match.start("list")
    values = []
    for first, last in split_enumeration(match.group("list")):
        value = match.group("list")[first:last].strip()
        values.append(Stated(value, window.span(offset + first, offset + last)))
    return values


def find_evaluations(window: TextWindow) -> list[Stated[str]]:
    """When the plan is evaluated: "mid-term" for mi-législature, "final" for its end."""
    found: list[Stated[str]] = []
    for first, sentence in _evaluation_sentences(window.text):
        for pattern, value in ((_MID_TERM, "mid-term"), (_FINAL, "final")):
            match = pattern.search(sentence)
            if match and value not in (item.value for item in found):
                start = first + match.start()
                found.append(Stated(value, window.span(start, start + len(match.group(0)))))
    return found


def _evaluation_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Where each sentence speaking of evaluation starts, and its text up to its full stop."""
    start = 0
    while (stop := text.find(".", start)) != -1:
        sentence = text[start : stop + 1]
        if _EVALUATION_WORD.search(sentence):
            yield start, sentence
        start = stop + 1


def read_front(lines: list[Line], plan: ParsedPlan) -> None:
    """Identity facts from the text before part 1; the text itself is skipped."""
    window = TextWindow(lines)
    used: set[int] = set()
    if (found := find_title(window)) is not None:
        plan.title, plan.cpas = found
        used.update(range(plan.title.span.first_line, plan.title.span.last_line + 1))
    plan.legislature = find_legislature(window)
    plan.values = find_values(window)
    plan.evaluations = find_evaluations(window)
    plan.skipped.extend(
        skipped_runs(lines, used, "preface and method text (législature, values, evaluations read)")
    )


# --------------------------------------------------------------------------- blocks


@dataclass
class Block(WrappedItem):
    """A coded or bulleted line with the lines that continue it."""

    code: str | None
    first_text: str
    lines: list[Line]

    @property
    def depth(self) -> int | None:
        """1 (OS), 2 (OO), 3 (action), None for an unnumbered item."""
        return self.code.count(".") + 1 if self.code else None


def read_blocks(lines: list[Line], unnumbered_items: bool) -> list[Block]:
    """Group a part's lines into items.

    A coded line starts an item. A numbered action goes on until the next coded line (its
    wrapped lines may start with a capital: "CPAS", "Facebook, ..."). Where unnumbered items
    are possible (part 3), a line after a heading or an unnumbered item starts a new item when
    it reads as the start of a title (:func:`common.starts_new_title`).
    """
    blocks: list[Block] = []
    for line in lines:
        if line.blank:
            continue
        coded = match_code(line.text)
        bullet = match_bullet(line.text) if unnumbered_items else None
        previous = blocks[-1] if blocks else None
        if coded is not None:
            blocks.append(Block(coded.code, coded.text, [line]))
        elif bullet is not None:
            blocks.append(Block(None, bullet, [line]))
        elif previous is None or (
            unnumbered_items
            and previous.depth != _ACTION_DEPTH
            and starts_new_title(line.text, previous.text)
        ):
            blocks.append(Block(None, line.text, [line]))
        else:
            previous.lines.append(line)
    return blocks


# --------------------------------------------------------------------------- assembly


@dataclass
class _Tree:
    """The plan being built from the three parts, objectives indexed by code."""

    plan: ParsedPlan
    objectives: dict[str, StrategicObjective] = field(default_factory=dict)
    operationals: dict[str, OperationalObjective] = field(default_factory=dict)
    headed_in_actions: set[str] = field(default_factory=set)
    untitled: list[OperationalObjective] = field(default_factory=list)

    def warn(self, span: Span, message: str) -> None:
        """Record a warning for the load report."""
        self.plan.warnings.append(Finding(span, message))

    def stray(self, block: Block, part: int) -> None:
        """A block the part's rules do not expect: skipped, with a warning."""
        self.warn(block.span, f"unexpected item in part {part}: {block.text[:60]!r}; not read")
        self.plan.skipped.append(Finding(block.span, f"unexpected item in part {part}"))

    def reconcile(self, item: StrategicObjective | OperationalObjective, block: Block) -> None:
        """Compare a repeated heading with the title already read; keep other spellings."""
        title = clean_title(block.text)
        if item.title is None:
            item.title = title
        elif not same_spelling(item.title, title):
            item.title_variants.append(title)
            self.warn(block.span, f"{item.code} is also spelled {title!r} (kept {item.title!r})")

    def objective(self, code: str, block: Block) -> StrategicObjective:
        """The OS with this code; one part 1 does not list is added, with a warning."""
        if code not in self.objectives:
            self.warn(block.span, f"OS {code} is not in the list of part 1")
            objective = StrategicObjective(code=code, title=None, span=block.span)
            self.objectives[code] = objective
            self.plan.strategic_objectives.append(objective)
        return self.objectives[code]

    def operational(self, code: str, block: Block) -> OperationalObjective:
        """The OO with this code; one no part names gets no title, with a warning."""
        if code not in self.operationals:
            operational = OperationalObjective(code=code, title=None, span=block.span)
            self.objective(code.split(".")[0], block).operational_objectives.append(operational)
            self.operationals[code] = operational
            self.untitled.append(operational)
            self.warn(
                block.span,
                f"actions {code}.x have no operational objective title: OO {code} has no title",
            )
        return self.operationals[code]

    def read_objectives(self, blocks: list[Block]) -> None:
        """Part 1: the OS list."""
        for block in blocks:
            if block.depth != 1 or block.code is None:
                self.stray(block, 1)
                continue
            objective = StrategicObjective(
                code=block.code, title=clean_title(block.text), span=block.span
            )
            self.objectives[block.code] = objective
            self.plan.strategic_objectives.append(objective)

    def read_operationals(self, blocks: list[Block]) -> None:
        """Part 2: each OS title again, then its OO."""
        for block in blocks:
            if block.depth == 1 and block.code:
                self.reconcile(self.objective(block.code, block), block)
            elif block.depth == _OO_DEPTH and block.code:
                operational = OperationalObjective(
                    code=block.code, title=clean_title(block.text), span=block.span
                )
                self.operationals[block.code] = operational
                objective = self.objective(block.code.split(".")[0], block)
                objective.operational_objectives.append(operational)
            else:
                self.stray(block, 2)

    def read_actions(self, blocks: list[Block]) -> None:
        """Part 3: OS and OO headings again, then numbered or unnumbered actions."""
        current: OperationalObjective | None = None
        for block in blocks:
            if block.depth == 1 and block.code:
                self.reconcile(self.objective(block.code, block), block)
                current = None
            elif block.depth == _OO_DEPTH and block.code:
                current = self.heading_in_actions(block.code, block)
            elif block.depth == _ACTION_DEPTH and block.code:
                current = self.operational(block.code.rsplit(".", 1)[0], block)
                current.actions.append(self.action(block))
            elif block.code is None and current is not None:
                current.actions.append(self.action(block))
            else:
                self.stray(block, 3)

    def heading_in_actions(self, code: str, block: Block) -> OperationalObjective:
        """An OO heading in part 3: the OO of part 2 with that code."""
        if code not in self.operationals:
            self.warn(block.span, f"OO {code} is not in the list of part 2")
            operational = OperationalObjective(code=code, title=None, span=block.span)
            self.operationals[code] = operational
            self.objective(code.split(".")[0], block).operational_objectives.append(operational)
        operational = self.operationals[code]
        self.reconcile(operational, block)
        self.headed_in_actions.add(code)
        return operational

    @staticmethod
    def action(block: Block) -> Action:
        """An action from its block (code None when unnumbered)."""
        return Action(title=clean_title(block.text), span=block.span, code=block.code)

    def finish(self) -> None:
        """Spans of untitled OO cover their actions; OO without action get a warning."""
        for operational in self.untitled:
            if operational.actions and operational.title is None:
                operational.span = operational.span.cover(operational.actions[-1].span)
        for operational in self.plan.operational_objectives():
            if operational.actions:
                continue
            where = "" if operational.code in self.headed_in_actions else " (only in part 2)"
            self.warn(operational.span, f"OO {operational.code}{where} lists no action")


def find_parts(source: SourceText, lines: list[Line]) -> list[tuple[int, int]]:
    """Where the three parts start and where their content starts, in order.

    A narrow extraction may wrap a heading ("1. Objectifs" / "stratégiques :"): a heading is
    also looked for on a line glued to the next one. A missing part is an error.
    """
    found: dict[int, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        for size, text in ((1, line.text), (2, glue(line.text, following))):
            part = match_part_heading(text)
            if part is not None and part not in found and all(p < part for p in found):
                found[part] = (index, index + size)
                break
    if 1 not in found:
        raise InputError(source.path, "no part '1. Objectifs stratégiques :' found")
    for part, name in ((2, "2. Objectifs opérationnels :"), (3, "3. Actions :")):
        if part not in found:
            raise truncated(source, last_line(source), f"part '{name}' is missing")
    return [found[1], found[2], found[3]]


def check_complete(source: SourceText, plan: ParsedPlan) -> None:
    """Refuse a plan where an announced OS gets no action, or the last action is cut."""
    for objective in plan.strategic_objectives:
        if not any(operational.actions for operational in objective.operational_objectives):
            raise truncated(
                source, objective.span.first_line, f"OS {objective.code} has no action in part 3"
            )
    check_ends_cleanly(source, source.content_lines()[-1])


def recognise(source: SourceText) -> float:
    """How strongly the document shows the three numbered parts and x.y.z action codes."""
    texts = [line.text for line in source.content_lines()]
    parts = {part for text in texts if (part := match_part_heading(text)) is not None}
    actions = sum(
        1 for text in texts if (coded := match_code(text)) and coded.depth == _ACTION_DEPTH
    )
    return round(0.6 * len(parts) / 3 + 0.4 * feature_score(actions, 10), 3)


def parse(source: SourceText) -> ParsedPlan:
    """Read a three-lists plan: identity from the preface, then OS, OO and actions."""
    lines = source.content_lines()
    (first, objectives), (second, operationals), (third, actions) = find_parts(source, lines)
    plan = ParsedPlan(layout=NAME)
    read_front(lines[:first], plan)
    tree = _Tree(plan)
    tree.read_objectives(read_blocks(lines[objectives:second], unnumbered_items=False))
    if not plan.strategic_objectives:
        raise truncated(source, lines[first].number, "part 1 lists no objectif stratégique")
    tree.read_operationals(read_blocks(lines[operationals:third], unnumbered_items=False))
    tree.read_actions(read_blocks(lines[actions:], unnumbered_items=True))
    tree.finish()
    check_complete(source, plan)
    return plan
