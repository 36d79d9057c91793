"""``/api/queries``: the named queries of queries/ as REST resources, one route per query.

Each route is generated when the app is created, with the query's own typed parameters,
title and description (from its ``.rq`` header), so each has its entry in the OpenAPI document.
The query runs in a worker process with the service's time limit, as /sparql queries do.
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
from pstkg.api.query_jobs import NamedQueryJob
from pstkg.api.query_runner import QueryRunner, answer_or_error
from pstkg.api.settings import ServiceSettings
from pstkg.errors import QueryError
from pstkg.named_queries import NamedQuery, Parameter, catalogue, named_query_sparql

_NARROW = "narrow it down with the query's parameters (one plan, for instance)"

# What a parameter's value is checked as by FastAPI before the query's own check.
_PYTHON_TYPES: dict[str, type] = {
    "iri": str,
    "string": str,
    "integer": int,
    "decimal": float,
    "date": datetime.date,
}


class ParameterInfo(BaseModel):
    """A parameter of a named query."""

    name: str
    type: str
    default: str | None
    description: str


class QueryInfo(BaseModel):
    """A named query, as listed by ``/api/queries``."""

    name: str
    title: str
    description: str
    parameters: list[ParameterInfo]
    url: str


class QueryRows(BaseModel):
    """The rows of a named query, values as plain JSON."""

    query: str
    variables: list[str]
    rows: list[dict[str, Any]]


def query_info(query: NamedQuery) -> QueryInfo:
    """The public description of a named query."""
    return QueryInfo(
        name=query.name,
        title=query.title,
        description=query.description,
        parameters=[ParameterInfo(**vars(p)) for p in query.parameters],
        url=f"/api/queries/{query.name}",
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
                200: {"content": {"text/csv": {}}},
                400: {"description": "A parameter's value does not fit its type"},
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
        format: str | None,
        **values: Any,
    ):
        media = {"json": "application/json", "csv": "text/csv"}.get(format or "") or choose(
            request.headers.get("accept"), ["application/json", "text/csv"]
        )
        if media is None:
            raise HTTPException(
                406, "this query's rows are available as application/json or text/csv"
            )
        texts = {name: str(value) for name, value in values.items() if value is not None}
        try:
            sparql = named_query_sparql(query.name, texts)
        except QueryError as error:
            raise HTTPException(400, str(error)) from None
        # A worker runs it, with the service's time limit, and writes the rows (query_jobs).
        job = NamedQueryJob(settings.store_location, query.name, sparql, media)
        answer = await answer_or_error(runner, job, _NARROW)
        return Response(answer.body, media_type=answer.media_type)

    parameters = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter("runner", inspect.Parameter.KEYWORD_ONLY, annotation=RunnerDep),
        inspect.Parameter("settings", inspect.Parameter.KEYWORD_ONLY, annotation=SettingsDep),
        inspect.Parameter(
            "format",
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                Literal["json", "csv"] | None,
                Query(description="json or csv; overrides the Accept header"),
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
        description += " — an IRI, or pstid:… as `pst plans` prints it"
    return inspect.Parameter(
        parameter.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[_PYTHON_TYPES[parameter.type] | None, Query(description=description)],
    )
