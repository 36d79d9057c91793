"""The formats ``pst validate`` writes, by name."""

from __future__ import annotations

from collections.abc import Callable

from pstkg.validation.html_report import render_html
from pstkg.validation.report import PlanReport
from pstkg.validation.tabular_report import render_csv, render_json
from pstkg.validation.text_report import render_text
from pstkg.validation.turtle_report import render_turtle

RENDERERS: dict[str, Callable[[list[PlanReport]], str]] = {
    "text": render_text,
    "html": render_html,
    "json": render_json,
    "csv": render_csv,
    "ttl": render_turtle,
}
"""Format name → renderer; the first is the default."""


def render_report(reports: list[PlanReport], fmt: str) -> str:
    """The reports in the named format."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}") from None
    return renderer(reports)
