"""Reading an evaluation document (bilan à mi-parcours, bilan final…) into its action lines.

Two layouts are read, both from markers and field names of ``markers.toml``:

- a table-like line layout, one action per line, cells separated by « | »
  (« 1.2.1 | Créer un logement d'urgence | en cours | 60 % | commentaire »), with an
  optional header row naming the columns (else ``default_columns``);
- a block layout, one block per action: « Action 1.2.1 – titre » then lines « État : en cours »,
  « Avancement : 60 % », « Indicateur : … », « Commentaire : … ».

What the document says of itself (its kind, its date, the council date) is read from its first
lines; a sidecar file says it when the text does not.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files

from pstkg.errors import InputError
from pstkg.loaders.text import Line, SourceText, fold_for_matching

KINDS = ("mi-parcours", "finale", "annuelle", "suivi")
"""The kinds of evaluation graphs (the last, a follow-up file's)."""
FIELDS = ("code", "title", "state", "progress", "indicator", "comment", "date")


@dataclass
class SnapshotLine:
    """What one action line (or block) of an evaluation says, as written."""

    first_line: int
    last_line: int
    code: str | None = None
    title: str | None = None
    state: str | None = None
    progress: Decimal | None = None
    indicator: str | None = None
    comment: str | None = None
    day: date | None = None
    """The line's own date (a follow-up row's), else None: the evaluation's date applies."""


@dataclass
class EvaluationText:
    """An evaluation document as read: its kind and dates when it states them, its lines."""

    layout: str
    kind: str | None
    day: date | None
    council_day: date | None
    lines: list[SnapshotLine]
    warnings: list[tuple[int, str]] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    """The lines before the first action line: where the CPAS and législature are stated."""


@cache
def markers() -> dict:
    """The marker and field tables (``markers.toml``), parsed once."""
    text = files("pstkg.evaluations").joinpath("markers.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def _field_names() -> dict[str, str]:
    """Folded field name → field ("taux d'avancement" → "progress")."""
    return {
        fold_for_matching(name): name_field
        for name_field, names in markers()["fields"].items()
        for name in names
    }


def title_kind(source: SourceText) -> str | None:
    """The kind of evaluation the document's first lines announce, or None."""
    phrases = sorted(markers()["title"], key=lambda entry: -len(entry["phrase"]))
    for line in source.content_lines()[: markers()["title_lines"]]:
        folded = fold_for_matching(line.text)
        if len(folded.split()) > markers()["title_words"]:
            continue  # a sentence (« une évaluation à mi-parcours sera présentée… »), no title
        for entry in phrases:
            if f" {fold_for_matching(entry['phrase'])} " in f" {folded} ":
                return entry["kind"]
    return None


_CELL_SEPARATOR = re.compile(r"\s*\|\s*")
_FIELD_LINE = re.compile(r"^\s*[-•*]?\s*(?P<name>[^:]{1,40}?)\s*:\s*(?P<value>.*)$")
_CODE = r"(?:(?:O\.?\s?O\.?|O\.?\s?S\.?|OO|OS)\s*)?(?:\d+(?:\.\d+)*|[A-Z]\.\d+(?:\.\d+)*)"
_CODE_ONLY = re.compile(rf"^{_CODE}$")
_RULE = re.compile(r":?-*:?")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%?")


def read_evaluation(source: SourceText) -> EvaluationText:
    """The action lines of an evaluation text; InputError if it has none."""
    content = source.content_lines()
    table = [line for line in content if line.text.count("|") >= 2]
    if len(table) >= 1 and len(table) >= len(_block_starts(content)):
        text = _read_table(table)
    else:
        text = _read_blocks(content)
    if not text.lines:
        raise InputError(
            source.path,
            "no action line found: write one per action (« 1.2.1 | titre | en cours | 60 % | "
            "commentaire ») or one block per action (« Action 1.2.1 – titre » then « État : … »)",
        )
    first = text.lines[0].first_line
    text.header = [line for line in content if line.number < first]
    text.day, text.council_day = header_dates(text.header)
    text.kind = title_kind(source)
    return text


def _read_table(rows: list[Line]) -> EvaluationText:
    columns = list(markers()["default_columns"])
    result = EvaluationText("evaluation table « | »", None, None, None, [])
    bordered = all(line.text.lstrip().startswith("|") for line in rows)
    for line in rows:
        cells = table_cells(line.text, bordered)
        if all(_RULE.fullmatch(cell) for cell in cells):
            continue  # a Markdown table's rule under its header (« |---|:--| »)
        names = [_field_names().get(fold_for_matching(cell)) for cell in cells]
        if (all(names) and "title" in names) or ("code" in names and all(names)):
            columns = [name for name in names if name is not None]
            continue
        snapshot = SnapshotLine(line.number, line.number)
        for name, cell in zip(columns, cells, strict=False):
            _set_field(snapshot, name, cell, line.number, result.warnings)
        if snapshot.code and not _CODE_ONLY.match(snapshot.code) and not snapshot.title:
            # No code cell: the table starts with the title.
            snapshot.title, snapshot.code = snapshot.code, None
        if snapshot.code or snapshot.title:
            result.lines.append(snapshot)
    return result


def table_cells(text: str, bordered: bool) -> list[str]:
    """A table line's cells. In a ``bordered`` table (Markdown: every line « | a | b | ») the
    outer pipes are borders; else a line « | b | c » starts with an empty cell (no code)."""
    text = text.strip()
    if bordered:
        text = text.removeprefix("|").removesuffix("|")
    return _CELL_SEPARATOR.split(text)


def _block_starts(content: list[Line]) -> list[tuple[Line, str | None, str]]:
    starts = sorted(markers()["block_starts"], key=len, reverse=True)
    pattern = re.compile(
        rf"^\s*(?:{'|'.join(re.escape(word) for word in starts)})\b\s*(?:n°\s*)?"
        rf"(?:(?P<code>{_CODE})\s*[–—:.-]?|[–—:-])\s*(?P<title>.*)$",
        re.IGNORECASE,
    )
    found = []
    for line in content:
        match = pattern.match(line.text)
        if match and (match["code"] or match["title"]) and "|" not in line.text:
            name = _FIELD_LINE.match(line.text)
            if name and _field_names().get(fold_for_matching(name["name"])) not in (None, "title"):
                continue
            found.append((line, match["code"], match["title"].strip()))
    return found


def _read_blocks(content: list[Line]) -> EvaluationText:
    result = EvaluationText("evaluation blocks « Action … / État : … »", None, None, None, [])
    starts = {line.number: (code, title) for line, code, title in _block_starts(content)}
    current: SnapshotLine | None = None
    last_field: str | None = None
    for line in content:
        if line.number in starts:
            code, title = starts[line.number]
            current = SnapshotLine(line.number, line.number, code=code, title=title or None)
            result.lines.append(current)
            last_field = None
            continue
        if current is None:
            continue
        match = _FIELD_LINE.match(line.text)
        name = _field_names().get(fold_for_matching(match["name"])) if match else None
        if match and name:
            _set_field(current, name, match["value"], line.number, result.warnings)
            last_field = name
        elif last_field in ("comment", "indicator", "title"):
            # A long comment goes on over the next lines.
            before = getattr(current, last_field) or ""
            setattr(current, last_field, f"{before} {line.text.strip()}".strip())
        else:
            continue
        current.last_line = line.number
    return result


def _set_field(
    snapshot: SnapshotLine,
    name: str,
    value: str,
    number: int,
    warnings: list[tuple[int, str]],
) -> None:
    value = value.strip()
    if not value or value in {"-", "–", "/"}:
        return
    if name == "progress":
        snapshot.progress = parse_progress(value, number, warnings)
    elif name == "date":
        snapshot.day = parse_date(value)
        if snapshot.day is None:
            warnings.append((number, f"date {value!r} not understood (write 30/06/2022)"))
    elif name == "code":
        snapshot.code = value
    else:
        setattr(snapshot, name, value)


def parse_progress(value: str, number: int, warnings: list[tuple[int, str]]) -> Decimal | None:
    """ "60 %" → 60; outside 0–100 or not a number: a warning and None."""
    match = _PERCENT.fullmatch(value.strip())
    try:
        progress = Decimal(match[1].replace(",", ".")) if match else None
    except InvalidOperation:
        progress = None
    if progress is None or not 0 <= progress <= 100:
        warnings.append((number, f"progress {value!r} is not a percentage from 0 to 100"))
        return None
    return progress


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(text: str) -> date | None:
    """The first date written in ``text`` (30/06/2022, 2022-06-30, 30 juin 2022), or None."""
    found: list[tuple[int, date]] = []
    for match in _ISO_DATE.finditer(text):
        found += _valid(match.start(), int(match[1]), int(match[2]), int(match[3]))
    for match in _NUMERIC_DATE.finditer(text):
        found += _valid(match.start(), int(match[3]), int(match[2]), int(match[1]))
    folded = fold_for_matching(text)
    months = [fold_for_matching(month) for month in markers()["months"]]
    worded = re.compile(rf"\b(\d{{1,2}})(?:er)? ({'|'.join(months)}) (\d{{4}})\b")
    for match in worded.finditer(folded):
        # A position in the folded text: only compared with the others' order when it is alone.
        month = months.index(match[2]) + 1
        found += _valid(match.start(), int(match[3]), month, int(match[1]))
    return min(found)[1] if found else None


def _valid(position: int, year: int, month: int, day: int) -> list[tuple[int, date]]:
    try:
        return [(position, date(year, month, day))]
    except ValueError:
        return []


def header_dates(header: list[Line]) -> tuple[date | None, date | None]:
    """The evaluation's date and its council date, as its first lines state them."""
    council_words = [fold_for_matching(word) for word in markers()["council_words"]]
    date_words = [fold_for_matching(word) for word in markers()["date_words"]]
    day = council_day = None
    for line in header:
        written = parse_date(line.text)
        if written is None:
            continue
        folded = f" {fold_for_matching(line.text)} "
        if council_day is None and any(f" {word} " in folded for word in council_words):
            council_day = written
        elif day is None and any(f" {word} " in folded for word in date_words):
            day = written
    return day, council_day
