"""The export of the tables the fixed pages show (the plan list, the partners' tables).

The headings are those of the query pages (``api/query_pages.toml``), so a column is called
the same in every file a reader downloads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from fastapi import Query

from pstkg.api.query_table import heading
from pstkg.api.routes.plans import PlanSummary
from pstkg.api.table_export import Column, ExportFormat

ExportParam = Annotated[
    ExportFormat | None, Query(description="csv or xlsx: the page's table as a file")
]
"""The ``format`` parameter of a page whose tables can be downloaded."""

PartnerTable = Literal["types", "organisations", "projets"]
"""The tables of /partenaires, as ``tableau=`` names them."""


def columns(*variables: str) -> list[Column]:
    """The export columns of ``variables``, with their French headings."""
    return [(variable, heading(variable)) for variable in variables]


PLAN_COLUMNS = columns(
    "cpas",
    "legislature",
    "objectifs_strategiques",
    "objectifs_operationnels",
    "actions",
    "completeness_percent",
    "conforms",
    "error",
    "plan",
)

PARTNER_COLUMNS: dict[str, list[Column]] = {
    "types": columns("kind_label", "kind", "plans", "named_by", "organisations", "source"),
    "organisations": columns(
        "label", "kind", "plans", "named_by", "names_as_written", "organisation", "source"
    ),
    "projets": columns(
        "cpas",
        "title",
        "label",
        "role",
        "name_as_written",
        "matched_alias",
        "method",
        "source_lien",
        "source_resolution",
        "item",
        "organisation",
        "plan",
    ),
}


def plan_export_rows(plans: Iterable[PlanSummary]) -> list[dict[str, object]]:
    """The plan list's rows as the export writes them."""
    return [plan.model_dump() for plan in plans]
