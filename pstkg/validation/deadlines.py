"""Reading an échéance as the plans write it (« fin 2022 », « juin 2023 », « 31/12/2022 »…).

An échéance names a period; the action is late once the whole period is past, so each
expression gives the LAST day of its period: « 2021 » → 31/12/2021, « juin 2023 » → 30/06/2023,
« 2e trimestre 2023 » → 30/06/2023. A text naming several periods (« 2020-2022 », « de mars à
juin 2023 ») gives the latest. A text naming none (« en continu », « à définir ») gives None: the
caller counts it as unreadable, it is never guessed.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}

_YEAR = r"((?:19|20)\d\d)"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]" + _YEAR + r"\b")
_ISO = re.compile(r"\b" + _YEAR + r"-(\d{1,2})-(\d{1,2})\b")
_MONTH_SLASH_YEAR = re.compile(r"(?<![\d/.-])(\d{1,2})[/.]" + _YEAR + r"\b")
_DAY_MONTH_NAME_YEAR = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+" + _YEAR + r"\b"
)
_MONTH_NAME_YEAR = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(?:de\s+l'an\s+)?" + _YEAR + r"\b")
_PART_OF_YEAR = re.compile(
    r"\b(\d)\s*(?:er|ere|e|eme|nd|nde)?\s+(trimestre|semestre|quadrimestre)\s+(?:de\s+)?"
    + _YEAR
    + r"\b"
)
_PART_MONTHS = {"trimestre": 3, "quadrimestre": 4, "semestre": 6}
_HALF_YEAR = re.compile(r"\b(debut|mi|milieu)\s*-?\s*(?:de\s+|d')?(?:l'annee\s+)?" + _YEAR + r"\b")
_HALF_END_MONTH = {"debut": 3, "mi": 6, "milieu": 6}
_BARE_YEAR = re.compile(r"(?<![\d/.])" + _YEAR + r"(?![\d/])")


def _plain(text: str) -> str:
    """Lower case, without accents, with typographic apostrophes made straight."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_deadline(text: str) -> date | None:
    """The last day of the latest period the échéance names; None if it names no date."""
    plain = _plain(text)
    found: list[date | None] = []
    # Each pattern consumes what it read, so that « 31/12/2022 » is not read again as « 2022 ».
    for pattern, read in (
        (_DAY_MONTH_YEAR, lambda m: _day(int(m[3]), int(m[2]), int(m[1]))),
        (_ISO, lambda m: _day(int(m[1]), int(m[2]), int(m[3]))),
        (_DAY_MONTH_NAME_YEAR, lambda m: _day(int(m[3]), _MONTHS[m[2]], int(m[1]))),
        (_MONTH_NAME_YEAR, lambda m: _month_end(int(m[2]), _MONTHS[m[1]])),
        (_MONTH_SLASH_YEAR, lambda m: _month_end(int(m[2]), int(m[1]))),
        (
            _PART_OF_YEAR,
            lambda m: (
                _month_end(int(m[3]), int(m[1]) * _PART_MONTHS[m[2]])
                if int(m[1]) * _PART_MONTHS[m[2]] <= 12
                else None
            ),
        ),
        (_HALF_YEAR, lambda m: _month_end(int(m[2]), _HALF_END_MONTH[m[1]])),
        (_BARE_YEAR, lambda m: date(int(m[1]), 12, 31)),
    ):
        found += [read(match) for match in pattern.finditer(plain)]
        plain = pattern.sub(" ", plain)
    dates = [day for day in found if day is not None]
    return max(dates) if dates else None
