"""Running a named query for a page: in a worker of the service's pool, with its time limit.

The pages need each value's kind (an IRI to link, a number to align, a text), which the plain
JSON of ``/api/queries`` drops: the worker answers SPARQL 1.1 JSON results instead, and
:func:`read_results` turns them into typed values. A page of rows is asked as ``/api/queries``
asks it (:func:`pstkg.api.result_pages.result_page`): the worker answers that page and the
total from the rows it kept of the result, so the next pages do not read the query again.
Failures become :class:`PageQueryError`, whose message is French (the pages show it to a
tutelle officer).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pstkg.api.paging import Paging
from pstkg.api.query_jobs import QueryAnswer, QueryJob, page_sparql_json
from pstkg.api.query_runner import (
    QueryBusyError,
    QueryMemoryError,
    QueryRunner,
    QueryTimeoutError,
)
from pstkg.api.result_pages import result_page
from pstkg.api.serializers import SPARQL_JSON
from pstkg.api.settings import DEFAULT_RESULT_LIMIT, ServiceSettings
from pstkg.store import PlanStore, QueryDataset

# No cap for the export and the plans of a form. (The job reads one row past its limit to tell
# a cut result, so the limit leaves room for it.)
_EVERY_ROW = sys.maxsize - 1
_XSD = "http://www.w3.org/2001/XMLSchema#"
_WHOLE = {f"{_XSD}{name}" for name in ("integer", "int", "long", "short", "nonNegativeInteger")}
_FRACTIONAL = {f"{_XSD}{name}" for name in ("decimal", "double", "float")}


class PageQueryError(Exception):
    """A query a page ran failed; ``status`` is the HTTP status, the message is French."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class SolutionsJob:
    """A SELECT query whose rows a page shows, answered as SPARQL JSON results (typed terms)."""

    store_location: Path | str | PlanStore
    """Where a worker opens the store; a store held open is queried in-process (QueryRunner)."""
    name: str
    sparql: str
    paging: Paging | None = None
    """The rows a page shows; None for every row (the export)."""
    keep: int = DEFAULT_RESULT_LIMIT
    """Rows of the result kept for the next pages (the service's result limit), see result_pages."""
    generation: int = 0
    """The runner's generation: a write by the service empties the worker's kept rows."""

    def run(self, store: PlanStore) -> QueryAnswer:
        """The page's rows and the total, as SPARQL JSON results (the total in the answer);
        every row, uncapped, the /sparql job's way, without a page.

        Not a QueryJob itself: the runner gives those the lanes of the queries clients write,
        while the service's own queries may take any worker.
        """
        if self.paging is None:
            every = QueryJob(
                self.store_location, self.sparql, QueryDataset(), _EVERY_ROW, SPARQL_JSON
            )
            return every.run(store)
        page = result_page(store, self.generation, self.sparql, self.paging, self.keep)
        return QueryAnswer(200, SPARQL_JSON, page_sparql_json(page), total=page.total)


@dataclass(frozen=True)
class Value:
    """A value of a result: ``kind`` is "iri", "number" or "text"."""

    kind: str
    value: str | int | float


Row = dict[str, Value]
"""A result row: the bound variables only."""


@dataclass(frozen=True)
class Results:
    """The variables and rows of a query's result: a page of them, or every one."""

    variables: list[str]
    rows: list[Row]
    total: int
    """The rows of the whole result (``len(rows)`` when every row was read)."""


async def run_for_page(
    runner: QueryRunner,
    settings: ServiceSettings,
    name: str,
    sparql: str,
    paging: Paging | None = None,
) -> Results:
    """The rows ``paging`` asks of ``sparql`` (the named query ``name`` with its values bound),
    every row if None, run by the service's pool with its time limit, as ``/api/queries``
    runs them; :class:`PageQueryError` with a French message if not."""
    job = SolutionsJob(
        settings.store_location,
        name,
        sparql,
        paging,
        keep=settings.result_limit,
        generation=runner.generation,
    )
    try:
        answer = await runner.run(job)
    except (QueryTimeoutError, QueryBusyError):
        raise PageQueryError(
            503,
            f"La requête a été arrêtée après {runner.timeout:g} s, la limite du service : "
            "restreignez-la avec ses paramètres (un seul plan, par exemple).",
        ) from None
    except QueryMemoryError:
        raise PageQueryError(
            503, "La requête a dépassé la mémoire permise et a été arrêtée : restreignez-la."
        ) from None
    if answer.status != 200:
        detail = answer.body.decode("utf-8", errors="replace")
        raise PageQueryError(answer.status, f"La requête {name} a échoué : {detail}")
    return read_results(answer.body, answer.total)


def read_results(body: bytes, total: int | None = None) -> Results:
    """SPARQL 1.1 JSON results as typed values; ``total`` when they are a page of the rows."""
    data = json.loads(body)
    rows = [
        {name: _value(term) for name, term in binding.items()}
        for binding in data["results"]["bindings"]
    ]
    return Results(list(data["head"]["vars"]), rows, len(rows) if total is None else total)


def _value(term: dict[str, str]) -> Value:
    text = term["value"]
    if term["type"] == "uri":
        return Value("iri", text)
    datatype = term.get("datatype")
    try:
        if datatype in _WHOLE:
            return Value("number", int(text))
        if datatype in _FRACTIONAL:
            return Value("number", float(Decimal(text)))
    except (ArithmeticError, ValueError):
        pass  # an ill-formed number is shown as written
    return Value("text", text)
