"""What a running service is configured with, fixed when the app is created."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pstkg.store import PlanStore

DEFAULT_QUERY_TIMEOUT = 30.0
"""Seconds a query (/sparql or a named query) may run before its process is stopped."""

DEFAULT_RESULT_LIMIT = 10_000
"""Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a /sparql answer holds at most."""


@dataclass(frozen=True)
class ServiceSettings:
    """The store to serve and the limits the service enforces."""

    store_location: Path | str | PlanStore
    """A store folder, or whatever else :func:`pstkg.store.open_store` accepts, or an open store."""

    write_token: str | None = None
    query_timeout: float = DEFAULT_QUERY_TIMEOUT
    result_limit: int = DEFAULT_RESULT_LIMIT
    max_concurrent_queries: int = 4
    allowed_services: frozenset[str] = frozenset()
    """Endpoint IRIs a /sparql query may call with SERVICE (exact match); none by default."""
    cors_origins: tuple[str, ...] = ("*",)
    """Origins allowed to read /sparql and /api/queries from a browser; () for none."""
