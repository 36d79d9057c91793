"""``/evolution`` and ``/evolution/{cpas}``: which projects continue from one législature to the
next (regional figures; one CPAS's plans over time), from the continuity named queries."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import URIRef

from pstkg.api.charts import Datum, bar_chart, shorten_label
from pstkg.api.dependencies import StoreDep
from pstkg.api.error_pages import error_page
from pstkg.api.identifiers import plan_key
from pstkg.api.page_queries import page_rows
from pstkg.api.pages_support import render_page
from pstkg.api.table_export import Column, ExportFormat, table_response
from pstkg.named_queries import run_named_query
from pstkg.namespaces import ID
from pstkg.store import PlanStore, SelectResult

router = APIRouter(include_in_schema=False)

Table = Literal["poursuivis", "nouveaux", "abandonnes"]
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

REGION_COLUMNS: list[Column] = [
    ("cpas_label", "CPAS"),
    ("earlier_plan", "Plan précédent"),
    ("plan", "Plan"),
    ("earlier_items", "Projets et actions du plan précédent"),
    ("items", "Projets et actions"),
    ("continued", "Poursuivis"),
    ("new", "Nouveaux"),
    ("dropped", "Abandonnés"),
    ("share_continued", "Part poursuivie (%)"),
]
TABLES: dict[str, tuple[str, list[Column]]] = {
    "poursuivis": (
        "continuity",
        [
            ("earlier_title", "Intitulé précédent"),
            ("earlier_item", "Projet ou action précédent"),
            ("title", "Intitulé"),
            ("item", "Projet ou action"),
            ("score", "Score"),
            ("method_label", "Méthode"),
            ("evidence", "Indices"),
        ],
    ),
    "nouveaux": (
        "new-items",
        [("code", "Code"), ("title", "Intitulé"), ("item", "Projet ou action")],
    ),
    "abandonnes": (
        "dropped-items",
        [("code", "Code"), ("title", "Intitulé"), ("item", "Projet ou action")],
    ),
}


def _rows(store: PlanStore, name: str, **params: str) -> list[dict[str, str]]:
    result = run_named_query(store, name, params)
    assert isinstance(result, SelectResult)  # the continuity queries are SELECT queries
    return [
        {key: "" if value is None else str(value) for key, value in row.items()}
        for row in result.as_dicts()
    ]


@router.get("/evolution", response_class=HTMLResponse)
def evolution_region(
    request: Request, store: StoreDep, format: Annotated[ExportFormat | None, Query()] = None
) -> Response:
    """L'évolution dans la région : par CPAS, les projets poursuivis, nouveaux et abandonnés."""
    rows = _rows(store, "continuity-by-cpas")
    if format is not None:
        return table_response(REGION_COLUMNS, rows, format, "evolution-region")
    chart = bar_chart(
        [
            Datum(
                label=shorten_label(row["cpas_label"], 30),
                value=float(row["share_continued"] or 0),
                shown=f"{row['share_continued']} %",
                tooltip=f"{row['cpas_label']} : {row['continued']} poursuivis sur "
                f"{row['earlier_items']}",
                url=f"/evolution/{cpas_slug(row['plan'])}",
            )
            for row in rows
        ],
        title="Part des projets et actions du plan précédent poursuivis",
        maximum=100,
    )
    return render_page(
        request, "evolution.html", rows=rows, chart=chart if rows else None, cpas_slug=cpas_slug
    )


@router.get("/evolution/{cpas}", response_class=HTMLResponse)
def evolution_cpas(
    request: Request,
    cpas: str,
    store: StoreDep,
    format: Annotated[ExportFormat | None, Query()] = None,
    tableau: Annotated[Table, Query()] = "poursuivis",
) -> Response:
    """Un CPAS au fil des législatures : ses plans, ses projets poursuivis, nouveaux, abandonnés."""
    # The CPAS's part of its IRI (slug), checked before it becomes an IRI: bound as a term,
    # never pasted into the query.
    plans = [] if not _SLUG.fullmatch(cpas) else _cpas_plans(store, URIRef(f"{ID}cpas/{cpas}"))
    if not plans:
        return error_page(request, 404, french=f"Aucun plan du CPAS « {cpas} » dans la base.")
    iri = f"{ID}cpas/{cpas}"
    tables = {key: _rows(store, name, cpas=iri) for key, (name, _) in TABLES.items()}
    if format is not None:
        return table_response(
            TABLES[tableau][1], tables[tableau], format, f"evolution-{cpas}-{tableau}"
        )
    label = next((str(row["label"]) for row in plans if row["label"]), cpas)
    evaluations = {
        str(row["plan"]): _rows(store, "evaluations", plan=str(row["plan"])) for row in plans
    }
    return render_page(
        request,
        "evolution_cpas.html",
        cpas=label,
        plans=[
            (str(row["plan"]), str(row["legislature_label"] or row["legislature"])) for row in plans
        ],
        evaluations=evaluations,
        tables=tables,
    )


def _cpas_plans(store: PlanStore, cpas: URIRef) -> list[dict]:
    """The CPAS's plans, oldest first, one row each (the first label of its législature)."""
    rows: dict[str, dict] = {}
    for row in page_rows(store, "cpas-plans", {"cpas": cpas}):
        rows.setdefault(str(row["plan"]), row)
    return list(rows.values())


def cpas_slug(plan_iri: str) -> str:
    """``…/id/plan/dinant/2024-2030`` → ``dinant``: the CPAS's part of a plan's IRI."""
    return plan_key(plan_iri).split("/", 1)[0]
