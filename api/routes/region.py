"""``/region``: every plan of the store ranked by completeness and non-conformities, with
charts, filtered by province or arrondissement (page in French; CSV/XLSX of the ranking)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pstkg.api.charts import Datum, bar_chart, histogram, shorten_label
from pstkg.api.dependencies import StoreDep, ValidationDep
from pstkg.api.error_pages import error_page
from pstkg.api.pages_support import render_page
from pstkg.api.paging import PagingDep
from pstkg.api.region import (
    EXPORT_COLUMNS,
    UNKNOWN_PROVINCE,
    FilterError,
    RankedPlan,
    arrondissement_choices,
    bin_label,
    completeness_bins,
    numbered,
    parse_filter,
    province_choices,
    ranking,
)
from pstkg.api.routes.plans import plan_summaries
from pstkg.api.table_export import ExportFormat, table_response

router = APIRouter(include_in_schema=False)


@router.get("/region", response_class=HTMLResponse)
def region_page(
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    paging: PagingDep,
    province: Annotated[str | None, Query()] = None,
    arrondissement: Annotated[str | None, Query()] = None,
    format: Annotated[ExportFormat | None, Query()] = None,
) -> Response:
    """La région : tous les plans classés par complétude et non-conformités, avec graphiques."""
    try:
        chosen = parse_filter(province, arrondissement)
    except FilterError as error:
        return error_page(request, 400, french=str(error))
    everything = ranking(store, validation, plan_summaries(store, validation))
    rows = numbered([row for row in everything if chosen.keeps(row)])
    if format is not None:
        return table_response(
            EXPORT_COLUMNS, [row.as_row() for row in rows], format, "classement-region"
        )
    window = paging.window(len(rows))
    validated = [row for row in rows if row.rank is not None]
    return render_page(
        request,
        "region.html",
        chosen=chosen,
        rows=rows[window.offset : window.offset + window.limit],
        total=len(rows),
        window=window,
        provinces=province_choices(),
        unknown_province=UNKNOWN_PROVINCE,
        arrondissements=arrondissement_choices(),
        by_province=Counter(row.province or UNKNOWN_PROVINCE for row in everything),
        ranking_chart=bar_chart(
            [_completeness_bar(row) for row in validated],
            title="Complétude des plans, du plus complet au moins complet",
            maximum=100,
            omitted_label="autres plans (voir le tableau)",
        )
        if validated
        else None,
        distribution_chart=histogram(
            [row.summary.completeness_percent for row in validated],
            title="Nombre de plans par tranche de complétude",
            bins=completeness_bins(),
            bin_label=bin_label,
        )
        if validated
        else None,
    )


def _completeness_bar(row: RankedPlan) -> Datum:
    plan = row.summary
    faults = f"{row.violations} non-conformité{'s' if row.violations != 1 else ''}"
    return Datum(
        # The CPAS's name is cut rather than the législature: a CPAS has a plan per législature.
        label=f"{row.rank}. {shorten_label(plan.cpas, 26)} ({plan.legislature})",
        value=plan.completeness_percent,
        shown=f"{plan.completeness_percent} % · {faults}",
        tooltip=f"{plan.cpas} ({plan.legislature}) : complétude {plan.completeness_percent} %, "
        f"{faults}",
        url=f"/plans/{plan.id}/validation",
    )
