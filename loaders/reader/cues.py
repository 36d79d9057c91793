"""What a line starts: the cue a reader sees at its beginning, from the marker table alone.

A cue is read from the line by itself, without context: "O.S.1.1. être …" opens an OS
heading, "1.1.1. Faire …" a numbered item, "- Organiser …" a bullet, "Partenaires : Forem" a
fiche field. Whether a numbered item is an OO or an action, whether a bulleted line is an
action or an item of a field, is decided later, by the reader of the region the line is in.
A line may show two cues at once ("Objectif stratégique - OS 100. …" is a heading, and a
field of a fiche): both are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import cast

from pstkg.loaders.reader.markers import FieldSpec, Level, markers
from pstkg.loaders.text import fold_for_matching

_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}|[IVX]{1,5}|[A-H])[.)]?\s+")
_TRAILING_COLON = re.compile(r"\s*:\s*$")
_MARK_KEYWORD = re.compile(r"\b(?:priorit[ée]|avancement)\b", re.IGNORECASE)
_MARK = re.compile(r"^(?P<keyword>[^\s:]+)\s*(?::\s*|\s+)(?P<value>\S.*)$")
_OPENING_QUOTE = '«"'
_LETTER = re.compile(r"[^\W\d_]")
_PLURAL = re.compile(r"(?i:objectifs|actions|projets)\b")


@dataclass(frozen=True)
class Heading:
    """A keyword heading: its level, code as written (None if none), the title after it."""

    level: Level
    code: str | None
    title: str
    keyword: str  # the marker as written ("O.S.", "Objectif stratégique", "OS")


@dataclass(frozen=True)
class Numbered:
    """A line opening with a code and no keyword ("1.1.", "101.", "1.1 Offrir …")."""

    code: str
    text: str
    closed: bool  # the code ends with "." or ")"

    @property
    def depth(self) -> int:
        """1 for "1", 2 for "1.1", …"""
        return self.code.count(".") + 1


@dataclass(frozen=True)
class Field:
    """A fiche field opened on this line: what it fills, its value, whether a colon said so."""

    spec: FieldSpec
    value: str
    colon: bool


@dataclass(frozen=True)
class Marks:
    """Priority and progress marks written under an action ("Priorité élevée")."""

    priority: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Cue:
    """Everything the start of one line can mean (most lines: nothing)."""

    part: str | None = None  # level a part heading announces ("os", "oo", "action", "tree")
    chapter: bool = False
    volet: str | None = None
    area: tuple[str | None, str] | None = None  # code and title of a keyword area ("Axe 2 : …")
    heading: Heading | None = None
    numbered: Numbered | None = None
    bullet: tuple[str, str] | None = None  # glyph, text
    field: Field | None = None
    marks: Marks | None = None
    fiche_title: str | None = None  # a detached fiche's header ("Projet <title>")
    op_heading: bool = False
    enjeu: int | None = None  # an enjeu heading ("2 - Enjeu de la gouvernance …")
    list_heading: bool = False  # "Nom du projet ou action"
    columns: tuple[str, ...] | None = None  # a table's header ("Actions Indicateurs Etat …")

    @property
    def structural(self) -> bool:
        """True when the line opens something (a line of running text opens nothing)."""
        return self != _PLAIN


_PLAIN = Cue()


def folded_heading_text(text: str) -> str:
    """A heading's words without its number, colon or punctuation ("1. Actions :" -> "actions")."""
    return fold_for_matching(_TRAILING_COLON.sub("", _LEADING_NUMBER.sub("", text)))


def match_part(text: str) -> str | None:
    """The level a part heading lists ("2. Objectifs opérationnels :" -> "oo"), else None."""
    if len(text) > 60 or not (text[:1].isupper() or text[:1].isdigit()):
        return None  # "objectifs stratégiques" in a sentence or a list is no heading
    return markers().parts.get(folded_heading_text(text))


_CHAPTER_EXTRA_WORDS = 4


def match_chapter(text: str) -> bool:
    """A chapter heading of the method text ("II. LA DÉFINITION …", "Exécution du PST",
    "5. Suivi et évaluation du PST"): a Roman-numbered heading, or a chapter title of the
    marker table with at most a few more words. Whether it ends the tree is for the regions
    to say (a chapter heading is followed by running text)."""
    table = markers()
    if len(text) > 120:
        return False
    if table.chapter_numbered.match(text):
        return True
    if len(text) > 60 or not (text[:1].isupper() or text[:1].isdigit()):
        return False  # "communication" continuing a wrapped title is no chapter
    if text.rstrip().endswith((".", ";", ",")):
        return False
    folded = folded_heading_text(text)
    if folded in table.chapter_titles:
        return True
    if not text[:1].isdigit():
        return False  # an unnumbered line must be a chapter title exactly ("Communication")
    words = folded.split()  # "5. Suivi et évaluation du plan": a numbered title, words after
    return any(
        " ".join(words[:size]) in table.chapter_titles
        for size in range(max(1, len(words) - _CHAPTER_EXTRA_WORDS), len(words))
    )


def match_heading(text: str) -> Heading | None:
    """A keyword heading: "O.S.1.1. être …", "OS1", "Objectif opérationnel 1.1 - « … »".

    A keyword followed by running text ("Action sociale de proximité", "Projet de
    cohésion") is no heading: it needs a code, a separator, or nothing else on the line.
    """
    match = markers().heading.match(text)
    if match is None or not text[:1].isupper():
        return None
    code = match.group("code")
    title = match.group("title").strip()
    if code is None and match.group("sep") is None and title:
        return None
    if code is None and (
        match.group("sign") or _PLURAL.search(text[: match.end("kw_" + _level(match))])
    ):
        return None  # "Objectifs stratégiques" alone announces a list: a part heading
    level = _level(match)
    keyword = match.group(f"kw_{level}")
    return Heading(level, code, title, keyword)


def _level(match: re.Match[str]) -> Level:
    """The level whose keyword group matched."""
    level = next(
        name[3:] for name, value in match.groupdict().items() if name[:3] == "kw_" and value
    )
    return cast(Level, level)  # the groups are named kw_<level> (markers.py)


def match_numbered(text: str) -> Numbered | None:
    """A line opening with a code: "1.1.1. Faire …", "101. Maintenir …", "2.3 Offrir …".

    A lone number without a dot opens an item only before a capital ("1 Des logements"):
    "7 ou 61 et assurer …" and "15 jours" are wrapped running text.
    """
    match = markers().numbered_line.match(text)
    if match is None:
        return None
    code, rest = match.group("code"), match.group("text")
    closed = text[len(code) : len(code) + 1] in (".", ")")
    if "." not in code and not closed and not (rest[:1].isupper() or rest[:1] in _OPENING_QUOTE):
        return None
    if not _LETTER.search(rest):
        return None  # '61"' continuing a wrapped line
    return Numbered(code, rest, closed)


def match_bullet(text: str) -> tuple[str, str] | None:
    """A bulleted line: "- Organiser …" -> ("-", "Organiser …")."""
    match = markers().bullet.match(text)
    if match is None:
        return None
    glyph, rest = match.group("glyph"), match.group("text")
    if glyph == "o" and not rest[:1].isupper():
        return None  # "o" opens an item only before a capital
    return glyph, rest


def match_field(text: str) -> Field | None:
    """A fiche field: "Partenaires : Forem, Commune", "Risques Perte de …" (bare label)."""
    table = markers()
    match = table.field_label.match(text)
    if match is None:
        return None
    last = match.lastgroup
    spec = table.fields[int(last[1:])] if last is not None and last != "value" else None
    if spec is None:  # the value group closed last: find the label group that matched
        index = next(i for i in range(len(table.fields)) if match.group(f"f{i}") is not None)
        spec = table.fields[index]
    value = match.group("value").strip()
    label_end = match.start("value")
    colon = ":" in text[:label_end] or value.startswith(":")
    return Field(spec, value.lstrip(": ").strip(), colon)


def _mark_value(text: str, keyword: str, values: frozenset[str]) -> str | None:
    match = _MARK.match(text.strip().rstrip(" ;.,"))
    if match is None or fold_for_matching(match.group("keyword")) != keyword:
        return None
    value = match.group("value")
    if fold_for_matching(value) not in values:
        return None
    return value.lower() if value.isupper() else value  # "ÉLEVÉE" reads "élevée"


def match_marks(text: str) -> Marks | None:
    """A line made only of marks ("Priorité élevée", "Priorité élevée Avancement en cours.")."""
    table = markers()
    starts = [m.start() for m in _MARK_KEYWORD.finditer(text)]
    if not starts or text[: starts[0]].strip():
        return None
    priority = status = None
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        segment = text[start:end]
        value = _mark_value(segment, table.mark_priority_keyword, table.priority_values)
        if value is not None:
            priority = value
            continue
        value = _mark_value(segment, table.mark_status_keyword, table.status_values)
        if value is None:
            return None
        status = value
    return Marks(priority, status)


def match_fiche_header(text: str) -> str | None:
    """The title start of a detached fiche's header ("Projet <title>"), else None.

    A line can start with "Projet" for other reasons; the reader also checks that the
    fiche's objective fields follow.
    """
    for pattern in markers().fiche_headers:
        match = pattern.match(text)
        if match:
            return match.group("title")
    return None


def match_volet(text: str) -> str | None:
    """ "VOLET INTERNE" -> "interne"; None for any other line."""
    match = markers().volet.match(text)
    return match.group("volet").lower() if match else None


def match_area(text: str) -> tuple[str | None, str] | None:
    """A keyword grouping above the OS: "Axe 2 : Cohésion sociale" -> ("2", "Cohésion sociale")."""
    match = markers().area.match(text)
    if match is None or len(text) > 100 or not (match.group("code") or match.group("sep")):
        return None
    return match.group("code"), match.group("title").strip()


@lru_cache(maxsize=65536)  # plans repeat their lines (headers, labels, list items)
def cue_of(text: str) -> Cue:
    """The cue a line's text shows (an empty cue for running text)."""
    table = markers()
    if not text:
        return _PLAIN
    first = text[0]
    if first.islower():
        # Only marks ("priorité élevée") and the "o" bullet open with a small letter.
        marks = match_marks(text)
        if marks is not None:
            return Cue(marks=marks, field=match_field(text))
        bullet = match_bullet(text) if first == "o" else None
        return Cue(bullet=bullet) if bullet is not None else _PLAIN
    part = match_part(text)
    if part is not None:
        return Cue(part=part)
    if table.op_heading.match(text):
        return Cue(op_heading=True)
    enjeu = table.enjeu_heading.match(text)
    if enjeu:
        return Cue(enjeu=int(enjeu.group("number")))
    if table.crossref_list_heading.match(text):
        return Cue(list_heading=True)
    if (volet := match_volet(text)) is not None:
        return Cue(volet=volet)
    if match_chapter(text):
        return Cue(chapter=True)
    heading = match_heading(text)
    field = match_field(text)
    fiche_title = match_fiche_header(text) if heading is None else None
    marks = match_marks(text) if heading is None else None
    if heading is not None or field is not None or fiche_title is not None or marks is not None:
        return Cue(heading=heading, field=field, fiche_title=fiche_title, marks=marks)
    if (area := match_area(text)) is not None:
        return Cue(area=area)
    if (numbered := match_numbered(text)) is not None:
        return Cue(numbered=numbered)
    if (bullet := match_bullet(text)) is not None:
        return Cue(bullet=bullet)
    if (columns := match_columns(text)) is not None:
        return Cue(columns=columns)
    return _PLAIN


@cache
def _column_words() -> tuple[int, frozenset[str]]:
    """The longest column name (in words) and the words column names start with."""
    names = markers().table_columns
    return max(len(name.split()) for name in names), frozenset(n.split()[0] for n in names)


def match_columns(text: str) -> tuple[str, ...] | None:
    """The columns a table's header line names, in order, when it names only columns:
    "Actions Indicateurs Etat d'avancement" -> ("action", "indicators", "status")."""
    if len(text) > 160 or not text[:1].isupper():
        return None
    names = markers().table_columns
    longest, first_words = _column_words()
    if fold_for_matching(text.split(None, 1)[0]) not in first_words:
        return None  # most lines: their first word names no column
    tokens = fold_for_matching(text).split()
    columns: list[str] = []
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            column = names.get(" ".join(tokens[position : position + size]))
            if column is not None:
                columns.append(column)
                position += size
                break
        else:
            return None
    return tuple(columns) if len(columns) >= 2 and len(set(columns)) == len(columns) else None
