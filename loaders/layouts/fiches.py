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
- Titles are compared with ``same_title``: accent-, case- and punctuation-free, with a small
  tolerance for typos inside long words ("pateforme"/"plateforme").
- Free-text lists (risks, indicators, steps) are split into items by ``starts_new_item``,
  a reader's rule on where a wrapped line continues the previous one.
- Template placeholders ("Your content goes here") and page headers ("Annexes – Fiches
  projets") are removed before any rule runs, wherever the wrapping cut them, and recorded
  in ``ParsedPlan.skipped``.

Extractions wrapped at 30 characters or more read the same as the reference; narrower ones
cut the labels themselves ("Objectif de" / "développement durable") and are not supported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pstkg.errors import InputError
from pstkg.loaders.layouts.common import (
    TextWindow,
    ends_with_function_word,
    feature_score,
    is_acronym,
)
from pstkg.loaders.model import (
    Action,
    Fiche,
    Finding,
    OperationalObjective,
    ParsedPlan,
    PoliticalObjective,
    Span,
    Stated,
    Step,
    StrategicObjective,
)
from pstkg.loaders.text import Line, SourceText, fold_for_matching

NAME = "fiches"

# --------------------------------------------------------------------------- line rules

_FICHE_HEADER = re.compile(r"^Projet\s+(\S.*)$")
_OS_HEADER = re.compile(r"^([1-9]00)\s*\.\s*(\S.*)$")
_OO_HEADER = re.compile(r"^([1-9](?:0[1-9]|[1-9]\d))\s*\.\s*(\S.*)$")
_OP_ROW = re.compile(r"^([1-9])\s+([^\W\d_«\"].*)$")
_OP_TABLE_OS = re.compile(r"^([1-9]00)\s*-\s*(\S.*)$")
_OP_TABLE_NONE = re.compile(r"^-$")
_OP_TABLE_START = re.compile(r"^Objectifs politiques \(OP\)")
_CONSTAT = re.compile(r"^Constat\b")
_ROMAN_HEADING = re.compile(r"^[IVX]+\.\s")
_LIST_START = re.compile(r"^OS, OO et Projets\b")
_SDG_SECTION = re.compile(r"^III\.\s+LES\b")  # "... OBJECTIFS DE DEVELOPPEMENT DURABLE" may wrap
_EXECUTION = re.compile(r"^Exécution du PST\b")
_ENJEU_HEADING = re.compile(r"^([1-4])\s*-\s*Enjeu\b")
_ENJEU_LIST_HEADING = re.compile(r"^Nom du projet ou action\b")
_ENJEU_IN_TEXT = re.compile(r"(?<![\d.])([1-4])\s*-\s*Enjeu\b")
_CODE_IN_FIELD = re.compile(r"^(?:-\s*)?(?:O[PS]\s*)?(\d+)\s*\.?\s*(.*)$")
_OS_LABEL = re.compile(r"^Objectif stratégique\s*-\s*OS\s*\d")
_BULLET = re.compile(r"^([*•·\-])\s+")

# Fiche field labels, in the template's order, named after the Fiche attribute they fill.
# Case-sensitive on purpose: a wrapped sentence may start a line with "risques liés ...",
# never with "Risques" followed by a value.
_FIELD_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("political_objective", re.compile(r"^Objectif politique\b\s*(.*)$")),
    ("strategic_objective", re.compile(r"^Objectif stratégique\b\s*(.*)$")),
    ("operational_objective", re.compile(r"^Objectif opérationnel\b\s*(.*)$")),
    # "Objectif de développement durable -": narrow extractions wrap "durable -" away
    ("enjeux", re.compile(r"^Objectif de développement\b\s*(.*)$")),
    ("description", re.compile(r"^Description\b\s*(.*)$")),
    ("steps", re.compile(r"^[ÉE]tapes du projet\b\s*(.*)$")),
    ("volet", re.compile(r"^Volet interne\s*/\s*externe\b\s*(.*)$")),
    ("synergies", re.compile(r"^Synergies\b\s*(.*)$")),
    ("risks", re.compile(r"^Risques\b\s*(.*)$")),
    ("indicators", re.compile(r"^Indicateur(?:\(s\)|s)?(?=\s|$)\s*(.*)$")),
    ("priority", re.compile(r"^Priorité des projets\b\s*(.*)$")),
    ("status", re.compile(r"^[ÉE]tat d'avancement\b\s*(.*)$")),
    ("services", re.compile(r"^Services impliqués\b\s*(.*)$")),
    ("partners", re.compile(r"^Partenaires\b\s*(.*)$")),
)
_LABEL_TEXT = {
    "political_objective": "Objectif politique",
    "strategic_objective": "Objectif stratégique",
    "operational_objective": "Objectif opérationnel",
    "enjeux": "Objectif de développement durable",
    "description": "Description",
    "steps": "Étapes du projet",
    "volet": "Volet interne / externe",
    "synergies": "Synergies",
    "risks": "Risques",
    "indicators": "Indicateur(s)",
    "priority": "Priorité des projets",
    "status": "Etat d'avancement",
    "services": "Services impliqués",
    "partners": "Partenaires",
}
_OBJECTIVE_LABELS = frozenset(
    {"political_objective", "strategic_objective", "operational_objective"}
)
# Every fiche of the template has these; "Étapes du projet" is optional.
_EXPECTED_LABELS = tuple(label for label, _ in _FIELD_LABELS if label != "steps")
# A fiche title wraps over a few lines at most before its first label.
_MAX_TITLE_LINES = 8

# Noise the PDF template leaves in the text, as folded word sequences: matched across line
# breaks so that any wrapping of "Your content goes here .." is recognised.
_NOISE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("your", "content", "goes", "here"), "template placeholder 'Your content goes here'"),
    (("annexes", "fiches", "projets"), "page header 'Annexes - Fiches projets'"),
)


def match_fiche_header(text: str) -> str | None:
    """The start of a project title when a line opens a fiche ("Projet <title>"), else None.

    A line can start with "Projet" for other reasons (a wrapped "Priorité des projets /
    Projet en cours"), so the parser also checks that objective labels follow.
    """
    match = _FICHE_HEADER.match(text)
    return match.group(1) if match else None


def match_field_label(text: str) -> tuple[str, str] | None:
    """The fiche field a line opens and the value written after the label, else None.

    Fields are named after the :class:`Fiche` attribute they fill ("risks", "partners"),
    plus "political_objective"/"strategic_objective"/"operational_objective" and "enjeux".
    """
    for name, pattern in _FIELD_LABELS:
        match = pattern.match(text)
        if match:
            return name, match.group(1).strip()
    return None


def match_os_header(text: str) -> tuple[str, str] | None:
    """Code and title start of an OS header in the OS/OO list ("100. Être un CPAS ...")."""
    match = _OS_HEADER.match(text)
    return (match.group(1), match.group(2)) if match else None


def match_oo_header(text: str) -> tuple[str, str] | None:
    """Code and title start of an OO header in the OS/OO list ("101. Maintenir ...")."""
    match = _OO_HEADER.match(text)
    return (match.group(1), match.group(2)) if match else None


def match_op_row(text: str) -> tuple[str, str] | None:
    """Code and title start of a row of the OP table ("1   Des logements ...")."""
    match = _OP_ROW.match(text)
    return (match.group(1), match.group(2)) if match else None


def match_op_table_os(text: str) -> str | None:
    """The OS code an OP maps to, on a line of the OP table ("200 -Être un CPAS ...")."""
    match = _OP_TABLE_OS.match(text)
    return match.group(1) if match else None


def match_enjeu_heading(text: str) -> int | None:
    """The number of an enjeu heading ("3 - Enjeu de la transition ..."), else None."""
    match = _ENJEU_HEADING.match(text)
    return int(match.group(1)) if match else None


def enjeux_in(text: str) -> list[int]:
    """The enjeu numbers named in a fiche's ODD field ("1 - Enjeu démocratique,4 - ...")."""
    return sorted({int(number) for number in _ENJEU_IN_TEXT.findall(text)})


# --------------------------------------------------------------------------- title matching

MIN_TYPO_WORD_LENGTH = 5
"""Words shorter than this must match exactly: "l'AIS" and "l'ISSH" are different partners."""
MAX_TYPO_EDITS = 2
"""Edits allowed inside one long word: "méthologie" lacks two letters of "méthodologie"."""
MAX_TYPO_WORDS = 2
"""Words of one title that may carry a typo."""


@lru_cache(maxsize=65536)  # a plan repeats its words (and titles) many times
def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance: the fewest one-letter insertions, deletions and substitutions."""
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i]
        for j, other in enumerate(second, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def tokens_match(first: Sequence[str], second: Sequence[str]) -> bool:
    """True when two folded titles have the same words but for a few typos in long words."""
    if len(first) != len(second) or not first:
        return False
    differing = [(one, other) for one, other in zip(first, second, strict=True) if one != other]
    if len(differing) > MAX_TYPO_WORDS:  # cheap: most different titles stop here
        return False
    return all(_is_typo(one, other) for one, other in differing)


@lru_cache(maxsize=65536)
def _is_typo(one: str, other: str) -> bool:
    """True when two different long words are a few edits apart."""
    if min(len(one), len(other)) < MIN_TYPO_WORD_LENGTH:
        return False
    if abs(len(one) - len(other)) > MAX_TYPO_EDITS:
        return False
    return edit_distance(one, other) <= MAX_TYPO_EDITS


def same_title(first: str, second: str) -> bool:
    """True when two spellings name the same item.

    Case, accents, punctuation and spacing are ignored ("Etablir"/"Établir",
    "commune-cpas"/"commune- cpas"); up to ``MAX_TYPO_WORDS`` words of at least
    ``MIN_TYPO_WORD_LENGTH`` letters may differ by ``MAX_TYPO_EDITS`` edits each
    ("pateforme"/"plateforme", "méthologie"/"méthodologie"). Titles with different words
    ("Veiller à la santé ..."/"Veiller au bien-être ...") never match.
    """
    return tokens_match(fold_for_matching(first).split(), fold_for_matching(second).split())


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class Word:
    """A word of the source, the line it stands on, and its folded tokens."""

    text: str
    line: int
    tokens: tuple[str, ...]


def words_of(lines: Iterable[Line]) -> list[Word]:
    """The words of some lines, in order."""
    return [
        Word(part, line.number, tuple(fold_for_matching(part).split()))
        for line in lines
        for part in line.text.split()
    ]


# A letter, a hyphen, a space, a letter: a compound the PDF cut at its hyphen ("socio-" /
# "professionnelle") or written with a stray space ("commune- cpas").
_BROKEN_COMPOUND = re.compile(r"(?<=[^\W\d_])- +(?=[^\W\d_])")


def join_words(texts: Iterable[str]) -> str:
    """Join wrapped pieces with one space, a compound cut at its hyphen made whole again.

    One space is the exact inverse of wrapping at spaces, and mending the compound whatever
    its spacing makes "commune- cpas", "commune-" / "cpas" and "commune-cpas" one spelling:
    the text does not depend on where a line was wrapped.
    """
    return _BROKEN_COMPOUND.sub("-", " ".join(text for text in texts if text))


def _text(words: Sequence[Word]) -> str:
    return join_words(word.text for word in words)


def _span(words: Sequence[Word]) -> Span:
    return Span(words[0].line, words[-1].line)


def _match_at(words: Sequence[Word], start: int, tokens: Sequence[str]) -> int | None:
    """The end (exclusive) of the words from ``start`` that spell ``tokens``, else None."""
    first = words[start].tokens[:1] if start < len(words) else ()
    if not first or not tokens or not tokens_match(first, tokens[:1]):
        return None  # most attempts fail here, before reading further
    got: list[str] = []
    end = start
    while end < len(words) and len(got) < len(tokens):
        got.extend(words[end].tokens)
        end += 1
    return end if tokens_match(got, tokens) else None


def _best_match(
    words: Sequence[Word], start: int, known: Sequence[Sequence[str]]
) -> tuple[int, int] | None:
    """The longest known title spelt from ``start``, as (index in ``known``, end)."""
    best: tuple[int, int] | None = None
    for index, tokens in enumerate(known):
        end = _match_at(words, start, tokens)
        if end is not None and (best is None or len(tokens) > len(known[best[0]])):
            best = (index, end)
    return best


@dataclass
class Segment:
    """A run of list words: one known title (``known`` is its index), or unrecognised text."""

    words: list[Word]
    known: int | None


def segment_titles(words: Sequence[Word], known: Sequence[Sequence[str]]) -> list[Segment]:
    """Cut a list's words into known titles (longest first) and runs of unknown text.

    ``known`` holds folded titles (token lists). A known title may start at any capitalised
    word, not only at a line start: that is how two titles glued on one line ("...
    gouvernance Formaliser ...") come apart, and why the cut does not depend on wrapping.
    """
    segments: list[Segment] = []
    unknown: list[Word] = []
    index = 0
    while index < len(words):
        opens = words[index].text[:1].isupper() or words[index].text[:1].isdigit()
        hit = _best_match(words, index, known) if opens else None
        if hit is None:
            unknown.append(words[index])
            index += 1
            continue
        if unknown:
            segments.append(Segment(unknown, None))
            unknown = []
        segments.append(Segment(list(words[index : hit[1]]), hit[0]))
        index = hit[1]
    if unknown:
        segments.append(Segment(unknown, None))
    return segments


# --------------------------------------------------------------------------- items in free text

_CONTINUING_START = tuple("()[]{}»,;:.…+&/=")
_NUMBERED_ITEM = re.compile(r"^\d+[.)]\s")
_ITEM_SEPARATOR = re.compile(r"\s*[,;]$")


def starts_new_item(
    previous_line: str, item: str, text: str, width: int, bullet: str | None = None
) -> bool:
    """Whether a physical line starts a new item of a list field rather than continuing one.

    ``previous_line`` is the whole previous physical line (label included), ``item`` the
    item read so far, ``width`` the wrap width of the document (see ``wrap_width``) and
    ``bullet`` the bullet of the field's first item, if any.

    A bullet starts an item; a "- " does only in a list whose items start with "- ", as
    elsewhere it is a dash carried over ("... charge" / "- Cautions locatives").
    A line continues the item when it starts with a lower-case letter (quotes aside:
    '"libres'), a digit, a bracket or an operator; when the item has an unclosed bracket;
    when the previous line stops on a function word ("... du poste de" / '"Jobcoach".');
    before an acronym carried over ("... les agents" / "IT communal"); after a full line
    that stops on a comma ("Centre de coordination," / "Bulletin ...", full meaning the
    next word would not have fitted).
    Otherwise a capitalised line starts a new item ("Perte d'emplois," / "Perte de clients").
    """
    bulleted = _BULLET.match(text)
    if bulleted is not None:
        return bulleted.group(1) != "-" or bullet == "-"
    if _NUMBERED_ITEM.match(text):
        return True
    letter = text.lstrip("\"'« ")[:1]
    if letter.islower() or text[:1].isdigit() or text.startswith(_CONTINUING_START):
        return False
    if item.count("(") > item.count(")"):
        return False
    previous = previous_line.rstrip()
    if ends_with_function_word(previous) or previous.endswith(("-->", "/", "+", "&", "(", "-")):
        return False
    first_word = text.split()[0]
    if is_acronym(first_word) and not previous.endswith((".", "!", "?", ";")):
        return False
    full = len(previous) + 1 + len(first_word) > width
    return not (full and previous.endswith(","))


def wrap_width(lines: Iterable[Line]) -> int:
    """The width lines were wrapped at: the longest line.

    Lines holding "..." are left out: normalisation turned a one-character "…" into three
    characters, so they may be longer than the extraction's width.
    """
    lines = list(lines)
    lengths = [len(line.text) for line in lines if "..." not in line.text]
    return max(lengths or [len(line.text) for line in lines] or [0])


@dataclass(frozen=True)
class Piece:
    """The part of a physical line that belongs to a field (``text``), and the whole line."""

    text: str
    line: int
    physical: str


def split_items(pieces: Sequence[Piece], width: int) -> list[tuple[str, Span]]:
    """Group a field's lines into items (one risk, one step ...) with ``starts_new_item``.

    Bullets, and a comma or semicolon separating an item from the next, are removed.
    """
    items: list[tuple[list[str], int, int]] = []
    previous: Piece | None = None
    bullet: str | None = None
    for piece in pieces:
        if not piece.text:
            continue
        if previous is None:
            first_bullet = _BULLET.match(piece.text)
            bullet = first_bullet.group(1) if first_bullet else None
        item = join_words(items[-1][0]) if items else ""
        if previous is None or starts_new_item(previous.physical, item, piece.text, width, bullet):
            items.append(([_BULLET.sub("", piece.text)], piece.line, piece.line))
        else:
            texts, first, _ = items[-1]
            items[-1] = ([*texts, piece.text], first, piece.line)
        previous = piece
    result = []
    for texts, first, last in items:
        text = _ITEM_SEPARATOR.sub("", join_words(texts)).strip()
        if text:
            result.append((text, Span(first, last)))
    return result


# --------------------------------------------------------------------------- noise


def strip_noise(lines: Sequence[Line]) -> tuple[list[Line], list[Finding]]:
    """Remove template placeholders and page headers, wherever line wrapping cut them.

    Returns the non-blank lines that remain (a line that held only noise disappears) and
    one finding per run of noise (the placeholder is usually written twice in a row).
    """
    words = words_of(lines)
    dropped: set[int] = set()
    skipped: list[Finding] = []
    index = 0
    previous: tuple[int, str] | None = None  # end of the last noise run, and its reason
    while index < len(words):
        hit = _match_noise(words, index)
        if hit is None:
            index += 1
            continue
        end, reason = hit
        dropped.update(range(index, end))
        span = _span(words[index:end])
        if previous == (index, reason):
            span = skipped.pop().span.cover(span)
        skipped.append(Finding(span, f"skipped {reason}"))
        previous = (end, reason)
        index = end
    kept: dict[int, list[str]] = defaultdict(list)
    for position, word in enumerate(words):
        if position not in dropped:
            kept[word.line].append(word.text)
    return [Line(number, " ".join(texts)) for number, texts in sorted(kept.items())], skipped


def _match_noise(words: Sequence[Word], start: int) -> tuple[int, str] | None:
    """Where a noise passage starting at ``start`` ends, punctuation after it included."""
    for pattern, reason in _NOISE:
        got: list[str] = []
        end = start
        while end < len(words) and len(got) < len(pattern):
            if not words[end].tokens and not got:
                break
            got.extend(words[end].tokens)
            end += 1
        if tuple(got) != pattern:
            continue
        while end < len(words) and not words[end].tokens:  # the ".." after the placeholder
            end += 1
        return end, reason
    return None


# --------------------------------------------------------------------------- reading context


@dataclass
class _Context:
    """What every reading step needs: the file, its lines by number, the wrap width, findings."""

    source: SourceText
    physical: dict[int, str]
    width: int
    warnings: list[Finding] = field(default_factory=list)

    def warn(self, span: Span, message: str) -> None:
        self.warnings.append(Finding(span, message))

    def pieces(self, words: Sequence[Word]) -> list[Piece]:
        """Words regrouped by the line they stand on, for ``split_items``."""
        pieces: list[Piece] = []
        for word in words:
            if pieces and pieces[-1].line == word.line:
                last = pieces[-1]
                pieces[-1] = Piece(f"{last.text} {word.text}", last.line, last.physical)
            else:
                pieces.append(Piece(word.text, word.line, self.physical.get(word.line, "")))
        return pieces

    def truncated(self, reason: str, line: int | None) -> InputError:
        return InputError(self.source.path, f"{reason}: the plan looks truncated", line=line)


# --------------------------------------------------------------------------- sections


@dataclass
class _Sections:
    """Index ranges (into the cleaned lines) of the document's parts."""

    op_table: tuple[int, int] | None
    objective_list: tuple[int, int]
    enjeux: tuple[int, int] | None
    fiches: int | None  # index of the first fiche header


def _first(lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if pattern.match(lines[i].text)), None)


def _is_fiche_start(lines: Sequence[Line], index: int) -> bool:
    """A "Projet ..." line opens a fiche when an objective label follows its (wrapped) title."""
    if match_fiche_header(lines[index].text) is None:
        return False
    for line in lines[index + 1 : index + 1 + _MAX_TITLE_LINES]:
        label = match_field_label(line.text)
        if label is not None:
            return label[0] in _OBJECTIVE_LABELS
    return False


def _find_sections(source: SourceText, lines: Sequence[Line]) -> _Sections:
    """Locate the parts of the plan; raise InputError without an OS/OO list or past its end."""
    fiches = next((i for i in range(len(lines)) if _is_fiche_start(lines, i)), None)
    list_start = _first(lines, _LIST_START)
    if list_start is None or (fiches is not None and list_start > fiches):
        raise InputError(
            source.path, "no list of objectives and projects ('OS, OO et Projets') before fiches"
        )
    sdg = _first(lines, _SDG_SECTION, list_start)
    list_end = sdg if sdg is not None else fiches
    if list_end is None:
        raise InputError(
            source.path,
            "the file ends inside the list 'OS, OO et Projets' (no section III, no fiche): "
            "the plan looks truncated",
            line=lines[-1].number,
        )
    op_start = _first(lines, _OP_TABLE_START)
    op_table = (op_start, list_start) if op_start is not None and op_start < list_start else None
    enjeux = None
    if sdg is not None:
        end = fiches if fiches is not None else len(lines)
        execution = _first(lines, _EXECUTION, sdg)
        enjeux = (sdg, execution if execution is not None and execution < end else end)
    return _Sections(op_table, (list_start + 1, list_end), enjeux, fiches)


# --------------------------------------------------------------------------- fiches


@dataclass
class _Block:
    """One labelled field of a fiche: its label line and the value's pieces."""

    label: str
    line: int
    pieces: list[Piece]

    def text(self) -> str:
        return join_words(piece.text for piece in self.pieces)

    @property
    def span(self) -> Span:
        return Span(self.line, max(piece.line for piece in self.pieces))


@dataclass
class _RawFiche:
    """A fiche as cut from the text: its title pieces and its labelled blocks, in order."""

    header_line: int
    title_pieces: list[Piece]
    blocks: list[_Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return join_words(piece.text for piece in self.title_pieces)

    @property
    def span(self) -> Span:
        last = max([p.line for p in self.title_pieces] + [b.span.last_line for b in self.blocks])
        return Span(self.header_line, last)


@dataclass
class _ParsedFiche:
    """A fiche, with its title and the objective titles it states (for title variants)."""

    fiche: Fiche
    title: str
    os_title: str | None
    oo_title: str | None


def _cut_fiches(lines: Sequence[Line], start: int) -> list[_RawFiche]:
    """Cut the fiche section into fiches and their labelled blocks."""
    fiches: list[_RawFiche] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if _is_fiche_start(lines, index):
            title = match_fiche_header(line.text) or ""
            fiches.append(_RawFiche(line.number, [Piece(title, line.number, line.text)]))
            continue
        fiche = fiches[-1]
        label = match_field_label(line.text)
        if label is not None:
            name, value = label
            fiche.blocks.append(_Block(name, line.number, [Piece(value, line.number, line.text)]))
        elif fiche.blocks:
            fiche.blocks[-1].pieces.append(Piece(line.text, line.number, line.text))
        else:
            fiche.title_pieces.append(Piece(line.text, line.number, line.text))
    return fiches


def _read_fiches(ctx: _Context, lines: Sequence[Line], start: int | None) -> list[_ParsedFiche]:
    """All fiches, in document order; a file cut inside its last fiche is an error."""
    if start is None:
        return []
    raw_fiches = _cut_fiches(lines, start)
    last = raw_fiches[-1]
    if not {block.label for block in last.blocks} & {"services", "partners"}:
        raise ctx.truncated(
            f"the file ends inside the fiche of '{last.title}' (no 'Services impliqués' nor "
            "'Partenaires')",
            last.span.last_line,
        )
    return [_build_fiche(ctx, raw) for raw in raw_fiches]


def _choose_blocks(ctx: _Context, raw: _RawFiche) -> dict[str, _Block]:
    """One block per label; a repeated label is reported, never silently merged.

    The first block that has a value is kept (a repeat comes from a damaged fiche whose
    fields were extracted twice).
    """
    chosen: dict[str, _Block] = {}
    for block in raw.blocks:
        kept = chosen.get(block.label)
        if kept is None:
            chosen[block.label] = block
            continue
        ctx.warn(
            block.span,
            f"repeated field '{_LABEL_TEXT[block.label]}' at line {block.line} in the fiche of "
            f"'{raw.title}' (first at line {kept.line}); the first value given is kept",
        )
        if not kept.text() and block.text():
            chosen[block.label] = block
    return chosen


def _objective_code(block: _Block | None) -> tuple[str | None, str | None]:
    """Code and title of an objective field ("- OP 3. Une politique ...")."""
    match = _CODE_IN_FIELD.match(block.text()) if block is not None else None
    if match is None:
        return None, None
    return match.group(1), match.group(2).strip() or None


def _build_fiche(ctx: _Context, raw: _RawFiche) -> _ParsedFiche:
    """Turn a cut fiche into a :class:`Fiche`; report missing and repeated fields."""
    blocks = _choose_blocks(ctx, raw)
    missing = [_LABEL_TEXT[label] for label in _EXPECTED_LABELS if label not in blocks]
    if missing:
        ctx.warn(raw.span, f"the fiche of '{raw.title}' lacks the field(s): {', '.join(missing)}")

    def value(label: str) -> str | None:
        block = blocks.get(label)
        return (block.text() or None) if block is not None else None

    def items(label: str) -> list[tuple[str, Span]]:
        block = blocks.get(label)
        return split_items(block.pieces, ctx.width) if block is not None else []

    def comma_list(label: str) -> list[str]:
        return [part.strip() for part in (value(label) or "").split(",") if part.strip()]

    op_code, _ = _objective_code(blocks.get("political_objective"))
    os_code, os_title = _objective_code(blocks.get("strategic_objective"))
    oo_code, oo_title = _objective_code(blocks.get("operational_objective"))
    fiche = Fiche(
        span=raw.span,
        title_as_written=raw.title,
        description=value("description"),
        volet=value("volet"),
        synergies=value("synergies"),
        risks=[text for text, _ in items("risks")],
        indicators=[text for text, _ in items("indicators")],
        priority=value("priority"),
        status=value("status"),
        services=comma_list("services"),
        partners=comma_list("partners"),
        enjeux=enjeux_in(value("enjeux") or ""),
        political_objective=op_code,
        strategic_objective=os_code,
        operational_objective=oo_code,
        steps=[Step(text, span) for text, span in items("steps")],
    )
    return _ParsedFiche(fiche, raw.title, os_title, oo_title)


# --------------------------------------------------------------------------- OP table


@dataclass
class _OpTable:
    """The OP table: the OP, the OS each maps to, and the OS titles as the table writes them."""

    political_objectives: list[PoliticalObjective] = field(default_factory=list)
    os_of_op: dict[str, list[str]] = field(default_factory=dict)
    os_titles: list[tuple[str, str, Span]] = field(default_factory=list)


def _parse_op_table(lines: Sequence[Line]) -> _OpTable:
    """Read the OP table: OP rows, each followed by the OS it maps to ("-" for none).

    OP rows are numbered 1, 2, 3 ...: a row is only taken when it carries the next number,
    so a "Constat" line that wrapped before a digit cannot pass for one. An OP title runs
    from its row to the first OS line, "-" or "Constat"; an OS line's title runs to the
    next of those.
    """
    table = _OpTable()
    op_lines: list[Line] = []  # the OP row being read, and its wrapped title
    os_lines: list[Line] = []  # the OS line being read, and its wrapped title
    for line in lines:
        row = match_op_row(line.text)
        if row is not None and row[0] == str(len(table.os_of_op) + 1):
            _close_op_row(op_lines, table)
            _close_op_table_os(os_lines, table)
            op_lines, os_lines = [line], []
            table.os_of_op[row[0]] = []
            continue
        if _ROMAN_HEADING.match(line.text):
            break
        os_code = match_op_table_os(line.text)
        if os_code is not None or _OP_TABLE_NONE.match(line.text) or _CONSTAT.match(line.text):
            _close_op_row(op_lines, table)
            _close_op_table_os(os_lines, table)
            op_lines, os_lines = [], []
            if os_code is not None and table.os_of_op:
                table.os_of_op[list(table.os_of_op)[-1]].append(os_code)
                os_lines = [line]
        elif op_lines:
            op_lines.append(line)
        elif os_lines:
            os_lines.append(line)
    _close_op_row(op_lines, table)
    _close_op_table_os(os_lines, table)
    return table


def _close_op_row(lines: Sequence[Line], table: _OpTable) -> None:
    if not lines:
        return
    code, title = match_op_row(lines[0].text) or ("", "")
    text = join_words([title, *(line.text for line in lines[1:])])
    span = Span(lines[0].number, lines[-1].number)
    table.political_objectives.append(PoliticalObjective(code, text, span))


def _close_op_table_os(lines: Sequence[Line], table: _OpTable) -> None:
    if not lines:
        return
    code = match_op_table_os(lines[0].text) or ""
    title = join_words(line.text for line in lines).removeprefix(code).lstrip(" -")
    table.os_titles.append((code, title, Span(lines[0].number, lines[-1].number)))


# --------------------------------------------------------------------------- OS/OO list


@dataclass
class _ListedItem:
    """A title as an OO list (or an enjeu list) writes it; ``known`` indexes the dictionary."""

    text: str
    span: Span
    known: int | None


@dataclass
class _ListedOO:
    objective: OperationalObjective
    items: list[_ListedItem]


@dataclass
class _ListedOS:
    objective: StrategicObjective
    oos: list[_ListedOO]


def _header_blocks(lines: Sequence[Line]) -> list[tuple[str, str, list[Line]]]:
    """Cut the list into (kind, code, lines) blocks, kind "os" or "oo".

    The header line is given without its code, so a block's lines spell the title and what
    follows it up to the next header.
    """
    blocks: list[tuple[str, str, list[Line]]] = []
    for line in lines:
        os_header = match_os_header(line.text)
        oo_header = match_oo_header(line.text) if os_header is None else None
        if os_header is not None:
            blocks.append(("os", os_header[0], [Line(line.number, os_header[1])]))
        elif oo_header is not None:
            blocks.append(("oo", oo_header[0], [Line(line.number, oo_header[1])]))
        elif blocks:
            blocks[-1][2].append(line)
    return blocks


def _oo_title_end(
    ctx: _Context,
    words: Sequence[Word],
    fiche_titles: Sequence[str],
    known: Sequence[Sequence[str]],
) -> int:
    """How many of an OO block's words spell the OO title, the rest being projects.

    The title the OO's fiches give is matched first; failing that, the title runs to the
    first line that starts with a known project title; failing that (an OO without known
    projects), it is the first item by ``split_items``.
    """
    found = [_match_at(words, 0, fold_for_matching(title).split()) for title in fiche_titles]
    ends = [end for end in found if end is not None]
    if ends:
        return max(ends)
    for index in range(1, len(words)):
        starts_line = words[index].line != words[index - 1].line
        if starts_line and _best_match(words, index, known) is not None:
            return index
    first_item = split_items(ctx.pieces(words), ctx.width)[:1]
    if not first_item:
        return len(words)
    last_line = first_item[0][1].last_line
    return sum(1 for word in words if word.line <= last_line)


def _list_items(
    ctx: _Context, words: Sequence[Word], known: Sequence[Sequence[str]]
) -> list[_ListedItem]:
    """The titles of a list: known titles, and unknown text split into items by lines."""
    items: list[_ListedItem] = []
    for segment in segment_titles(words, known):
        if segment.known is not None:
            items.append(_ListedItem(_text(segment.words), _span(segment.words), segment.known))
        elif any(word.tokens for word in segment.words):  # not a stray "-" or "..."
            for text, span in split_items(ctx.pieces(segment.words), ctx.width):
                items.append(_ListedItem(text, span, None))
    return items


def _read_objective_list(
    ctx: _Context,
    lines: Sequence[Line],
    known: Sequence[Sequence[str]],
    fiche_oo_titles: dict[str, list[str]],
) -> list[_ListedOS]:
    """Read the list "OS, OO et Projets" into OS, their OO and the OO's listed items.

    The OS header is repeated before each OO: a repeat is the same OS (its spelling is kept
    as a title variant), and the OO that follows belongs to it.
    """
    listed: list[_ListedOS] = []
    by_code: dict[str, _ListedOS] = {}
    current: _ListedOS | None = None
    for kind, code, block in _header_blocks(lines):
        words = words_of(block)
        if kind == "os":
            current = by_code.get(code)
            if current is not None:
                current.objective.title_variants.append(_text(words))
                continue
            current = _ListedOS(StrategicObjective(code, _text(words), _span(words)), [])
            by_code[code] = current
            listed.append(current)
            continue
        if current is None:
            ctx.warn(_span(words), f"OO {code} comes before any OS; it is ignored")
            continue
        end = _oo_title_end(ctx, words, fiche_oo_titles.get(code, []), known)
        title_words = words[:end] or words[:1]
        oo = OperationalObjective(code, _text(title_words), _span(title_words))
        if code[0] != (current.objective.code or "?")[0]:
            ctx.warn(oo.span, f"OO {code} is listed under OS {current.objective.code}")
        current.oos.append(_ListedOO(oo, _list_items(ctx, words[len(title_words) :], known)))
    return listed


def _require_projects(
    ctx: _Context,
    list_lines: Sequence[Line],
    listed: Sequence[_ListedOS],
    fiches: Sequence[_ParsedFiche],
) -> None:
    """OS/OO headings without any project, or without any fiche, is a plan cut short."""
    if not listed:
        raise InputError(
            ctx.source.path,
            "the list 'OS, OO et Projets' holds no OS heading ('100. Être un CPAS ...')",
            line=list_lines[0].number if list_lines else None,
        )
    if not fiches and not any(oo.items for os_ in listed for oo in os_.oos):
        raise ctx.truncated("OS and OO headings but no project", list_lines[-1].number)
    if not fiches:
        last = max(ctx.physical)
        raise ctx.truncated("no project fiche ('Projet ...' then 'Objectif politique')", last)


# --------------------------------------------------------------------------- projects


@dataclass
class _Project:
    """A project being assembled from the OO list, the fiches and the per-enjeu lists."""

    action: Action
    oo: OperationalObjective
    os_code: str | None
    listed: bool
    spellings: list[tuple[Span, str]] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)  # the spellings, folded
    enjeux: set[int] = field(default_factory=set)

    def add_spelling(self, span: Span, text: str) -> None:
        self.spellings.append((span, text))
        self.tokens.append(fold_for_matching(text).split())

    def matches(self, title: str) -> bool:
        folded = fold_for_matching(title).split()
        return any(tokens_match(tokens, folded) for tokens in self.tokens)


class _Registry:
    """The plan's projects, found by title whatever their spelling."""

    def __init__(self) -> None:
        self.projects: list[_Project] = []

    def find(self, title: str, oo_code: str | None = None) -> _Project | None:
        """The project of that title, preferring one under ``oo_code``."""
        found = [project for project in self.projects if project.matches(title)]
        preferred = [project for project in found if project.oo.code == oo_code]
        return (preferred or found or [None])[0]

    def add(
        self, title: str, span: Span, oo: OperationalObjective, os_code: str | None, listed: bool
    ) -> _Project:
        """A new project under ``oo``, first spelt ``title`` at ``span``."""
        action = Action(title=title, span=span, kind="project")
        project = _Project(action, oo, os_code, listed)
        project.add_spelling(span, title)
        oo.actions.append(action)
        self.projects.append(project)
        return project


def _register_listed(ctx: _Context, listed: Sequence[_ListedOS], registry: _Registry) -> None:
    """One project per title of the OO lists; a repeat under the same OO is reported."""
    for os_ in listed:
        for listed_oo in os_.oos:
            oo = listed_oo.objective
            for item in listed_oo.items:
                existing = registry.find(item.text)
                if existing is None:
                    registry.add(item.text, item.span, oo, os_.objective.code, listed=True)
                elif existing.oo is oo:
                    ctx.warn(
                        item.span,
                        f"'{item.text}' is listed twice under OO {oo.code}; the repeat is ignored",
                    )
                else:  # the same project listed under another OO: a transversal project
                    existing.action.also_serves.append(oo.code or "")
                    existing.add_spelling(item.span, item.text)


def _attach_fiches(
    ctx: _Context, plan: ParsedPlan, fiches: Sequence[_ParsedFiche], registry: _Registry
) -> None:
    """Give each fiche to its project; a fiche no list names makes a project under its own OO.

    Two fiches of one title (a conflicting copy) both go to the same project.
    """
    for parsed in fiches:
        fiche = parsed.fiche
        project = registry.find(parsed.title, fiche.operational_objective)
        if project is None:
            project = _project_from_fiche(ctx, plan, parsed, registry)
        else:
            project.add_spelling(fiche.span, parsed.title)
            listed_under = (project.os_code, project.oo.code)
            if (fiche.strategic_objective, fiche.operational_objective) != listed_under:
                ctx.warn(
                    fiche.span,
                    f"the fiche of '{parsed.title}' names OS {fiche.strategic_objective} / OO "
                    f"{fiche.operational_objective}, but the project is listed under OS "
                    f"{project.os_code} / OO {project.oo.code}",
                )
        project.action.fiches.append(fiche)


def _project_from_fiche(
    ctx: _Context, plan: ParsedPlan, parsed: _ParsedFiche, registry: _Registry
) -> _Project:
    """A project only a fiche names: placed under the OS and OO the fiche names."""
    fiche = parsed.fiche
    os_code = fiche.strategic_objective
    oo_code = fiche.operational_objective
    os_ = next((o for o in plan.strategic_objectives if o.code == os_code), None)
    if os_ is None:
        os_ = StrategicObjective(os_code, parsed.os_title, fiche.span)
        plan.strategic_objectives.append(os_)
    oo = next((o for o in os_.operational_objectives if o.code == oo_code), None)
    if oo is None:
        oo = OperationalObjective(oo_code, parsed.oo_title, fiche.span)
        os_.operational_objectives.append(oo)
    ctx.warn(
        fiche.span,
        f"the fiche of '{parsed.title}' names a project no OO list names; "
        f"it is placed under OS {os_code} / OO {oo_code} as the fiche says",
    )
    return registry.add(parsed.title, fiche.span, oo, os_code, listed=False)


def _require_fiche_coverage(ctx: _Context, registry: _Registry) -> None:
    """A file cut between two fiches leaves most listed projects without one: an error.

    A few projects without a fiche are reported as warnings; fewer fiches than half the
    listed projects is not a plan in this layout but what is left of one.
    """
    listed = [project for project in registry.projects if project.listed]
    covered = [project for project in listed if project.action.fiches]
    if len(covered) * 2 < len(listed):
        last = max(f.span.last_line for p in registry.projects for f in p.action.fiches)
        raise ctx.truncated(
            f"only {len(covered)} of the {len(listed)} projects of the OO lists have a fiche, "
            f"and the fiches stop at line {last}",
            last,
        )


def _enjeu_lists(lines: Sequence[Line]) -> tuple[list[tuple[int, list[Line]]], list[Line]]:
    """Each enjeu's project list (the lines after "Nom du projet ou action").

    Also returns the headings of enjeux that have no list heading.
    """
    lists: list[tuple[int, list[Line]]] = []
    without_list: list[Line] = []
    current: list[Line] | None = None
    for line in lines:
        number = match_enjeu_heading(line.text)
        if number is not None:
            lists.append((number, []))
            without_list.append(line)
            current = None
        elif _ENJEU_LIST_HEADING.match(line.text) and lists and current is None:
            current = lists[-1][1]
            without_list.pop()
        elif current is not None:
            current.append(line)
    return lists, without_list


def _read_enjeu_lists(ctx: _Context, lines: Sequence[Line], registry: _Registry) -> None:
    """Record, for each project, the enjeux whose list names it; report unknown titles."""
    lists, without_list = _enjeu_lists(lines)
    for heading in without_list:
        ctx.warn(Span(heading.number, heading.number), f"'{heading.text}' has no project list")
    known: list[list[str]] = []
    owners: list[_Project] = []
    for project in registry.projects:
        for tokens in project.tokens:
            known.append(tokens)
            owners.append(project)
    for number, list_lines in lists:
        for item in _list_items(ctx, words_of(list_lines), known):
            if item.known is None:
                message = f"'{item.text}' in the project list of enjeu {number} matches no project"
                ctx.warn(item.span, message)
                continue
            owners[item.known].enjeux.add(number)
            owners[item.known].add_spelling(item.span, item.text)


def _finish_projects(ctx: _Context, registry: _Registry) -> None:
    """Set each project's first span, title variants and enjeux; report gaps.

    The canonical title is the spelling of the OO list (first listing) when the project is
    listed there, else the spelling of its first fiche: the OO list is the plan's structure,
    and in the reference document it also has the careful spellings ("plateforme",
    "méthodologie", "situations") where the fiches and the enjeu lists have typos. Titles
    are words joined by one space (``join_words``), so the choice does not depend on line
    wrapping. Variants are the other spellings, in document order.
    """
    for project in registry.projects:
        action = project.action
        ordered = sorted(project.spellings, key=lambda spelling: spelling[0].first_line)
        action.span = ordered[0][0]
        action.title_variants = _distinct(action.title, [(s.first_line, t) for s, t in ordered])
        action.enjeux_from_lists = sorted(project.enjeux)
        if project.listed and not action.fiches:
            ctx.warn(action.span, f"'{action.title}' (OO {project.oo.code}) has no fiche")
        stated = {enjeu for fiche in action.fiches for enjeu in fiche.enjeux}
        if action.fiches and stated != project.enjeux:
            ctx.warn(
                action.fiches[0].span,
                f"the fiche(s) of '{action.title}' give enjeux {sorted(stated)} but the "
                f"per-enjeu lists give {sorted(project.enjeux)}",
            )


def _report_empty_oos(ctx: _Context, plan: ParsedPlan) -> None:
    for oo in plan.operational_objectives():
        if not oo.actions:
            ctx.warn(oo.span, f"OO {oo.code} lists no project and no fiche names it")


# --------------------------------------------------------------------------- objectives


def _link_political_objectives(
    ctx: _Context, plan: ParsedPlan, table: _OpTable, fiches: Sequence[_ParsedFiche]
) -> None:
    """Set each OS's OP from the OP table; report fiches that link an OS to another OP."""
    by_code = {os_.code: os_ for os_ in plan.strategic_objectives}
    for op_code, os_codes in table.os_of_op.items():
        for os_code in os_codes:
            os_ = by_code.get(os_code)
            if os_ is not None and op_code not in os_.political_objectives:
                os_.political_objectives.append(op_code)
    disagreeing: dict[tuple[str, str], list[_ParsedFiche]] = defaultdict(list)
    for parsed in fiches:
        os_ = by_code.get(parsed.fiche.strategic_objective)
        op = parsed.fiche.political_objective
        if os_ is not None and op and op not in os_.political_objectives:
            disagreeing[(os_.code or "", op)].append(parsed)
    for (os_code, op_code), group in disagreeing.items():
        mapped = ", ".join(by_code[os_code].political_objectives) or "none"
        ctx.warn(
            group[0].fiche.span,
            f"{len(group)} fiche(s) link OS {os_code} to OP {op_code} (first: "
            f"'{group[0].title}'), but the OP table links OS {os_code} to OP {mapped}",
        )


def _collect_objective_variants(
    plan: ParsedPlan, table: _OpTable | None, fiches: Sequence[_ParsedFiche]
) -> None:
    """Other spellings of OS and OO titles, in document order: OP table, list, fiches."""
    os_spellings: dict[str | None, list[tuple[int, str]]] = defaultdict(list)
    oo_spellings: dict[str | None, list[tuple[int, str]]] = defaultdict(list)
    for os_code, title, span in table.os_titles if table is not None else []:
        os_spellings[os_code].append((span.first_line, title))
    for os_ in plan.strategic_objectives:
        # repeated list headers (collected while reading the list) rank with the first one
        os_spellings[os_.code].extend((os_.span.first_line, t) for t in os_.title_variants)
    for parsed in fiches:
        line = parsed.fiche.span.first_line
        if parsed.os_title:
            os_spellings[parsed.fiche.strategic_objective].append((line, parsed.os_title))
        if parsed.oo_title:
            oo_spellings[parsed.fiche.operational_objective].append((line, parsed.oo_title))
    for os_ in plan.strategic_objectives:
        os_.title_variants = _distinct(os_.title, os_spellings[os_.code])
    for oo in plan.operational_objectives():
        oo.title_variants = _distinct(oo.title, oo_spellings[oo.code])


def _distinct(canonical: str | None, spellings: Iterable[tuple[int, str]]) -> list[str]:
    """The spellings other than ``canonical``, once each, in order of their line."""
    result: list[str] = []
    for _, variant in sorted(spellings, key=lambda spelling: spelling[0]):
        if variant != canonical and variant not in result:
            result.append(variant)
    return result


# --------------------------------------------------------------------------- plan facts

_CPAS = re.compile(r"\bCPAS d'[A-ZÀ-Ý][\w-]+")
_LEGISLATURE = re.compile(r"\blégislature\s+(\d{4})\s*-\s*(\d{4})\b")
_VALUES_INTRO = re.compile(r"adhère aux valeurs suivantes\s*:")
_ANNUAL = re.compile(r"\bChaque année\b[^.]{0,250}?\bévaluation du PST\b")
_MID_TERM = re.compile(r"\b[AÀ] mi-mandat\b|\bmi-législature\b")
_FINAL = re.compile(r"\ben fin de (?:mandat|législature)\b")
_TRAILING_LIST_PUNCTUATION = re.compile(r"\s*[;.]\s*$")


def _stated(window: TextWindow, pattern: re.Pattern[str], value: str) -> Stated[str] | None:
    match = window.search(pattern)
    return Stated(value, window.span(*match.span())) if match is not None else None


def _values(lines: Sequence[Line], window: TextWindow) -> list[Stated[str]]:
    """The values the CPAS "adhère" to: the bullets after that sentence.

    The two earlier lists of the same section say what the CPAS "vise" (équité, qualité des
    services ...) and what the agents "intègrent" (solidarité, tolérance ...): observations
    from the SWOT meetings. Only this last list is stated as the institution's values.
    """
    intro = window.search(_VALUES_INTRO)
    if intro is None:
        return []
    after = window.span(*intro.span()).last_line
    values: list[Stated[str]] = []
    current: list[Line] = []
    for line in (line for line in lines if line.number > after):
        if _BULLET.match(line.text):
            values.extend(_close_value(current))
            current = [Line(line.number, _BULLET.sub("", line.text))]
        elif current and not current[-1].text.endswith("."):
            current.append(line)
        else:
            break
    values.extend(_close_value(current))
    return values


def _close_value(lines: list[Line]) -> list[Stated[str]]:
    if not lines:
        return []
    text = _TRAILING_LIST_PUNCTUATION.sub("", join_words(line.text for line in lines))
    return [Stated(text, Span(lines[0].number, lines[-1].number))]


def _read_plan_facts(plan: ParsedPlan, lines: Sequence[Line]) -> None:
    """CPAS, législature, values and planned evaluations, from the method text.

    Evaluations: "annual" (the CODIR's yearly evaluation of the PST), "mid-term" and
    "final" (the report "à mi-mandat et en fin de mandat").
    """
    window = TextWindow(lines)
    cpas = window.search(_CPAS)
    if cpas is not None:
        plan.cpas = Stated(cpas.group(0), window.span(*cpas.span()))
    legislature = window.search(_LEGISLATURE)
    if legislature is not None:
        years = f"{legislature.group(1)}-{legislature.group(2)}"
        plan.legislature = Stated(years, window.span(*legislature.span()))
    plan.values = _values(lines, window)
    evaluations = (
        _stated(window, _ANNUAL, "annual"),
        _stated(window, _MID_TERM, "mid-term"),
        _stated(window, _FINAL, "final"),
    )
    plan.evaluations = [stated for stated in evaluations if stated is not None]


# --------------------------------------------------------------------------- entry points


def recognise(source: SourceText) -> float:
    """How strongly the document shows the fiches layout (0 to 1).

    Its marks: "Projet <title>" lines followed by objective labels, "Objectif stratégique -
    OS <n>." lines, "Priorité des projets" labels, and the list heading "OS, OO et Projets".
    """
    lines = source.content_lines()
    fiche_headers = sum(1 for i in range(len(lines)) if _is_fiche_start(lines, i))
    os_labels = sum(1 for line in lines if _OS_LABEL.match(line.text))
    priorities = sum(1 for line in lines if line.text.startswith("Priorité des projets"))
    has_list = any(_LIST_START.match(line.text) for line in lines)
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
    sections = _find_sections(source, lines)
    fiche_start = sections.fiches if sections.fiches is not None else len(lines)
    # the fiches are the widest text: they tell the wrap width best
    width = wrap_width(lines[fiche_start:] or lines)
    ctx = _Context(source, {line.number: line.text for line in lines}, width)

    fiches = _read_fiches(ctx, lines, sections.fiches)
    start, end = sections.objective_list
    listed = _read_objective_list(
        ctx, lines[start:end], _fiche_titles(fiches), _fiche_oo_titles(fiches)
    )
    _require_projects(ctx, lines[start:end], listed, fiches)
    for os_ in listed:
        os_.objective.operational_objectives = [oo.objective for oo in os_.oos]
        plan.strategic_objectives.append(os_.objective)

    registry = _Registry()
    _register_listed(ctx, listed, registry)
    _attach_fiches(ctx, plan, fiches, registry)
    _require_fiche_coverage(ctx, registry)
    if sections.enjeux is not None:
        _read_enjeu_lists(ctx, lines[sections.enjeux[0] : sections.enjeux[1]], registry)
    else:
        ctx.warn(Span(lines[end - 1].number, lines[end - 1].number), "no per-enjeu project lists")
    _finish_projects(ctx, registry)
    _report_empty_oos(ctx, plan)

    table = None
    if sections.op_table is not None:
        table = _parse_op_table(lines[sections.op_table[0] + 1 : sections.op_table[1]])
        plan.political_objectives = table.political_objectives
        _link_political_objectives(ctx, plan, table, fiches)
    _collect_objective_variants(plan, table, fiches)
    _read_plan_facts(plan, _method_text(lines, sections, fiche_start))
    plan.warnings = sorted(ctx.warnings, key=lambda finding: finding.span.first_line)
    return plan


def _method_text(lines: Sequence[Line], sections: _Sections, fiche_start: int) -> list[Line]:
    """The running text before the fiches, without the OP table, the lists and the enjeux.

    The plan's facts (CPAS, législature, values, evaluations) are stated there; leaving the
    tables out also keeps the text window small.
    """
    list_start, list_end = sections.objective_list
    tables_start = sections.op_table[0] if sections.op_table is not None else list_start - 1
    tables_end = sections.enjeux[1] if sections.enjeux is not None else list_end
    return [*lines[:tables_start], *lines[tables_end:fiche_start]]


def _fiche_titles(fiches: Sequence[_ParsedFiche]) -> list[list[str]]:
    """The fiches' titles, folded, once each: the dictionary that cuts the lists."""
    titles: list[list[str]] = []
    for parsed in fiches:
        tokens = fold_for_matching(parsed.title).split()
        if not any(tokens_match(tokens, other) for other in titles):
            titles.append(tokens)
    return titles


def _fiche_oo_titles(fiches: Sequence[_ParsedFiche]) -> dict[str, list[str]]:
    """The OO titles the fiches write, by OO code."""
    titles: dict[str, list[str]] = defaultdict(list)
    for parsed in fiches:
        if parsed.fiche.operational_objective and parsed.oo_title:
            titles[parsed.fiche.operational_objective].append(parsed.oo_title)
    return titles
