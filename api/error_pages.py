"""The French error page a browser gets, whatever went wrong (404, 400, 405, 422, 5xx …).

Messages raised in English for the API's clients (``detail``) are not shown as the page's text:
the page says in French what happened (``error_messages_fr.toml``, by status), or the French
message the error carries (:class:`pstkg.api.http_errors.FrenchHTTPException`), and keeps the
English detail, when it says more than the status's name, folded under « Détail technique ».
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from pstkg.api.pages_support import render_page

MESSAGES_FILE = Path(__file__).resolve().parent / "error_messages_fr.toml"


@cache
def _messages() -> dict[str, dict[str, str]]:
    return tomllib.loads(MESSAGES_FILE.read_text(encoding="utf-8"))


def _by_status(table: str, status: int) -> str:
    entries = _messages()[table]
    fallback = "default_server" if status >= 500 else "default_client"
    return entries.get(str(status), entries[fallback])


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """« limit — doit être un nombre entier (reçu « abc ») » for each parameter in error."""
    reasons = _messages()["validation"]
    parts = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = ".".join(location) or "?"
        reason = reasons.get(str(error.get("type")), reasons["default"])
        try:
            # pydantic's context joins allowed values with an English "or"
            context = {
                key: str(value).replace(" or ", " ou ")
                for key, value in (error.get("ctx") or {}).items()
            }
            reason = reason.format(**context)
        except (KeyError, IndexError):
            reason = reasons["default"]
        received = error.get("input")
        shown = f" (reçu « {received} »)" if isinstance(received, str | int | float) else ""
        parts.append(f"{name} — {reason}{shown}")
    return "Paramètre invalide : " + " ; ".join(parts)


def error_page(
    request: Request,
    status: int,
    *,
    french: str | None = None,
    technical: object = None,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The French page of an error: its title, what happened, and the technical detail folded.

    ``technical`` (the English detail API clients get) is shown only when it says more than
    the status's own name (``Not Found`` says nothing the title does not).
    """
    detail = technical if isinstance(technical, str) else None
    try:
        if detail is not None and detail == HTTPStatus(status).phrase:
            detail = None
    except ValueError:
        pass
    response = render_page(
        request,
        "error.html",
        status_code=status,
        status=status,
        title=_by_status("titles", status),
        message=french or _by_status("explanations", status),
        technical=detail,
    )
    if headers:
        response.headers.update(headers)
    return response
