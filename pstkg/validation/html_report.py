"""The validation report as one self-contained HTML page in French, from Jinja2 templates.

The templates (templates/*.j2, with the stylesheet inlined) hold all the wording and layout;
this module only hands them the reports. IRIs appear only as link targets and tooltips.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from pstkg.display import finalize_for_display
from pstkg.validation import time_text
from pstkg.validation.outline import outline
from pstkg.validation.report import PlanReport, Status
from pstkg.validation.rules import Severity
from pstkg.validation.scoring import SCORE_METHOD


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("pstkg.validation", "templates"),
        autoescape=True,  # every value comes from a published document: escape it all
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize_for_display,  # a title of millions of characters: its beginning
    )


def anchor(report: PlanReport) -> str:
    """The id of a plan's section: "dinant-2019-2024" for …/id/plan/dinant/2019-2024."""
    return report.plan.rsplit("/plan/", 1)[-1].replace("/", "-")


def page_title(reports: list[PlanReport]) -> str:
    """ "Rapport de validation — PST du CPAS de Dinant (2019-2024)", or of all the plans."""
    if len(reports) == 1:
        return f"Rapport de validation — {reports[0].heading}"
    return f"Rapport de validation des PST — {len(reports)} plans"


def render_html(reports: list[PlanReport]) -> str:
    """The page: the ranking (several plans), then each plan's summary and findings."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        reports=reports,
        outlines={report.plan: outline(report.findings) for report in reports},
        page_title=page_title(reports),
        score_method=SCORE_METHOD,
        anchor=anchor,
        Severity=Severity,
        Status=Status,
        time_text=time_text,
    )
