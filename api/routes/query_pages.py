"""The named queries as French pages: ``/requetes``, ``/requetes/{name}`` and ``/recherche``.

A query page is a GET form of the query's parameters and its rows as a table, a page of them
at a time (``limit``, ``offset``), with the total and export buttons for the whole result
(``format=csv|xlsx``). Queries run in the service's worker pool with its time limit, as
``/api/queries`` runs them, so a long query never holds the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pstkg.api.dependencies import RunnerDep, SettingsDep
from pstkg.api.error_pages import error_page
from pstkg.api.pages_support import render_page
from pstkg.api.paging import Paging, PagingDep
from pstkg.api.query_form import (
    BadParameterError,
    Field,
    checked_values,
    form_fields,
    needs_plans,
    plan_values,
    plans_sparql,
)
from pstkg.api.query_page_job import PageQueryError, Results, run_for_page
from pstkg.api.query_runner import QueryRunner
from pstkg.api.query_table import (
    Cell,
    Column,
    config,
    display_rows,
    export_table,
    shown_columns,
)
from pstkg.api.settings import ServiceSettings
from pstkg.api.table_pages import ExportParam
from pstkg.errors import QueryError
from pstkg.linking.text import fold_for_search
from pstkg.named_queries import NamedQuery, catalogue, named_query_sparql
from pstkg.parameter_values import ValueList

router = APIRouter(include_in_schema=False)

_PAGE_PARAMETERS = {"limit", "offset", "format", "tableau"}
_SEARCH_MIN_LETTERS = 2


@dataclass
class QueryOutcome:
    """What a query page shows: the form, and the result or why there is none."""

    query: NamedQuery
    fields: list[Field]
    results: Results | None = None
    """A page of the rows and the total, or every row for an export."""
    error: str | None = None
    status: int = 200
    names: dict[str, str] = field(default_factory=dict)


def french_title(query: NamedQuery) -> str:
    """The French half of a query's title (« Recherche » of « Recherche / Search »)."""
    return query.title.split(" / ")[0]


def french_description(query: NamedQuery) -> str:
    """The query's description in French (query_pages.toml), its own if none is written."""
    return config()["descriptions"].get(query.name, query.description)


@router.get("/requetes", response_class=HTMLResponse)
def query_list(request: Request) -> Response:
    """Les requêtes nommées : titre, description et paramètres de chacune."""
    queries = [
        {
            "name": query.name,
            "title": french_title(query),
            "description": french_description(query),
            "fields": form_fields(query, {}, None),
        }
        for query in catalogue().values()
    ]
    return render_page(request, "queries.html", queries=queries)


@router.get("/requetes/{name}", response_class=HTMLResponse)
async def query_page(
    name: str,
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    paging: PagingDep,
    format: ExportParam = None,
) -> Response:
    """Une requête nommée : son formulaire, ses lignes page par page, et leur export."""
    query = catalogue().get(name)
    if query is None:
        return error_page(
            request,
            404,
            french=f"Aucune requête ne s'appelle « {name} » : voyez la liste des requêtes.",
        )
    given = {k: v for k, v in request.query_params.items() if k not in _PAGE_PARAMETERS}
    outcome = await run_query(runner, settings, query, given, None if format else paging)
    if format is not None and outcome.results is not None:
        return export_table(outcome.results, format, query.name)
    return render_result(request, "query.html", outcome, paging)


@router.get("/recherche", response_class=HTMLResponse)
async def search_page(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    paging: PagingDep,
    mots: Annotated[str, Query()] = "",
    plan: Annotated[str, Query()] = "",
    format: ExportParam = None,
) -> Response:
    """La recherche dans les intitulés et les fiches de tous les plans."""
    query = catalogue()["search"]
    letters = sum(char.isalnum() for char in fold_for_search(mots))
    if letters < _SEARCH_MIN_LETTERS:
        outcome = QueryOutcome(query, form_fields(query, {"words": mots, "plan": plan}, None))
        hint = "Tapez au moins deux lettres ou chiffres, par exemple « taxi social »."
        return render_result(request, "search.html", outcome, paging, hint=hint if mots else None)
    given = {"words": mots, "plan": plan}
    outcome = await run_query(runner, settings, query, given, None if format else paging)
    if format is not None and outcome.results is not None:
        return export_table(outcome.results, format, "recherche")
    return render_result(request, "search.html", outcome, paging, mots=mots)


async def run_query(
    runner: QueryRunner,
    settings: ServiceSettings,
    query: NamedQuery,
    given: dict[str, str],
    paging: Paging | None,
) -> QueryOutcome:
    """The query run with the reader's values, checked first against its parameters: the
    rows ``paging`` asks and the total, or every row (None, for an export)."""
    plans: ValueList | None = None
    try:
        if needs_plans(query):
            plans = plan_values(await run_for_page(runner, settings, "plans", plans_sparql()))
        values = checked_values(query, given, plans)
        # The form shows the values as read (a label chosen in its list, a plan by its IRI).
        outcome = QueryOutcome(query, form_fields(query, {**given, **values}, plans))
        outcome.names = {} if plans is None else {plan.code: plan.label for plan in plans.values}
        sparql = named_query_sparql(query.name, values)
        outcome.results = await run_for_page(runner, settings, query.name, sparql, paging)
    except BadParameterError as error:
        return QueryOutcome(query, form_fields(query, given, plans), error=str(error), status=400)
    except QueryError as error:  # what checked_values lets through: the query's own words
        message = f"Valeur refusée : {error}"
        return QueryOutcome(query, form_fields(query, given, plans), error=message, status=400)
    except PageQueryError as error:
        fields = form_fields(query, given, plans)
        return QueryOutcome(query, fields, error=str(error), status=error.status)
    return outcome


def render_result(
    request: Request, template: str, outcome: QueryOutcome, paging: PagingDep, **context: object
) -> Response:
    """The page of a query's outcome: its form, and one page of its rows with the pager."""
    columns: list[Column] = []
    cells: list[list[Cell]] = []
    window = None
    if outcome.results is not None:
        window = paging.window(outcome.results.total)
        columns = shown_columns(outcome.results.variables, outcome.query.name)
        cells = display_rows(outcome.results.rows, columns, outcome.names)
    return render_page(
        request,
        template,
        status_code=outcome.status,
        query=outcome.query,
        title=french_title(outcome.query),
        description=french_description(outcome.query),
        fields=outcome.fields,
        error=outcome.error,
        columns=columns,
        cells=cells,
        window=window,
        **context,
    )
