"""The « Évaluations » section of the validation report in a real browser (Chromium, Playwright).

The report is the one ``pst validate --format html --as-of 2026-01-01`` writes for the
hand-written clean plan with its two fictional evaluations (the web page /plans/…/validation
shows the same report, checked as of today); it is opened with ``set_content`` so that the date
is fixed, and it must load nothing from anywhere.
"""

from __future__ import annotations

from datetime import date

import pytest

from pstkg.validation.formats import render_report
from tests.api.test_browser import page, shot  # noqa: F401 (the fixture)
from tests.test_validation_duties import FINAL, MID_TERM, validate

pytestmark = pytest.mark.slow


def test_the_evaluations_section(page) -> None:  # noqa: F811 (the fixture)
    report = validate(date(2026, 1, 1), MID_TERM, FINAL)
    page.set_content(render_report([report], "html"))
    section = page.locator("table.evaluations")
    assert page.locator("h3", has_text="Évaluations (vérifiées au 01/01/2026)").count() == 1
    rows = [
        [" ".join((cell.text_content() or "").split()) for cell in row.locator("td").all()]
        for row in section.locator("tbody tr").all()
    ]
    assert rows == [
        [
            "Évaluation à mi-législature",
            "31/12/2021",
            "réalisée et présentée au conseil",
            "évaluation du 28/02/2022, présentée au conseil le 21/03/2022",
        ],
        [
            "Évaluation en fin de législature",
            "30/06/2025",
            "réalisée, présentation au conseil non indiquée",
            "évaluation du 10/03/2025",
        ],
    ]
    badge = section.locator("tbody tr").nth(1).locator(".badge.warning")
    assert badge.is_visible()
    assert "Évaluation non présentée" not in page.inner_text("body")  # the message, not the label
    assert "ne dit pas quand elle a été présentée au conseil" in page.inner_text("body")
    assert page.outside == []  # type: ignore[attr-defined]
    section.scroll_into_view_if_needed()
    shot(page, "validation-evaluations")
