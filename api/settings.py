"""What a running service is configured with, fixed when the app is created."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pstkg.store import PlanStore

DEFAULT_QUERY_TIMEOUT = 30.0
"""Seconds a query (/sparql or a named query) may run before its process is stopped."""

DEFAULT_RESULT_LIMIT = 10_000
"""Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a /sparql answer holds at most."""

DEFAULT_PER_CLIENT = 2
"""/sparql queries one client may have running at once (the others wait their turn)."""

DEFAULT_SHORT_TIMEOUT = 5.0
"""Seconds a query on the short lane may run (never more than the service's limit)."""

DEFAULT_QUERY_MEMORY = 3 << 30
"""Bytes of data each query worker may hold (RLIMIT_DATA; see api/query_worker.py). A worker
holds 200-250 MiB at rest; five workers (four and the short lane) at 3 GiB each stay within
15 GiB of the 24 GiB machine, leaving the rest to the service, its loads and the system."""

DEFAULT_MAX_QUERY_SIZE = 1 << 20
"""Bytes of a /sparql request body (a query of 1 MiB is far beyond any written by hand)."""

DEFAULT_MAX_UPLOAD_SIZE = 20 << 20
"""Bytes of a plan document sent to POST /api/plans."""


@dataclass(frozen=True)
class ServiceSettings:
    """The store to serve and the limits the service enforces."""

    store_location: Path | str | PlanStore
    """A store folder, or whatever else :func:`pstkg.store.open_store` accepts, or an open store."""

    write_token: str | None = None
    query_timeout: float = DEFAULT_QUERY_TIMEOUT
    result_limit: int = DEFAULT_RESULT_LIMIT
    max_concurrent_queries: int = 4
    query_memory: int | None = DEFAULT_QUERY_MEMORY
    """Bytes each query worker may hold (None: no cap)."""
    max_query_size: int = DEFAULT_MAX_QUERY_SIZE
    max_upload_size: int = DEFAULT_MAX_UPLOAD_SIZE
    queries_per_client: int = DEFAULT_PER_CLIENT
    short_query_timeout: float = DEFAULT_SHORT_TIMEOUT
    allowed_services: frozenset[str] = frozenset()
    """Endpoint IRIs a /sparql query may call with SERVICE (exact match); none by default."""
    cors_origins: tuple[str, ...] = ("*",)
    """Origins allowed to read /sparql and /api/queries from a browser; () for none."""
