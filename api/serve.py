"""``pst serve``: the service under uvicorn, on a store that gets the corpus if it is empty."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import uvicorn

from pstkg.api.app import create_app
from pstkg.api.settings import DEFAULT_QUERY_TIMEOUT, DEFAULT_RESULT_LIMIT
from pstkg.errors import PstError
from pstkg.loading import load_files
from pstkg.sizes import format_size
from pstkg.store import default_store_path, open_store
from pstkg.validation.run import plan_graphs

REPO_CORPUS = Path("data") / "corpus"
"""The bundled corpus, relative to the working directory: found when run from the repository
(the installed package reads nothing outside itself)."""


def ensure_plans(store_location: Path | str) -> str:
    """Load ./data/corpus into the store if it holds no plan; say what was done."""
    with open_store(store_location) as store:
        plans = plan_graphs(store)
        if plans:
            return f"{len(plans)} plan(s) in the store"
        if not REPO_CORPUS.is_dir():
            return "the store is empty (pst load PATH... adds plans; no ./data/corpus here)"
        reports = load_files(store, [REPO_CORPUS])
        loaded = sum(report.loaded for report in reports)
        return f"the store was empty: loaded {loaded} of {len(reports)} plan(s) from {REPO_CORPUS}"


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` for uvicorn; PstError naming the address if it cannot be.

    Bound here, before anything is printed or loaded, so a port in use is one line and exit 1
    (uvicorn would print its URL first, then a traceback-like error, and exit 3).
    """
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )[0]
    except socket.gaierror as error:
        raise PstError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    server = socket.socket(family, kind, protocol)
    # As uvicorn does: a port left in TIME_WAIT by a server just stopped may be reused.
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        server.bind(address)
    except OSError as error:
        server.close()
        raise PstError(
            f"cannot listen on {host}:{port}: {error.strerror} (another pst serve? "
            "choose another --port)"
        ) from None
    return server


def serve(
    host: str,
    port: int,
    store_location: Path | str | None,
    write_token: str | None,
    query_timeout: float = DEFAULT_QUERY_TIMEOUT,
    result_limit: int = DEFAULT_RESULT_LIMIT,
    **options: Any,
) -> None:
    """Run the service until interrupted; ``options`` are :func:`create_app`'s other options
    (memory, sizes, fairness, SERVICE allow-list, CORS), each left out to keep its default."""
    listening = listening_socket(host, port)
    location = store_location or default_store_path()
    print(f"pst serve: {ensure_plans(location)}", file=sys.stderr)
    app = create_app(
        location,
        write_token=write_token,
        query_timeout=query_timeout,
        result_limit=result_limit,
        **options,
    )
    settings = app.state.settings
    services = settings.allowed_services
    print(
        f"pst serve: http://{host}:{port}/ (pages), /sparql, /api/queries, /docs; "
        f"writes {'need the token' if write_token else 'disabled'}; SERVICE "
        f"{'allowed to ' + ', '.join(sorted(services)) if services else 'refused'}; "
        f"CORS {', '.join(settings.cors_origins) if settings.cors_origins else 'off'}",
        file=sys.stderr,
    )
    memory = format_size(settings.query_memory) if settings.query_memory else "no cap"
    print(
        f"pst serve: {settings.max_concurrent_queries} query workers and the short lane, "
        f"{memory} each; {settings.queries_per_client} /sparql queries per client at once; "
        f"bodies up to {format_size(settings.max_query_size)} "
        f"(documents {format_size(settings.max_upload_size)})",
        file=sys.stderr,
    )
    uvicorn.Server(uvicorn.Config(app, log_level="info")).run(sockets=[listening])
