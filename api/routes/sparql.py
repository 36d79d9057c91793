"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint (query operation only).

GET ``?query=``, POST form-encoded ``query=`` and POST ``application/sparql-query`` are
accepted, with ``default-graph-uri`` / ``named-graph-uri``; results are negotiated by
``Accept``. Each query runs in a worker process with a deadline (see query_runner).
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from rdflib import URIRef

from pstkg.api.dependencies import RunnerDep, SettingsDep
from pstkg.api.identifiers import is_iri
from pstkg.api.negotiation import choose, prefers_html
from pstkg.api.query_jobs import QueryJob
from pstkg.api.query_runner import answer_or_error
from pstkg.api.serializers import GRAPH_TYPES, render_graph
from pstkg.api.service_description import describe_service
from pstkg.errors import QueryError
from pstkg.sparql_guard import ServiceRefusedError, check_query, is_update
from pstkg.store import USER_PROLOGUE, QueryDataset

router = APIRouter(tags=["SPARQL"])

_READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"

_QUERY_DOC = (
    "The SPARQL 1.1 query. The prefixes pst:, pstid:, skos:, dcterms:… are predeclared; "
    "relative IRIs resolve against https://w3id.org/pst-kg/id/ unless the query has a BASE. "
    "Without a query, GET /sparql answers the service description (Turtle by default)."
)
_GRAPH_DOC = (
    "An IRI of the query's default graph (repeatable). With default-graph-uri or "
    "named-graph-uri, these two lists are the whole dataset (§2.1.4)"
)
_NAMED_DOC = (
    "An IRI of a named graph the query may use (repeatable); default: every graph, "
    "but none when only default-graph-uri is given"
)

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Results as negotiated: SPARQL JSON/XML/CSV/TSV, or an RDF syntax",
        "content": {
            "application/sparql-results+json": {},
            "application/sparql-results+xml": {},
            "text/csv": {},
            "text/tab-separated-values": {},
            "text/turtle": {},
            "application/n-triples": {},
            "application/ld+json": {},
            "application/rdf+xml": {},
        },
    },
    400: {"description": "Malformed query or parameters, or brackets nested too deep"},
    403: {"description": "An update (the endpoint is read-only), or a SERVICE not allowed"},
    406: {"description": "No acceptable result format"},
    503: {
        "description": "The query was stopped: past the time limit, past the memory limit, or "
        "the service is busy with long queries (retry later)"
    },
}


@router.get("/sparql", responses=_RESPONSES, summary="SPARQL 1.1 query (GET)")
async def sparql_get(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(description=_QUERY_DOC)] = None,
    default_graph_uri: Annotated[
        list[str], Query(alias="default-graph-uri", description=_GRAPH_DOC)
    ] = [],  # noqa: B006 (FastAPI copies defaults per request)
    named_graph_uri: Annotated[
        list[str], Query(alias="named-graph-uri", description=_NAMED_DOC)
    ] = [],  # noqa: B006
) -> Response:
    """Run a query given in the URL; without one, the service description (or the editor)."""
    if query is None:
        accept = request.headers.get("accept")
        if prefers_html(accept):
            return RedirectResponse("/editeur", status_code=303)  # a browser: the editor
        return _service_description(request, settings, accept)
    if "update" in request.query_params:
        raise HTTPException(403, _READ_ONLY)
    _one_query(len(request.query_params.getlist("query")))
    return await _answer(request, runner, settings, query, default_graph_uri, named_graph_uri)


@router.post(
    "/sparql",
    responses=_RESPONSES,
    summary="SPARQL 1.1 query (POST)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string", "description": _QUERY_DOC},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["query"],
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
            },
        }
    },
)
async def sparql_post(request: Request, runner: RunnerDep, settings: SettingsDep) -> Response:
    """Run a query sent as a form (``query=``) or as the body (``application/sparql-query``)."""
    content_type, _, parameters = request.headers.get("content-type", "").partition(";")
    content_type = content_type.strip().lower()
    body = _utf8_body(await request.body(), parameters)
    params = request.query_params
    if content_type == "application/sparql-update":
        raise HTTPException(403, _READ_ONLY)
    if content_type == "application/sparql-query":
        _one_query(1 + len(params.getlist("query")))
        query = body
        defaults, named = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    elif content_type == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError as error:
            raise HTTPException(400, f"the form is not UTF-8 once %-decoded: {error}") from None
        if "update" in form:
            raise HTTPException(403, _READ_ONLY)
        if "query" not in form:
            raise HTTPException(
                400, "missing 'query' field in the form (SPARQL 1.1 Protocol §2.1.2)"
            )
        _one_query(len(form["query"]) + len(params.getlist("query")))
        query = form["query"][0]
        defaults, named = form.get("default-graph-uri", []), form.get("named-graph-uri", [])
    else:
        raise HTTPException(
            415,
            "send the query as application/x-www-form-urlencoded (query=...) "
            "or as application/sparql-query",
        )
    return await _answer(request, runner, settings, query, defaults, named)


def _utf8_body(data: bytes, content_type_parameters: str) -> str:
    """The body as text: a query is UTF-8 (Protocol §2.1.2, §2.1.3), whatever else is said."""
    for parameter in content_type_parameters.split(";"):
        name, _, value = parameter.partition("=")
        charset = value.strip().strip('"').lower()
        if name.strip().lower() == "charset" and charset not in ("utf-8", "utf8", "us-ascii"):
            raise HTTPException(415, f"queries are sent in UTF-8, not {charset} (§2.1.2, §2.1.3)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(
            400, f"the request body is not UTF-8 (byte {error.start}): queries are UTF-8"
        ) from None


async def _answer(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    query: str,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if is_update(query):
        raise HTTPException(403, _READ_ONLY)
    try:
        # In a thread: reading a long query's tokens takes a while, the event loop goes on.
        await run_in_threadpool(
            partial(
                check_query,
                query,
                allowed_services=settings.allowed_services,
                prefixes=USER_PROLOGUE.prefixes,
            )
        )
    except ServiceRefusedError as refused:
        raise HTTPException(403, str(refused)) from None
    except QueryError as error:
        raise HTTPException(400, str(error)) from None
    job = QueryJob(
        store_location=settings.store_location,
        sparql=query,
        dataset=QueryDataset(_iris(default_graphs), _iris(named_graphs)),
        limit=settings.result_limit,
        accept=request.headers.get("accept"),
        # Predeclared prefixes and base IRI, as `pst sparql` has them; a query may redeclare
        # them. Given apart from the text, so syntax errors name the user's own lines.
        prologue=USER_PROLOGUE,
    )
    answer = await answer_or_error(
        runner,
        job,
        "narrow it down (a LIMIT, fewer OPTIONAL, a GRAPH restriction)",
        client=request.client.host if request.client else "",  # the unit of fairness
    )
    headers = {"X-Result-Limit": str(settings.result_limit)}
    if answer.truncated:
        # A client that reads only the body still gets a standard result; the header says
        # the result was cut, and how many rows or triples it was cut to.
        headers["X-Result-Truncated"] = "true"
        headers["Warning"] = f'199 - "result truncated to {settings.result_limit} rows/triples"'
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _one_query(count: int) -> None:
    """A request carries exactly one query (SPARQL 1.1 Protocol §2.1: "exactly one")."""
    if count > 1:
        raise HTTPException(
            400, f"{count} 'query' parameters: a request carries exactly one query (§2.1)"
        )


def _service_description(request: Request, settings: SettingsDep, accept: str | None) -> Response:
    """The SPARQL 1.1 Service Description, in the RDF syntax the client prefers."""
    media = choose(accept, list(GRAPH_TYPES))
    if media is None:
        raise HTTPException(
            400,
            "missing 'query' parameter (SPARQL 1.1 Protocol §2.1.1); without one, /sparql "
            f"describes itself in {', '.join(GRAPH_TYPES)}",
        )
    endpoint = str(request.url.replace(query="", fragment=""))
    graphs = request.app.state.store.graph_names()
    description = describe_service(endpoint, graphs, federated=bool(settings.allowed_services))
    return Response(render_graph(description, media), media_type=media)


def _iris(values: list[str]) -> tuple[URIRef, ...]:
    for value in values:
        if not is_iri(value):
            raise HTTPException(400, f"not an IRI: {value!r}")
    return tuple(URIRef(value) for value in values)
