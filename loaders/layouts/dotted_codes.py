"""The "dotted-codes" layout (Burdinne): volets, policy areas, O.S./O.O. codes, "- " actions.

What a reader sees, top to bottom::

    (introduction: what a PST is, earlier projects)            -> skipped
    VOLET INTERNE | VOLET EXTERNE                               -> volet of the OS below
    1. Accueil, communication, information                      -> policy area of the OS below
    O.S.1.1. être un CPAS accueillant et accessible             -> OS "1.1" (title may wrap)
    O.O.1.1.1. aménager l'accès aux personnes ...               -> OO "1.1.1" (title may wrap)
    - Organiser les entretiens avec ... ;                       -> action (wraps over lines)
    Priorité élevée / Avancement en cours ;                     -> marks: a Fiche on that action
    (or "Priorité : élevée", a line of marks a narrow extraction wrapped inside a value)

Codes are kept as written without the "O.S."/"O.O." prefix and the trailing dot ("O.S.2." ->
"2"). Titles lose the list punctuation that closes them (" ;", "."). The same policy area may
head OS in both volets: each OS gets its own PolicyArea (same code and title, its own span).
The document names neither the CPAS (only "burdinnois") nor the législature: both stay None.
The organisations an action names are found for every layout at once, after parsing
(loaders/organisations.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pstkg.errors import InputError
from pstkg.loaders.layouts.common import (
    WrappedItem,
    clean_title,
    feature_score,
    skipped_runs,
    truncated,
)
from pstkg.loaders.model import (
    Action,
    Fiche,
    Finding,
    OperationalObjective,
    ParsedPlan,
    PolicyArea,
    StrategicObjective,
)
from pstkg.loaders.text import Line, SourceText, fold_for_matching, glue

NAME = "dotted-codes"

VOLETS = frozenset({"interne", "externe", "commun"})

# "O.S.1.1. être ...", "O.S.2.  être ...", "O.S.4 être ..." (the title may start on the next line).
_OS_HEADING = re.compile(r"^O\.\s?S\.?\s*(?P<code>\d+(?:\.\d+)*)\.?(?:\s+(?P<title>.*))?$")
_OO_HEADING = re.compile(r"^O\.\s?O\.?\s*(?P<code>\d+(?:\.\d+)*)\.?(?:\s+(?P<title>.*))?$")
# "1. Accueil, communication, information": a number, a dot, a capitalised title.
_POLICY_AREA = re.compile(r"^(?P<code>\d{1,2})\.\s+(?P<title>\S.*)$")
# "- Organiser ..." (other extractions keep a bullet glyph or an en dash instead).
_BULLET = re.compile(r"^[-•–]\s+(?P<text>\S.*)$")
# Where a mark starts inside a line of marks ("Priorité élevée Avancement en cours ;").
_MARK_KEYWORD = re.compile(r"\b(?:priorit[ée]|avancement)\b", re.IGNORECASE)
# A mark: its keyword, then its value after a space or a colon ("Priorité : élevée").
_MARK = re.compile(r"^(?P<keyword>[^\s:]+)\s*(?::\s*|\s+)(?P<value>\S.*)$")
# Values a mark may take, folded; anything else on a "priorité ..." line is running text.
PRIORITY_VALUES = frozenset({"elevee", "haute", "moyenne", "normale", "faible", "basse"})
STATUS_VALUES = frozenset(
    {
        "en cours",
        "en cours de realisation",
        "a l etude",
        "en attente",
        "a realiser",
        "a venir",
        "non commence",
        "termine",
        "terminee",
        "realise",
        "realisee",
        "postpose",
        "indetermine",
        "proposition",
    }
)


# --------------------------------------------------------------------------- line features


@dataclass(frozen=True)
class Heading:
    """A coded heading as written on its first line: its code and the start of its title."""

    code: str
    title: str


@dataclass(frozen=True)
class Marks:
    """The marks written on the lines after an action, values as written (lower case)."""

    priority: str | None = None
    status: str | None = None


def match_volet(text: str) -> str | None:
    """ "VOLET INTERNE" -> "interne"; None for any other line."""
    folded = fold_for_matching(text).split()
    if len(folded) == 2 and folded[0] == "volet" and folded[1] in VOLETS:
        return folded[1]
    return None


def match_policy_area(text: str) -> Heading | None:
    """ "1. Accueil, communication, information" -> Heading("1", "Accueil, ...")."""
    match = _POLICY_AREA.match(text)
    if match is None or not match.group("title")[0].isupper():
        return None
    return Heading(match.group("code"), match.group("title").strip())


def _match_coded(pattern: re.Pattern[str], text: str) -> Heading | None:
    match = pattern.match(text)
    if match is None:
        return None
    return Heading(match.group("code"), (match.group("title") or "").strip())


def match_os_heading(text: str) -> Heading | None:
    """ "O.S.1.1. être un CPAS ..." -> Heading("1.1", "être un CPAS ...")."""
    return _match_coded(_OS_HEADING, text)


def match_oo_heading(text: str) -> Heading | None:
    """ "O.O.1.1.1. aménager ..." -> Heading("1.1.1", "aménager ...")."""
    return _match_coded(_OO_HEADING, text)


def match_bullet(text: str) -> str | None:
    """ "- Organiser ..." -> "Organiser ..."; None when the line is not a bullet."""
    match = _BULLET.match(text)
    return match.group("text") if match else None


def _mark_value(text: str, keyword: str, values: frozenset[str]) -> str | None:
    """The value of a mark "<keyword> <value>" or "<keyword> : <value>", as written."""
    match = _MARK.match(text.strip().rstrip(" ;.,"))
    if match is None or fold_for_matching(match.group("keyword")) != keyword:
        return None
    value = match.group("value")
    return value.lower() if fold_for_matching(value) in values else None


def match_priority_mark(text: str) -> str | None:
    """ "Priorité élevée ;" -> "élevée"; None unless the text is exactly a priority mark."""
    return _mark_value(text, "priorite", PRIORITY_VALUES)


def match_status_mark(text: str) -> str | None:
    """ "Avancement en cours ;" -> "en cours"; None unless the text is exactly a status mark."""
    return _mark_value(text, "avancement", STATUS_VALUES)


def match_marks(text: str) -> Marks | None:
    """A line made only of marks ("Priorité élevée", "Priorité élevée Avancement en cours.")."""
    starts = [m.start() for m in _MARK_KEYWORD.finditer(text)]
    if not starts or text[: starts[0]].strip():
        return None
    priority = status = None
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        segment = text[start:end]
        if (value := match_priority_mark(segment)) is not None:
            priority = value
        elif (value := match_status_mark(segment)) is not None:
            status = value
        else:
            return None
    return Marks(priority, status)


# --------------------------------------------------------------------------- blocks

BlockKind = Literal["volet", "area", "os", "oo", "action", "marks", "text"]


@dataclass
class Block(WrappedItem):
    """A structural line with the lines that continue it (a wrapped title, a wrapped action)."""

    kind: BlockKind
    lines: list[Line]
    first_text: str = ""  # the text the first line contributes (title or action start)
    code: str | None = None
    marks: list[Marks] = field(default_factory=list)


def classify(line: Line) -> Block | None:
    """The block a line opens, or None for a line that continues the open block."""
    text = line.text
    if (volet := match_volet(text)) is not None:
        return Block("volet", [line], volet)
    if (heading := match_os_heading(text)) is not None:
        return Block("os", [line], heading.title, heading.code)
    if (heading := match_oo_heading(text)) is not None:
        return Block("oo", [line], heading.title, heading.code)
    if (heading := match_policy_area(text)) is not None:
        return Block("area", [line], heading.title, heading.code)
    if (bullet := match_bullet(text)) is not None:
        return Block("action", [line], bullet)
    if (marks := match_marks(text)) is not None:
        return Block("marks", [line], marks=[marks])
    return None


# Blocks whose text goes on over the following plain lines.
_CONTINUED = ("area", "os", "oo", "action", "text")
# Blocks an action cannot follow: actions only come under an O.O.
_TITLED = ("area", "os")


def wrapped_marks(lines: list[Line], index: int) -> Marks | None:
    """Marks a narrow extraction wrapped onto the next line, else None.

    "Priorité élevée Avancement en" / "cours ;" is one line of marks cut inside a value:
    neither line reads as marks alone, the two glued together do.
    """
    if index + 1 >= len(lines) or match_marks(lines[index].text) is not None:
        return None
    return match_marks(glue(lines[index].text, lines[index + 1].text))


def read_blocks(lines: list[Line]) -> list[Block]:
    """Group content lines into blocks; consecutive mark lines form one block."""
    content = [line for line in lines if not line.blank]
    blocks: list[Block] = []
    index = 0
    while index < len(content):
        line = content[index]
        previous = blocks[-1] if blocks else None
        block = classify(line)
        if block is None and (marks := wrapped_marks(content, index)) is not None:
            block = Block("marks", content[index : index + 2], marks=[marks])
            index += 1
        if block is not None and block.kind == "action" and previous and previous.kind in _TITLED:
            # A "- " line right after a policy area or an O.S. heading is its title wrapped
            # before a dash ("2. Politique du logement" / "- énergétique").
            block = None
        if block is None:
            if previous is not None and previous.kind in _CONTINUED:
                previous.lines.append(line)
            else:  # text after a volet heading or after marks: part of nothing read so far
                blocks.append(Block("text", [line], line.text))
        elif block.kind == "marks" and previous is not None and previous.kind == "marks":
            previous.lines.extend(block.lines)
            previous.marks.extend(block.marks)
        else:
            blocks.append(block)
        index += 1
    return blocks


def find_start(lines: list[Line]) -> int:
    """Index of the first line of the plan proper (after the introduction), or -1.

    The plan starts at the first volet or O.S. heading, or at the policy-area headings
    just before it.
    """
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if match_volet(line.text) or match_os_heading(line.text)
        ),
        -1,
    )
    while start > 0 and match_policy_area(lines[start - 1].text):
        start -= 1
    return start


# --------------------------------------------------------------------------- assembly


@dataclass
class _Grouping:
    """A volet or policy-area heading and how many OS it heads (zero means truncated)."""

    label: str
    line: int
    objectives: int = 0


@dataclass
class _Assembly:
    """The tree being built from the blocks, in document order."""

    source: SourceText
    plan: ParsedPlan
    volet: _Grouping | None = None
    volet_name: str | None = None
    area: PolicyArea | None = None
    area_grouping: _Grouping | None = None
    groupings: list[_Grouping] = field(default_factory=list)
    objective: StrategicObjective | None = None
    operational: OperationalObjective | None = None
    action: Action | None = None
    last_block: Block | None = None

    def add(self, block: Block) -> None:
        """Place one block in the tree."""
        handlers = {
            "volet": self._add_volet,
            "area": self._add_area,
            "os": self._add_os,
            "oo": self._add_oo,
            "action": self._add_action,
            "marks": self._add_marks,
            "text": self._add_text,
        }
        handlers[block.kind](block)
        self.last_block = block

    def _add_volet(self, block: Block) -> None:
        self.volet_name = block.first_text
        self.volet = _Grouping(f"VOLET {block.first_text.upper()}", block.span.first_line)
        self.groupings.append(self.volet)
        self.area = self.area_grouping = None

    def _add_area(self, block: Block) -> None:
        self.area = PolicyArea(block.code, clean_title(block.text), block.span)
        self.area_grouping = _Grouping(f"{block.code}. {self.area.title}", block.span.first_line)
        self.groupings.append(self.area_grouping)

    def _add_os(self, block: Block) -> None:
        self.objective = StrategicObjective(
            code=block.code,
            title=clean_title(block.text) or None,
            span=block.span,
            volet=self.volet_name,
            policy_area=self.area,
        )
        self.plan.strategic_objectives.append(self.objective)
        for grouping in (self.volet, self.area_grouping):
            if grouping is not None:
                grouping.objectives += 1
        self.operational = self.action = None

    def _add_oo(self, block: Block) -> None:
        if self.objective is None:
            raise InputError(
                self.source.path,
                f"O.O.{block.code} comes before any O.S. heading",
                line=block.span.first_line,
            )
        self.operational = OperationalObjective(
            block.code, clean_title(block.text) or None, block.span
        )
        self.objective.operational_objectives.append(self.operational)
        if (
            block.code
            and self.objective.code
            and not block.code.startswith(f"{self.objective.code}.")
        ):
            self.plan.warnings.append(
                Finding(
                    block.span,
                    f"O.O.{block.code} is under O.S.{self.objective.code} but its code does not "
                    "start with the O.S. code",
                )
            )
        self.action = None

    def _add_action(self, block: Block) -> None:
        if self.operational is None:
            raise InputError(
                self.source.path,
                "an action comes before any O.O. heading",
                line=block.span.first_line,
            )
        self.action = Action(title=clean_title(block.text), span=block.span)
        self.operational.actions.append(self.action)

    def _add_marks(self, block: Block) -> None:
        if self.action is None or (self.last_block and self.last_block.kind != "action"):
            self._stray(block, "marks not following an action")
            return
        priority = next((m.priority for m in reversed(block.marks) if m.priority), None)
        status = next((m.status for m in reversed(block.marks) if m.status), None)
        self.action.fiches.append(Fiche(span=block.span, priority=priority, status=status))

    def _add_text(self, block: Block) -> None:
        self._stray(block, "text outside any objective or action")

    def _stray(self, block: Block, what: str) -> None:
        self.plan.warnings.append(Finding(block.span, f"{what}; not read"))
        self.plan.skipped.append(Finding(block.span, what))


def check_complete(source: SourceText, assembly: _Assembly, blocks: list[Block]) -> None:
    """Refuse a plan whose announced parts are empty or whose last list is unfinished."""
    plan = assembly.plan
    if not plan.strategic_objectives:
        raise InputError(source.path, "no objectif stratégique heading (O.S.1. ...) found")
    for grouping in assembly.groupings:
        if grouping.objectives == 0:
            raise truncated(source, grouping.line, f"{grouping.label} heads no O.S.")
    for objective in plan.strategic_objectives:
        if not objective.operational_objectives:
            raise truncated(source, objective.span.first_line, f"O.S.{objective.code} has no O.O.")
        for operational in objective.operational_objectives:
            if not operational.actions:
                raise truncated(
                    source, operational.span.first_line, f"O.O.{operational.code} has no action"
                )
    # Items of a list close with ";" and the list's last item with ".": a plan that stops on
    # anything else was cut inside its last list.
    last = next(b for b in reversed(blocks) if b.kind in ("action", "marks"))
    if not last.lines[-1].text.rstrip().endswith("."):
        raise truncated(source, last.span.last_line, "the last list of actions is unfinished")


def recognise(source: SourceText) -> float:
    """How strongly the document shows O.S./O.O. dotted codes, volets and action marks."""
    texts = [line.text for line in source.content_lines()]
    objectives = sum(1 for text in texts if match_os_heading(text))
    operationals = sum(1 for text in texts if match_oo_heading(text))
    volets = any(match_volet(text) for text in texts)
    marks = any(match_marks(text) for text in texts)
    return round(
        0.4 * feature_score(objectives, 3)
        + 0.4 * feature_score(operationals, 3)
        + 0.1 * volets
        + 0.1 * marks,
        3,
    )


def parse(source: SourceText) -> ParsedPlan:
    """Read a dotted-codes plan into its tree: volets, policy areas, OS, OO, actions, marks."""
    lines = source.content_lines()
    start = find_start(lines)
    if start < 0:
        raise InputError(source.path, "no VOLET or O.S. heading found: not a dotted-codes plan")
    plan = ParsedPlan(layout=NAME)
    intro = lines[:start]
    plan.skipped.extend(
        skipped_runs(intro, set(), "introduction (what a PST is, projects before this plan)")
    )
    blocks = read_blocks(lines[start:])
    assembly = _Assembly(source, plan)
    for block in blocks:
        assembly.add(block)
    check_complete(source, assembly, blocks)
    return plan
