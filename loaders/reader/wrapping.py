"""How wrapped lines read: where a title starts, what joins back, what a title looks like.

These are a reader's rules on French text whatever the layout: how pieces a PDF wrapped glue
back together, where a new title starts when nothing marks it, what a list-punctuated title
looks like once cleaned, and how to find a stated fact in running text whatever the line
breaks were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pstkg.loaders.model import Finding, Span
from pstkg.loaders.text import Line, breaks_word, fold_for_matching, glue

# Words a French title never ends with: when a line ends with one, the next line continues
# the same sentence even if it starts with a capital ("... biens immobiliers du" / "CPAS").
FUNCTION_WORDS = frozenset(
    {
        *("à", "a", "au", "aux", "avec", "chez", "contre", "dans", "de", "des", "du", "en"),
        *("entre", "et", "l'", "la", "le", "les", "leur", "leurs", "ma", "mes", "nos"),
        *("notre", "ou", "par", "pour", "sa", "sans", "ses", "son", "sous", "sur", "ta"),
        *("tes", "un", "une", "vers", "via", "vos", "votre", "d'", "qu'", "que", "qui"),
        *("dont", "afin", "comme", "ainsi", "ni", "mais", "se"),
    }
)

# Words that open a title without being a verb: articles ("Le développement d'un ...").
DETERMINERS = frozenset({"le", "la", "les", "l'", "un", "une", "des"})

# Adverbs that may precede the infinitive opening a title ("Mieux recycler nos déchets").
LEADING_ADVERBS = frozenset({"mieux", "davantage", "bien"})

# Nouns of action open nominal titles ("Création d'une épicerie sociale", "Aménagement ...",
# "Passage ..."): French forms them with these suffixes, plus "mise" ("Mise en place ...").
_ACTION_NOUN_SUFFIXES = ("tion", "sion", "ment", "age")
_ACTION_NOUNS = frozenset({"mise"})
_MIN_ACTION_NOUN_LENGTH = 6

# French infinitives end in -er, -ir or -re (-oir ends in -ir); reflexive ones start "s'"/"se ".
_INFINITIVE_ENDINGS = ("er", "ir", "re")
_REFLEXIVE = re.compile(r"^(?:s'|se\s+)", re.IGNORECASE)
_WORD_EDGES = "«»\"'()[]{},;:.!?…"
# List punctuation closing an item: " ;", "." (but not an ellipsis "..."), ",".
_LIST_PUNCTUATION = re.compile(r"(?:\s*[;,]|(?<!\.)\.(?!\.))+\s*$")


# --------------------------------------------------------------------------- joining lines


# A letter, a hyphen, a space, a letter: a compound the PDF cut at its hyphen ("socio-" /
# "professionnelle") or written with a stray space ("commune- cpas").
_BROKEN_COMPOUND = re.compile(r"(?<=[^\W\d_])- +(?=[^\W\d_])")


def join_texts(texts: Iterable[str]) -> str:
    """Glue a run of wrapped pieces into one sentence, whatever the wrapping.

    Pieces are joined by one space, but a piece ending in a hyphen glued to a letter or
    digit continues its word ("bien-" / "être", "2018-" / "2024"), and a compound written
    with a stray space is mended ("commune- cpas"): the text does not depend on where a
    line was wrapped.
    """
    joined = ""
    for text in texts:
        joined = glue(joined, text)
    return _BROKEN_COMPOUND.sub("-", joined) if "- " in joined else joined


def span_of(lines: Sequence[Line]) -> Span:
    """The span from the first to the last of some source lines."""
    return Span(lines[0].number, lines[-1].number)


class WrappedItem:
    """A heading or item whose first line contributes ``first_text`` and whose other lines
    continue it, as a PDF wrapped it. Mixed into each layout's own block dataclass."""

    first_text: str
    lines: list[Line]

    @property
    def text(self) -> str:
        """The item's text, wrapped lines joined."""
        return join_texts([self.first_text, *(line.text for line in self.lines[1:])])

    @property
    def span(self) -> Span:
        """The lines the item came from."""
        return span_of(self.lines)


@dataclass
class Unit:
    """A run of physical lines a reader takes as one sentence (a title, an action)."""

    lines: list[Line]

    @property
    def text(self) -> str:
        """The joined text."""
        return join_texts(line.text for line in self.lines)

    @property
    def span(self) -> Span:
        """The lines it came from."""
        return span_of(self.lines)


def group_units(lines: Iterable[Line], starts_new: Callable[[str, str], bool]) -> list[Unit]:
    """Group non-blank lines into units; ``starts_new(text, unit_so_far)`` says where one begins.

    Blank lines never end a unit: PDF extractions scatter them inside sentences.
    """
    units: list[Unit] = []
    for line in lines:
        if line.blank:
            continue
        if not units or starts_new(line.text, units[-1].text):
            units.append(Unit([line]))
        else:
            units[-1].lines.append(line)
    return units


# --------------------------------------------------------------------------- words


def words(text: str) -> list[str]:
    """The words of a text, with quotes and punctuation trimmed from their edges."""
    trimmed = (word.strip(_WORD_EDGES) for word in text.split())
    return [word for word in trimmed if word]


# Endings of words shaped like infinitives that are not: nouns and adjectives in -ière, -aire,
# -oire ("Immobilière", "Partenaire", "Territoire"), bar the verbs of those endings.
_NOT_INFINITIVE_ENDINGS = ("iere", "aire", "oire")
_VERBS_OF_THOSE_ENDINGS = ("faire", "traire", "plaire", "taire", "boire", "croire")
# Common nouns and adjectives in -er and -ier a wrapped line may start with.
_NOT_INFINITIVES = frozenset(
    {
        *("dossier", "dossiers", "papier", "quartier", "premier", "dernier", "metier"),
        *("chantier", "calendrier", "fichier", "courrier", "atelier", "ateliers", "foyer"),
        *("cahier", "ouvrier", "particulier", "regulier", "foncier", "financier", "immobilier"),
        *("hospitalier", "familier", "singulier", "hiver", "enfer", "fer", "mer", "cancer"),
        *("leader", "manager", "poster", "cluster", "loisir", "loisirs", "avenir"),
        *("desir", "plaisir", "saphir", "elixir", "zephyr"),
    }
)


def is_infinitive(word: str) -> bool:
    """True for a word shaped like a French infinitive ("Organiser", "Réduire", "S'inscrire").

    Words of those endings that are nouns or adjectives are not ("Immobilière", "Dossier",
    "Partenaire", "Territoire").
    """
    bare = _REFLEXIVE.sub("", word).strip(_WORD_EDGES)
    folded = fold_for_matching(bare)
    if len(folded) <= 3 or " " in folded or not folded.endswith(_INFINITIVE_ENDINGS):
        return False
    if folded in _NOT_INFINITIVES:
        return False
    if folded.endswith(_NOT_INFINITIVE_ENDINGS):
        return folded.endswith(_VERBS_OF_THOSE_ENDINGS)
    return True


def is_action_noun(word: str) -> bool:
    """True for a noun naming an action, as nominal titles open ("Création", "Mise")."""
    folded = fold_for_matching(word.strip(_WORD_EDGES))
    if " " in folded:
        return False
    if folded in _ACTION_NOUNS:
        return True
    return len(folded) >= _MIN_ACTION_NOUN_LENGTH and folded.endswith(_ACTION_NOUN_SUFFIXES)


def is_acronym(word: str) -> bool:
    """True for an all-capitals word of two letters or more ("CPAS", "ADMR")."""
    bare = word.strip(_WORD_EDGES)
    return len(bare) >= 2 and bare.isalpha() and bare.isupper()


def ends_with_function_word(text: str) -> bool:
    """True when a text stops on an article, preposition or conjunction ("... du")."""
    stripped = text.rstrip()
    if stripped.endswith("'"):  # "d'" / "l'" stuck to a word cut at the line end
        return True
    last = stripped.split()[-1].lower() if stripped.split() else ""
    return last in FUNCTION_WORDS


def opens_title(text: str) -> bool:
    """True when a text starts the way titles of actions and objectives start.

    They open with an infinitive ("Organiser ..."), an article ("Le renforcement ..."), an
    adverb before an infinitive ("Mieux recycler ...") or a noun of action ("Création d'une
    épicerie sociale", "Mise en place ..."). A capitalised proper name or acronym carried
    over by the wrapping ("Séjour (Greendeal)", "CPAS") does not.
    """
    tokens = text.split()
    if not tokens:
        return False
    first = tokens[0].lower()
    if first in DETERMINERS or (first.startswith("l'") and len(first) > 2):
        return True
    if is_infinitive(tokens[0]) or is_action_noun(tokens[0]):
        return True
    return first in LEADING_ADVERBS and len(tokens) > 1 and is_infinitive(tokens[1])


def starts_with_capital(text: str, _previous: str = "") -> bool:
    """The simple rule: a line starting with an upper-case letter starts a new item."""
    return text[:1].isupper()


def starts_new_title(text: str, previous: str) -> bool:
    """Whether a wrapped line starts a new title rather than continuing ``previous``.

    The reader's rule: a line starting with a lower-case letter (or a digit, a bracket, a
    quote) continues; one starting with an upper-case letter starts a new title, unless the
    previous line cannot end there (it stops on "du", "de", "et"..., or on a hyphen) or the
    line does not open the way titles open (a proper name or acronym carried over).
    """
    if not text[:1].isupper():
        return False
    if ends_with_function_word(previous) or breaks_word(previous):
        return False
    return opens_title(text)


# --------------------------------------------------------------------------- titles


def is_theme_heading(text: str, max_words: int = 6) -> bool:
    """A line that can be a theme heading above objectives ("Sécurité", "Cadre de vie").

    Short, starting with a capital, not closed by punctuation, not cut mid-sentence.
    """
    stripped = text.strip()
    words_ = stripped.split()
    if not words_ or len(words_) > max_words or not stripped[:1].isupper():
        return False
    if stripped.endswith((".", ";", ":", ",", "!", "?", "-", "(")):
        return False
    if any(ch.isdigit() for ch in stripped):
        return False  # "PST 2019-2024 du CPAS de …" is a title, not a theme
    return not ends_with_function_word(stripped)


def clean_title(text: str) -> str:
    """A title without the list punctuation that closes it (" ;", "."), ellipses kept."""
    return _LIST_PUNCTUATION.sub("", text).strip()


def ends_mid_sentence(text: str) -> bool:
    """True when a text stops where no title stops: on a function word, a comma, a hyphen."""
    stripped = text.rstrip()
    return ends_with_function_word(stripped) or stripped.endswith((",", "-", "(", "«"))


# Words of a compound place name that stay in lower case ("Braine-le-Comte", "Fontaine-sur-…").
_NAME_PARTICLES = frozenset(
    {"sur", "sous", "lez", "les", "le", "la", "de", "du", "des", "en", "aux", "au", "et", "d", "l"}
)


def name_as_title(name: str) -> str:
    """A proper name written in capitals ("DINANT") in title case; other spellings as written.

    Particles inside a compound name stay in lower case ("BRAINE-LE-COMTE" → "Braine-le-Comte").
    """
    if not name.isupper():
        return name

    def word(match: re.Match[str]) -> str:
        text = match.group(0)
        if match.start() > 0 and text in _NAME_PARTICLES:
            return text
        return text.capitalize()

    return re.sub(r"[^\W\d_]+", word, name.lower())


# --------------------------------------------------------------------------- running text


class TextWindow:
    """Lines joined into running text, so a fact is found wherever the PDF wrapped it.

    ``span(start, end)`` maps character offsets of the joined text back to source lines.
    """

    def __init__(self, lines: Iterable[Line]) -> None:
        pieces: list[str] = []
        length = 0
        self._ranges: list[tuple[int, int, int]] = []  # (start, end, line number)
        for line in lines:
            if line.blank:
                continue
            # glue() needs only the end of the text so far: a hyphen, a space, or nothing.
            tail = pieces[-1] if pieces else ""
            separator = glue(tail, line.text)[len(tail) : -len(line.text) or None]
            start = length + len(separator)
            pieces += [separator, line.text]
            length = start + len(line.text)
            self._ranges.append((start, length, line.number))
        self.text = "".join(pieces)

    def span(self, start: int, end: int) -> Span:
        """The lines holding characters ``start`` to ``end`` (exclusive) of the joined text."""
        numbers = [
            n for first, last, n in self._ranges if first < max(end, start + 1) and last > start
        ]
        if not numbers:
            raise ValueError(f"offsets {start}-{end} are outside the window")
        return Span(min(numbers), max(numbers))

    def offset_of(self, number: int) -> int:
        """Where the line of that number starts in the joined text (its end if absent)."""
        return next((first for first, _, n in self._ranges if n >= number), len(self.text))

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match of ``pattern`` in the joined text."""
        return pattern.search(self.text)


# --------------------------------------------------------------------------- findings, errors


def skipped_runs(lines: Iterable[Line], used: set[int], reason: str) -> list[Finding]:
    """One finding per run of non-blank lines that no rule used, all with ``reason``."""
    findings: list[Finding] = []
    run: list[Line] = []
    for line in lines:
        if line.blank:
            continue
        if line.number in used:
            if run:
                findings.append(Finding(span_of(run), reason))
                run = []
            continue
        run.append(line)
    if run:
        findings.append(Finding(span_of(run), reason))
    return findings
