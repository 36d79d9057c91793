"""The "slide-deck" layout (a Ville/CPAS joint council presentation).

What a reader sees, slide by slide::

    Programme Stratégique / Transversal 2019 - 2024     -> title, législature "2019-2024"
    PST / C'est quoi un PST? ...                        -> introductory slide: skipped
    Nos valeurs / Respect / Travail d'équipe / ...      -> values
    Les objectifs stratégiques : / OS1 : Faire ...      -> the list of OS (titles wrap)
    OS1 / Faire reculer les inégalités, ...             -> one slide per OS: its title
    OO1 / Rompre l'isolement ... / Aller à leur ...     -> one slide per OO: title, then actions
    Conseil Conjoint Ville/CPAS - 24 septembre 2019 20  -> footer (council date), noise
    3                                                   -> page number, noise

Codes drop the prefix: "OS1" -> "1", "OO13" -> "13" (OO are numbered through the deck, so
their codes are unique in the plan). An OO belongs to the OS whose slide comes before it.
Where the list and the OS slide spell a title differently, the slide's spelling is kept and
the list's goes to ``title_variants``, with a warning. The deck does not name its CPAS:
``cpas`` stays None.

Action titles wrap over one to three lines with blank lines scattered anywhere; a line
starting with an upper-case letter starts a new title unless the wrapping carried over a
proper name or an acronym (see :func:`common.starts_new_title`). The OO title is the first
such title after the OO marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pstkg.errors import InputError
from pstkg.loaders.layouts.common import (
    TextWindow,
    Unit,
    check_ends_cleanly,
    clean_title,
    feature_score,
    glue,
    group_units,
    join_texts,
    skipped_runs,
    span_of,
    starts_new_title,
    starts_with_capital,
    truncated,
    words,
)
from pstkg.loaders.model import (
    Action,
    Finding,
    OperationalObjective,
    ParsedPlan,
    Span,
    Stated,
    StrategicObjective,
)
from pstkg.loaders.text import Line, SourceText, fold_for_matching
from pstkg.loaders.titles import same_spelling

NAME = "slide-deck"

# A slide's marker alone on its line: "OS1", "OO13" (some extractions put a space: "OS 1").
_OS_MARKER = re.compile(r"^OS\s?(?P<code>\d{1,2})$")
_OO_MARKER = re.compile(r"^OO\s?(?P<code>\d{1,2})$")
# An entry of the OS list: "OS1 : Faire reculer ...", "OS4: Être ...".
_OS_LIST_ENTRY = re.compile(r"^OS\s?(?P<code>\d{1,2})\s*:\s*(?P<title>\S.*)$")
# A footer: the council, its date, the page number ("Conseil Conjoint Ville/CPAS - 24 septembre
# 2019 20"); the date closes it, so it is recognised even when split over lines.
_FOOTER = re.compile(
    r"^conseil\b.*?\b(?P<day>\d{1,2})(?:er)?\s+(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})"
    r"(?:\s+(?P<page>\d{1,3}))?$",
    re.IGNORECASE,
)
_FOOTER_MAX_LINES = 3
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_TITLE = re.compile(
    r"Programme\s+Strat[ée]gique\s+Transversal\s+(?P<first>\d{4})\s*-\s*(?P<last>\d{4})",
    re.IGNORECASE,
)
# French month names, folded (no accents), numbered from 1.
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            *("janvier", "fevrier", "mars", "avril", "mai", "juin"),
            *("juillet", "aout", "septembre", "octobre", "novembre", "decembre"),
        ),
        start=1,
    )
}
_MAX_VALUE_WORDS = 4


# --------------------------------------------------------------------------- line features


@dataclass(frozen=True)
class ListEntry:
    """An entry of the OS list as written on its first line."""

    code: str
    title: str


def match_os_marker(text: str) -> str | None:
    """ "OS1" alone on a line (an OS slide starts) -> "1"."""
    match = _OS_MARKER.match(text)
    return match.group("code") if match else None


def match_oo_marker(text: str) -> str | None:
    """ "OO13" alone on a line (an OO slide starts) -> "13"."""
    match = _OO_MARKER.match(text)
    return match.group("code") if match else None


def match_os_list_entry(text: str) -> ListEntry | None:
    """ "OS1 : Faire reculer ..." -> ListEntry("1", "Faire reculer ...")."""
    match = _OS_LIST_ENTRY.match(text)
    return ListEntry(match.group("code"), match.group("title").strip()) if match else None


def match_os_list_heading(text: str) -> bool:
    """ "Les objectifs stratégiques :" (the slide listing the OS)."""
    return fold_for_matching(text) == "les objectifs strategiques"


def match_values_heading(text: str) -> bool:
    """ "Nos valeurs" (the values slide)."""
    return fold_for_matching(text) == "nos valeurs"


def match_values_caption(text: str) -> bool:
    """ "Les valeurs de l'institution": the caption under the values, not a value."""
    return fold_for_matching(text).startswith("les valeurs")


def match_slide_header(text: str) -> bool:
    """ "PST" alone on a line: the header repeated on slides."""
    return fold_for_matching(text) == "pst"


def match_page_number(text: str) -> bool:
    """A lone page number."""
    return _PAGE_NUMBER.match(text) is not None


def match_footer_start(text: str) -> bool:
    """A line that may open a footer ("Conseil Conjoint Ville/CPAS - ...")."""
    return fold_for_matching(text).startswith("conseil ")


def match_footer_page(text: str) -> str | None:
    """The page number a whole footer ends with, if it has one."""
    match = _FOOTER.match(text)
    return match.group("page") if match else None


def match_slide_footer(text: str) -> str | None:
    """A whole footer -> its date as ISO 8601 ("2019-09-24"); None for anything else."""
    match = _FOOTER.match(text)
    if match is None:
        return None
    month = MONTHS.get(fold_for_matching(match.group("month")))
    if month is None:
        return None
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


# --------------------------------------------------------------------------- noise


@dataclass(frozen=True)
class Noise:
    """Slide furniture: a footer, a page number, the repeated "PST" header."""

    span: Span
    reason: str
    date: str | None = None


def read_footer(lines: list[Line], index: int) -> tuple[str, int] | None:
    """The footer starting at ``lines[index]``: (its ISO date, index after it), or None.

    Other extractions wrap a footer over two or three lines ("... 24 septembre" / "2019 20");
    a page number alone on the next line belongs to a footer that has none.
    """
    if not match_footer_start(lines[index].text):
        return None
    text = ""
    for end in range(index, min(index + _FOOTER_MAX_LINES, len(lines))):
        text = glue(text, lines[end].text)
        if (date := match_slide_footer(text)) is None:
            continue
        after = end + 1
        lone_page = after < len(lines) and match_page_number(lines[after].text)
        if lone_page and not match_footer_page(text):
            after += 1
        return date, after
    return None


def split_noise(lines: list[Line]) -> tuple[list[Line], list[Noise]]:
    """Separate slide furniture (footers, their page numbers, headers) from content.

    A lone number is a page number only next to a footer: elsewhere it may be the end of a
    wrapped title ("Amplifier le recours à l'art." / "61").
    """
    content: list[Line] = []
    noise: list[Noise] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if (footer := read_footer(lines, index)) is not None:
            date, after = footer
            noise.append(Noise(span_of(lines[index:after]), "slide footer", date))
            index = after
            continue
        if match_slide_header(line.text):
            noise.append(Noise(Span(line.number, line.number), "slide header"))
        else:
            content.append(line)
        index += 1
    return content, noise


# --------------------------------------------------------------------------- sections


def read_front(lines: list[Line], plan: ParsedPlan) -> None:
    """Title, législature and values from the slides before the OS list; the rest is skipped."""
    used: set[int] = set()
    window = TextWindow(lines)
    if (match := window.search(_TITLE)) is not None:
        span = window.span(match.start(), match.end())
        plan.title = Stated(match.group(0), span)
        plan.legislature = Stated(f"{match.group('first')}-{match.group('last')}", span)
        used.update(range(span.first_line, span.last_line + 1))
    units = group_units((line for line in lines if line.number not in used), starts_with_capital)
    heading, values = find_values(units)
    plan.values.extend(Stated(unit.text, unit.span) for unit in values)
    read = [heading, *values] if heading is not None else []
    used.update(line.number for unit in read for line in unit.lines)
    plan.skipped.extend(skipped_runs(lines, used, "introductory slide text"))


def find_values(units: list[Unit]) -> tuple[Unit | None, list[Unit]]:
    """The "Nos valeurs" heading and the values listed under it (one per capitalised unit).

    The list ends at the caption ("Les valeurs de l'institution") or at a unit too long to
    be a value.
    """
    start = next((i for i, unit in enumerate(units) if match_values_heading(unit.text)), None)
    if start is None:
        return None, []
    values: list[Unit] = []
    for unit in units[start + 1 :]:
        if match_values_caption(unit.text) or len(words(unit.text)) > _MAX_VALUE_WORDS:
            break
        values.append(unit)
    return units[start], values


def read_os_list(lines: list[Line], plan: ParsedPlan) -> dict[str, Unit]:
    """The OS list: code -> the unit holding its entry (marker and wrapped title)."""
    entries: dict[str, Unit] = {}
    units = group_units(lines, lambda text, _: match_os_list_entry(text) is not None)
    for unit in units:
        entry = match_os_list_entry(unit.lines[0].text)
        if entry is None:
            if not match_os_list_heading(unit.text):
                plan.skipped.append(Finding(unit.span, "text on the OS list slide"))
            continue
        entries[entry.code] = unit
    return entries


def list_title(unit: Unit) -> str:
    """The OS title of a list entry, wrapped lines joined, without the "OSn :" prefix."""
    entry = match_os_list_entry(unit.lines[0].text)
    assert entry is not None  # units of read_os_list all start with an entry
    return clean_title(join_texts([entry.title, *(line.text for line in unit.lines[1:])]))


@dataclass
class Slide:
    """An OS or OO slide: its marker line and the content lines up to the next marker."""

    kind: str  # "os" or "oo"
    code: str
    marker: Line
    body: list[Line]


def read_slides(lines: list[Line]) -> list[Slide]:
    """Cut the content after the OS list into slides at each OS/OO marker."""
    slides: list[Slide] = []
    for line in lines:
        if (code := match_os_marker(line.text)) is not None:
            slides.append(Slide("os", code, line, []))
        elif (code := match_oo_marker(line.text)) is not None:
            slides.append(Slide("oo", code, line, []))
        elif slides:
            slides[-1].body.append(line)
    return slides


# --------------------------------------------------------------------------- assembly


def build_objective(slide: Slide) -> StrategicObjective:
    """An OS from its slide: the whole slide text is its title."""
    title = clean_title(join_texts(line.text for line in slide.body)) or None
    return StrategicObjective(
        code=slide.code, title=title, span=span_of([slide.marker, *slide.body])
    )


def build_operational(source: SourceText, slide: Slide) -> OperationalObjective:
    """An OO from its slide: the first title is the OO's, the others its actions."""
    units = group_units(slide.body, starts_new_title)
    if len(units) < 2:
        raise truncated(source, slide.marker.number, f"OO{slide.code} has no action")
    title, *actions = units
    operational = OperationalObjective(
        code=slide.code,
        title=clean_title(title.text),
        span=Span(slide.marker.number, title.span.last_line),
    )
    operational.actions = [Action(title=clean_title(unit.text), span=unit.span) for unit in actions]
    return operational


def build_tree(source: SourceText, slides: list[Slide], plan: ParsedPlan) -> None:
    """OS and OO from the slides, each OO under the OS slide before it."""
    objective: StrategicObjective | None = None
    for slide in slides:
        if slide.kind == "os":
            objective = build_objective(slide)
            plan.strategic_objectives.append(objective)
        elif objective is None:
            raise InputError(
                source.path, f"OO{slide.code} comes before any OS slide", line=slide.marker.number
            )
        else:
            objective.operational_objectives.append(build_operational(source, slide))
    for objective in plan.strategic_objectives:
        if not objective.operational_objectives:
            raise truncated(
                source, objective.span.first_line, f"OS{objective.code} has no OO slide"
            )


def reconcile_with_list(source: SourceText, entries: dict[str, Unit], plan: ParsedPlan) -> None:
    """Check the OS slides against the OS list; keep the list's other spellings as variants."""
    on_slides = {objective.code: objective for objective in plan.strategic_objectives}
    for code, unit in entries.items():
        if code not in on_slides:
            raise truncated(source, unit.span.first_line, f"OS{code} of the list has no slide")
    for objective in plan.strategic_objectives:
        unit = entries.get(objective.code or "")
        if unit is None:
            plan.warnings.append(
                Finding(objective.span, f"OS{objective.code} is not in the OS list")
            )
            continue
        written = list_title(unit)
        if objective.title is None:
            objective.title = written
        elif not same_spelling(written, objective.title):
            objective.title_variants.append(written)
            plan.warnings.append(
                Finding(
                    unit.span,
                    f"OS{objective.code} is spelled differently in the OS list "
                    f"({written!r}) and on its slide ({objective.title!r}); the slide's is kept",
                )
            )


def check_numbering(plan: ParsedPlan) -> None:
    """Warn where OO numbers skip or repeat: a slide may be missing from the extraction."""
    expected = 1
    for operational in plan.operational_objectives():
        if operational.code != str(expected):
            plan.warnings.append(
                Finding(operational.span, f"OO{operational.code} where OO{expected} was expected")
            )
        expected = int(operational.code or expected) + 1


def read_council_date(noise: list[Noise], plan: ParsedPlan) -> None:
    """The council's date from the footers; warn if footers disagree."""
    dated = [item for item in noise if item.date]
    if not dated:
        return
    plan.council_date = Stated(dated[0].date or "", dated[0].span)
    for item in dated[1:]:
        if item.date != dated[0].date:
            plan.warnings.append(
                Finding(item.span, f"footer dated {item.date}, earlier footers {dated[0].date}")
            )


def recognise(source: SourceText) -> float:
    """How strongly the document shows OS/OO slide markers, an OS list and slide footers."""
    texts = [line.text for line in source.content_lines()]
    objectives = sum(1 for text in texts if match_os_marker(text))
    operationals = sum(1 for text in texts if match_oo_marker(text))
    entries = sum(1 for text in texts if match_os_list_entry(text))
    footers = any(match_slide_footer(text) for text in texts)
    return round(
        0.35 * feature_score(objectives, 3)
        + 0.35 * feature_score(operationals, 5)
        + 0.15 * feature_score(entries, 3)
        + 0.15 * footers,
        3,
    )


def parse(source: SourceText) -> ParsedPlan:
    """Read a slide deck into its tree: title, values, OS list, OS and OO slides, actions."""
    content, noise = split_noise(source.content_lines())
    list_start = next(
        (
            i
            for i, line in enumerate(content)
            if match_os_list_heading(line.text) or match_os_list_entry(line.text)
        ),
        None,
    )
    if list_start is None:
        raise InputError(source.path, "no list of objectifs stratégiques (OS1 : ...) found")
    first_slide = next(
        (i for i in range(list_start, len(content)) if match_os_marker(content[i].text)), None
    )
    if first_slide is None:
        raise truncated(source, content[-1].number, "the OS list is followed by no OS slide")
    plan = ParsedPlan(layout=NAME)
    read_front(content[:list_start], plan)
    entries = read_os_list(content[list_start:first_slide], plan)
    build_tree(source, read_slides(content[first_slide:]), plan)
    reconcile_with_list(source, entries, plan)
    check_numbering(plan)
    check_ends_cleanly(source, content[-1])
    read_council_date(noise, plan)
    plan.skipped.extend(Finding(item.span, item.reason) for item in noise)
    plan.skipped.sort(key=lambda finding: finding.span.first_line)
    return plan
