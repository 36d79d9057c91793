"""The validation report as JSON (for scripts) and CSV (for spreadsheets), same content."""

from __future__ import annotations

import io
import json
from typing import Any

from pstkg.spreadsheet_cells import SpreadsheetWriter
from pstkg.validation.findings import Place
from pstkg.validation.report import PlanReport
from pstkg.validation.scoring import SCORE_METHOD

CSV_COLUMNS = (
    "rang",
    "plan",
    "cpas",
    "legislature",
    "fichier",
    "conforme",
    "score",
    "gravite",
    "regle",
    "exigence",
    "message",
    "element",
    "code",
    "titre",
    "os_code",
    "os_titre",
    "oo_code",
    "oo_titre",
    "ligne_debut",
    "ligne_fin",
    "iri",
)
"""One row per finding; a plan without finding still gets one row, its finding columns empty."""


def plan_as_dict(report: PlanReport, position: int) -> dict[str, Any]:
    """One plan's report as plain data."""
    return {
        "rank": position,
        "plan": report.plan,
        "cpas": report.cpas,
        "legislature": report.legislature,
        "title": report.title,
        "source": report.source,
        "conforms": report.conforms,
        "score": {
            "percent": report.score.percent,
            "given": report.score.given,
            "expected": report.score.expected,
        },
        "counts": {severity.value: count for severity, count in report.counts.items()},
        "requirements": [
            {
                "id": check.requirement.id,
                "label": check.requirement.label,
                "source": check.requirement.source,
                "status": check.status.value,
                "findings": check.findings,
                "note": check.note,
            }
            for check in report.requirements
        ],
        "evaluations": report.time.as_dict() if report.time else None,
        "findings": [finding.as_dict() for finding in report.findings],
    }


def render_json(reports: list[PlanReport]) -> str:
    """Every plan's report, ranked, with how the score is computed."""
    document = {
        "score_method": SCORE_METHOD,
        "plans": [plan_as_dict(report, i) for i, report in enumerate(reports, start=1)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_csv(reports: list[PlanReport]) -> str:
    """One row per finding, with its plan's summary repeated on each row.

    A cell that a spreadsheet would run as a formula (a title starting with "=") is written
    with a quote in front (:mod:`pstkg.spreadsheet_cells`).
    """
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for position, report in enumerate(reports, start=1):
        plan_cells = [
            position,
            report.plan,
            report.cpas,
            report.legislature,
            report.source or "",
            "oui" if report.conforms else "non",
            report.score.percent,
        ]
        if not report.findings:
            writer.writerow(plan_cells + [""] * (len(CSV_COLUMNS) - len(plan_cells)))
        for finding in report.findings:
            item, strategic, operational = finding.item, finding.strategic, finding.operational
            writer.writerow(
                [
                    *plan_cells,
                    finding.severity.french,
                    finding.rule,
                    finding.requirement or "",
                    finding.message,
                    item.kind_label,
                    item.code or "",
                    item.title or "",
                    _cell(strategic, "code"),
                    _cell(strategic, "title"),
                    _cell(operational, "code"),
                    _cell(operational, "title"),
                    item.first_line if item.kind != "plan" and item.first_line else "",
                    item.last_line if item.kind != "plan" and item.last_line else "",
                    item.iri,
                ]
            )
    return buffer.getvalue()


def _cell(place: Place | None, attribute: str) -> str:
    value = getattr(place, attribute) if place is not None else None
    return value or ""
