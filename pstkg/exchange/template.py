"""A plan graph written as the fill-in template (data/templates/pst-modele.csv), CSV or XLSX.

One row per action (an OO without action gets a row of its own, its action left empty), in
the order of the tree, with the columns the template reader (pstkg.loaders.template) reads
back, and a last column, ``ligne_source``, saying which lines of the source document each row
comes from. Loading the file gives back the same tree: the same OS, OO and actions (codes,
titles, volets, policy areas) and the same fiche fields, so that a person can correct a plan
the reader found difficult in a spreadsheet and load that (``pst draft``).

What the template has no column for is not written: title variants, political objectives, an
OS's or OO's own fiche, values, evaluations. An action with several fiches gets one row per
fiche (the template reader gives such rows to one action).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from pstkg.errors import PstError
from pstkg.exchange.plan_graph import legislature_label, node_label, ordered
from pstkg.loaders.template import COLUMNS, LIST_SEPARATOR
from pstkg.namespaces import PST
from pstkg.spreadsheet_cells import SpreadsheetWriter, as_text_cell

if TYPE_CHECKING:
    from openpyxl import Workbook

_SDG_PREFIX = "http://metadata.un.org/sdg/"
_ENJEU_PREFIX = "enjeu-"


@dataclass
class TemplateRows:
    """The rows of one plan, and what could not be written as the graph has it."""

    rows: list[dict[str, str]]
    warnings: list[str] = field(default_factory=list)


def template_rows(graph: Graph, plan: URIRef) -> TemplateRows:
    """The plan ``plan`` of ``graph`` (its named graph's triples) as template rows."""
    if (plan, PST.cpas, None) not in graph:
        raise PstError(f"{plan}: no such plan (pst plans lists them)")
    return _Rows(graph, plan).rows()


def write_csv(rows: Iterable[dict[str, str]], columns: Sequence[str] = COLUMNS) -> bytes:
    """The rows as the template's CSV: UTF-8, separator ";", every column in order.

    A cell a spreadsheet would run as a formula is quoted (:mod:`pstkg.spreadsheet_cells`);
    the template reader takes the quote off.
    """
    out = io.StringIO()
    writer = SpreadsheetWriter(out, delimiter=";", lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return out.getvalue().encode("utf-8")


def write_xlsx(rows: Iterable[dict[str, str]], path: Path) -> None:
    """The rows as an XLSX workbook of one sheet (the header frozen, text cells only).

    Every cell is stored as text: a title starting with "=" stays a title, never a formula.
    """
    text_workbook("PST", COLUMNS, rows).save(path)


def text_workbook(title: str, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> Workbook:
    """A workbook whose one sheet ``title`` holds the rows under a bold, frozen header, every
    cell stored as text (never a formula)."""
    from openpyxl import Workbook  # only needed for spreadsheets
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = title
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    for sheet_row in sheet.iter_rows(min_row=2):
        for cell in sheet_row:
            as_text_cell(cell)
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return workbook


class _Rows:
    def __init__(self, graph: Graph, plan: URIRef) -> None:
        self.graph = graph
        self.plan = plan
        self.warnings: list[str] = []
        self.cpas = node_label(graph, graph.value(plan, PST.cpas)) or ""
        self.legislature = legislature_label(graph, plan)

    def rows(self) -> TemplateRows:
        rows: list[dict[str, str]] = []
        for strategic in self._ordered(self.plan, PST.hasStrategicObjective):
            objective = self._objective_cells(strategic, "os")
            objective.update(self._area(strategic))
            objective["volet"] = self._label(self.graph.value(strategic, PST.volet))
            operationals = self._ordered(strategic, PST.hasOperationalObjective)
            if not operationals:
                rows.append(self._row(objective, {}, strategic, None))
            for operational in operationals:
                cells = {**objective, **self._objective_cells(operational, "oo")}
                actions = self._ordered(operational, PST.hasProjectOrAction)
                if not actions:
                    rows.append(self._row(cells, {}, operational, None))
                for action in actions:
                    fiches: list[Node | None] = [
                        *sorted(self.graph.objects(action, PST.hasFiche), key=str)
                    ] or [None]
                    for fiche in fiches:
                        rows.append(self._row(cells, self._action_cells(action), action, fiche))
        return TemplateRows(rows, self.warnings)

    # -- cells ------------------------------------------------------------------------------

    def _row(
        self,
        objective: dict[str, str],
        action: dict[str, str],
        item: URIRef | None,
        fiche: Node | None,
    ) -> dict[str, str]:
        row = {"cpas": self.cpas, "legislature": self.legislature, **objective, **action}
        if fiche is not None:
            row.update(self._fiche_cells(fiche))
        source = fiche if fiche is not None else item
        if source is not None:
            row["ligne_source"] = self._lines(source)
        return row

    def _objective_cells(self, node: URIRef, prefix: str) -> dict[str, str]:
        return {
            f"{prefix}_code": self._text(self.graph.value(node, PST.code)),
            f"{prefix}_titre": self._text(self.graph.value(node, DCTERMS.title)),
        }

    def _area(self, strategic: URIRef) -> dict[str, str]:
        area = self.graph.value(strategic, PST.inPolicyArea)
        if area is None:
            return {}
        return {
            "domaine_code": self._text(self.graph.value(area, PST.code)),
            "domaine": self._text(self.graph.value(area, DCTERMS.title)),
        }

    def _action_cells(self, action: URIRef) -> dict[str, str]:
        kind = "projet" if (action, RDF.type, PST.Project) in self.graph else "action"
        return {
            "action_code": self._text(self.graph.value(action, PST.code)),
            "action_titre": self._text(self.graph.value(action, DCTERMS.title)),
            "type": kind,
            "enjeux_listes": LIST_SEPARATOR.join(map(str, self._enjeux(action))),
        }

    def _enjeux(self, node: Node) -> list[int]:
        return sorted(
            int(str(enjeu).rsplit(_ENJEU_PREFIX, 1)[1])
            for enjeu in self.graph.objects(node, PST.enjeu)
            if _ENJEU_PREFIX in str(enjeu)
        )

    def _fiche_cells(self, fiche: Node) -> dict[str, str]:
        graph = self.graph

        def value(predicate: URIRef) -> str:
            return self._text(graph.value(fiche, predicate))

        def labels(predicate: URIRef) -> str:
            names = sorted(self._label(node) for node in graph.objects(fiche, predicate))
            return LIST_SEPARATOR.join(names)

        steps = sorted(
            graph.objects(fiche, PST.hasStep),
            key=lambda step: int(str(graph.value(step, PST.position) or 0)),
        )
        sdgs = sorted(
            int(str(goal)[len(_SDG_PREFIX) :])
            for goal in graph.objects(fiche, PST.sdg)
            if str(goal).startswith(_SDG_PREFIX)
        )
        enjeux = self._enjeux(fiche)
        return {
            "description": value(DCTERMS.description),
            "priorite": value(PST.priorityAsWritten)
            or self._label(graph.value(fiche, PST.priority)),
            "etat": value(PST.statusAsWritten)
            or self._label(graph.value(fiche, PST.progressStatus)),
            "echeance": value(PST.deadline),
            "responsable": self._label(graph.value(fiche, PST.responsible)),
            "synergies": value(PST.synergyAsWritten),
            "moyens_humains": value(PST.humanMeans),
            "moyens_financiers": value(PST.financialMeans),
            "services": labels(PST.involvedService),
            "partenaires": labels(PST.partner),
            "indicateurs": LIST_SEPARATOR.join(
                sorted(map(str, graph.objects(fiche, PST.indicator)))
            ),
            "risques": LIST_SEPARATOR.join(sorted(map(str, graph.objects(fiche, PST.risk)))),
            "etapes": LIST_SEPARATOR.join(
                self._text(graph.value(step, DCTERMS.title)) for step in steps
            ),
            "enjeux": LIST_SEPARATOR.join(map(str, enjeux)),
            "odd": LIST_SEPARATOR.join(map(str, sdgs)),
            "volet_fiche": value(PST.voletAsWritten),
        }

    # -- values -----------------------------------------------------------------------------

    def _ordered(self, parent: URIRef, predicate: URIRef) -> list[URIRef]:
        return ordered(self.graph, parent, predicate)

    def _lines(self, node: Node) -> str:
        first = self.graph.value(node, PST.firstLine)
        last = self.graph.value(node, PST.lastLine)
        if first is None:
            return ""
        return str(first) if last is None or last == first else f"{first}-{last}"

    def _label(self, node: Node | None) -> str:
        return node_label(self.graph, node) or ""

    @staticmethod
    def _text(value: Node | None) -> str:
        return "" if value is None else str(value)
