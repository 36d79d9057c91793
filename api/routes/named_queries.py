"""``/api/queries``: the named queries of queries/ as REST resources, one route per query.

Each route is generated when the app is created, with the query's own typed parameters,
title and description (from its ``.rq`` header), so each has its entry in the OpenAPI document.
The query runs in a worker process with the service's time limit, as /sparql queries do.

A route answers a page of the rows (``limit``, default 100, at most 1,000, from ``offset``)
with the total: in the JSON body (``total``, ``limit``, ``offset``, ``next``), and for every
format in the headers ``X-Total-Count`` and ``Link: <…>; rel="next"``. The next pages are
sliced from the rows the worker kept (:mod:`pstkg.api.result_pages`). A parameter name the
query does not know is a 400 that suggests the closest one (FastAPI would ignore it).
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from pstkg.api.dependencies import RunnerDep, SettingsDep
from pstkg.api.negotiation import choose
from pstkg.api.paging import Paging, PagingDep
from pstkg.api.query_jobs import NamedQueryJob
from pstkg.api.query_runner import QueryRunner, answer_or_error
from pstkg.api.settings import ServiceSettings
from pstkg.api.table_export import XLSX_MEDIA_TYPE
from pstkg.errors import QueryError
from pstkg.named_queries import (
    NamedQuery,
    Parameter,
    UnknownParameterError,
    catalogue,
    named_query_sparql,
)

_NARROW = "narrow it down with the query's parameters (one plan, for instance)"
_FORMATS = {"json": "application/json", "csv": "text/csv", "xlsx": XLSX_MEDIA_TYPE}
_SERVICE_PARAMETERS = ("format", "limit", "offset")
"""The query-string names every route takes besides its query's parameters."""

# What a parameter's value is checked as by FastAPI before the query's own check.
_PYTHON_TYPES: dict[str, type] = {
    "iri": str,
    "string": str,
    "integer": int,
    "decimal": float,
    "date": datetime.date,
}


class AllowedValueInfo(BaseModel):
    """A value a parameter takes: its code, and its label (French)."""

    code: str
    label: str


class ParameterInfo(BaseModel):
    """A parameter of a named query."""

    name: str
    type: str
    default: str | None
    description: str
    values_from: str | None = None
    """The list its values come from (a SKOS scheme, or the values), as the query declares it."""
    allowed_values: list[AllowedValueInfo] | None = None
    """Its values, when they come from a list (a label is accepted too)."""


class QueryInfo(BaseModel):
    """A named query, as listed by ``/api/queries``."""

    name: str
    title: str
    description: str
    parameters: list[ParameterInfo]
    url: str


class QueryRows(BaseModel):
    """A page of the rows of a named query, values as plain JSON, and where it stands."""

    query: str
    variables: list[str]
    rows: list[dict[str, Any]]
    total: int
    """The rows of the whole result."""
    limit: int
    offset: int
    next: str | None
    """The URL of the next page; null on the last."""


def query_info(query: NamedQuery) -> QueryInfo:
    """The public description of a named query."""
    return QueryInfo(
        name=query.name,
        title=query.title,
        description=query.description,
        parameters=[parameter_info(p) for p in query.parameters],
        url=f"/api/queries/{query.name}",
    )


def parameter_info(parameter: Parameter) -> ParameterInfo:
    """The public description of a parameter, with its allowed values."""
    values = parameter.values
    return ParameterInfo(
        name=parameter.name,
        type=parameter.type,
        default=parameter.default,
        description=parameter.description,
        values_from=parameter.values_from,
        allowed_values=None
        if values is None
        else [AllowedValueInfo(code=v.code, label=v.label) for v in values.values],
    )


def build_router() -> APIRouter:
    """The list route and one route per named query."""
    router = APIRouter(prefix="/api/queries", tags=["requêtes nommées"])

    @router.get("", response_model=list[QueryInfo], summary="The named queries")
    def list_queries() -> list[QueryInfo]:
        """Every named query with its typed parameters."""
        return [query_info(query) for query in catalogue().values()]

    for query in catalogue().values():
        router.add_api_route(
            f"/{query.name}",
            _endpoint(query),
            methods=["GET"],
            summary=query.title,
            description=query.description
            + "".join(f"\n\nExample: `{example}`" for example in query.examples),
            operation_id=f"query_{query.name.replace('-', '_')}",
            response_model=QueryRows,
            responses={
                200: {
                    "content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}},
                    "headers": {
                        "X-Total-Count": {
                            "description": "the rows of the whole result",
                            "schema": {"type": "integer"},
                        },
                        "Link": {
                            "description": 'the next page: <URL>; rel="next"',
                            "schema": {"type": "string"},
                        },
                    },
                },
                400: {
                    "description": "An unknown parameter, or a value that does not fit its "
                    "type or list (the message names the allowed ones)"
                },
                503: {"description": "The query ran past the time limit and was stopped"},
            },
        )
    return router


def _endpoint(query: NamedQuery) -> Callable[..., Any]:
    """A route function whose signature declares the query's parameters to FastAPI."""

    async def endpoint(
        request: Request,
        runner: QueryRunner,
        settings: ServiceSettings,
        paging: Paging,
        format: str | None,
        **values: Any,
    ):
        media = _FORMATS.get(format or "") or choose(
            request.headers.get("accept"), list(_FORMATS.values())
        )
        if media is None:
            raise HTTPException(
                406, f"this query's rows are available as {', '.join(_FORMATS.values())}"
            )
        try:
            query.check_names(request.query_params, _SERVICE_PARAMETERS)
        except UnknownParameterError as unknown:
            raise HTTPException(400, str(unknown)) from None
        texts = {name: str(value) for name, value in values.items() if value is not None}
        try:
            sparql = named_query_sparql(query.name, texts)
        except QueryError as error:
            raise HTTPException(400, str(error)) from None
        # A worker runs it, with the service's time limit, and writes the page (query_jobs).
        job = NamedQueryJob(
            settings.store_location,
            query.name,
            sparql,
            media,
            paging,
            keep=settings.result_limit,
            generation=runner.generation,
            page_url=str(request.url.remove_query_params("offset")),
        )
        answer = await answer_or_error(runner, job, _NARROW)
        headers = {"X-Total-Count": str(answer.total)}
        if answer.next_url is not None:
            headers["Link"] = f'<{answer.next_url}>; rel="next"'
        if media == XLSX_MEDIA_TYPE:
            headers["Content-Disposition"] = f'attachment; filename="{query.name}.xlsx"'
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    parameters = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter("runner", inspect.Parameter.KEYWORD_ONLY, annotation=RunnerDep),
        inspect.Parameter("settings", inspect.Parameter.KEYWORD_ONLY, annotation=SettingsDep),
        inspect.Parameter("paging", inspect.Parameter.KEYWORD_ONLY, annotation=PagingDep),
        inspect.Parameter(
            "format",
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                Literal["json", "csv", "xlsx"] | None,
                Query(description="json, csv or xlsx; overrides the Accept header"),
            ],
        ),
    ]
    parameters += [_signature_parameter(parameter) for parameter in query.parameters]
    # FastAPI reads the parameters from __signature__, which typeshed's functions do not declare
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}"
    return endpoint


def _signature_parameter(parameter: Parameter) -> inspect.Parameter:
    description = parameter.description or parameter.name
    if parameter.default is not None:
        description += f" (default: {parameter.default})"
    if parameter.type == "iri":
        description += " — an IRI, pstid:… as `pst plans` prints it, or CPAS/LEG for a plan"
    values = parameter.values
    if values is not None:
        description += f" — one of: {values.describe()} (the code or the label, any case)"
    return inspect.Parameter(
        parameter.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[_PYTHON_TYPES[parameter.type] | None, Query(description=description)],
    )
