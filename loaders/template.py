"""The fill-in template: a CSV or XLSX sheet, one row per action, that a CPAS fills directly.

Columns (header names are matched without regard to case, accents or spaces/underscores;
see data/templates/ for a blank sheet and a filled example):

    cpas, legislature              optional; the same on every row when given
    volet                          the OS's volet: Interne / Externe / Interne et externe
    domaine_code, domaine          optional: the policy area (theme, axe) above the OS
    os_code, os_titre              the strategic objective (code or title required)
    oo_code, oo_titre              the operational objective (code or title required)
    action_code, action_titre      the action (empty: the row only names its OS and OO)
    type                           action (default) or projet
    description, priorite, etat, echeance, responsable, synergies,
    moyens_humains, moyens_financiers, volet_fiche
    services, partenaires, indicateurs, risques, etapes    several values separated by ";"
    enjeux, odd                    numbers separated by ";" (enjeux 1-4, ODD 1-17)
    enjeux_listes                  the enjeux whose lists of projects name the action (1-4)
    ligne_source                   informative: the lines of the document a row was read from

Rows are grouped into objectives by code (or by title when there is no code), in the order
they first appear; two rows of one action (same OO, same code or title) give it two fiches;
a row without a filled fiche cell gives its action no fiche. Where the sheet numbers actions
again under each OO (or OO under each OS, OS under each domaine), the items are told apart as
the reader tells them (``path``). Provenance "lines" are the sheet's row numbers (the header
is row 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pstkg.errors import InputError
from pstkg.loaders.archives import check_archive, refuse_compound_file
from pstkg.loaders.limits import check_line_count, read_limited
from pstkg.loaders.model import (
    Action,
    Fiche,
    Finding,
    OperationalObjective,
    ParsedPlan,
    PolicyArea,
    ReadDocument,
    Span,
    Stated,
    Step,
    StrategicObjective,
    grouping_key,
)
from pstkg.loaders.text import Line, SourceText, decode, fold_for_matching, normalise_line
from pstkg.spreadsheet_cells import restore

NAME = "template"
COLUMNS = (
    "cpas",
    "legislature",
    "volet",
    "domaine_code",
    "domaine",
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
    "volet_fiche",
    "enjeux_listes",
    "ligne_source",
)
LIST_SEPARATOR = ";"
_FICHE_COLUMNS = COLUMNS[COLUMNS.index("description") : COLUMNS.index("volet_fiche") + 1]
"""The columns of an action's fiche: a row with one of them filled gives its action a fiche."""


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
        parts = (self.get(column) or "").split(LIST_SEPARATOR)
        return [part for part in map(normalise_line, parts) if part]


def read_template(path: Path) -> ReadDocument:
    """Read a filled template into a plan; InputError naming the row and column on bad cells."""
    data = read_limited(path)
    warnings: tuple[Finding, ...] = ()
    if path.suffix.lower() == ".xlsx":
        rows = list(_xlsx_rows(path, data))
    else:
        text, _, warnings = decode(data, path)
        rows = list(_csv_rows(path, text))
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
        warnings=warnings,
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
        check_line_count(path, number)
        named = {
            key: str(cell).strip()
            for key, cell in zip(keys, cells, strict=False)
            if key and cell is not None
        }
        if any(named.values()):
            yield Row(number, named)


def _csv_rows(path: Path, text: str) -> Iterator[Row]:
    yield from _rows_from(path, csv_cells(path, text))


def csv_cells(path: Path, text: str) -> Iterator[list[str]]:
    """A CSV text's rows (header first), its separator guessed from the header."""
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # Only the separator is guessed, from the header: quotes are the spreadsheets' ("" inside).
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', doublequote=True)
    # A cell a spreadsheet would run as a formula was written with a quote in front (as `pst
    # export --format template` and `pst draft` write them): the value is what follows it.
    yield from ([restore(cell) for cell in row] for row in _csv_table(path, reader))


def _csv_table(path: Path, reader) -> Iterator[list[str]]:
    """The CSV reader's rows; its error (a cell over csv's field limit…) names the line."""
    try:
        yield from reader
    except csv.Error as error:
        raise InputError(path, f"not a readable CSV file ({error})", line=reader.line_num) from None


def _xlsx_rows(path: Path, data: bytes) -> Iterator[Row]:
    yield from _rows_from(path, xlsx_cells(path, data))


def xlsx_cells(path: Path, data: bytes) -> Iterator[list[str]]:
    """An XLSX workbook's first sheet's rows as text (header first)."""
    from openpyxl import load_workbook  # only needed for spreadsheets

    refuse_compound_file(path, data, "an XLSX workbook", ".xlsx")
    check_archive(path, data, "a readable XLSX workbook")  # zip bombs, lying sizes, entities
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # A read-only sheet believes its <dimension> and drops the rows past it: forget it,
        # so that every row written is read.
        sheet.reset_dimensions()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(path, f"not a readable XLSX workbook ({error})") from None
    yield from _xlsx_table(path, sheet)


def _xlsx_table(path: Path, sheet) -> Iterator[list[str]]:
    """The sheet's rows as text; the sheet's XML is parsed as it is read, so its errors come
    here."""
    try:
        for row in sheet.iter_rows(values_only=True):
            yield ["" if cell is None else str(cell) for cell in row]
    except Exception as error:  # a damaged sheet: openpyxl and its XML parser raise many kinds
        raise InputError(path, f"not a readable XLSX workbook ({error})") from None


def _numbers(path: Path, row: Row, column: str, low: int, high: int) -> list[int]:
    numbers = []
    for value in row.values(column):
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            raise InputError(
                path,
                f"column {column}: {value!r} is not a number from {low} to {high}",
                line=row.number,
            )
        numbers.append(int(value))
    return numbers


def _constant(path: Path, rows: list[Row], column: str) -> Stated[str] | None:
    values = {value for row in rows if (value := row.get(column)) is not None}
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
    areas: dict[str, PolicyArea] = {}
    strategic: dict[tuple[str, str], StrategicObjective] = {}
    operational: dict[tuple[tuple[str, str], str], OperationalObjective] = {}
    actions: dict[tuple[int, str], Action] = {}
    for row in rows:
        span = Span(row.number, row.number)
        area = _area(row, span, areas)
        os_key = (fold_for_matching(area.title) if area else "", _objective_key(path, row, "os"))
        if os_key not in strategic:
            strategic[os_key] = StrategicObjective(
                code=row.get("os_code"),
                title=row.get("os_titre"),
                span=span,
                volet=row.get("volet"),
                policy_area=area,
            )
            plan.strategic_objectives.append(strategic[os_key])
        oo_key = (os_key, _objective_key(path, row, "oo"))
        if oo_key not in operational:
            operational[oo_key] = OperationalObjective(
                code=row.get("oo_code"), title=row.get("oo_titre"), span=span
            )
            strategic[os_key].operational_objectives.append(operational[oo_key])
        oo = operational[oo_key]
        if not row.get("action_titre"):
            if row.get("action_code") or _fiche_filled(row):
                raise InputError(path, "column action_titre is empty", line=row.number)
            continue  # the row names an OO with no action
        key = (id(oo), fold_for_matching(row.get("action_code") or row.get("action_titre") or ""))
        fiche = _fiche(path, row, span)
        if key in actions:
            if fiche is not None:
                actions[key].fiches.append(fiche)
            continue
        action = _action(path, row, span, fiche)
        actions[key] = action
        oo.actions.append(action)
    qualify_restarting_codes(plan)
    return plan


def _area(row: Row, span: Span, areas: dict[str, PolicyArea]) -> PolicyArea | None:
    title = row.get("domaine")
    if not title:
        return None
    key = fold_for_matching(title)
    if key not in areas:
        areas[key] = PolicyArea(row.get("domaine_code"), title, span)
    return areas[key]


def _fiche_filled(row: Row) -> bool:
    return any(row.get(column) for column in _FICHE_COLUMNS)


def qualify_restarting_codes(plan: ParsedPlan) -> None:
    """Tell apart items whose codes restart under each parent, as the general reader does.

    Where an OS code comes back in another group (volet, domaine), or an OO code under
    another OS, or an action code under another OO, every item of that level gets a
    ``path``: its group's number (or its parent's path) and its code ("Action 1" of OO 2.1 is
    "2.1.1"). The code as written stays its code.
    """
    groups: dict[tuple[str, ...], int] = {}
    owners: dict[str, set[tuple[str, ...] | None]] = {}
    for os_ in plan.strategic_objectives:
        if os_.code:
            owners.setdefault(os_.code, set()).add(grouping_key(os_.volet, os_.policy_area))
    if any(len(keys) > 1 for keys in owners.values()):
        for os_ in plan.strategic_objectives:
            key = grouping_key(os_.volet, os_.policy_area)
            if os_.code and key is not None:
                os_.path = f"{groups.setdefault(key, len(groups) + 1)}.{os_.code}"
    _qualify_children(
        [
            (os_.path or os_.code, os_.code, oo)
            for os_ in plan.strategic_objectives
            for oo in os_.operational_objectives
        ]
    )
    _qualify_children(
        [
            (oo.path or oo.code, oo.code, action)
            for oo in plan.operational_objectives()
            for action in oo.actions
        ]
    )


class _Coded(Protocol):
    """An objective or an action: its code as written, and its path once qualified."""

    code: str | None
    path: str | None


def _qualify_children(children: Sequence[tuple[str | None, str | None, _Coded]]) -> None:
    """Paths for one level: children follow a qualified parent, and where a code comes back
    under another parent, every code of the level is qualified by its parent's path."""
    parents: dict[str, set[str | None]] = {}
    for parent_path, parent_code, child in children:
        code = getattr(child, "code", None)
        if code and not (parent_code and code.startswith(parent_code + ".")):
            parents.setdefault(code, set()).add(parent_path)
    restart = any(len(paths) > 1 for paths in parents.values())
    for parent_path, parent_code, child in children:
        code = getattr(child, "code", None)
        if not code or not parent_path:
            continue
        if parent_code and code.startswith(parent_code + "."):
            if parent_path != parent_code:
                child.path = parent_path + code[len(parent_code) :]
        elif restart:
            child.path = f"{parent_path}.{code}"


def _objective_key(path: Path, row: Row, level: str) -> str:
    key = row.get(f"{level}_code") or row.get(f"{level}_titre")
    if not key:
        raise InputError(
            path, f"columns {level}_code and {level}_titre are both empty", line=row.number
        )
    return fold_for_matching(key)


def _action(path: Path, row: Row, span: Span, fiche: Fiche | None) -> Action:
    title = row.get("action_titre")
    assert title is not None
    kind = fold_for_matching(row.get("type") or "action")
    if kind not in {"action", "projet", "project"}:
        raise InputError(
            path, f"column type: {row.get('type')!r} is neither action nor projet", line=row.number
        )
    return Action(
        title=title,
        span=span,
        code=row.get("action_code"),
        kind="action" if kind == "action" else "project",
        fiches=[fiche] if fiche is not None else [],
        enjeux_from_lists=_numbers(path, row, "enjeux_listes", 1, 4),
    )


def _fiche(path: Path, row: Row, span: Span) -> Fiche | None:
    """The fiche of a row, or None when none of its cells is filled."""
    if not _fiche_filled(row):
        return None
    volet = row.get("volet_fiche") if "volet_fiche" in row.cells else row.get("volet")
    return Fiche(
        span=span,
        description=row.get("description"),
        volet=volet,
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
