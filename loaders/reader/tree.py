"""Reading the tree: the lines of a tree region become mentions of OS, OO and actions.

Line by line, a cue opens something and plain lines continue it (see cues.py). The rules,
which hold for every layout:

- A heading (keyword or numbered) opens an objective; the plain lines after it continue its
  title until a line starts a new title (``starts_new_title``). Where the heading is alone on
  its line ("OO1", "OS 3 -"), its title is the first title that follows.
- Under an OO, titles that follow its own are its actions, unmarked ("Aller à leur rencontre
  …" on a slide, a list whose bullets were lost in extraction).
- A marked action (bullet, code, "Action n -") goes on over plain lines until the next cue.
- A numbered line's level comes from the codes around it: a code one step below an open
  item's is its child ("1.1" under "1"), a code beside an open item's is its sibling; else the
  code's depth ("1." OS, "1.1." OO, "1.1.1." action) unless keywords mark that level, where a
  number under a keyword heading numbers its children ("Action" under "O.O.1."); a numbered
  line just above an OS it prefixes is a policy area ("1. Accueil …" above "O.S.1.1."); any
  other number is an item of the action's lists (indicators, states).
- Fields ("Partenaires : …") and marks ("Priorité élevée") fill the fiche of the item above.
- A short line right above an OS is a theme ("Sécurité"), grouping the OS below it.
- When an OS number comes back while another OS is open, and no grouping heading came between,
  the document lists its tree again (a second pass: a list of OS, then one slide per OS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pstkg.loaders.model import PolicyArea, Span
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.cues import Cue, Heading, Numbered, match_marks
from pstkg.loaders.reader.items import split_items
from pstkg.loaders.reader.known_titles import (
    KnownTitles,
    Word,
    best_match,
    match_at,
    words_of,
    words_span,
    words_text,
)
from pstkg.loaders.reader.lists import list_items, word_pieces
from pstkg.loaders.reader.markers import Level, markers
from pstkg.loaders.reader.mentions import FieldBlock, Group, Mention
from pstkg.loaders.reader.regions import Region, is_theme_line
from pstkg.loaders.reader.wrapping import (
    clean_title,
    ends_mid_sentence,
    join_texts,
    starts_new_title,
)
from pstkg.loaders.text import Line, fold_for_matching, glue

_DEPTH_LEVEL: dict[int, Level] = {1: "os", 2: "oo", 3: "action"}
_PARENT: dict[Level, Level | None] = {"os": None, "oo": "os", "action": "oo"}
_AREA_MAX_WORDS = 10


@dataclass
class Shape:
    """What the whole document's tree shows, decided before reading it line by line."""

    keyword_levels: frozenset[str]
    hundreds: bool
    has_oo: bool
    themes: bool = False
    """Short lines right above several OS are themes grouping them ("Sécurité")."""
    bullets: bool = False
    """The plan bullets its actions (a short unmarked line is then no action)."""
    known: KnownTitles | None = None
    oo_titles: dict[str, list[str]] = field(default_factory=dict)
    """Each OO's title as fiches spell it, by code: where its heading's title ends."""


@dataclass
class _Block:
    """What plain lines continue: a heading's title, an item, a field, an area's title."""

    kind: str  # "heading", "item", "field", "area", "marks", "stray"
    mention: Mention | None = None
    field: FieldBlock | None = None
    area_lines: list[Line] | None = None
    area_text: str = ""  # an area heading's title on its first line, as written


def code_depth(code: str) -> int:
    """1 for "1", 2 for "1.1", …"""
    return code.count(".") + 1


def _prefix(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


def numbered_style(code: str) -> str:
    """A code's shape for the load report: "1.1.1." -> "n.n.n", "101" -> "n01"."""
    if markers().hundreds_os.match(code):
        return "n00"
    if markers().hundreds_oo.match(code):
        return "nxx"
    return ".".join("n" for _ in code.split("."))


_PART_NAMES = {
    "os": "the OS list",
    "oo": "the OO list",
    "action": "the action list",
    "tree": "the whole tree",
}


class TreeReader:
    """Reads the tree regions of one document into mentions, in document order."""

    def __init__(self, reading: Reading, shape: Shape) -> None:
        self.reading = reading
        self.shape = shape
        self.mentions: list[Mention] = []
        self.open: dict[str, Mention | None] = {"os": None, "oo": None, "action": None}
        self.group = Group()
        self.groups: list[tuple[Group, Line]] = []
        self.group_since_os = False
        self.pass_index = 0
        self.os_codes: set[str] = set()
        """The OS codes seen in the current pass."""
        self.block = _Block("stray")
        self.pending: list[tuple[int, Line]] = []
        self.columns: tuple[str, ...] = ()
        self.list_column = 0
        self.list_restart = False
        self.area_count = 0
        self.strays: list[Line] = []
        """Lines the tree's rules did not read: running text, where facts are read too."""
        self.group_heads: list[tuple[str, Line, list[Mention]]] = []
        """Volet and area headings, with the OS each heads (none: a truncated plan)."""

    # -- driving ----------------------------------------------------------------------------

    def read(self, region: Region) -> None:
        """Read the lines of one tree region."""
        lines, cues = self.reading.lines, self.reading.cues
        self.block = _Block("stray")
        index = region.start
        while index < region.end:
            index += self.step(index, lines[index], cues[index], region.end)
        self.flush()

    def step(self, index: int, line: Line, cue: Cue, end: int) -> int:
        """Read one line; returns how many lines it used (two for marks wrapped on two)."""
        if cue.part is not None:
            self.flush()
            self.reading.used(f"heading of {_PART_NAMES[cue.part]}")
            self.block = _Block("stray")
        elif cue.volet is not None:
            self.flush()
            self.new_group(Group(volet=cue.volet), line)
            self.block = _Block("stray")
        elif cue.area is not None:
            self.flush()
            code, title = cue.area
            self.open_area(code, title, line)
        elif cue.heading is not None and cue.heading.level != "op" and self.heading_counts(cue):
            self.flush()
            self.open_heading(index, line, cue.heading)
        elif cue.marks is not None and self.takes_marks():
            self.add_marks(line, cue)
        elif cue.field is not None and cue.field.colon:
            self.flush()
            self.open_field(line, cue)
        elif cue.numbered is not None:
            self.numbered(index, line, cue.numbered)
        elif cue.bullet is not None:
            self.bullet(index, line, *cue.bullet)
        elif cue.columns is not None:
            self.flush()
            self.columns = cue.columns
            self.reading.used("table header")
            self.block = _Block("stray")
        else:
            return self.plain(index, line, end)
        return 1

    def heading_counts(self, cue: Cue) -> bool:
        """A keyword heading that is also a fiche's field ("Objectif stratégique : X") is a
        heading in the tree; a bare one ("Objectif stratégique - OS 100.") is a reference."""
        return (
            cue.field is None
            or cue.field.colon
            or (cue.heading is not None and cue.heading.code is not None)
        )

    # -- groupings --------------------------------------------------------------------------

    def new_group(self, group: Group, line: Line) -> None:
        """A volet or area heading: the OS that follow are under it."""
        self.area_count += 1
        group.index = self.area_count
        self.group = group
        self.group_since_os = True
        self.os_codes = set()  # OS numbers may start over in each group
        self.open = {"os": None, "oo": None, "action": None}
        label = f"VOLET {group.volet.upper()}" if group.volet and not group.area else None
        if group.area is not None:
            code = f"{group.area.code}. " if group.area.code else ""
            label = f"{code}{group.area.title}"
        self.group_heads.append((label or "", line, []))
        self.reading.used("volet heading" if group.area is None else "area heading")

    def open_area(self, code: str | None, title: str, line: Line) -> None:
        """A policy area, theme or axe heading; its title may wrap."""
        area = PolicyArea(code, clean_title(title), Span(line.number, line.number))
        self.new_group(Group(volet=self.group.volet, area=area), line)
        self.block = _Block("area", area_lines=[line], area_text=title)

    def close_area(self) -> None:
        """Finish an area heading's title (its wrapped lines joined)."""
        area = self.group.area
        lines = self.block.area_lines or []
        if area is None or len(lines) < 2:
            return
        texts = [self.block.area_text, *(line.text for line in lines[1:])]
        title = clean_title(join_texts(texts))
        area.title = title
        area.span = Span(lines[0].number, lines[-1].number)
        _, heading_line, heads = self.group_heads[-1]
        self.group_heads[-1] = (
            f"{area.code}. {title}" if area.code else title,
            heading_line,
            heads,
        )

    # -- items ------------------------------------------------------------------------------

    def new_mention(
        self, level: Level, code: str | None, line: Line, text: str, marker: str, index: int
    ) -> Mention:
        """A mention under the open items, in the current pass and group."""
        if level == "os":
            # An OS number coming back within the pass (not the open OS's, repeated above
            # its next OO) starts the tree over: a second pass.
            current = self.open["os"]
            repeated = current is not None and current.code == code
            if code and code in self.os_codes and not self.group_since_os and not repeated:
                self.pass_index += 1
                self.os_codes = set()
            if code:
                self.os_codes.add(code)
            self.group_since_os = False
        parent_level = _PARENT[level]
        parent = self.open.get(parent_level) if parent_level else None
        if level == "action" and parent is None:
            parent = self.open["os"]
        mention = Mention(
            closing=line,
            level=level,
            code=code,
            lines=[line],
            first_text=text,
            marker=marker,
            order=index,
            pass_index=self.pass_index,
            parent=parent,
            group=self.group,
        )
        if parent is not None:
            parent.children.append(mention)
        if level == "os" and self.group_heads:
            self.group_heads[-1][2].append(mention)
        self.mentions.append(mention)
        self.open[level] = mention
        for deeper in ("oo", "action")[("os", "oo", "action").index(level) :]:
            if deeper != level:
                self.open[deeper] = None
        self.reading.used(f"{level}: {marker}")
        self.list_column = 0
        return mention

    def open_heading(self, index: int, line: Line, heading: Heading) -> None:
        """A keyword heading ("O.S.1.1.", "OO 3 -", "Action 1.1.1 :")."""
        marker = f"«{heading.keyword.strip()}»" + (" + code" if heading.code else "")
        mention = self.new_mention(heading.level, heading.code, line, heading.title, marker, index)
        self.block = _Block("item" if heading.level == "action" else "heading", mention)

    def numbered(self, index: int, line: Line, numbered: Numbered) -> None:
        """A line opening with a code: an objective, an action, an area, or a list item."""
        level = self.numbered_level(index, numbered)
        if level == "list":
            self.list_item(index, line, numbered)
            return
        self.flush()
        if level == "area":
            self.open_area(numbered.code, numbered.text, line)
            return
        marker = f"code {numbered_style(numbered.code)}"
        mention = self.new_mention(level, numbered.code, line, numbered.text, marker, index)
        self.block = _Block("item" if level == "action" else "heading", mention)

    def numbered_level(self, index: int, numbered: Numbered) -> Level | Literal["area", "list"]:
        """The level of a numbered line, from the codes around it (see the module's doc)."""
        code, depth = numbered.code, numbered.depth
        table = markers()
        if self.shape.hundreds:
            if table.hundreds_os.match(code):
                return "os"
            if table.hundreds_oo.match(code):
                return "oo"
        parent_child: tuple[tuple[Level, Level], ...] = (("oo", "action"), ("os", "oo"))
        for parent_level, child_level in parent_child:
            parent = self.open[parent_level]
            if (
                parent is not None
                and parent.code
                and code.startswith(parent.code + ".")
                and depth == code_depth(parent.code) + 1
            ):
                return child_level
        list_items = self.reading.source.list_items
        deepest = next((self.open[lv] for lv in ("action", "oo", "os") if self.open[lv]), None)
        if (
            deepest is not None
            and deepest.level != "action"
            and self.reading.lines[index].number in list_items
            and deepest.lines[0].number not in list_items
        ):
            # A word processor's list under a heading lists the heading's children, whatever
            # its counter says (lists often go on counting from one heading to the next).
            return "oo" if deepest.level == "os" and self.shape.has_oo else "action"
        deepest_first: tuple[Level, ...] = ("action", "oo", "os")
        for level in deepest_first:
            sibling = self.open[level]
            if (
                sibling is not None
                and sibling.code
                and sibling.marker.startswith("code")
                and code_depth(sibling.code) == depth
                and _prefix(sibling.code) == _prefix(code)
            ):
                return level
        if self.heads_an_os(index, numbered):
            return "area"
        default = _DEPTH_LEVEL.get(depth)
        if default is not None and default not in self.shape.keyword_levels:
            return default
        if (
            deepest is not None
            and not deepest.marker.startswith("code")  # a keyword heading
            and deepest.level != "action"
            and deepest.code
        ):
            return "oo" if deepest.level == "os" else "action"
        return "list"

    def heads_an_os(self, index: int, numbered: Numbered) -> bool:
        """A numbered line right above an OS heading whose code it prefixes is an area."""
        if len(numbered.text.split()) > _AREA_MAX_WORDS or numbered.text.rstrip().endswith(
            (".", ";", ":")
        ):
            return False
        cues = self.reading.cues
        for cue in cues[index + 1 : index + 3]:
            if cue.heading is not None and cue.heading.level == "os":
                os_code = cue.heading.code
                return (
                    os_code is None
                    or os_code == numbered.code
                    or os_code.startswith(numbered.code + ".")
                )
            if cue.structural:
                return False
        return False

    def bullet(self, index: int, line: Line, glyph: str, text: str) -> None:
        """A bulleted line: an action, an item of a field, or a title wrapped before a dash."""
        block = self.block
        if block.kind == "area" or (
            block.kind == "heading"
            and block.mention is not None
            and block.mention.level == "os"
            and self.shape.has_oo
            and glyph == "-"
        ):
            # "2. Politique du logement" / "- énergétique": a title wrapped before a dash.
            self.plain_continues(index, line)
            return
        if block.kind == "field" and block.field is not None and not block.field.pieces[:1]:
            block.field.pieces.append(self.reading.piece(line))
            return
        if block.kind == "field" and block.field is not None and self.field_takes_bullets(glyph):
            block.field.pieces.append(self.reading.piece(line))
            return
        self.flush()
        if self.open["oo"] is None and self.open["os"] is None:
            self.stray([line], "an action comes before any objective")
            return
        mention = self.new_mention("action", None, line, text, f"bullet «{glyph}»", index)
        self.block = _Block("item", mention)

    def field_takes_bullets(self, glyph: str) -> bool:
        """Bullets continue a field's list when actions are not bulleted with the same glyph."""
        return not any(
            m.marker == f"bullet «{glyph}»" for m in self.mentions[-50:] if m.level == "action"
        )

    # -- fiches -----------------------------------------------------------------------------

    def current_item(self) -> Mention | None:
        """The deepest open item: fields and marks describe it."""
        return next((self.open[lv] for lv in ("action", "oo", "os") if self.open[lv]), None)

    def open_field(self, line: Line, cue: Cue) -> None:
        """A field of the current item's fiche ("Partenaires : Forem")."""
        assert cue.field is not None
        item = self.current_item()
        if item is None:
            self.stray([line], "a fiche field outside any objective or action")
            return
        label = line.text[: len(line.text) - len(cue.field.value)].rstrip(" :")
        value = [self.reading.piece(line, cue.field.value)] if cue.field.value else []
        block = FieldBlock(cue.field.spec, label or line.text, line.number, value)
        item.fields.append(block)
        self.reading.used(f"field «{label.strip()}»")
        self.block = _Block("field", item, block)

    def takes_marks(self) -> bool:
        """Marks follow an action (or its marks)."""
        return self.block.kind in ("item", "marks") and self.open["action"] is not None

    def add_marks(self, line: Line, cue: Cue, lines: list[Line] | None = None) -> None:
        """Marks under an action; consecutive mark lines are one fiche."""
        action = self.open["action"]
        assert action is not None and cue.marks is not None
        span = Span(line.number, (lines or [line])[-1].number)
        if self.block.kind == "marks" and action.marks:
            previous, previous_span = action.marks[-1]
            action.marks[-1] = (_merge_marks(previous, cue.marks), previous_span.cover(span))
        else:
            action.marks.append((cue.marks, span))
        action.closing = (lines or [line])[-1]
        self.reading.used("marks (priorité, avancement)")
        self.block = _Block("marks", action)

    def list_item(self, index: int, line: Line, numbered: Numbered) -> None:
        """A numbered item under an action: its indicators, its states (a table's columns)."""
        action = self.open["action"]
        if action is None:
            self.plain_continues(index, line)
            return
        columns = [column for column in self.columns if column not in ("os", "oo", "action")]
        if numbered.code == "1" and self.block.kind == "field" and self.list_restart:
            self.list_column += 1
        column = columns[self.list_column] if self.list_column < len(columns) else None
        spec = next((s for s in markers().fields if s.attribute == column), None)
        if spec is None:
            spec = next(s for s in markers().fields if s.attribute == "indicators")
        block = self.block.field if self.block.kind == "field" else None
        if block is None or block.spec.attribute != spec.attribute or numbered.code == "1":
            block = FieldBlock(spec, column or "indicators", line.number, [])
            action.fields.append(block)
        block.pieces.append(self.reading.piece(line))
        self.list_restart = True
        self.reading.used("numbered list under an action")
        self.block = _Block("field", action, block)

    # -- plain lines ------------------------------------------------------------------------

    def plain(self, index: int, line: Line, end: int) -> int:
        """A line no cue opens: it continues what is open, or is a theme, or is stray."""
        lines = self.reading.lines
        if index + 1 < end:
            marks = match_marks(glue(line.text, lines[index + 1].text))
            if marks is not None and match_marks(line.text) is None and self.takes_marks():
                self.add_marks(line, Cue(marks=marks), [line, lines[index + 1]])
                return 2
        if self.is_theme(index, line, end):
            self.flush()
            self.open_area(None, line.text, line)
            self.reading.used("theme heading")
            return 1
        self.plain_continues(index, line)
        return 1

    def plain_continues(self, index: int, line: Line) -> None:
        """Give a plain line to the open block."""
        block = self.block
        if self.reading.source.paragraphs and not self.continues_paragraph(line):
            # A word processor's paragraph goes on with nothing before it but a heading's
            # lines (its title, its unmarked items) or a field waiting for its value.
            if (
                block.kind == "item"
                and block.mention is not None
                and (block.mention.marker == "unmarked line" and block.mention.parent is not None)
            ):
                self.flush()
                self.block = _Block("heading", block.mention.parent)
                self.pending.append((index, line))
                return
            if block.kind not in ("heading", "field") or (
                block.kind == "field" and block.field is not None and block.field.pieces
            ):
                self.stray([line], "a paragraph outside any objective, action or field")
                return
        if block.kind == "heading":
            self.pending.append((index, line))
        elif block.kind == "item" and block.mention is not None:
            block.mention.lines.append(line)
            block.mention.closing = line
        elif block.kind == "field" and block.field is not None:
            block.field.pieces.append(self.reading.piece(line))
        elif block.kind == "area" and block.area_lines is not None:
            block.area_lines.append(line)
        elif block.kind == "marks":
            self.stray([line], "text after marks, outside any action")
        else:
            self.stray([line], "text outside any objective or action")

    def continues_paragraph(self, line: Line) -> bool:
        """Whether a word processor's paragraph goes on with the one before it (a cell's
        next paragraph)."""
        return line.number in self.reading.source.continuations

    def is_theme(self, index: int, line: Line, end: int) -> bool:
        """A short line right above an OS heading, after a finished item: a theme heading."""
        if not self.shape.themes or not is_theme_line(self.reading, index):
            return False
        if self.block.kind == "heading" and not self.shape.has_oo:
            return False
        heading = self.block.mention if self.block.kind == "heading" else None
        if heading is not None and heading.level == "oo" and not self.shape.bullets:
            return False  # under an OO, a short line may be an unmarked action
        previous = self.reading.lines[index - 1].text if index > 0 else ""
        if previous and ends_mid_sentence(previous):
            return False
        return index + 1 < end and self.opens_os(index + 1)

    def opens_os(self, index: int) -> bool:
        """Whether the line at ``index`` opens an OS (keyword, or a number read as an OS)."""
        cue = self.reading.cues[index]
        if cue.heading is not None:
            return cue.heading.level == "os"
        if cue.numbered is not None:
            if self.shape.hundreds:
                return bool(markers().hundreds_os.match(cue.numbered.code))
            return cue.numbered.depth == 1 and "os" not in self.shape.keyword_levels
        return False

    def stray(self, lines: list[Line], reason: str) -> None:
        """Lines the tree's rules do not read: skipped, with a warning."""
        self.strays.extend(lines)
        span = Span(lines[0].number, lines[-1].number)
        previous = self.reading.skipped[-1] if self.reading.skipped else None
        if (
            previous is not None
            and previous.message == reason
            and (previous.span.last_line < span.first_line)
            and self.block.kind == "stray"
        ):
            self.reading.skipped[-1] = type(previous)(previous.span.cover(span), reason)
            warning = self.reading.warnings[-1]
            self.reading.warnings[-1] = type(warning)(warning.span.cover(span), warning.message)
        else:
            self.reading.skip(span, reason)
            self.reading.warn(span, f"{reason}; not read")
        self.block = _Block("stray")

    # -- closing a heading: its title, and the unmarked items after it -----------------------

    def flush(self) -> None:
        """Finish the open block: a heading's title and the unmarked actions after it."""
        block = self.block
        if block.kind == "area":
            self.close_area()
        if block.kind == "heading" and block.mention is not None:
            if self.shape.known is not None:
                self.flush_known(block.mention)
            else:
                self.flush_units(block.mention)
        self.pending = []
        self.block = _Block("stray")

    def flush_units(self, heading: Mention) -> None:
        """Split the lines after a heading into its title and the unmarked items after it."""
        units: list[list[tuple[int, Line]]] = []
        current_text = heading.first_text
        paragraphs = self.reading.source.paragraphs
        for index, line in self.pending:
            if paragraphs and current_text and not self.continues_paragraph(line):
                units.append([(index, line)])  # a paragraph is a title of its own
                current_text = line.text
            elif current_text and starts_new_title(line.text, current_text):
                units.append([(index, line)])
                current_text = line.text
            elif units:
                units[-1].append((index, line))
                current_text = join_texts([current_text, line.text])
            elif heading.first_text:
                heading.lines.append(line)
                current_text = join_texts([current_text, line.text])
            else:
                units.append([(index, line)])
                current_text = line.text
        if not heading.first_text and units:
            title = [line for _, line in units.pop(0)]
            heading.lines.extend(title)  # after the marker's line, alone on its own
        if not units:
            return
        if heading.level == "oo" or (heading.level == "os" and not self.shape.has_oo):
            for unit in units:
                first_index, first = unit[0]
                action = self.new_mention(
                    "action", None, first, first.text, "unmarked line", first_index
                )
                action.lines.extend(line for _, line in unit[1:])
                action.parent = heading
                if action not in heading.children:
                    heading.children.append(action)
                self.open["oo" if heading.level == "oo" else "os"] = heading
            return
        what = "OS" if heading.level == "os" else "OO"
        for unit in units:
            self.stray(
                [line for _, line in unit], f"text under {what} {heading.code or heading.title!r}"
            )

    def flush_known(self, heading: Mention) -> None:
        """The same, where fiches name the projects: their titles cut the list."""
        known = self.shape.known
        assert known is not None
        words = words_of(
            [Line(heading.lines[0].number, heading.first_text), *(line for _, line in self.pending)]
        )
        if not words:
            return
        if heading.level != "oo":
            heading.fixed_title = clean_title(words_text(words))
            heading.fixed_span = words_span(words)
            return
        end = self.title_end(words, self.shape.oo_titles.get(heading.code or "", []), known)
        title = words[:end] or words[:1]
        heading.fixed_title = clean_title(words_text(title))
        heading.fixed_span = words_span(title)
        for text, span, index in list_items(self.reading, words[len(title) :], known):
            line = Line(span.first_line, text)
            action = self.new_mention("action", None, line, text, "unmarked line", heading.order)
            action.fixed_title = text
            action.fixed_span = span
            action.known = index
            action.parent = heading
            self.open["oo"] = heading

    def title_end(self, words: list[Word], fiche_titles: list[str], known: KnownTitles) -> int:
        """How many of an OO heading's words spell its title, the rest being projects.

        The title the OO's fiches give is matched first; failing that, the title runs to the
        first line that starts with a known title; failing that, to the end of its first item.
        """
        found = [match_at(words, 0, fold_for_matching(title).split()) for title in fiche_titles]
        ends = [end for end in found if end is not None]
        if ends:
            return max(ends)
        for index in range(1, len(words)):
            starts_line = words[index].line != words[index - 1].line
            if starts_line and best_match(words, index, known) is not None:
                return index
        pieces = word_pieces(self.reading, words)
        first_item = split_items(pieces, self.reading.width)[:1]
        if not first_item:
            return len(words)
        last_line = first_item[0][1].last_line
        return sum(1 for word in words if word.line <= last_line)


def _merge_marks(first, second):
    """Two lines of marks as one: each keeps what it states, the later line winning."""
    from pstkg.loaders.reader.cues import Marks

    return Marks(second.priority or first.priority, second.status or first.status)
