"""Errors a user sees: each names the file (and line or field) and the reason."""

from __future__ import annotations

from pathlib import Path


class PstError(Exception):
    """Base of the errors the CLI reports as one line with a non-zero exit."""


class InputError(PstError):
    """A source document that cannot be loaded: not a plan, truncated, undecodable."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        # One line, whatever a library's message held (some span several lines).
        self.reason = " ".join(reason.split())
        self.line = line
        where = f"{self.path.name}:{line}" if line else self.path.name
        super().__init__(f"{where}: {self.reason}")


class MissingIdentityError(InputError):
    """The document does not say which CPAS or législature it is for, and nobody told us."""


class StoreError(PstError):
    """The store cannot be opened or a query against it failed."""


class QueryError(PstError):
    """A malformed SPARQL query or a bad named-query parameter."""
