"""Paging of long results, the same in the pages and in the named-query API.

``limit`` rows from ``offset``, and the total, so that a page can say « lignes 101–200 sur
1 234 » and link to the previous and next pages (the ``pager`` macro of templates/macros.html).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
"""Far past any result the store holds (the service caps answers at --result-limit rows)."""


@dataclass(frozen=True)
class Paging:
    """Which rows a request asks for."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def window(self, total: int) -> PageWindow:
        """Where these rows stand among ``total``."""
        return PageWindow(self.limit, self.offset, total)


@dataclass(frozen=True)
class PageWindow:
    """The rows shown, among how many: what the pager prints and links to."""

    limit: int
    offset: int
    total: int

    @property
    def first(self) -> int:
        """The number of the first row shown, counting from 1 (0 when there is none)."""
        return min(self.offset + 1, self.total) if self.total else 0

    @property
    def last(self) -> int:
        """The number of the last row shown."""
        return min(self.offset + self.limit, self.total)

    @property
    def previous_offset(self) -> int | None:
        """The offset of the previous page, or None on the first."""
        return max(self.offset - self.limit, 0) if self.offset > 0 else None

    @property
    def next_offset(self) -> int | None:
        """The offset of the next page, or None on the last."""
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def paging(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (1–{MAX_LIMIT})")
    ] = DEFAULT_LIMIT,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="rows to skip before the page")
    ] = 0,
) -> Paging:
    """The ``limit`` and ``offset`` of a request, bounded (a 422/400 beyond the bounds)."""
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]
