"""The app factory: the store opened once, injected into routes as a dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from pstkg import __version__
from pstkg.api.cors import ReadOnlyCORS
from pstkg.api.error_pages import error_page, validation_message
from pstkg.api.http_errors import french_message
from pstkg.api.negotiation import prefers_html
from pstkg.api.pages_support import STATIC_DIR
from pstkg.api.query_runner import QueryRunner
from pstkg.api.request_limits import RequestLimits
from pstkg.api.routes import (
    docs,
    editor,
    evolution,
    named_queries,
    pages,
    plans,
    query_pages,
    region,
    resources,
    sparql,
)
from pstkg.api.settings import (
    DEFAULT_MAX_QUERY_SIZE,
    DEFAULT_MAX_UPLOAD_SIZE,
    DEFAULT_PER_CLIENT,
    DEFAULT_QUERY_MEMORY,
    DEFAULT_QUERY_TIMEOUT,
    DEFAULT_RESULT_LIMIT,
    DEFAULT_SHORT_TIMEOUT,
    ServiceSettings,
)
from pstkg.api.validation_cache import ValidationCache
from pstkg.errors import PstError
from pstkg.store import PlanStore, open_store

DESCRIPTION = """Les programmes stratégiques transversaux (PST) des CPAS wallons, en graphe de
connaissances. A read-only SPARQL 1.1 endpoint (`/sparql`), the named queries as REST
resources (`/api/queries`), the plans (`/api/plans`), and the pages in French (`/`)."""


def create_app(
    store_location: Path | str | PlanStore,
    *,
    write_token: str | None = None,
    query_timeout: float = DEFAULT_QUERY_TIMEOUT,
    result_limit: int = DEFAULT_RESULT_LIMIT,
    max_concurrent_queries: int = 4,
    query_memory: int | None = DEFAULT_QUERY_MEMORY,
    max_query_size: int = DEFAULT_MAX_QUERY_SIZE,
    max_upload_size: int = DEFAULT_MAX_UPLOAD_SIZE,
    queries_per_client: int = DEFAULT_PER_CLIENT,
    short_query_timeout: float = DEFAULT_SHORT_TIMEOUT,
    allowed_services: Iterable[str] = (),
    cors_origins: Sequence[str] = ("*",),
) -> FastAPI:
    """The service over the store in ``store_location`` (opened when the app starts).

    ``store_location`` may also be a store already open, such as one held in memory (tests,
    embedding): the app then uses it as it is, leaves it open, and runs queries in-process.
    The limits are :class:`ServiceSettings`'s, documented there.
    ``allowed_services``: the endpoints /sparql may call with SERVICE (none by default);
    ``cors_origins``: who may read /sparql and /api/queries cross-origin (empty: nobody).
    """
    settings = ServiceSettings(
        store_location,
        write_token=write_token,
        query_timeout=query_timeout,
        result_limit=result_limit,
        max_concurrent_queries=max_concurrent_queries,
        query_memory=query_memory,
        max_query_size=max_query_size,
        max_upload_size=max_upload_size,
        queries_per_client=queries_per_client,
        short_query_timeout=short_query_timeout,
        allowed_services=frozenset(allowed_services),
        cors_origins=tuple(cors_origins),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        given = store_location if isinstance(store_location, PlanStore) else None
        location = None if isinstance(store_location, PlanStore) else store_location
        app.state.store = given if given is not None else open_store(location)
        app.state.runner = QueryRunner(
            settings.query_timeout,
            settings.max_concurrent_queries,
            location,
            store=given,
            memory_limit=settings.query_memory,
            per_client=settings.queries_per_client,
            short_timeout=settings.short_query_timeout,
        )
        app.state.runner.start()
        try:
            yield
        finally:
            await app.state.runner.close()
            if given is None:
                app.state.store.close()

    # FastAPI's /docs and /redoc load their scripts from CDNs: /docs is served by routes.docs
    # from the bundled Swagger UI instead, and ReDoc (a second viewer of the same) is dropped.
    app = FastAPI(
        title="pst-kg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.validation = ValidationCache()
    app.include_router(sparql.router)
    app.include_router(named_queries.build_router())
    app.include_router(plans.router)
    app.include_router(resources.router)
    app.include_router(pages.router)
    app.include_router(editor.router)
    app.include_router(docs.router)
    app.include_router(query_pages.router)
    app.include_router(region.router)
    app.include_router(evolution.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Sizes and the write token are checked before a body is read (request_limits).
    app.add_middleware(RequestLimits, settings=settings)
    if settings.cors_origins:
        app.add_middleware(ReadOnlyCORS, origins=settings.cors_origins)
    # Starlette's annotation wants a handler of any Exception; each is registered for its class
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(PstError, _pst_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    return app


async def _http_error(request: Request, error: HTTPException) -> Response:
    """Errors as a French page for a browser, as JSON ``{"detail": …}`` otherwise."""
    if prefers_html(request.headers.get("accept")):
        return error_page(
            request,
            error.status_code,
            french=french_message(error),
            technical=error.detail,
            headers=error.headers,
        )
    if request.url.path == "/sparql":
        # SPARQL clients print the body of an error: plain text reads best there.
        return PlainTextResponse(str(error.detail), error.status_code, headers=error.headers)
    return await http_exception_handler(request, error)


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    """A parameter of the wrong form: « Paramètre invalide : … » on a page, FastAPI's 422 JSON
    (each error's location and reason) for the API's clients."""
    if prefers_html(request.headers.get("accept")):
        return error_page(request, 422, french=validation_message(error.errors()))
    return await request_validation_exception_handler(request, error)


async def _pst_error(request: Request, error: PstError) -> Response:
    """A store or query error that escaped a route: the message, as a client error."""
    if prefers_html(request.headers.get("accept")):
        return error_page(request, 400, technical=str(error))
    return PlainTextResponse(str(error), status_code=400)


async def _server_error(request: Request, error: Exception) -> Response:
    """A bug: a French page for a browser, Starlette's plain 500 for the others (the error
    itself is still raised to the server's log by Starlette)."""
    if prefers_html(request.headers.get("accept")):
        return error_page(request, 500)
    return PlainTextResponse("Internal Server Error", status_code=500)
