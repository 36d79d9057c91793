"""Running a named query for a page: in a worker of the service's pool, with its time limit.

The pages need each value's kind (an IRI to link, a number to align, a text), which the plain
JSON of ``/api/queries`` drops: the worker answers SPARQL 1.1 JSON results instead, and
:func:`read_results` turns them into typed values. Failures become :class:`PageQueryError`,
whose message is French (the pages show it to a tutelle officer).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pstkg.api.query_jobs import QueryAnswer, QueryJob
from pstkg.api.query_runner import (
    QueryBusyError,
    QueryMemoryError,
    QueryRunner,
    QueryTimeoutError,
)
from pstkg.api.serializers import SPARQL_JSON
from pstkg.store import PlanStore, QueryDataset

# No cap: the page shows the rows a page at a time and exports them all. (The job reads one row
# past its limit to tell a cut result, so the limit leaves room for it.)
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

    def run(self, store: PlanStore) -> QueryAnswer:
        """Every row of the query, as SPARQL JSON results: the /sparql job's way, uncapped.

        Not a QueryJob itself: the runner gives those the lanes of the queries clients write,
        while the service's own queries may take any worker.
        """
        rows = QueryJob(self.store_location, self.sparql, QueryDataset(), _EVERY_ROW, SPARQL_JSON)
        return rows.run(store)


@dataclass(frozen=True)
class Value:
    """A value of a result: ``kind`` is "iri", "number" or "text"."""

    kind: str
    value: str | int | float


Row = dict[str, Value]
"""A result row: the bound variables only."""


@dataclass(frozen=True)
class Results:
    """The variables and every row of a query's result."""

    variables: list[str]
    rows: list[Row]


async def run_for_page(
    runner: QueryRunner, store_location: Path | str | PlanStore, name: str, sparql: str
) -> Results:
    """The rows of ``sparql`` (the named query ``name`` with its values bound), run by the
    service's pool with its time limit; :class:`PageQueryError` with a French message if not."""
    job = SolutionsJob(store_location, name, sparql)
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
    return read_results(answer.body)


def read_results(body: bytes) -> Results:
    """SPARQL 1.1 JSON results as typed values."""
    data = json.loads(body)
    rows = [
        {name: _value(term) for name, term in binding.items()}
        for binding in data["results"]["bindings"]
    ]
    return Results(list(data["head"]["vars"]), rows)


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
