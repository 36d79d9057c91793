"""Pages of a named query's rows, with the total, without evaluating the query for every page.

A page of an ordered result costs the whole query: Oxigraph must find every solution to sort
them (2.7 s for ``projects-by-theme`` over 1,000 plans). So the first rows of a result (at most
``keep``: the service's ``--result-limit``) are kept, with the total, per query text in a
small cache (:class:`ResultCache`), and the next pages, or the same page asked again, are
sliced from it. The rows past ``keep`` are counted, not kept, so a result's memory stays
bounded by the result limit; a page past them reads the query again and keeps only that page.

Each query worker has its own cache (it holds pyoxigraph's terms, as read): the runner gives
a worker back the jobs of a client that pages in turn (idle workers are taken last in, first
out), and any worker answers right, only slower, when another one read the rows. The cache
is emptied when the worker opens the store again (a write) or the service's generation moves.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from pstkg.api.paging import Paging
from pstkg.api.solution_writers import Row
from pstkg.errors import QueryError
from pstkg.store import PlanStore, SelectResult
from pstkg.store.embedded import EmbeddedStore

DEFAULT_CACHE_ROWS = 50_000
"""Rows a cache keeps over all its results (LRU): a few MB of terms per 10,000 rows."""


@dataclass(frozen=True)
class ResultPage:
    """Some rows of a SELECT result (pyoxigraph terms, or rdflib's from a remote store)."""

    variables: list[str]
    rows: Sequence[Sequence[Any]]
    total: int
    oxigraph_terms: bool = True
    """pyoxigraph's terms (the embedded store's), else rdflib's."""


@dataclass
class _Kept:
    variables: list[str]
    rows: list[Row]
    total: int


class ResultCache:
    """The first rows and the total of recent results, by query text, for one store state."""

    def __init__(self, max_rows: int = DEFAULT_CACHE_ROWS) -> None:
        self.max_rows = max_rows
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._store: weakref.ReferenceType[PlanStore] | None = None
        self._generation = -1
        self.reads = 0
        """How many times a query was evaluated (for the tests and the bench)."""

    def page(
        self, store: EmbeddedStore, generation: int, sparql: str, paging: Paging, keep: int
    ) -> ResultPage:
        """Rows ``paging`` asks of ``sparql``'s result on ``store`` as of ``generation``."""
        self._forget_unless(store, generation)
        kept = self._kept.get(sparql)
        if kept is None:
            kept = self._read(store, sparql, keep)
        else:
            self._kept.move_to_end(sparql)
        end = paging.offset + paging.limit
        # Within the rows kept, or past the end of the result (any offset is allowed: empty).
        if end <= len(kept.rows) or len(kept.rows) == kept.total or paging.offset >= kept.total:
            return ResultPage(kept.variables, kept.rows[paging.offset : end], kept.total)
        # Past the rows kept: read the result again up to the page, and keep only the page.
        self.reads += 1
        rows = [list(row) for row in islice(_solutions(store, sparql), paging.offset, end)]
        return ResultPage(kept.variables, rows, kept.total)

    def _forget_unless(self, store: PlanStore, generation: int) -> None:
        if self._store is None or self._store() is not store or self._generation != generation:
            self._kept.clear()
            self._store = weakref.ref(store)
            self._generation = generation

    def _read(self, store: EmbeddedStore, sparql: str, keep: int) -> _Kept:
        self.reads += 1
        solutions = _solutions(store, sparql)
        variables = [variable.value for variable in solutions.variables]
        rows: list[Row] = [list(row) for row in islice(solutions, keep)]
        total = len(rows) + sum(1 for _ in solutions)
        kept = _Kept(variables, rows, total)
        self._kept[sparql] = kept
        while len(self._kept) > 1 and sum(len(k.rows) for k in self._kept.values()) > self.max_rows:
            self._kept.popitem(last=False)
        return kept


def _solutions(store: EmbeddedStore, sparql: str) -> ox.QuerySolutions:
    raw = store.query_raw(sparql)
    if not isinstance(raw, ox.QuerySolutions):
        raise QueryError("a named query must be a SELECT query")
    return raw


RESULTS = ResultCache()
"""The process's cache: each query worker's, or the service's for in-process queries."""


def result_page(
    store: PlanStore, generation: int, sparql: str, paging: Paging, keep: int
) -> ResultPage:
    """A page of ``sparql``'s rows and the total: from :data:`RESULTS` on the embedded store,
    from the whole result (rdflib terms) on another store."""
    if isinstance(store, EmbeddedStore):
        return RESULTS.page(store, generation, sparql, paging, keep)
    result = store.query(sparql)
    if not isinstance(result, SelectResult):
        raise QueryError("a named query must be a SELECT query")
    end = paging.offset + paging.limit
    rows = result.rows[paging.offset : end]
    return ResultPage(list(result.variables), rows, len(result.rows), oxigraph_terms=False)
