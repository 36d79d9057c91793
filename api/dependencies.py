"""What route functions receive through FastAPI ``Depends``: the store, settings, caches, auth."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from pstkg.api.query_runner import QueryRunner
from pstkg.api.settings import ServiceSettings
from pstkg.api.validation_cache import ValidationCache
from pstkg.store import PlanStore


def get_store(request: Request) -> PlanStore:
    """The store the app opened at start-up (one per app, shared by all requests)."""
    return request.app.state.store


def get_settings(request: Request) -> ServiceSettings:
    """The service's settings."""
    return request.app.state.settings


def get_runner(request: Request) -> QueryRunner:
    """The runner that executes /sparql and named queries in its worker processes."""
    return request.app.state.runner


def get_validation(request: Request) -> ValidationCache:
    """The validation reports, computed once per plan until a write changes the store."""
    return request.app.state.validation


StoreDep = Annotated[PlanStore, Depends(get_store)]
SettingsDep = Annotated[ServiceSettings, Depends(get_settings)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
ValidationDep = Annotated[ValidationCache, Depends(get_validation)]


def require_write_token(
    settings: SettingsDep,
    authorization: Annotated[
        str | None, Header(description="`Bearer TOKEN`, the token given to `pst serve`")
    ] = None,
) -> None:
    """Refuse a write unless it carries the token configured at start (none: writes disabled)."""
    check_write_token(settings.write_token, authorization)


def check_write_token(write_token: str | None, authorization: str | None) -> None:
    """HTTPException 403 if writes are disabled (``write_token`` is None), 401 unless the
    ``Authorization`` header's value is ``Bearer`` and that token. Shared by the write routes
    and by the check made before an upload's body is read (:mod:`pstkg.api.request_limits`)."""
    if write_token is None:
        raise HTTPException(
            403, "writes are disabled on this service: start it with --write-token to allow them"
        )
    scheme, _, token = (authorization or "").partition(" ")
    # compare_digest: the time taken does not tell an attacker how much of the token matched
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), write_token.encode()
    ):
        raise HTTPException(
            401,
            "a write needs the header 'Authorization: Bearer TOKEN' with the service's token",
            headers={"WWW-Authenticate": "Bearer"},
        )


WriteAccess = Depends(require_write_token)
