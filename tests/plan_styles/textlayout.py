"""From logical lines to the text a PDF extraction gives: wrapping, blank lines, pages, encoding.

A style renders a plan as :class:`Block` objects, one per logical line (a heading, an item, a
fiche field, a paragraph) or per preformatted line (a table row). :func:`assemble` then does
what every extraction does to a document, the same way for all styles, from the seed's
:class:`TextOptions`:

- wraps logical lines at word boundaries to the seed's width, never right after a marker
  (the first line always holds the marker and the first word of the title), never so that a
  continuation line starts like something else (a digit, a bullet, punctuation, a marker or
  label word), and, where the style asks, only before a lower-case word;
- scatters blank lines between lines (none, a few, or a double-spaced extraction), within
  the limits each block sets;
- cuts pages of about 45 lines with the page style's furniture (running header and
  "Page n / N" footer, or "- n -" footer) and form feeds, repeating a table's header row after
  each break and never breaking inside a block marked as one piece;
- writes LF or CRLF, UTF-8 or Windows-1252.

Character-level variants (curly or straight apostrophes, "…" or "...", no-break spaces in
French punctuation) are applied by :meth:`TextOptions.typo`, which styles call on every text
they render, so that what the expectations hold and what the document says differ only by
typography (tests compare after :func:`pstkg_tests.plan_styles.expected.canon`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Words a wrapped line may not start with: they would make the continuation look like a
# marker, a fiche label or page furniture.
_MARKER_WORDS = {
    "os",
    "oo",
    "o.s.",
    "o.o.",
    "objectif",
    "objectifs",
    "action",
    "actions",
    "projet",
    "projets",
    "axe",
    "volet",
    "thème",
    "priorité",
    "avancement",
    "état",
    "etat",
    "responsable",
    "échéance",
    "echeance",
    "budget",
    "description",
    "indicateur",
    "indicateurs",
    "indicateur(s)",
    "partenaires",
    "pilote",
    "service",
    "odd",
    "page",
    "pst",
    "cpas",
    "conseil",
    "table",
    "moyens",
}
_PUNCT_START = re.compile(r"^[\d•▪\-–—:;,.!?»)…/§]")
_CAPITALISED = re.compile(r"^[A-ZÀ-ÖØ-Þ]")


def ordinary_start(word: str) -> bool:
    """May a wrapped continuation line start with this word?"""
    if not word or _PUNCT_START.match(word):
        return False
    bare = word.lower().rstrip(":")
    return bare not in _MARKER_WORDS and not re.match(r"^a\.\d", bare)


def lowercase_start(word: str) -> bool:
    """Continuation rule of a slide deck: a wrapped line starts with a lower-case letter."""
    return ordinary_start(word) and word[0].isalpha() and word[0].islower()


def _may_end_line(word: str) -> bool:
    # «, N° and lone dashes stay with what follows them.
    return word not in {"«", "N°", "n°", "–", "-", "—"} and not word.endswith("\u00a0")


def wrap(
    text: str,
    width: int,
    *,
    keep: int = 0,
    starts: Callable[[str], bool] = ordinary_start,
) -> list[str]:
    """Cut ``text`` at spaces into lines of at most ``width`` characters where possible.

    ``keep`` characters at the start are never cut (a marker and the first word of the title);
    ``starts`` says which words may open a continuation line. Where no allowed cut fits, the
    line runs longer, as a PDF line of a long word would.
    """
    words = text.split(" ")
    offsets = []
    position = 0
    for word in words:
        offsets.append(position)
        position += len(word) + 1

    def allowed(i: int) -> bool:  # a cut before words[i]
        return (
            offsets[i] - 1 >= keep
            and bool(words[i])
            and starts(words[i])
            and _may_end_line(words[i - 1])
        )

    lines: list[str] = []
    start = 0
    while start < len(words):
        rest = " ".join(words[start:])
        if len(rest) <= width:
            lines.append(rest)
            break
        best = None
        length = len(words[start])
        for i in range(start + 1, len(words)):
            if length > width:
                break
            if allowed(i):
                best = i
            length += 1 + len(words[i])
        if best is None:
            best = next((i for i in range(start + 1, len(words)) if allowed(i)), len(words))
        lines.append(" ".join(words[start:best]))
        start = best
    return lines


@dataclass
class Block:
    """One logical line of a rendered plan."""

    text: str
    wrap: bool = True
    keep: int = 0
    """Characters at the start never cut from the first word of the title (the marker)."""
    starts: Callable[[str], bool] = ordinary_start
    blank_inside: bool = False
    """May an extraction put blank lines between this block's wrapped lines?"""
    min_before: int = 0
    max_before: int | None = None
    min_after: int = 0
    max_after: int | None = None
    together: bool = False
    """Never cut a page inside this block (a table row)."""
    keep_next: bool = False
    """Never cut a page between this block and the next one (a table's header row)."""
    width: int | None = None
    """Wrap width for this block, instead of the seed's."""
    indent: str = ""
    """Prefix of each continuation line."""
    table: str | None = None
    """Name of the table region this line belongs to (its header repeats after a page break)."""
    page_break_before: bool = False
    """Start a new page here (a chapter, an epilogue), where the page style has pages."""
    lines: list[str] = field(default_factory=list)
    """Preformatted physical lines (wrap=False with several lines: a table row)."""


@dataclass
class TextOptions:
    """The text-level variation of one seed."""

    width: int
    blank_profile: str  # "tight" | "loose" | "double"
    page_style: str  # "none" | "running" | "footer" | "template"
    page_length: int
    crlf: bool
    cp1252: bool
    curly: bool
    ellipsis: bool
    nbsp: bool
    trailing_space: bool

    @classmethod
    def draw(cls, rng: random.Random, *, page_styles: tuple[str, ...], blanks: tuple[str, ...]):
        cp1252 = rng.random() < 0.3
        return cls(
            width=rng.randint(60, 110),
            blank_profile=rng.choice(blanks),
            page_style=rng.choice(page_styles),
            page_length=rng.randint(40, 50),
            crlf=cp1252 or rng.random() < 0.15,
            cp1252=cp1252,
            curly=rng.random() < 0.5,
            ellipsis=rng.random() < 0.5,
            nbsp=rng.random() < 0.3,
            trailing_space=rng.random() < 0.25,
        )

    def typo(self, text: str) -> str:
        """The text with this seed's apostrophes, ellipses and French spacing."""
        if self.curly:
            text = text.replace("'", "\u2019")
        if not self.ellipsis:
            text = text.replace("…", "...")
        if self.nbsp:
            text = re.sub(r"« ", "«\u00a0", text)
            text = re.sub(r" »", "\u00a0»", text)
            text = re.sub(r" ([:;?!])(?=\s|$)", "\u00a0\\1", text)
        return text


@dataclass
class Furniture:
    """What a page style puts around each page."""

    header: Callable[[int, int], list[str]]  # (page, pages) -> lines at the top of a page
    footer: Callable[[int, int], list[str]]


def cpas_of(name: str) -> str:
    """ "CPAS de Bourg-Témoin", "CPAS d'Essai-la-Neuve": how a running header names it."""
    return f"CPAS d'{name}" if name[0] in "AEIOUYÉÈÊÂÎÔ" else f"CPAS de {name}"


def furniture(page_style: str, cpas: str, typo: Callable[[str], str]) -> Furniture | None:
    if page_style == "running":
        return Furniture(
            header=lambda n, total: [typo(f"{cpas_of(cpas)} – PST 2019-2024")] if n > 1 else [],
            footer=lambda n, total: [f"Page {n} / {total}"],
        )
    if page_style == "footer":
        return Furniture(header=lambda n, total: [], footer=lambda n, total: [f"- {n} -"])
    return None


@dataclass
class _Line:
    text: str
    block: int
    table: str | None
    together: bool
    keep_next: bool = False


def _blank_count(rng: random.Random, profile: str) -> int:
    if profile == "tight":
        return 1 if rng.random() < 0.1 else 0
    if profile == "loose":
        return rng.choice((0, 0, 1, 1, 2))
    return rng.choice((1, 1, 1, 2))  # double: every line is followed by a blank line


def assemble(
    blocks: list[Block],
    options: TextOptions,
    rng: random.Random,
    *,
    furniture_: Furniture | None,
    paginate: bool,
    tables: dict[str, list[str]] | None = None,
) -> str:
    """The document's text (str, "\\n" line ends) from its blocks."""
    tables = tables or {}
    lines: list[_Line] = []
    breaks: set[int] = set()  # indexes of lines a page must start with
    previous_after: tuple[int, int | None] = (0, None)
    for index, block in enumerate(blocks):
        if block.lines:
            physical = list(block.lines)
        elif block.wrap:
            physical = wrap(
                block.text,
                block.width or options.width,
                keep=block.keep,
                starts=block.starts,
            )
            physical = [physical[0]] + [block.indent + line for line in physical[1:]]
        else:
            physical = [block.text]
        if lines:
            low = max(block.min_before, previous_after[0])
            highs = [h for h in (block.max_before, previous_after[1]) if h is not None]
            count = max(low, _blank_count(rng, options.blank_profile))
            if highs:
                count = min(count, min(highs))
            count = max(count, low)
            lines.extend(_Line("", index, None, False) for _ in range(count))
        if block.page_break_before:
            breaks.add(len(lines))
        for position, text in enumerate(physical):
            if position:
                blank = (
                    options.blank_profile == "double"
                    and block.blank_inside
                    and lowercase_start(text.strip().split(" ")[0])
                    and rng.random() < 0.7
                )
                if blank:
                    lines.append(_Line("", index, block.table, True))
            lines.append(_Line(text, index, block.table, block.together, block.keep_next))
        previous_after = (block.min_after, block.max_after)
    pages = [lines] if not paginate else _cut_pages(lines, options.page_length, breaks)
    out: list[str] = []
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        page_lines: list[str] = []
        if furniture_ is not None:
            page_lines.extend(furniture_.header(number, total))
        if number > 1:
            table = next((line.table for line in page if line.text), None)
            if table is not None and table in tables and page[0].table == table:
                page_lines.extend(tables[table])
        page_lines.extend(line.text for line in page)
        while page_lines and not page_lines[-1]:
            page_lines.pop()
        if furniture_ is not None:
            page_lines.append("")
            page_lines.extend(furniture_.footer(number, total))
        if number > 1 and page_lines:
            page_lines[0] = "\f" + page_lines[0]
        out.extend(page_lines)
    if options.trailing_space:
        out = [line + " " if line.strip() and rng.random() < 0.6 else line for line in out]
    return "\n".join(out) + "\n"


def _cut_pages(lines: list[_Line], length: int, breaks: set[int]) -> list[list[_Line]]:
    pages: list[list[_Line]] = []
    start = 0
    while start < len(lines):
        end = min(start + length, len(lines))
        forced = [b for b in sorted(breaks) if start < b < end]
        if forced:
            end = forced[0]
        elif end < len(lines):
            # Do not cut inside a block that must stay whole, nor leave a page starting with
            # the middle of a table row.
            while (
                end > start + 1 and lines[end].together and lines[end].block == lines[end - 1].block
            ):
                end -= 1
            before = end - 1
            while before > start and not lines[before].text:
                before -= 1
            if lines[before].keep_next and before > start:
                end = before
                while end > start + 1 and lines[end - 1].block == lines[before].block:
                    end -= 1
        page = lines[start:end]
        while page and not page[0].text and pages:
            page = page[1:]
        pages.append(page)
        start = end
    return [page for page in pages if any(line.text for line in page)] or [[]]


def encodable(text: str, options: TextOptions) -> str:
    """The text as the seed's tool can save it: glyphs Windows-1252 lacks come out as the
    nearest bullet, as converters do."""
    return text.replace("▪", "•") if options.cp1252 else text


def encode(text: str, options: TextOptions) -> bytes:
    """The bytes of the document as the seed's tool saved them."""
    if options.crlf:
        text = text.replace("\n", "\r\n")
    return text.encode("cp1252" if options.cp1252 else "utf-8")
