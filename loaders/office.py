"""Reading a plan written with a word processor: Word (.docx) and OpenDocument text (.odt).

A word processor's document has paragraphs, not lines: each paragraph of the body becomes one
line of the :class:`SourceText`, in reading order, and the reader reads those lines as it reads
a PDF's. Provenance "line N" is therefore the document's Nth paragraph, counting empty ones
(blank lines here), a text box's paragraphs right after the paragraph holding the box, and a
table as the lines it is written as (below). What becomes of each structure:

- **headings** stay their text, one line each (never joined to the next paragraph here), with
  their number where the document numbers them (Word's numbering linked to heading styles,
  LibreOffice's outline numbering);
- **lists**: an item is written with the number the word processor shows, computed from the
  numbering definition ("1.", "1.1.", "a)", "II."), or a bullet "• " (the document's own glyph
  where the reader knows it: "o", "-"…). A numbering format that is not arithmetic (Word's
  "ordinal", "cardinalText"…) is written as a bullet "• ". Word's numbering is counted per
  list definition, continued across the lists that share it unless one restarts it;
  OpenDocument's per list, unless the list continues another. A list item's second paragraph
  has no marker;
- **tables**: a row whose first cell is a fiche label the reader knows ("Responsable",
  "Échéance", "Partenaires"…, see loaders/reader/markers.toml) is one line "Responsable :
  Service social" (then the value's further paragraphs); a header row naming the plan-table
  columns the reader knows ("Objectif stratégique", "Actions", "Responsable", "Échéance"…) is
  one line, cells joined by " ; ", and labels the cells of the rows below: an OS or OO cell
  gets its keyword ("Objectif opérationnel 1.2 : …"), an action cell a bullet, a field cell its
  label ("Échéance : 2022"); any other cell is one line per paragraph;
- **page breaks** (Word: a page break or "page break before"; OpenDocument: a paragraph style
  breaking the page before or after) start a page (:attr:`SourceText.page_starts`): the
  paragraph after the break, or the one holding it when text follows the break.

Not read: page headers and footers (page furniture), footnotes, comments, deleted text of
tracked changes, images. Both formats are zip packages, checked before any parser reads them
(loaders/archives.py): a zip bomb is refused unread, an XML part declaring entities refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.archives import check_archive, refuse_compound_file
from pstkg.loaders.limits import check_line_count, read_limited
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.text import (
    Line,
    SourceText,
    cut_long_lines,
    fold_for_matching,
    normalise_line,
)

_KINDS = {  # what each suffix must be, and the part holding its text
    ".docx": ("a Word (.docx)", "word/document.xml"),
    ".odt": ("an OpenDocument (.odt)", "content.xml"),
}


def read_office(path: Path) -> SourceText:
    """Read a .docx or .odt document into lines, one per paragraph (see the module's docstring)."""
    data = read_limited(path)
    suffix = path.suffix.lower()
    check_package(path, data, suffix)
    try:
        out = _read_docx(data) if suffix == ".docx" else _read_odt(path, data)
    except InputError:
        raise
    except Exception as error:  # any parser's error is the document's fault
        kind = _KINDS[suffix][0]
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(path, f"cannot read it as {kind} document ({reason[:200]})") from None
    return out.source(path, data, suffix.lstrip("."))


def check_package(path: Path, data: bytes, suffix: str) -> None:
    """Refuse a file that is not the zip package of a .docx/.odt, an encrypted one, or one
    whose parts would inflate beyond the limits (:func:`pstkg.loaders.archives.check_archive`)."""
    kind, main_part = _KINDS[suffix]
    refuse_compound_file(path, data, f"{kind} document", suffix)
    members = check_archive(path, data, f"{kind} document")
    names = {member.filename for member in members}
    if main_part not in names:
        raise InputError(path, f"not {kind} document: the package has no {main_part}")
    manifest = "META-INF/manifest.xml"
    if manifest in names:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if b"encryption-data" in package.read(manifest):
                raise InputError(path, "the document is encrypted; save it without a password")


# --------------------------------------------------------------------------- the lines


@dataclass
class _Out:
    """The lines written so far, and the page breaks between them."""

    texts: list[str] = field(default_factory=list)
    page_starts: set[int] = field(default_factory=set)
    continuations: set[int] = field(default_factory=set)
    list_items: set[int] = field(default_factory=set)
    break_pending: bool = False

    def add(
        self,
        text: str,
        starts_page: bool = False,
        breaks_after: bool = False,
        continues: bool = False,
        list_item: bool = False,
    ) -> None:
        """One paragraph, as one line (soft line breaks inside it become spaces); whether it
        goes on with the paragraph before (a cell's next paragraph), or is a list's item."""
        self.texts.append(re.sub(r"[\r\n\f\v]+", " ", text))
        if (starts_page or self.break_pending) and len(self.texts) > 1:
            self.page_starts.add(len(self.texts))
        if continues:
            self.continuations.add(len(self.texts))
        if list_item:
            self.list_items.add(len(self.texts))
        self.break_pending = breaks_after

    def source(self, path: Path, data: bytes, encoding: str) -> SourceText:
        """The normalised document."""
        check_line_count(path, len(self.texts))
        texts, cut = cut_long_lines(self.texts)
        lines = tuple(Line(n, normalise_line(text)) for n, text in enumerate(texts, start=1))
        return SourceText(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            encoding=encoding,
            lines=lines,
            page_starts=frozenset(self.page_starts),
            paragraphs=True,
            continuations=frozenset(self.continuations),
            list_items=frozenset(self.list_items),
            warnings=cut,
        )


def _number(value: int, number_format: str) -> str | None:
    """A list counter as the word processor writes it; None for a format not computed here."""
    if number_format in ("decimal", "1"):
        return str(value)
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in ("lowerLetter", "upperLetter", "a", "A"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if number_format in ("upperLetter", "A") else letters
    if number_format in ("lowerRoman", "upperRoman", "i", "I"):
        roman = _roman(value)
        return roman.lower() if number_format in ("lowerRoman", "i") else roman
    return None


def _int(value: str | None, default: int) -> int:
    """An attribute's number; the default where it is missing or malformed (never fatal)."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(value: int) -> str:
    digits = []
    for amount, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, value = divmod(value, amount)
        digits.append(letters * count)
    return "".join(digits)


def _bullet(glyph: str) -> str:
    """The document's bullet glyph where the reader knows it, else "•"."""
    folded = normalise_line(glyph)
    return folded if folded and markers().bullet.match(f"{folded} x") else "•"


def _with_label(label: str | None, text: str, separator: str = " ") -> str:
    """A list paragraph: its label, then its text (an empty item stays a blank line)."""
    if not label or not text.strip():
        return text
    return f"{label}{separator}{text.lstrip()}"


# --------------------------------------------------------------------------- tables

_CODE_FIRST = re.compile(r"^(?P<code>\d{1,3}(?:\.\d{1,3}){0,4})\.?\)?\s+(?P<text>\S.*)$")
_LEVEL_WORDS = {"os": "Objectif stratégique", "oo": "Objectif opérationnel"}

Cell = tuple[int, list[str]]
"""A table cell: its first grid column and its lines (the paragraphs it holds, marked)."""


def table_lines(rows: Iterable[list[Cell]]) -> list[tuple[str, bool]]:
    """A table's lines, written so the reader finds its markers (see the module docstring),
    each with whether it goes on with the line before (a cell's next paragraph)."""
    lines: list[tuple[str, bool]] = []
    header: dict[int, tuple[str, str]] = {}  # grid column -> (column kind, label as written)
    for cells in rows:
        filled = [(column, texts) for column, texts in cells if texts]
        if not filled:
            continue
        columns = _header(filled)
        if columns is not None:
            header = columns
            lines.append((" ; ".join(" ".join(texts) for _, texts in filled), False))
        elif header:
            for column, texts in filled:
                lines += _cell(_labelled(header.get(column), texts))
        elif len(filled) == 2 and _is_field_label(" ".join(filled[0][1])):
            label = " ".join(filled[0][1]).rstrip(" :")
            first, *rest = filled[1][1]
            lines += _cell([f"{label} : {first}", *rest])
        else:
            lines += [line for _, texts in filled for line in _cell(texts)]
    return lines


def _cell(texts: list[str]) -> list[tuple[str, bool]]:
    """A cell's paragraphs: the second and later go on with the first."""
    return [(text, index > 0) for index, text in enumerate(texts)]


def _header(cells: list[Cell]) -> dict[int, tuple[str, str]] | None:
    """The row's columns when every cell names a plan-table column the reader knows."""
    names = markers().table_columns
    found = {}
    for column, texts in cells:
        label = " ".join(texts).rstrip(" :")
        kind = names.get(fold_for_matching(label))
        if kind is None:
            return None
        found[column] = (kind, label)
    return found if len(found) >= 2 else None


def _is_field_label(text: str) -> bool:
    """A fiche label ("Responsable", "Échéance :") alone in its cell."""
    match = markers().field_label.match(normalise_line(text))
    return match is not None and not match.group("value").strip(" :") and len(text) <= 60


def _labelled(column: tuple[str, str] | None, texts: list[str]) -> list[str]:
    """A cell under a known header: its first paragraph given the marker its column implies."""
    if column is None:
        return texts
    first, *rest = texts
    folded = normalise_line(first)
    table = markers()
    kind, label = column
    if kind in _LEVEL_WORDS:
        if not _has_heading(folded):  # "Améliorer l'accueil", "1.2 Améliorer l'accueil"
            code = _CODE_FIRST.match(folded)
            word = _LEVEL_WORDS[kind]
            first = f"{word} {code['code']} : {code['text']}" if code else f"{word} : {folded}"
    elif kind == "action":
        marked = table.bullet.match(folded) or table.numbered_line.match(folded)
        if not marked and not _has_heading(folded):
            first = f"• {folded}"
    elif not (":" in folded and fold_for_matching(folded).startswith(fold_for_matching(label))):
        first = f"{label} : {folded}"
    return [first, *rest]


def _has_heading(text: str) -> bool:
    match = markers().heading.match(text)
    return match is not None and (match.group("code") or match.group("sep")) is not None


# --------------------------------------------------------------------------- Word


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(element) -> bool:
    """A Word on/off property that is present (and not switched off)."""
    return element is not None and element.get(_w("val"), "true") not in ("0", "false", "off")


# Elements whose text is not the paragraph's: deleted text, properties, comments' marks.
_WORD_SKIPPED = {
    _w(name)
    for name in ("del", "moveFrom", "rPr", "pPr", "instrText", "delInstrText", "commentReference",
                 "footnoteReference", "endnoteReference", "annotationRef")
} | {f"{{{MC}}}Fallback"}  # fmt: skip


@dataclass(frozen=True)
class _WordStyle:
    name: str
    based_on: str | None
    num: tuple[str | None, int | None] | None  # (numId, ilvl) its numbering, if any
    page_break_before: bool


@dataclass(frozen=True)
class _WordLevel:
    number_format: str
    text: str
    start: int
    suffix: str
    legal: bool


class _WordNumbering:
    """Word's list numbering: each paragraph's label, counted as Word counts."""

    def __init__(self, numbering, styles: dict[str, _WordStyle]) -> None:
        self.abstract: dict[str, dict[int, _WordLevel]] = {}
        self.links: dict[str, str] = {}  # abstractNum -> the numbering style it follows
        self.nums: dict[str, tuple[str, dict[int, _WordLevel], dict[int, int]]] = {}
        self.styles = styles
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if numbering is None:
            return
        for abstract in numbering.iterchildren(_w("abstractNum")):
            key = abstract.get(_w("abstractNumId"))
            self.abstract[key] = {
                _int(level.get(_w("ilvl")), 0): self._level(level)
                for level in abstract.iterchildren(_w("lvl"))
            }
            link = abstract.find(_w("numStyleLink"))
            if link is not None:
                self.links[key] = link.get(_w("val"))
        for num in numbering.iterchildren(_w("num")):
            abstract_id = num.find(_w("abstractNumId"))
            if abstract_id is None:
                continue
            levels: dict[int, _WordLevel] = {}
            starts: dict[int, int] = {}
            for override in num.iterchildren(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0)
                start = override.find(_w("startOverride"))
                if start is not None:
                    starts[ilvl] = _int(start.get(_w("val")), 1)
                if (level := override.find(_w("lvl"))) is not None:
                    levels[ilvl] = self._level(level)
            self.nums[num.get(_w("numId"))] = (abstract_id.get(_w("val")), levels, starts)

    @staticmethod
    def _level(level) -> _WordLevel:
        def value(name: str, default: str) -> str:
            element = level.find(_w(name))
            return default if element is None else element.get(_w("val"), default)

        return _WordLevel(
            number_format=value("numFmt", "decimal"),
            text=value("lvlText", ""),
            start=_int(value("start", "1"), 1),
            suffix=value("suff", "tab"),
            legal=_on(level.find(_w("isLgl"))),
        )

    def _definition(self, num_id: str, depth: int = 0) -> tuple[str, dict[int, _WordLevel]] | None:
        """The list a numId counts in (the abstract numbering) and its levels."""
        if num_id not in self.nums or depth > 4:
            return None
        abstract_id, overrides, _ = self.nums[num_id]
        style_id = self.links.get(abstract_id)
        if style_id and not self.abstract.get(abstract_id):
            linked = self.styles.get(style_id)
            if linked and linked.num and linked.num[0]:
                return self._definition(linked.num[0], depth + 1)
        return abstract_id, {**self.abstract.get(abstract_id, {}), **overrides}

    def label(self, num_id: str, ilvl: int) -> tuple[str | None, str]:
        """The label of the next item of list ``num_id`` at level ``ilvl``, and what follows it."""
        definition = self._definition(num_id)
        if definition is None or ilvl not in definition[1] or not 0 <= ilvl < 10:
            return "•", " "
        abstract_id, levels = definition
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.started:  # a list that restarts its definition's numbering
            self.started.add(num_id)
            for depth, start in self.nums[num_id][2].items():
                if 0 <= depth < len(counters):
                    counters[depth] = start - 1
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        separator = {"tab": " ", "space": " "}.get(level.suffix, "")
        if level.number_format == "none" or not level.text:
            return None, ""
        if level.number_format == "bullet":
            return _bullet(level.text), " "
        text = level.text
        for placeholder in sorted(set(re.findall(r"%([1-9])", text))):
            index = int(placeholder) - 1
            shown = levels.get(index, level)
            counted = counters[index]
            value = counted if counted is not None else shown.start
            number = _number(value, "decimal" if level.legal else shown.number_format)
            if number is None:
                return "•", " "
            text = text.replace(f"%{placeholder}", number)
        return text, separator


class _WordReader:
    """A .docx body, paragraph by paragraph, into lines."""

    def __init__(self, document) -> None:
        self.default_style: str | None = None
        self.styles = self._styles(document.styles.element)
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.numbering = _WordNumbering(numbering, self.styles)
        self.out = _Out()

    def _styles(self, element) -> dict[str, _WordStyle]:
        styles = {}
        for style in element.iterchildren(_w("style")):
            name = style.find(_w("name"))
            based = style.find(_w("basedOn"))
            ppr = style.find(_w("pPr"))
            num = _num_pr(ppr)
            page = _on(ppr.find(_w("pageBreakBefore"))) if ppr is not None else False
            label = name.get(_w("val"), "") if name is not None else ""
            default = style.get(_w("default")) in ("1", "true", "on")
            if style.get(_w("type")) == "paragraph" and default:
                self.default_style = style.get(_w("styleId"))
            styles[style.get(_w("styleId"), "")] = _WordStyle(
                label, based.get(_w("val")) if based is not None else None, num, page
            )
        return styles

    def _style_chain(self, style_id: str | None) -> list[_WordStyle]:
        style_id = style_id or self.default_style
        chain: list[_WordStyle] = []
        while style_id in self.styles and len(chain) < 12:
            chain.append(self.styles[style_id])
            style_id = chain[-1].based_on
        return chain

    def blocks(self, parent) -> None:
        """The paragraphs and tables of a body, a cell, a content control or a text box."""
        for child in parent.iterchildren():
            if child.tag == _w("p"):
                self.paragraph(child)
            elif child.tag == _w("tbl"):
                rows = [self.row(tr) for tr in child.iter(_w("tr")) if _parent_table(tr) is child]
                for text, continues in table_lines(rows):
                    self.out.add(text, continues=continues)
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.blocks(content)
            elif child.tag == _w("customXml"):
                self.blocks(child)

    def row(self, row) -> list[Cell]:
        cells: list[Cell] = []
        column = 0
        for cell in row.iter(_w("tc")):
            if _parent_row(cell) is not row:
                continue
            tcpr = cell.find(_w("tcPr"))
            span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
            merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            continued = merge is not None and merge.get(_w("val"), "continue") == "continue"
            cells.append((column, [] if continued else self.cell(cell)))
            column += max(1, _int(span.get(_w("val")), 1)) if span is not None else 1
        return cells

    def cell(self, cell) -> list[str]:
        saved, self.out = self.out, _Out()
        self.blocks(cell)
        texts, self.out = self.out.texts, saved
        return [normalise_line(text) for text in texts if text.strip()]

    def paragraph(self, paragraph) -> None:
        ppr = paragraph.find(_w("pPr"))
        style = ppr.find(_w("pStyle")) if ppr is not None else None
        chain = self._style_chain(style.get(_w("val")) if style is not None else None)
        toc = any(re.match(r"(?i)toc \d", s.name) for s in chain)
        pieces: list[str] = []
        boxes: list = []
        self._text(paragraph, pieces, boxes, toc)
        text = "".join(pieces)
        starts_page = any(s.page_break_before for s in chain) or (
            ppr is not None and _on(ppr.find(_w("pageBreakBefore")))
        )
        breaks_after = False
        if "\f" in text:
            after = text.rpartition("\f")[2]
            starts_page = starts_page or bool(after.strip())
            breaks_after = not after.strip()
            text = text.replace("\f", " ")
        num = _num_pr(ppr) or next((s.num for s in chain if s.num), None)
        list_item = False
        if num is not None:
            num_id, ilvl = num
            if ilvl is None:
                ilvl = next((s.num[1] for s in chain if s.num and s.num[1] is not None), 0)
            if num_id is None:
                num_id = next((s.num[0] for s in chain if s.num and s.num[0]), None)
            if num_id and num_id != "0":
                label, separator = self.numbering.label(num_id, ilvl)
                text = _with_label(label, text, separator)
                heading = any(re.match(r"(?i)(heading|titre)", s.name or "") for s in chain)
                list_item = bool(label) and not heading
        self.out.add(text, starts_page=starts_page, breaks_after=breaks_after, list_item=list_item)
        for box in boxes:
            self.blocks(box)

    def _text(self, element, pieces: list[str], boxes: list, toc: bool) -> None:
        """The text of a paragraph's runs, hyperlinks, fields and insertions, in order."""
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _WORD_SKIPPED:
                continue
            if tag == _w("t"):
                pieces.append(child.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                # A table of contents' tab leads to the page number: written as the dot leader
                # a PDF shows, so the reader knows the entry.
                pieces.append(" ... " if toc else "\t")
            elif tag == _w("br"):
                pieces.append("\f" if child.get(_w("type")) == "page" else " ")
            elif tag == _w("cr"):
                pieces.append(" ")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            elif tag == _w("sym"):  # a symbol font's character: a bullet, an arrow
                with contextlib.suppress(ValueError, OverflowError):  # malformed: nothing
                    pieces.append(chr(int(child.get(_w("char"), "20"), 16)))
            elif tag == _w("txbxContent"):
                boxes.append(child)
            elif tag != _w("softHyphen"):
                self._text(child, pieces, boxes, toc)


def _num_pr(ppr) -> tuple[str | None, int | None] | None:
    """A paragraph's or style's own numbering: (numId, ilvl), either possibly inherited."""
    num = ppr.find(_w("numPr")) if ppr is not None else None
    if num is None:
        return None
    num_id = num.find(_w("numId"))
    ilvl = num.find(_w("ilvl"))
    return (
        num_id.get(_w("val")) if num_id is not None else None,
        _int(ilvl.get(_w("val")), 0) if ilvl is not None else None,
    )


def _parent_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _w("tbl"):
        parent = parent.getparent()
    return parent


def _parent_row(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _w("tr"):
        parent = parent.getparent()
    return parent


def _read_docx(data: bytes) -> _Out:
    import docx  # python-docx, imported only when a .docx is read

    document = docx.Document(io.BytesIO(data))
    reader = _WordReader(document)
    reader.blocks(document.element.body)
    return reader.out


# --------------------------------------------------------------------------- OpenDocument


@dataclass
class _OdtLevel:
    bullet: str | None  # the glyph of a bulleted level, else None
    number_format: str
    prefix: str
    suffix: str
    display: int
    start: int


@dataclass
class _OdtList:
    """One list's counters (a list continuing another shares them)."""

    counters: list[int | None] = field(default_factory=lambda: [None] * 10)


_ODT_SKIPPED = {
    "text:tracked-changes", "office:forms", "text:sequence-decls", "text:variable-decls",
    "text:user-field-decls", "text:dde-connection-decls", "office:annotation",
    "office:annotation-end", "text:soft-page-break", "table:table-source", "text:note",
    "text:number", "text:bookmark", "text:bookmark-start", "text:bookmark-end",
    "text:change", "text:change-start", "text:change-end", "draw:image",
}  # fmt: skip


class _OdtReader:
    """An .odt body, paragraph by paragraph, into lines."""

    def __init__(self, document) -> None:
        self.document = document
        self.out = _Out()
        self.lists: dict[str, _OdtList] = {}
        self.last_list: _OdtList | None = None
        self.outline = _OdtList()
        outline = document.styles.get_elements("//text:outline-style")
        self.outline_levels = self._levels(outline[0]) if outline else {}
        self.level_cache: dict[str, dict[int, _OdtLevel]] = {}
        self.paragraph_cache: dict[str, tuple[bool, bool, str | None]] = {}

    def _levels(self, style) -> dict[int, _OdtLevel]:
        levels = {}
        for level in style.children:
            number = _int(level.get_attribute("text:level"), 1)
            bullet = level.tag != "text:list-level-style-number" and level.tag != (
                "text:outline-level-style"
            )
            levels[number] = _OdtLevel(
                bullet=_bullet(level.get_attribute("text:bullet-char") or "•") if bullet else None,
                number_format=level.get_attribute("style:num-format") or "",
                prefix=level.get_attribute("style:num-prefix") or "",
                suffix=level.get_attribute("style:num-suffix") or "",
                display=_int(level.get_attribute("text:display-levels"), 1),
                start=_int(level.get_attribute("text:start-value"), 1),
            )
        return levels

    def list_levels(self, name: str | None) -> dict[int, _OdtLevel]:
        if not name:
            return {}
        if name not in self.level_cache:
            style = self.document.get_style("list", name)
            self.level_cache[name] = self._levels(style) if style is not None else {}
        return self.level_cache[name]

    def paragraph_style(self, name: str | None) -> tuple[bool, bool, str | None]:
        """(breaks the page before, after, its list style), following the parent styles."""
        if not name:
            return False, False, None
        if name not in self.paragraph_cache:
            before = after = False
            list_style = None
            style = self.document.get_style("paragraph", name)
            for _ in range(12):
                if style is None:
                    break
                properties = style.get_properties() or {}
                before = before or properties.get("fo:break-before") == "page"
                after = after or properties.get("fo:break-after") == "page"
                list_style = list_style or style.get_attribute("style:list-style-name")
                parent = style.get_attribute("style:parent-style-name")
                style = self.document.get_style("paragraph", parent) if parent else None
            self.paragraph_cache[name] = (before, after, list_style)
        return self.paragraph_cache[name]

    def blocks(self, element) -> None:
        for child in element.children:
            tag = child.tag
            if tag in ("text:p", "text:h"):
                label = None
                if tag == "text:h" and child.get_attribute("text:is-list-header") != "true":
                    level = min(10, max(1, _int(child.get_attribute("text:outline-level"), 1)))
                    label = self.label(self.outline, self.outline_levels, level, None, True)
                self.paragraph(child, label)
            elif tag == "text:list":
                self.text_list(child, 1, None, None)
            elif tag == "table:table":
                self.table(child)
            elif tag not in _ODT_SKIPPED:
                self.blocks(child)  # sections, indexes, a table of contents: their paragraphs

    def text_list(self, element, depth: int, style: str | None, counters: _OdtList | None) -> None:
        style = element.get_attribute("text:style-name") or style
        if counters is None:
            continues = element.get_attribute("text:continue-list")
            if continues and continues in self.lists:
                counters = self.lists[continues]
            elif element.get_attribute("text:continue-numbering") == "true" and self.last_list:
                counters = self.last_list
            else:
                counters = _OdtList()
            self.last_list = counters
        if identifier := element.get_attribute("xml:id"):
            self.lists[identifier] = counters
        for item in element.children:
            if item.tag not in ("text:list-item", "text:list-header"):
                continue
            first = True
            for child in item.children:
                if child.tag == "text:list":
                    self.text_list(child, depth + 1, style, counters)
                elif child.tag in ("text:p", "text:h"):
                    label = None
                    if first and item.tag == "text:list-item":
                        own = self.paragraph_style(child.get_attribute("text:style-name"))[2]
                        item_style = style or own
                        start = item.get_attribute("text:start-value")
                        levels = self.list_levels(item_style)
                        label = self.label(counters, levels, min(depth, 10), _int(start, 0) or None)
                    self.paragraph(child, label, list_item=first and child.tag == "text:p")
                elif child.tag == "table:table":
                    self.table(child)
                first = False

    def table(self, element) -> None:
        for text, continues in table_lines(self.rows(element)):
            self.out.add(text, continues=continues)

    def label(
        self, counters: _OdtList, levels: dict[int, _OdtLevel], depth: int,
        start: int | None, outline: bool = False,
    ) -> str | None:  # fmt: skip
        """The label of the next item at ``depth``: a bullet, a number, or None (not shown)."""
        level = levels.get(depth)
        if level is None:
            return None if outline else "•"  # an unstyled list: a bullet, as the reader likes
        if level.bullet is not None:
            return level.bullet
        values = counters.counters
        current = values[depth - 1]
        values[depth - 1] = (
            start if start is not None else (level.start if current is None else current + 1)
        )
        for deeper in range(depth, len(values)):
            values[deeper] = None
        if not level.number_format:
            return None
        shown = []
        for index in range(max(1, depth - level.display + 1), depth + 1):
            upper = levels.get(index, level)
            counted = values[index - 1]
            value = counted if counted is not None else upper.start
            number = _number(value, upper.number_format or "1")
            if number is None:
                return "•"
            shown.append(number)
        return f"{level.prefix}{'.'.join(shown)}{level.suffix}"

    def paragraph(self, element, label: str | None, list_item: bool = False) -> None:
        before, after, _ = self.paragraph_style(element.get_attribute("text:style-name"))
        cached = next((c for c in element.children if c.tag == "text:number"), None)
        if cached is not None and (cached.text or "").strip():
            label = cached.text.strip()  # the number the application wrote down
        pieces: list[str] = []
        boxes: list = []
        toc = _inside(element, "text:table-of-content")
        self._text(element, pieces, boxes, toc)
        self.out.add(
            _with_label(label, "".join(pieces)),
            starts_page=before,
            breaks_after=after,
            list_item=list_item and bool(label),
        )
        for box in boxes:
            self.blocks(box)

    def _text(self, element, pieces: list[str], boxes: list, toc: bool) -> None:
        if element.text:
            pieces.append(element.text)
        for child in element.children:
            tag = child.tag
            if tag == "text:s":
                pieces.append(" " * min(100, max(1, _int(child.get_attribute("text:c"), 1))))
            elif tag == "text:tab":
                pieces.append(" ... " if toc else "\t")
            elif tag == "text:line-break":
                pieces.append(" ")
            elif tag == "draw:frame":  # its text boxes are read after the paragraph
                boxes += [box for box in child.children if box.tag == "draw:text-box"]
            elif tag not in _ODT_SKIPPED and not tag.startswith(("draw:", "svg:")):
                self._text(child, pieces, boxes, toc)
            if child.tail:
                pieces.append(child.tail)

    def rows(self, table) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for child in table.children:
            if child.tag == "table:table-row":
                rows.append(self.row(child))
            elif child.tag in _ROW_GROUPS:
                rows += self.rows(child)
        return rows

    def row(self, row) -> list[Cell]:
        cells: list[Cell] = []
        column = 0
        for cell in row.children:
            repeated = _int(cell.get_attribute("table:number-columns-repeated"), 1)
            if cell.tag == "table:table-cell":
                saved, self.out = self.out, _Out()
                self.blocks(cell)
                texts, self.out = self.out.texts, saved
                cells.append((column, [normalise_line(t) for t in texts if t.strip()]))
                spanned = _int(cell.get_attribute("table:number-columns-spanned"), 1)
                column += max(repeated, spanned)
            elif cell.tag == "table:covered-table-cell":
                column += repeated
        return cells


_ROW_GROUPS = ("table:table-header-rows", "table:table-rows", "table:table-row-group")


def _inside(element, tag: str) -> bool:
    parent = element.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _read_odt(path: Path, data: bytes) -> _Out:
    from odfdo import Document  # imported only when an .odt is read

    document = Document(io.BytesIO(data))
    if document.get_type() != "text":
        raise InputError(path, f"not an OpenDocument text but a {document.get_type()} document")
    reader = _OdtReader(document)
    reader.blocks(document.body)
    return reader.out
