"""The web pages, in French, rendered on the server from the templates in api/templates/."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pstkg.api.count_tables import (
    COVERAGE_TABLES,
    MEASURES,
    comparison_chart,
    comparison_table,
    format_share,
    keep_plans,
    odd_table,
    plan_sizes,
    plans_in,
    theme_table,
)
from pstkg.api.dependencies import StoreDep, ValidationDep
from pstkg.api.error_pages import error_page
from pstkg.api.identifiers import plan_iri, plan_key
from pstkg.api.pages_support import render_page, with_site_header
from pstkg.api.paging import PagingDep
from pstkg.api.plan_tree import plan_tree
from pstkg.api.routes.element_pages import plan_page
from pstkg.api.routes.plans import _report, compare_pair, plan_summaries
from pstkg.api.serializers import plain_rows
from pstkg.api.table_export import ExportFormat, table_response
from pstkg.api.table_pages import (
    PARTNER_COLUMNS,
    PLAN_COLUMNS,
    ExportParam,
    PartnerTable,
    plan_export_rows,
)
from pstkg.named_queries import run_named_query
from pstkg.store import SelectResult
from pstkg.validation.formats import render_report
from pstkg.vocabulary import sdg_goal_names

router = APIRouter(include_in_schema=False)


def _rows(store, name: str, values: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = run_named_query(store, name, values)
    assert isinstance(result, SelectResult)
    return plain_rows(result)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, store: StoreDep, validation: ValidationDep, format: ExportParam = None
) -> Response:
    """Accueil : les CPAS et leurs plans, avec leur complétude (exportable en CSV ou XLSX)."""
    plans = plan_summaries(store, validation)
    if format is not None:
        return table_response(PLAN_COLUMNS, plan_export_rows(plans), format, "plans")
    return render_page(request, "index.html", plans=plans)


@router.get("/plans/{cpas}/{legislature}", response_class=HTMLResponse)
def explorer(
    cpas: str,
    legislature: str,
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    format: Annotated[ExportFormat | None, Query()] = None,
    tableau: Annotated[str | None, Query()] = None,
) -> Response:
    """Explorateur d'un plan : son résumé, puis OS → OO → projets et actions (fiches repliées)."""
    return plan_page(request, store, validation, plan_iri(cpas, legislature), format, tableau)


@router.get("/plans/{cpas}/{legislature}/validation", response_class=HTMLResponse)
def validation_page(
    cpas: str, legislature: str, request: Request, store: StoreDep, validation: ValidationDep
) -> Response:
    """Le rapport de validation, tel que ``pst validate --format html`` l'écrit, sous l'en-tête
    des pages (sections et recherche)."""
    report = _report(store, validation, plan_iri(cpas, legislature))
    return HTMLResponse(with_site_header(request, render_report([report], "html")))


@router.get("/comparer", response_class=HTMLResponse)
def compare_page(
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    a: Annotated[str | None, Query()] = None,
    b: Annotated[str | None, Query()] = None,
    format: Annotated[ExportFormat | None, Query()] = None,
) -> Response:
    """Deux plans côte à côte, et leurs thèmes comparés (tableau, graphique, exports)."""
    summaries = plan_summaries(store, validation)
    if not a or not b:
        return render_page(request, "compare.html", plans=summaries, trees=None, table=None)
    first, second = compare_pair(store, f"{a},{b}")
    themes = _rows(store, "compare-plans", {"plan_a": str(first), "plan_b": str(second)})
    by_iri = {summary.plan: summary for summary in summaries}
    pair = [by_iri[str(first)], by_iri[str(second)]]
    table = comparison_table(
        themes, [(p.plan, p.cpas) for p in pair], {p.plan: p.actions for p in pair}
    )
    if format is not None:
        columns, rows = table.export("Code du thème", "Thème")
        return table_response(
            columns, rows, format, f"comparaison-{pair[0].id}-{pair[1].id}".replace("/", "-")
        )
    trees = [plan_tree(store, first), plan_tree(store, second)]
    return render_page(
        request,
        "compare.html",
        plans=summaries,
        pair=pair,
        trees=trees,
        table=table,
        titles={str(r["theme"]): (r.get("titles_a"), r.get("titles_b")) for r in themes},
        chart=comparison_chart(table) if table.rows else None,
        format_share=format_share,
        a=plan_key(first),
        b=plan_key(second),
    )


@router.get("/couverture", response_class=HTMLResponse)
def coverage_page(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    mesure: Annotated[str, Query()] = "nombre",
    format: Annotated[ExportFormat | None, Query()] = None,
    tableau: Annotated[str | None, Query()] = None,
) -> Response:
    """Carte de chaleur : projets par ODD et par thème, pour chaque plan (``limit`` plans par
    page), en nombre ou en part du plan ; chaque nombre mène aux projets qu'il compte."""
    if mesure not in MEASURES:
        return error_page(
            request,
            400,
            french=f"Mesure « {mesure} » inconnue : valeurs possibles : {', '.join(MEASURES)}.",
        )
    if format is not None and tableau not in COVERAGE_TABLES:
        return error_page(
            request, 400, french=f"Tableau « {tableau} » inconnu : valeurs possibles : odd, themes."
        )
    summary = _rows(store, "plan-summary")
    sizes = plan_sizes(summary)
    # The export holds every plan; the page, the plans of its window (one column each).
    window = paging.window(len(summary))
    shown = None if format else plans_in(summary, window.offset, window.limit)
    tables = {
        "odd": odd_table(keep_plans(_rows(store, "odd-coverage"), shown), sdg_goal_names(), sizes),
        "themes": theme_table(keep_plans(_rows(store, "theme-coverage"), shown), sizes),
    }
    if format is not None and tableau is not None:
        columns, rows = tables[tableau].export(*COVERAGE_TABLES[tableau])
        return table_response(columns, rows, format, f"couverture-{tableau}")
    return render_page(
        request, "coverage.html", tables=tables, measure=mesure, measures=MEASURES, window=window
    )


@router.get("/partenaires", response_class=HTMLResponse)
def partners_page(
    request: Request,
    store: StoreDep,
    organisation: Annotated[str | None, Query()] = None,
    kind: Annotated[str | None, Query()] = None,
    format: ExportParam = None,
    tableau: Annotated[PartnerTable, Query()] = "organisations",
) -> Response:
    """Les partenaires et les types de partenaires que plusieurs CPAS citent, et leurs projets.

    Chaque tableau s'exporte : ``format=csv|xlsx`` et ``tableau=types|organisations|projets``.
    """
    chosen = {
        name: value for name, value in (("organisation", organisation), ("kind", kind)) if value
    }
    tables = {
        "types": lambda: _rows(store, "shared-partner-kinds"),
        "organisations": lambda: _rows(store, "shared-partners"),
        "projets": lambda: _rows(store, "partner-projects", chosen) if chosen else [],
    }
    if format is not None:
        return table_response(PARTNER_COLUMNS[tableau], tables[tableau](), format, tableau)
    return render_page(
        request,
        "partners.html",
        shared=tables["organisations"](),
        kinds=tables["types"](),
        projects=tables["projets"](),
        chosen=chosen,
    )
