"""Request sizes, and the write token of an upload, checked before a body is read.

FastAPI reads a request's body before its route's dependencies run (a multipart upload is
parsed whole before the token is checked), so a 2 GiB upload without a token, or a 200 MB
POST to /sparql, would be read in full before being refused. This ASGI middleware sits in
front of the routes and:

- refuses an upload to ``POST /api/plans`` whose ``Authorization`` does not carry the write
  token (401, or 403 when writes are disabled) before any byte of its body is read: the check
  is :func:`pstkg.api.dependencies.check_write_token`, the one the write routes use;
- refuses a body whose ``Content-Length`` is over the route's cap with 413 without reading it;
- counts the bytes of a body sent without a length (chunked), and stops reading it with 413
  once past the cap; whatever the route made of the cut body is not sent.

Caps: ``/sparql`` and every other route, ``max_query_size`` (no other route reads a body);
``POST /api/plans``, ``max_upload_size`` plus :data:`MULTIPART_ALLOWANCE` for the multipart
framing and form fields (the route checks the document's own size). A refusal closes the
connection (``Connection: close``), so the server does not read the rest of the body either.
Query strings (a GET query): one over ``max_query_size`` is refused here (414). Before that,
uvicorn's HTTP parser (h11) refuses with 400 a request head still incomplete once 16 KiB are
buffered: measured with uvicorn 0.54, a head that arrives in one read (up to 64 KiB over
loopback) passes, a 1 MiB one is refused. Longer queries go in a POST body.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pstkg.api.dependencies import check_write_token
from pstkg.api.settings import ServiceSettings
from pstkg.sizes import format_size

MULTIPART_ALLOWANCE = 64 << 10
"""Bytes an upload's body may hold beyond the document: boundaries, part headers, fields."""

_UPLOAD_PATH = "/api/plans"


@dataclass(frozen=True)
class _Cap:
    """A route's cap on bodies, and how a refusal words it."""

    bytes: int
    message: str


class _BodyTooLargeError(Exception):
    """The body sent so far is over the cap: stop the route reading it."""


class RequestLimits:
    """The ASGI middleware described above, with the caps of ``settings``."""

    def __init__(self, app: ASGIApp, settings: ServiceSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse the request if its token or size calls for it; else pass it on, counting."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        upload = scope["method"] == "POST" and scope["path"].rstrip("/") == _UPLOAD_PATH
        cap = self._cap(scope["path"], upload)
        try:
            if upload:
                check_write_token(self.settings.write_token, headers.get("authorization"))
            if len(scope["query_string"]) > self.settings.max_query_size:
                size = format_size(self.settings.max_query_size)
                raise HTTPException(414, f"the query string is over {size} (--max-query-size)")
            length = headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > cap.bytes:
                raise HTTPException(413, cap.message)
        except HTTPException as refusal:
            await _refusal(scope, refusal)(scope, receive, send)
            return
        await self._pass_counting(scope, receive, send, cap)

    def _cap(self, path: str, upload: bool) -> _Cap:
        if upload:
            size = format_size(self.settings.max_upload_size)
            return _Cap(
                self.settings.max_upload_size + MULTIPART_ALLOWANCE,
                f"documents are limited to {size} on this service (--max-upload-size)",
            )
        size = format_size(self.settings.max_query_size)
        return _Cap(
            self.settings.max_query_size,
            f"a request body sent to {path} is limited to {size} on this service "
            "(--max-query-size)",
        )

    async def _pass_counting(self, scope: Scope, receive: Receive, send: Send, cap: _Cap) -> None:
        received = 0
        over = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap.bytes:
                    over = True
                    raise _BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the route's answer to a cut body: the 413 below replaces it
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        # However the route took the cut (its own error, or none), the client gets the 413.
        if over and not started:
            refusal = HTTPException(413, cap.message)
            await _refusal(scope, refusal)(scope, receive, send)


def _refusal(scope: Scope, error: HTTPException) -> Response:
    """The response for ``error``, closing the connection: plain text on /sparql (SPARQL
    clients print the body), ``{"detail": …}`` elsewhere, as the app's own errors."""
    headers = {**(error.headers or {}), "Connection": "close"}
    if scope["path"] == "/sparql":
        return PlainTextResponse(error.detail, error.status_code, headers=headers)
    return JSONResponse({"detail": error.detail}, error.status_code, headers=headers)
