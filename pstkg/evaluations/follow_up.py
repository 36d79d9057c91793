"""The follow-up template: a CSV/XLSX sheet where a CPAS notes its actions' progress itself.

``pst export PLAN --format follow-up --output suivi.xlsx`` writes it with the plan's actions
pre-filled (plan, code, titre); the CPAS fills date, etat, avancement, indicateur and
commentaire on the rows it has news of; ``pst load suivi.xlsx`` reads it back (recognised by its
header) as one pst:ItemSnapshot per filled row in a pst:FollowUp graph. The allowed states are
the pstv:etats labels, listed on the workbook's second sheet.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from pstkg.errors import InputError
from pstkg.evaluations.document import SnapshotLine, parse_date, parse_progress
from pstkg.evaluations.graph import state_concept
from pstkg.evaluations.matching import PlanItem
from pstkg.exchange.template import text_workbook, write_csv
from pstkg.loaders.limits import read_limited
from pstkg.loaders.template import csv_cells, xlsx_cells
from pstkg.loaders.text import SourceText, decode, fold_for_matching, normalise_line
from pstkg.spreadsheet_cells import restore
from pstkg.vocabulary import SCHEMES, vocabulary_graph

COLUMNS = ("plan", "code", "titre", "date", "etat", "avancement", "indicateur", "commentaire")
"""The follow-up template's columns, in order."""
FILLED = ("date", "etat", "avancement", "indicateur", "commentaire")
"""The columns a CPAS fills: a row with none of them says nothing and is skipped."""
_REQUIRED = {"plan", "code", "date", "etat", "avancement"}
HEADER_WITHIN = 5
"""The header is one of the first rows: the rows above it are notes."""


def allowed_states() -> list[str]:
    """The French labels a state may be written with (preferred labels first)."""
    graph = vocabulary_graph()
    concepts = sorted(
        concept
        for concept in graph.subjects(SKOS.inScheme, SCHEMES["status"])
        if isinstance(concept, URIRef)
    )
    labels: dict[str, str] = {}  # folded → as written: "A l'étude" is "À l'étude" again
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for concept in concepts:
            french = (
                str(label)
                for label in graph.objects(concept, predicate)
                if isinstance(label, Literal) and label.language == "fr"
            )
            for label in sorted(french):
                if not label.isupper():  # eComptes codes (NON_COMMENCE): read, not offered
                    labels.setdefault(fold_for_matching(label), label)
    return list(labels.values())


def follow_up_rows(plan_ref: str, items: Iterable[PlanItem]) -> list[dict[str, str]]:
    """One row per project or action of the plan (objectives when it has none), pre-filled."""
    items = list(items)
    chosen = [item for item in items if item.is_action] or items
    return [{"plan": plan_ref, "code": item.code or "", "titre": item.title} for item in chosen]


def write_follow_up_csv(rows: Iterable[dict[str, str]]) -> bytes:
    """The follow-up template as CSV (UTF-8, separator ";")."""
    return write_csv(rows, COLUMNS)


def write_follow_up_xlsx(rows: Iterable[dict[str, str]], path: Path) -> None:
    """The follow-up template as XLSX: the sheet « Suivi », and « États » listing the states
    the etat column accepts (also offered as a drop-down list)."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = text_workbook("Suivi", COLUMNS, rows)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # the workbook's one sheet
    states = workbook.create_sheet("États")
    states.append(["États acceptés dans la colonne etat"])
    states["A1"].font = Font(bold=True)
    labels = allowed_states()
    for label in labels:
        states.append([label])
    column = "ABCDEFGH"[COLUMNS.index("etat")]
    validation = DataValidation(
        type="list", formula1=f"='États'!$A$2:$A${len(labels) + 1}", allow_blank=True
    )
    validation.error = "Choisissez un état de la feuille « États »."
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}{sheet.max_row + 1000}")
    workbook.save(path)


def is_follow_up(path: Path) -> bool:
    """Whether a CSV/XLSX file's header is the follow-up template's."""
    try:
        rows = list(itertools.islice(_cells(path, read_limited(path)), HEADER_WITHIN))
    except InputError:
        return False
    return any({_column(cell) for cell in row} >= _REQUIRED for row in rows)


@dataclass
class FollowUpFile:
    """A filled follow-up file: its plan (as written: "dinant/2019-2024") and filled rows."""

    plan: str
    lines: list[SnapshotLine]
    source: SourceText


def read_follow_up(path: Path) -> FollowUpFile:
    """The filled rows of a follow-up file; InputError naming the row and column if bad."""
    data = read_limited(path)
    table = enumerate(_cells(path, data), start=1)
    header: list[str] = []
    for _, cells in itertools.islice(table, HEADER_WITHIN):
        header = [_column(cell) for cell in cells]
        if set(header) >= _REQUIRED:
            break  # the rows above it are notes (a fictional file says so there)
    else:
        raise InputError(
            path, f"not a follow-up file: no header with the columns {', '.join(COLUMNS)}"
        )
    plans: set[str] = set()
    lines: list[SnapshotLine] = []
    warnings: list[tuple[int, str]] = []
    for number, cells in table:
        row = {
            name: normalise_line(restore(cell)) for name, cell in zip(header, cells, strict=False)
        }
        if not any(row.get(column) for column in FILLED):
            continue
        lines.append(_snapshot(path, number, row, warnings))
        plans.add(row.get("plan") or "")
    if warnings:
        number, message = warnings[0]
        raise InputError(path, message, line=number)
    if not lines:
        raise InputError(path, "no filled row: write a date and a state (etat) on at least one row")
    if len(plans) != 1 or "" in plans:
        raise InputError(path, "every filled row must name the same plan (column plan)")
    source = SourceText(path, hashlib.sha256(data).hexdigest(), path.suffix.lstrip("."), ())
    return FollowUpFile(plans.pop(), lines, source)


def _snapshot(
    path: Path, number: int, row: dict[str, str], warnings: list[tuple[int, str]]
) -> SnapshotLine:
    if not row.get("code") and not row.get("titre"):
        raise InputError(path, "a filled row needs the action's code or titre", line=number)
    day = parse_date(row.get("date") or "")
    if day is None:
        raise InputError(
            path, f"column date: {row.get('date')!r} is not a date (write 30/06/2022)", line=number
        )
    state = row.get("etat") or None
    if state and state_concept(state) is None:
        raise InputError(
            path,
            f"column etat: unknown state {state!r} (allowed: {', '.join(allowed_states())})",
            line=number,
        )
    progress = None
    if row.get("avancement"):
        progress = parse_progress(row["avancement"], number, warnings)
        if progress is None:
            raise InputError(
                path, f"column avancement: {row['avancement']!r} is not 0 to 100", line=number
            )
    return SnapshotLine(
        number,
        number,
        code=row.get("code") or None,
        title=row.get("titre") or None,
        state=state,
        progress=progress,
        indicator=row.get("indicateur") or None,
        comment=row.get("commentaire") or None,
        day=day,
    )


def _column(name: str) -> str:
    return "_".join(fold_for_matching(name or "").split())


def _cells(path: Path, data: bytes) -> Iterator[list[str]]:
    if path.suffix.lower() == ".xlsx":
        return xlsx_cells(path, data)
    text, _, _ = decode(data, path)
    return csv_cells(path, text)
