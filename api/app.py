"""The app factory: the store opened once, injected into routes as a dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from pstkg import __version__
from pstkg.api.cors import ReadOnlyCORS
from pstkg.api.negotiation import prefers_html
from pstkg.api.pages_support import STATIC_DIR, render_page
from pstkg.api.query_runner import QueryRunner
from pstkg.api.routes import named_queries, pages, plans, resources, sparql
from pstkg.api.settings import DEFAULT_QUERY_TIMEOUT, DEFAULT_RESULT_LIMIT, ServiceSettings
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
    allowed_services: Iterable[str] = (),
    cors_origins: Sequence[str] = ("*",),
) -> FastAPI:
    """The service over the store in ``store_location`` (opened when the app starts).

    ``store_location`` may also be a store already open, such as one held in memory (tests,
    embedding): the app then uses it as it is, leaves it open, and runs queries in-process.
    ``allowed_services``: the endpoints /sparql may call with SERVICE (none by default);
    ``cors_origins``: who may read /sparql and /api/queries cross-origin (empty: nobody).
    """
    settings = ServiceSettings(
        store_location,
        write_token,
        query_timeout,
        result_limit,
        max_concurrent_queries,
        frozenset(allowed_services),
        tuple(cors_origins),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        given = store_location if isinstance(store_location, PlanStore) else None
        app.state.store = given if given is not None else open_store(store_location)
        app.state.runner = QueryRunner(
            settings.query_timeout,
            settings.max_concurrent_queries,
            None if given is not None else store_location,
            store=given,
        )
        app.state.runner.start()
        try:
            yield
        finally:
            await app.state.runner.close()
            if given is None:
                app.state.store.close()

    app = FastAPI(title="pst-kg", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.validation = ValidationCache()
    app.include_router(sparql.router)
    app.include_router(named_queries.build_router())
    app.include_router(plans.router)
    app.include_router(resources.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if settings.cors_origins:
        app.add_middleware(ReadOnlyCORS, origins=settings.cors_origins)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(PstError, _pst_error)
    return app


async def _http_error(request: Request, error: HTTPException) -> Response:
    """Errors as a French page for a browser, as JSON ``{"detail": …}`` otherwise."""
    if prefers_html(request.headers.get("accept")) and isinstance(error.detail, str):
        return render_page(
            request,
            "error.html",
            status_code=error.status_code,
            status=error.status_code,
            message=error.detail,
        )
    if request.url.path == "/sparql":
        # SPARQL clients print the body of an error: plain text reads best there.
        return PlainTextResponse(str(error.detail), error.status_code, headers=error.headers)
    return await http_exception_handler(request, error)


async def _pst_error(request: Request, error: PstError) -> Response:
    """A store or query error that escaped a route: the message, as a client error."""
    return PlainTextResponse(str(error), status_code=400)
