"""``pst serve``: the service under uvicorn, on a store that gets the corpus if it is empty."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from pstkg.api.app import create_app
from pstkg.api.settings import DEFAULT_QUERY_TIMEOUT, DEFAULT_RESULT_LIMIT
from pstkg.loading import load_files
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


def serve(
    host: str,
    port: int,
    store_location: Path | str | None,
    write_token: str | None,
    query_timeout: float = DEFAULT_QUERY_TIMEOUT,
    result_limit: int = DEFAULT_RESULT_LIMIT,
    *,
    allowed_services: Sequence[str] = (),
    cors_origins: Sequence[str] = ("*",),
) -> None:
    """Run the service until interrupted (see :func:`pstkg.api.app.create_app`)."""
    location = store_location or default_store_path()
    print(f"pst serve: {ensure_plans(location)}", file=sys.stderr)
    print(
        f"pst serve: http://{host}:{port}/ (pages), /sparql, /api/queries, /docs; "
        f"writes {'need the token' if write_token else 'disabled'}; SERVICE "
        f"{'allowed to ' + ', '.join(allowed_services) if allowed_services else 'refused'}; "
        f"CORS {', '.join(cors_origins) if cors_origins else 'off'}",
        file=sys.stderr,
    )
    app = create_app(
        location,
        write_token=write_token,
        query_timeout=query_timeout,
        result_limit=result_limit,
        allowed_services=allowed_services,
        cors_origins=cors_origins,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
