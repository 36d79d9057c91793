"""Plan facts stated in the method text: CPAS, législature, values, planned evaluations."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pstkg.loaders.layouts.common import TextWindow
from pstkg.loaders.layouts.fiches.rules import BULLET
from pstkg.loaders.layouts.fiches.segments import join_words
from pstkg.loaders.model import ParsedPlan, Span, Stated
from pstkg.loaders.text import Line

# "CPAS d'Anderlues", "CPAS de Rocher-Modèle", "CPAS de La Louvière", "CPAS du Roeulx".
_CPAS = re.compile(r"\bCPAS (?:d'|de |du )(?:(?:La|Le|Les) )?[A-ZÀ-Ý][\w'-]*\w")
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
        if BULLET.match(line.text):
            values.extend(_close_value(current))
            current = [Line(line.number, BULLET.sub("", line.text))]
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


def read_plan_facts(plan: ParsedPlan, lines: Sequence[Line]) -> None:
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
