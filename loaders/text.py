"""Decoding and normalising a plan's text once, before any layout rule runs.

Different extractions of the same published PDF differ in encoding (UTF-8, Windows-1252),
line endings, quotes, ellipses, ligatures, non-breaking spaces and page breaks. This
module removes those differences while keeping every line's original number, so that
rules see one canonical text and provenance still points into the file as it is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from pstkg.errors import InputError
from pstkg.loaders.limits import MAX_LINE_LENGTH, check_line_count, read_limited
from pstkg.loaders.model import Finding, Span

# Characters folded to one canonical form. Guillemets are kept: every extraction keeps them.
_CHARACTER_FOLDS = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, the usual French apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space (before ; : ! ? in French typography)
        "\u2009": " ",
        "\u2007": " ",
        "\t": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\ufeff": None,  # byte order mark inside the text
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2010": "-",
        "\u2011": "-",
        "\uf0b7": "\u2022",  # Symbol-font bullet some PDF tools emit
        "\u25cf": "\u2022",
        "\u25aa": "\u2022",
    }
)
_LIGATURES: dict[str, str | None] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
}
# One table for a line's characters: the folds, the ligatures (whose letters no fold touches)
# and the ellipsis character, spelt "..." like the dots _DOTS then makes canonical.
_LINE_FOLDS = {
    **str.maketrans(_LIGATURES),
    **_CHARACTER_FOLDS,
    ord("\u2026"): "...",
}
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_LINE_FOLDS)) + "]")
# The combining marks of the Latin block, where every French accent decomposes (U+034F, the
# grapheme joiner, is not one: unicodedata.combining says 0 for it).
_LATIN_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r" {2,}")
# Three dots or more are one ellipsis: "…" and "..." alike, and "…." (an ellipsis and a full
# stop, which French typography writes as one ellipsis) whatever tool wrote the "…".
_DOTS = re.compile(r"\.{3,}")
# A line ending in a hyphen glued to a letter or digit continues its word on the next line
# ("bien-" / "être", "2018-" / "2024"); a dash after a space (" -") is punctuation.
_HYPHEN_BREAK = re.compile(r"[^\W_]-$")
# What title matching keeps of a folded text.
_MATCHING_WORD = re.compile(r"[a-z0-9]+")
# Control characters other than the line separators we split on.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Line:
    """One line of the source: its 1-based number in the original file and its normalised text."""

    number: int
    text: str

    @property
    def blank(self) -> bool:
        """True for a line with nothing but white space."""
        return not self.text


@dataclass(frozen=True)
class SourceText:
    """A decoded, normalised document."""

    path: Path
    sha256: str
    encoding: str
    lines: tuple[Line, ...]
    page_starts: frozenset[int] = frozenset()
    """Numbers of the lines that start a page (after a form feed, or a PDF page's first)."""
    raw_lines: tuple[str, ...] = ()
    """Each line as decoded, runs of spaces kept, where some lines hold columns (else empty)."""
    note: str | None = None
    """How the text was obtained when the load report should say it ("read by OCR …")."""
    paragraphs: bool = False
    """Each line is a whole paragraph (a word processor's), never a piece of a wrapped one: a
    line continues the one before only where :attr:`continuations` says so."""
    continuations: frozenset[int] = frozenset()
    """Lines that go on with the line before (a table cell's or a list item's next paragraph)."""
    list_items: frozenset[int] = frozenset()
    """Lines that are items of a word processor's list, numbered by the list's own counter."""
    warnings: tuple[Finding, ...] = ()
    """What reading the file found wrong before any rule ran: bytes that are not UTF-8, lines
    over the length limit (the load report lists them with the reader's warnings)."""

    @property
    def name(self) -> str:
        """The file name, as reports cite it."""
        return self.path.name

    def content_lines(self) -> list[Line]:
        """The non-blank lines, in order."""
        return list(self._content_lines)

    @cached_property
    def layout(self) -> tuple[str, ...]:
        """Each line's text with its runs of spaces kept (tables need their columns), or ()."""
        return tuple(layout_text(raw) for raw in self.raw_lines)

    @cached_property
    def _content_lines(self) -> tuple[Line, ...]:
        # Every layout's recogniser asks, then the chosen layout: filter the lines once.
        return tuple(line for line in self.lines if line.text)


def normalise_line(text: str) -> str:
    """Fold one line of text to the canonical form all layout rules expect."""
    if text.isascii():
        # Most lines: nothing to compose, no ligature, no typographic character but the tab.
        text = text.replace("\t", " ")
    else:
        text = unicodedata.normalize("NFC", text)
        if _TO_FOLD.search(text):  # translate() is slow on text it leaves as it is
            text = text.translate(_LINE_FOLDS)
    if ".." in text:
        text = _DOTS.sub("...", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=65536)  # rules fold the same words and titles over and over
def fold_accents(text: str) -> str:
    """Lower case without accents or ligatures: "Aînés" → "aines", "œuvre" → "oeuvre"."""
    if text.isascii():
        return text.lower()  # nothing to decompose: the common case, made cheap
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))
    if not any(unicodedata.combining(ch) for ch in _NON_ASCII.findall(decomposed)):
        return decomposed  # no other combining mark: the usual case, checked quickly
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold_for_matching(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used to compare titles across spellings."""
    return " ".join(_MATCHING_WORD.findall(fold_accents(normalise_line(text))))


class Decoded(NamedTuple):
    """A file's text, the encoding it was read in, and what decoding it could not read."""

    text: str
    encoding: str
    warnings: tuple[Finding, ...] = ()
    """The lines holding bytes that are not UTF-8 in a text that is UTF-8 elsewhere."""


def decode(data: bytes, path: Path) -> Decoded:
    """Decode a text file's bytes by the majority of the evidence; refuse binary data.

    UTF-16 where a byte order mark says so (Notepad's and Excel's "Unicode" text).
    UTF-8 where every byte is UTF-8, or where valid multi-byte UTF-8 characters outnumber the
    bytes that are not UTF-8: those are read as U+FFFD and their lines given as warnings (one
    stray byte must not turn a whole UTF-8 plan into Windows-1252 mojibake). Otherwise
    Windows-1252, where accented letters are single bytes that are not UTF-8.
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's and Excel's "Unicode" text
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as error:
            raise InputError(path, f"the file is not valid UTF-16 text ({error.reason})") from None
    if b"\x00" in data[:65536]:
        raise InputError(path, "the file holds binary data (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        first_invalid = utf8_error.start
    escaped = data.decode("utf-8", errors="surrogateescape")  # each bad byte: one surrogate
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    multibyte = len(_NON_ASCII.findall(escaped)) - invalid
    if multibyte > invalid:
        return Decoded(
            _ESCAPED_BYTE.sub("\ufffd", escaped), "utf-8", _invalid_byte_warnings(escaped)
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line = data[:first_invalid].count(b"\n") + 1
        raise InputError(
            path, "the file is neither UTF-8 nor Windows-1252 text", line=line
        ) from None
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 200):
        raise InputError(path, f"the file looks binary ({controls} control characters), not text")
    return Decoded(text, "windows-1252")


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LISTED_BYTES = 20
"""Lines with bad bytes listed one by one in the load report; the rest are summed up."""


def _invalid_byte_warnings(escaped: str) -> tuple[Finding, ...]:
    """One warning per line holding bytes that are not UTF-8 (the first few lines), and one
    summing up the others."""
    lines: dict[int, list[int]] = {}
    line, counted_to = 1, 0
    for match in _ESCAPED_BYTE.finditer(escaped):
        line += len(_LINE_BREAK.findall(escaped, counted_to, match.start()))
        counted_to = match.start()
        lines.setdefault(line, []).append(ord(match.group()) - 0xDC00)
    findings = [
        Finding(
            Span(number, number),
            f"byte(s) {' '.join(f'0x{byte:02X}' for byte in values[:8])} are not UTF-8 in a "
            "text that is UTF-8 elsewhere: read as \ufffd",
        )
        for number, values in list(lines.items())[:_LISTED_BYTES]
    ]
    rest = list(lines)[_LISTED_BYTES:]
    if rest:
        findings.append(
            Finding(
                Span(rest[0], rest[-1]),
                f"{len(rest)} more line(s) hold bytes that are not UTF-8: read as \ufffd",
            )
        )
    return tuple(findings)


def cut_long_lines(texts: list[str]) -> tuple[list[str], tuple[Finding, ...]]:
    """Lines cut to :data:`MAX_LINE_LENGTH` characters, with a warning for each line cut."""
    findings = []
    for index, text in enumerate(texts):
        if len(text) > MAX_LINE_LENGTH:
            texts[index] = text[:MAX_LINE_LENGTH]
            findings.append(
                Finding(
                    Span(index + 1, index + 1),
                    f"line of {len(text):,} characters cut to {MAX_LINE_LENGTH:,} (the limit "
                    "for one line)",
                )
            )
    return texts, tuple(findings)


def split_lines(text: str) -> Iterator[str]:
    """Split on LF, CRLF, CR and form feeds (page breaks), keeping one entry per original line.

    A form feed starts a new page but not a new line of the file, so the text after it
    stays on the same line number: it is folded to a space here.
    """
    yield from (piece.replace("\f", " ") for piece in _pieces(text))


def _pieces(text: str) -> list[str]:
    """The file's lines, form feeds left in."""
    pieces = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if pieces and pieces[-1] == "":
        pieces.pop()  # the newline that ends the last line does not start another
    return pieces


def layout_text(raw: str) -> str:
    """A line with the folds of :func:`normalise_line` but its runs of spaces kept.

    Tabs become spaces to the next multiple of 8, as a terminal shows them; a table's
    columns are then where ``pdftotext -layout`` put them.
    """
    text = unicodedata.normalize("NFC", raw.expandtabs(8).replace("\f", " "))
    return text.translate(_LINE_FOLDS).rstrip()


def read_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read and normalise a text document."""
    if data is None:
        data = read_limited(path)
    # Counted on the bytes, before millions of lines are made (CRLF counts once either way).
    check_line_count(path, max(data.count(b"\n"), data.count(b"\r")))
    text, encoding, warnings = decode(data, path)
    # Control characters become spaces in one pass over the text: none of them is a line
    # separator split_lines looks for (LF, CR, form feed), so the lines are the same.
    text = _CONTROL.sub(" ", text)
    pieces, cut = cut_long_lines(_pieces(text))
    lines = tuple(
        Line(number, normalise_line(raw.replace("\f", " ")))
        for number, raw in enumerate(pieces, start=1)
    )
    page_starts = frozenset(number for number, raw in enumerate(pieces, start=1) if "\f" in raw)
    return SourceText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=lines,
        page_starts=page_starts,
        raw_lines=tuple(pieces) if _has_columns(pieces) else (),
        warnings=warnings + cut,
    )


_COLUMN_GAP = re.compile(r"\S {3,}\S")


def _has_columns(pieces: list[str]) -> bool:
    """Whether some lines hold runs of spaces between words, as a table's columns do."""
    return sum(1 for raw in pieces if _COLUMN_GAP.search(raw)) >= 3


@dataclass(frozen=True)
class LogicalLine:
    """Physical lines joined back into the sentence the PDF wrapped."""

    text: str
    first: int
    last: int


def join_wrapped(
    lines: Iterable[Line], starts_new: Callable[[str, str | None], bool]
) -> list[LogicalLine]:
    """Join wrapped lines: each non-blank line continues the previous one unless it starts anew.

    ``starts_new(text, previous_text)`` is the layout's own rule for where a logical line
    begins; blank lines never end one (PDF extractions scatter them inside sentences).
    """
    joined: list[LogicalLine] = []
    for line in lines:
        if line.blank:
            continue
        previous = joined[-1] if joined else None
        if previous is None or starts_new(line.text, previous.text):
            joined.append(LogicalLine(line.text, line.number, line.number))
        else:
            joined[-1] = LogicalLine(glue(previous.text, line.text), previous.first, line.number)
    return joined


def breaks_word(text: str) -> bool:
    """True when a line ends inside a hyphenated word ("bien-"), so the next line continues it."""
    return text[-1:] == "-" and bool(_HYPHEN_BREAK.search(text[-2:]))


def glue(before: str, after: str) -> str:
    """Join two wrapped pieces of one sentence, keeping a compound hyphen ("bien-" + "être")."""
    if not before or not after:
        return before or after
    if breaks_word(before) and after[0].isalnum():
        return before + after
    return f"{before} {after}"
