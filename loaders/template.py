"""The fill-in template: a CSV or XLSX sheet, one row per action, that a CPAS fills directly.

Columns (header names are matched without regard to case, accents or spaces/underscores;
see data/templates/ for a blank sheet and a filled example):

    cpas, legislature              optional; the same on every row when given
    volet                          Interne / Externe / Interne et externe
    os_code, os_titre              the strategic objective (code or title required)
    oo_code, oo_titre              the operational objective (code or title required)
    action_code, action_titre      the action (title required)
    type                           action (default) or projet
    description, priorite, etat, echeance, responsable, synergies,
    moyens_humains, moyens_financiers
    services, partenaires, indicateurs, risques, etapes    several values separated by ";"
    enjeux, odd                    numbers separated by ";" (enjeux 1-4, ODD 1-17)

Rows are grouped into objectives by code (or by title when there is no code), in the order
they first appear. Provenance "lines" are the sheet's row numbers (the header is row 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.model import (
    Action,
    Fiche,
    OperationalObjective,
    ParsedPlan,
    Span,
    Stated,
    Step,
    StrategicObjective,
)
from pstkg.loaders.read import ReadDocument
from pstkg.loaders.text import Line, SourceText, decode, fold_for_matching, normalise_line

NAME = "template"
COLUMNS = (
    "cpas",
    "legislature",
    "volet",
    "os_code",
    "os_titre",
    "oo_code",
    "oo_titre",
    "action_code",
    "action_titre",
    "type",
    "description",
    "priorite",
    "etat",
    "echeance",
    "responsable",
    "synergies",
    "moyens_humains",
    "moyens_financiers",
    "services",
    "partenaires",
    "indicateurs",
    "risques",
    "etapes",
    "enjeux",
    "odd",
)
_LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Row:
    """One filled row of the sheet: its row number and its cells by canonical column name."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        """The cell's normalised text, or None when empty."""
        value = normalise_line(self.cells.get(column, "") or "")
        return value or None

    def values(self, column: str) -> list[str]:
        """A multi-valued cell split on ";"."""
        return [part for part in map(normalise_line, (self.get(column) or "").split(";")) if part]


def read_template(path: Path) -> ReadDocument:
    """Read a filled template into a plan; InputError naming the row and column on bad cells."""
    data = path.read_bytes()
    rows = list(_xlsx_rows(path, data) if path.suffix.lower() == ".xlsx" else _csv_rows(path, data))
    if not rows:
        raise InputError(path, "the template has a header but no filled row")
    source = SourceText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=path.suffix.lower().lstrip("."),
        lines=(
            Line(1, " ; ".join(COLUMNS)),
            *(Line(row.number, " ; ".join(row.cells.values())) for row in rows),
        ),
    )
    return ReadDocument(source, _assemble(path, rows))


def _canonical_header(name: str) -> str:
    return "_".join(fold_for_matching(name).split())


def _header_map(path: Path, header: list[str]) -> list[str | None]:
    known = set(COLUMNS)
    mapped = [_canonical_header(name) if name else None for name in header]
    unknown = [name for name, key in zip(header, mapped, strict=True) if key and key not in known]
    if unknown:
        raise InputError(
            path,
            f"unknown column(s) {', '.join(map(repr, unknown))}; the template's columns are: "
            + ", ".join(COLUMNS),
            line=1,
        )
    if "action_titre" not in mapped:
        raise InputError(path, "the template has no 'action_titre' column", line=1)
    return [key if key in known else None for key in mapped]


def _rows_from(path: Path, table: Iterator[list[str]]) -> Iterator[Row]:
    try:
        header = next(table)
    except StopIteration:
        raise InputError(path, "the template is empty") from None
    keys = _header_map(path, [str(cell or "").strip() for cell in header])
    for number, cells in enumerate(table, start=2):
        named = {
            key: str(cell).strip()
            for key, cell in zip(keys, cells, strict=False)
            if key and cell is not None
        }
        if any(named.values()):
            yield Row(number, named)


def _csv_rows(path: Path, data: bytes) -> Iterator[Row]:
    text, _ = decode(data, path)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from _rows_from(path, iter(csv.reader(io.StringIO(text), dialect)))


def _xlsx_rows(path: Path, data: bytes) -> Iterator[Row]:
    from openpyxl import load_workbook  # only needed for spreadsheets

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(path, f"not a readable XLSX workbook ({error})") from None
    sheet = workbook.worksheets[0]
    table = (
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    )
    yield from _rows_from(path, table)


def _numbers(path: Path, row: Row, column: str, low: int, high: int) -> list[int]:
    numbers = []
    for value in row.values(column):
        if not value.isdigit() or not low <= int(value) <= high:
            raise InputError(
                path,
                f"column {column}: {value!r} is not a number from {low} to {high}",
                line=row.number,
            )
        numbers.append(int(value))
    return numbers


def _constant(path: Path, rows: list[Row], column: str) -> Stated[str] | None:
    values = {row.get(column) for row in rows} - {None}
    if len(values) > 1:
        raise InputError(
            path, f"column {column} must be the same on every row, found {sorted(values)}"
        )
    if not values:
        return None
    first = next(row for row in rows if row.get(column))
    return Stated(values.pop(), Span(first.number, first.number))


def _assemble(path: Path, rows: list[Row]) -> ParsedPlan:
    plan = ParsedPlan(
        layout=NAME,
        cpas=_constant(path, rows, "cpas"),
        legislature=_constant(path, rows, "legislature"),
    )
    strategic: dict[str, StrategicObjective] = {}
    operational: dict[tuple[str, str], OperationalObjective] = {}
    for row in rows:
        span = Span(row.number, row.number)
        os_key = _objective_key(path, row, "os")
        if os_key not in strategic:
            strategic[os_key] = StrategicObjective(
                code=row.get("os_code"),
                title=row.get("os_titre"),
                span=span,
                volet=row.get("volet"),
            )
            plan.strategic_objectives.append(strategic[os_key])
        oo_key = (os_key, _objective_key(path, row, "oo"))
        if oo_key not in operational:
            operational[oo_key] = OperationalObjective(
                code=row.get("oo_code"), title=row.get("oo_titre"), span=span
            )
            strategic[os_key].operational_objectives.append(operational[oo_key])
        operational[oo_key].actions.append(_action(path, row, span))
    return plan


def _objective_key(path: Path, row: Row, level: str) -> str:
    key = row.get(f"{level}_code") or row.get(f"{level}_titre")
    if not key:
        raise InputError(
            path, f"columns {level}_code and {level}_titre are both empty", line=row.number
        )
    return fold_for_matching(key)


def _action(path: Path, row: Row, span: Span) -> Action:
    title = row.get("action_titre")
    if not title:
        raise InputError(path, "column action_titre is empty", line=row.number)
    kind = fold_for_matching(row.get("type") or "action")
    if kind not in {"action", "projet", "project"}:
        raise InputError(
            path, f"column type: {row.get('type')!r} is neither action nor projet", line=row.number
        )
    fiche = Fiche(
        span=span,
        description=row.get("description"),
        volet=row.get("volet"),
        synergies=row.get("synergies"),
        risks=row.values("risques"),
        indicators=row.values("indicateurs"),
        priority=row.get("priorite"),
        status=row.get("etat"),
        services=row.values("services"),
        partners=row.values("partenaires"),
        enjeux=_numbers(path, row, "enjeux", 1, 4),
        sdgs=_numbers(path, row, "odd", 1, 17),
        steps=[Step(step, span) for step in row.values("etapes")],
        deadline=row.get("echeance"),
        responsible=row.get("responsable"),
        human_means=row.get("moyens_humains"),
        financial_means=row.get("moyens_financiers"),
    )
    return Action(
        title=title,
        span=span,
        code=row.get("action_code"),
        kind="action" if kind == "action" else "project",
        fiches=[fiche],
    )
