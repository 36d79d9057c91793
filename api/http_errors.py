"""HTTP errors that also say what happened in French, for the pages (api/error_pages.py)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import HTTPException


class FrenchHTTPException(HTTPException):
    """An HTTP error with a French message for the pages; API clients keep ``detail``."""

    def __init__(
        self,
        status_code: int,
        detail: str,
        french: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, detail, headers=dict(headers) if headers else None)
        self.french = french


def french_message(error: Exception) -> str | None:
    """The French message an error carries, if it was raised with one."""
    return error.french if isinstance(error, FrenchHTTPException) else None
