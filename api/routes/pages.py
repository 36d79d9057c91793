"""The web pages, in French, rendered on the server from the templates in api/templates/."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pstkg.api.dependencies import StoreDep, ValidationDep
from pstkg.api.identifiers import plan_iri, plan_key
from pstkg.api.pages_support import render_page
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
    cpas: str, legislature: str, store: StoreDep, validation: ValidationDep
) -> Response:
    """Le rapport de validation, tel que ``pst validate --format html`` l'écrit."""
    report = _report(store, validation, plan_iri(cpas, legislature))
    return HTMLResponse(render_report([report], "html"))


@router.get("/comparer", response_class=HTMLResponse)
def compare_page(
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    a: Annotated[str | None, Query()] = None,
    b: Annotated[str | None, Query()] = None,
) -> Response:
    """Deux plans côte à côte, et leurs thèmes comparés."""
    summaries = plan_summaries(store, validation)
    if not a or not b:
        return render_page(request, "compare.html", plans=summaries, trees=None, themes=[])
    first, second = compare_pair(store, f"{a},{b}")
    themes = _rows(store, "compare-plans", {"plan_a": str(first), "plan_b": str(second)})
    trees = [plan_tree(store, first), plan_tree(store, second)]
    return render_page(
        request,
        "compare.html",
        plans=summaries,
        trees=trees,
        themes=themes,
        a=plan_key(first),
        b=plan_key(second),
    )


@router.get("/couverture", response_class=HTMLResponse)
def coverage_page(request: Request, store: StoreDep) -> Response:
    """Carte de chaleur : projets par ODD et par thème, pour chaque plan."""
    odd = _rows(store, "odd-coverage")
    themes = _rows(store, "theme-coverage")
    theme_names = sorted({(str(r["theme"]), str(r["theme_label"])) for r in themes})
    plans = sorted(
        {(str(r["plan"]), str(r["cpas"])) for r in themes}
        | {(str(r["plan"]), str(r["cpas"])) for r in odd},
        key=lambda p: p[1],
    )
    theme_cells = {(str(r["plan"]), str(r["theme"])): int(str(r["items"])) for r in themes}
    maximum = max([1, *theme_cells.values()])
    odd_max = max([1, *(int(str(r[f"odd_{n}"])) for r in odd for n in range(1, 18))])
    return render_page(
        request,
        "coverage.html",
        odd=odd,
        odd_max=odd_max,
        plans=plans,
        theme_names=theme_names,
        theme_cells=theme_cells,
        theme_max=maximum,
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
