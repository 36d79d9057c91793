"""Cross-origin reads: ``/sparql`` and the named queries, for notebooks and other sites' YASGUI.

Only these read paths get CORS headers (and answers to preflight OPTIONS requests); the
writes (``/api/plans``) and the pages never do, and credentials are never allowed: a page on
another site can read public data, never act with a user's token.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

SPARQL_PATH = "/sparql"
NAMED_QUERIES_PATH = "/api/queries"
EXPOSED_HEADERS = ["X-Result-Limit", "X-Result-Truncated", "Warning"]
"""Headers a cross-origin script may read: whether and where an answer was cut."""


class ReadOnlyCORS:
    """CORS for ``origins`` on the read paths only (Starlette's middleware does the work)."""

    def __init__(self, app: ASGIApp, origins: Sequence[str]) -> None:
        self.app = app

        def cors(methods: list[str]) -> CORSMiddleware:
            return CORSMiddleware(
                app,
                allow_origins=list(origins),
                allow_methods=methods,
                allow_headers=["Accept", "Content-Type"],
                expose_headers=EXPOSED_HEADERS,
                allow_credentials=False,
                max_age=600,
            )

        self.sparql = cors(["GET", "POST"])  # POST carries queries too long for a URL
        self.named_queries = cors(["GET"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == SPARQL_PATH:
            await self.sparql(scope, receive, send)
        elif path == NAMED_QUERIES_PATH or path.startswith(NAMED_QUERIES_PATH + "/"):
            await self.named_queries(scope, receive, send)
        else:
            await self.app(scope, receive, send)
