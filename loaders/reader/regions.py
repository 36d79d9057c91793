"""The parts of a document: method text, the tree, the OP table, cross-reference lists, fiches.

Every plan has a tree (its OS, OO and actions, possibly listed several times); many add a
table of political objectives (OP), lists of projects by enjeu, and fiches detached from the
tree in an annex. Each part opens with a cue of the marker table and runs to the next part or
chapter heading:

- the tree opens at a part heading ("1. Objectifs stratégiques :", "OS, OO et Projets"), at a
  volet or area heading, at the first keyword heading ("O.S.1.1.", "OS1", "Objectif
  stratégique N° 1"), or at the first numbered objective a numbered child follows ("1. …"
  then "1.1 …"); a theme heading right above that is part of it;
- the OP table opens at its heading ("Objectifs politiques (OP)");
- cross-reference lists open at a chapter on the ODD or the enjeux;
- detached fiches open at the first fiche header that names its objectives;
- a chapter heading ("II. …", "Exécution du PST") closes the part it is in.

What lies outside every part is method text: the plan's facts are read there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.cues import Cue
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.wrapping import is_theme_heading
from pstkg.loaders.text import glue

RegionKind = Literal["text", "op", "tree", "crossref", "fiches"]
_NUMBERED_CHILD_WINDOW = 8  # lines within which a numbered OS's first child follows it


@dataclass(frozen=True)
class Region:
    """A part of the document: its kind and its range of content lines (end excluded)."""

    kind: RegionKind
    start: int
    end: int


def is_fiche_start(reading: Reading, index: int) -> bool:
    """A fiche header ("Projet <title>") opens a detached fiche when the fiche's first field,
    after its (wrapped) title, names an objective."""
    if reading.cues[index].fiche_title is None:
        return False
    limit = markers().fiche_max_title_lines
    for cue in reading.cues[index + 1 : index + 1 + limit]:
        if cue.field is not None:
            return cue.field.spec.kind == "reference"
    return False


def _opens_tree(reading: Reading, index: int) -> bool:
    """Whether the line at ``index`` can open the plan's tree."""
    cue = reading.cues[index]
    if cue.part is not None:
        # "Les objectifs opérationnels" / "(OO) expriment …" is a sentence a PDF wrapped.
        following = reading.lines[index + 1].text if index + 1 < len(reading.lines) else ""
        return not (following[:1].islower() or following[:1] in "(,;")
    if cue.volet is not None or cue.area is not None:
        return True
    heading = cue.heading
    if heading is not None and heading.level in ("os", "oo"):
        # "Objectif stratégique - OS 100." without a code of its own is a fiche's field.
        return cue.field is None or cue.field.colon or heading.code is not None
    return cue.numbered is not None and _numbered_objective(reading, index)


def _numbered_objective(reading: Reading, index: int) -> bool:
    """A numbered line opens the tree when a numbered child follows it ("1. …", "1.1 …"), or
    when it is an OS of the hundreds numbering followed by its OO ("100. …", "101. …")."""
    table = markers()
    numbered = reading.cues[index].numbered
    assert numbered is not None
    code = numbered.code
    for cue in reading.cues[index + 1 : index + 1 + _NUMBERED_CHILD_WINDOW]:
        if cue.numbered is None:
            if cue.structural:
                return False
            continue
        child = cue.numbered.code
        if child.startswith(code + ".") and child.count(".") == code.count(".") + 1:
            return numbered.depth == 1
        if table.hundreds_os.match(code) and table.hundreds_oo.match(child):
            return child[0] == code[0]
        return False
    return False


def _tree_start(reading: Reading, index: int, themes: bool) -> int:
    """Where a tree opening at ``index`` starts: a theme heading right above its first OS
    belongs to it."""
    if (
        themes
        and index > 0
        and _opens_os(reading.cues[index])
        and is_theme_line(reading, index - 1)
    ):
        return index - 1
    return index


def _opens_os(cue: Cue) -> bool:
    return (cue.heading is not None and cue.heading.level == "os") or (
        cue.numbered is not None and cue.numbered.depth == 1
    )


def is_theme_line(reading: Reading, index: int) -> bool:
    """A line that can be a theme heading: nothing else opens it, it is short and set apart
    (a blank line or a page break before it: a heading, not the end of a wrapped title)."""
    line = reading.lines[index]
    source = reading.source
    before = source.lines[line.number - 2] if 1 < line.number <= len(source.lines) else None
    set_apart = (
        before is None
        or before.blank
        or line.number in source.page_starts
        or before.number in reading.furniture_numbers  # a running header above it
    )
    return (
        set_apart
        and not reading.cues[index].structural
        and is_theme_heading(line.text, markers().theme_max_words)
    )


def has_themes(reading: Reading) -> bool:
    """Themes group the OS when several OS stand right under a theme-like line ("Sécurité").

    One such line alone (a title above the first OS) is no series of themes.
    """
    plain = grouped = 0
    for index in range(1, len(reading.lines)):
        if not _opens_os(reading.cues[index]):
            continue
        above = reading.cues[index - 1]
        if above.volet is not None or above.area is not None:
            grouped += 1  # "AXE INTERNE" above an OS: themes may stand beside it
        elif is_theme_line(reading, index - 1):
            plain += 1
    return plain >= 1 and plain + grouped >= 2


def find_regions(reading: Reading) -> list[Region]:
    """The document's parts, in order, covering every content line."""
    cues = reading.cues
    count = len(cues)
    fiches = next((i for i in range(count) if is_fiche_start(reading, i)), count)
    themes = has_themes(reading)
    regions: list[Region] = []
    kind: RegionKind = "text"
    start = 0

    def close(at: int, new_kind: RegionKind) -> None:
        nonlocal kind, start
        if at > start:
            regions.append(Region(kind, start, at))
        kind, start = new_kind, at

    for index in range(fiches):
        cue = cues[index]
        if cue.op_heading and kind != "op":
            close(index, "op")
        elif cue.chapter and _starts_chapter(reading, index):
            # "III. LES OBJECTIFS DE" / "DEVELOPPEMENT DURABLE": the heading may wrap.
            following = reading.lines[index + 1].text if index + 1 < count else ""
            heading = glue(reading.lines[index].text, following)
            crossref = markers().crossref_section.search(heading)
            close(index, "crossref" if crossref else "text")
        elif kind in ("text", "op") and _opens_region(cue) and _opens_tree(reading, index):
            close(_tree_start(reading, index, themes) if kind == "text" else index, "tree")
    close(fiches, "fiches")
    if fiches < count:
        regions.append(Region("fiches", fiches, count))
    return regions


_PROSE_WORDS = 12
_PROSE_LINES = 8


def _starts_chapter(reading: Reading, index: int) -> bool:
    """A chapter heading opens running text: a Roman-numbered heading always does; a titled
    one ("Suivi et évaluation du PST") when sentences follow it, not a list of titles."""
    if markers().chapter_numbered.match(reading.lines[index].text):
        return True
    words = 0
    sentence = False
    for cue, line in zip(
        reading.cues[index + 1 : index + 1 + _PROSE_LINES],
        reading.lines[index + 1 : index + 1 + _PROSE_LINES],
        strict=False,
    ):
        if cue.structural and not cue.chapter:
            return False
        words += len(line.text.split())
        sentence = sentence or ". " in line.text or line.text.endswith(".")
        if words >= _PROSE_WORDS and sentence:
            return True  # sentences, not a list of titles
    return False


def _opens_region(cue: Cue) -> bool:
    return cue.structural and not cue.chapter and cue.bullet is None
