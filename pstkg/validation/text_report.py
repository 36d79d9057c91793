"""The validation report as plain text, in French, for a terminal or an e-mail."""

from __future__ import annotations

from pstkg.display import shorten
from pstkg.validation.findings import Finding, Place
from pstkg.validation.outline import ItemFindings, outline
from pstkg.validation.report import PlanReport, Status
from pstkg.validation.rules import Severity
from pstkg.validation.scoring import SCORE_METHOD
from pstkg.validation.time_text import section_heading, section_lines

_STATUS = {
    Status.MET: "[respectée]     ",
    Status.NOT_MET: "[NON RESPECTÉE] ",
    Status.UNCHECKABLE: "[non vérifiable]",
}


def render_text(reports: list[PlanReport]) -> str:
    """One plan's report, or the ranking followed by every plan's report."""
    parts = []
    if len(reports) > 1:
        parts.append(_ranking(reports))
    parts += [_plan(report) for report in reports]
    parts.append("Comment le score est calculé : " + SCORE_METHOD)
    return "\n\n".join(parts) + "\n"


def counts_text(report: PlanReport) -> str:
    """ "7 non-conformités, 2 avertissements, 0 information"."""
    return ", ".join(
        f"{count} {severity.french_plural if count > 1 else severity.french}"
        for severity, count in report.counts.items()
    )


def _ranking(reports: list[PlanReport]) -> str:
    rows = [("rang", "plan", "conforme", "score", "non-conformités", "avertissements", "infos")]
    for position, report in enumerate(reports, start=1):
        counts = report.counts
        rows.append(
            (
                str(position),
                shorten(report.heading),
                "oui" if report.conforms else "non",
                f"{report.score.percent} %",
                str(counts[Severity.VIOLATION]),
                str(counts[Severity.WARNING]),
                str(counts[Severity.INFO]),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["Classement des plans par score de complétude"]
    for row in rows:
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


def _plan(report: PlanReport) -> str:
    violations = report.counts[Severity.VIOLATION]
    heading = shorten(report.heading)
    lines = [
        f"{heading} — {shorten(report.source or 'source inconnue')}",
        "=" * len(heading),
        "Conforme au décret : "
        + ("oui" if report.conforms else f"non ({violations} non-conformité(s))"),
        f"Score de complétude : {report.score.percent} % ({report.score.given} informations "
        f"données sur {report.score.expected} attendues)",
        f"Constats : {counts_text(report)}",
        "",
        "Exigences du décret",
    ]
    for check in report.requirements:
        line = f"  {_STATUS[check.status]} {check.requirement.label}"
        if check.findings:
            line += f" ({check.findings} constat(s))"
        if check.note:
            line += f" — {check.note}"
        lines.append(line)
    if report.time is not None:
        lines += ["", section_heading(report.time)]
        lines += [f"  {line}" for line in section_lines(report.time)]
    grouped = outline(report.findings)
    if grouped.plan:
        lines += ["", "Le plan dans son ensemble"]
        lines += [_finding(finding, "  ") for finding in grouped.plan]
    for strategic in grouped.strategic.values():
        lines += ["", _heading(strategic.place)]
        lines += [_finding(finding, "  ") for finding in strategic.own]
        for operational in strategic.operational.values():
            indent = "  "
            if operational.place is not None:
                lines.append("  " + _heading(operational.place))
                indent = "    "
            lines += [_finding(finding, indent) for finding in operational.own]
            for item in operational.items.values():
                lines += _item(item, indent)
    if not report.findings:
        lines += ["", "Aucun constat : le plan donne tout ce que les règles vérifient."]
    return "\n".join(lines)


def _heading(place: Place | None) -> str:
    if place is None:
        return "(sans objectif)"
    text = place.name
    if place.title:
        text += f" — {shorten(place.title)}"
    if place.citation:
        text += f" ({place.citation})"
    return text


def _finding(finding: Finding, indent: str) -> str:
    return f"{indent}{finding.severity.french.upper()} : {shorten(finding.message)}"


def _item(item: ItemFindings, indent: str) -> list[str]:
    lines = [indent + _heading(item.place)]
    lines += [_finding(finding, indent + "  ") for finding in item.other_findings]
    for gaps in item.fiche_gaps:
        lines.append(
            f"{indent}  {Severity.WARNING.french.upper()} : fiche incomplète "
            f"({gaps.fiche.citation}), rubriques absentes : {', '.join(gaps.fields)}"
        )
    return lines
