"""French words for matching: tokens, light inflection folding for trigger terms, Snowball stems.

Three normalisations, for three jobs:

- :func:`match_key` folds case, accents and the plural/feminine endings ("logements" →
  "logement", "accueillantes" → "accueillant"). Trigger terms (themes) are compared on it.
  Snowball is too eager for that job: it stems "commune" and "communication" alike ("commun"),
  which would file every "synergies commune-CPAS" under communication.
- :func:`stem` is the French Snowball stem, accents folded. Similarity compares words on it,
  where merging more forms ("recycler", "recyclage") is worth an occasional false friend,
  which inverse document frequency then weighs down.
- :func:`fold_for_search` folds a whole text the way the search query folds its phrase in
  SPARQL (queries/search.rq), step for step, so the words it writes match what the query looks up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import snowballstemmer

from pstkg.loaders.text import fold_accents

_WORD = re.compile(r"[^\W_]+")

# The search query's folding (queries/search.rq), step by step, in its order.
_SEARCH_FOLDING = (
    (re.compile("[àâä]"), "a"),
    (re.compile("[éèêë]"), "e"),
    (re.compile("[îï]"), "i"),
    (re.compile("[ôö]"), "o"),
    (re.compile("[ùûü]"), "u"),
    (re.compile("ç"), "c"),
    (re.compile("œ"), "oe"),
    (re.compile("[^a-z0-9]+"), " "),
)


@dataclass(frozen=True)
class Token:
    """A word of a text: as written (lower case) and its matching key."""

    surface: str
    key: str


# The loaders' accent folding, so titles and trigger terms fold alike.
fold = fold_accents


def words(text: str) -> list[str]:
    """The words of a text in lower case, split on anything not a letter or digit.

    "Art. 60§7" → ["art", "60", "7"]; "Taxi-Social" → ["taxi", "social"]; "l'emploi" →
    ["l", "emploi"].
    """
    return _WORD.findall(text.lower().replace("œ", "oe").replace("æ", "ae"))


@lru_cache(maxsize=65536)  # a region writes the same words over and over
def match_key(word: str) -> str:
    """A word folded, without a plural then a feminine ending: the key trigger terms compare on."""
    key = fold(word)
    if len(key) > 3 and key[-1] in "sx":
        key = key[:-1]
    if len(key) > 3 and key.endswith("e"):
        key = key[:-1]
    return key


def fold_for_search(text: str) -> str:
    """A text as the search query compares it: lower case, the French accents folded, every run
    of other characters a space, between two spaces ("Taxi-Social" → " taxi social ").

    The search query folds its phrase with the same steps in SPARQL (queries/search.rq), so a
    phrase is found in a text exactly when one folded contains the other folded.
    """
    folded = text.lower()
    for pattern, replacement in _SEARCH_FOLDING:
        folded = pattern.sub(replacement, folded)
    return f" {folded} "


def tokens(text: str) -> list[Token]:
    """The words of a text with their matching keys, in order."""
    return list(_tokens(text))


@lru_cache(maxsize=16384)  # titles of objectives are read for each of their items
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(word, match_key(word)) for word in words(text))


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The French Snowball stem of a lower-case word, accents folded."""
    return fold(_stemmer().stemWord(word))


@cache
def stopwords() -> frozenset[str]:
    """French stop words and the verbs every plan uses, folded (stopwords-fr.txt)."""
    text = files(__package__).joinpath("stopwords-fr.txt").read_text(encoding="utf-8")
    return frozenset(
        fold(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )
