"""The « Évaluations » section of a plan's report in French words, for the text and HTML reports."""

from __future__ import annotations

from pstkg.validation.duties import DutyCheck, DutyStatus
from pstkg.validation.overdue import OverdueSummary
from pstkg.validation.time_rules import french_date
from pstkg.validation.timeline import TimeSection

NO_EVALUATION_LOADED = (
    "Aucune évaluation chargée dans l'entrepôt : les évaluations dues ne peuvent pas être "
    "vérifiées (chargez les bilans à mi-parcours et finaux pour le faire)."
)


STATUS_BADGES = {
    DutyStatus.DONE: "ok",
    DutyStatus.NOT_PRESENTED: "warning",
    DutyStatus.MISSING: "violation",
    DutyStatus.NOT_DUE: "unknown",
    DutyStatus.UNCHECKABLE: "unknown",
}
"""The badge (CSS class of the report's sheet) of each status in the HTML report."""


def evaluation_text(check: DutyCheck) -> str:
    """ "évaluation du 28/02/2022, présentée au conseil le 21/03/2022"; "" without one."""
    evaluation = check.evaluation
    if evaluation is None:
        return ""
    details = []
    if evaluation.date:
        details.append(f"évaluation du {french_date(evaluation.date)}")
    if evaluation.council_date:
        details.append(f"présentée au conseil le {french_date(evaluation.council_date)}")
    return ", ".join(details)


def any_uncheckable(time: TimeSection) -> bool:
    """Whether a due duty could not be checked, no evaluation being loaded at all."""
    return any(check.status is DutyStatus.UNCHECKABLE for check in time.duties)


def section_heading(time: TimeSection) -> str:
    """ "Évaluations (vérifiées au 01/01/2026)"."""
    return f"Évaluations (vérifiées au {french_date(time.as_of)})"


def duty_text(check: DutyCheck) -> str:
    """ "Évaluation à mi-législature, due au plus tard le 31/12/2021 : manquante"."""
    due = f", due au plus tard le {french_date(check.due_by)}" if check.due_by else ""
    text = f"{check.duty.label}{due} : {check.status.value}"
    if evaluation := evaluation_text(check):
        text += f" ({evaluation})"
    elif check.due_by is None:
        text += " (législature du plan inconnue)"
    return text


def deadlines_text(summary: OverdueSummary) -> str:
    """ "Échéances des fiches : 12 indiquée(s) ; 2 action(s) en cours après leur échéance"."""
    if not summary.deadlines:
        return "Échéances des fiches : aucune indiquée."
    parts = [
        f"{summary.deadlines} indiquée(s)",
        f"{summary.overdue} action(s) en cours après leur échéance",
    ]
    if summary.unreadable:
        shown = ", ".join(f"« {text} »" for text in summary.unreadable[:3])
        more = " …" if len(summary.unreadable) > 3 else ""
        parts.append(f"{len(summary.unreadable)} illisible(s), ignorée(s) : {shown}{more}")
    return "Échéances des fiches : " + " ; ".join(parts) + "."


def section_lines(time: TimeSection) -> list[str]:
    """The section's lines, heading excluded."""
    lines = [duty_text(check) for check in time.duties]
    if any_uncheckable(time):
        lines.append(NO_EVALUATION_LOADED)
    lines.append(deadlines_text(time.deadlines))
    return lines
