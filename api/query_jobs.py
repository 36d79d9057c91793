"""What a query worker is asked and what it answers: the jobs, run on a store, and the answers.

A job carries everything its run needs (it crosses a pipe, pickled), and its answer is the HTTP
body already serialised, so the service only forwards bytes. The SELECT formats the API uses
most are written straight from pyoxigraph's terms (:mod:`pstkg.api.solution_writers`); the
others, and other stores than the embedded one, go through rdflib as :func:`render` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from pstkg.api.negotiation import choose
from pstkg.api.serializers import (
    SOLUTION_TYPES,
    NotAcceptableError,
    dumps,
    plain_rows,
    render,
    render_solutions,
)
from pstkg.api.solution_writers import SOLUTION_WRITERS, csv_results, plain_json, read_solutions
from pstkg.api.store_view import StoreView
from pstkg.errors import PstError, QueryError
from pstkg.store import PlanStore, QueryDataset, QueryPrologue, SelectResult
from pstkg.store.embedded import EmbeddedStore
from pstkg.store.terms import to_query_result


@dataclass(frozen=True)
class QueryJob:
    """A /sparql query: its answer negotiated by ``accept``, capped at ``limit``."""

    store_location: Path | str | PlanStore
    """Where a worker opens the store; a store held open is queried in-process (QueryRunner)."""
    sparql: str
    dataset: QueryDataset
    limit: int
    accept: str | None
    prologue: QueryPrologue | None = None
    """Prefixes and base IRI given apart from ``sparql`` (its declarations override them)."""

    def run(self, store: PlanStore) -> QueryAnswer:
        """The serialised result; the pyoxigraph → bytes path when the format allows it."""
        if isinstance(store, EmbeddedStore):
            raw = store.query_raw(self.sparql, self.dataset or None, self.prologue)
            if isinstance(raw, ox.QuerySolutions):
                media = choose(self.accept, SOLUTION_TYPES)
                if media is None:
                    raise NotAcceptableError(SOLUTION_TYPES)
                if media in SOLUTION_WRITERS:
                    variables, rows, truncated = read_solutions(raw, self.limit)
                    body = SOLUTION_WRITERS[media](variables, rows)
                    return QueryAnswer(200, media, body, truncated)
            result, truncated = to_query_result(raw, self.limit)
        else:
            capped = store.query_capped(
                self.sparql, self.limit, self.dataset or None, self.prologue
            )
            result, truncated = capped.result, capped.truncated
        media, body = render(result, self.accept)
        return QueryAnswer(200, media, body, truncated)


@dataclass(frozen=True)
class NamedQueryJob:
    """A named query's rows as ``/api/queries/{name}`` gives them: plain JSON or CSV."""

    store_location: Path | str | PlanStore
    """Where a worker opens the store; a store held open is queried in-process (QueryRunner)."""
    name: str
    sparql: str
    """The query's text with its parameters bound (:func:`named_query_sparql`)."""
    media: str
    """``application/json`` or ``text/csv``."""

    def run(self, store: PlanStore) -> QueryAnswer:
        """The rows in ``media``, uncapped (as the named queries have always been)."""
        if isinstance(store, EmbeddedStore):
            raw = store.query_raw(self.sparql)
            if isinstance(raw, ox.QuerySolutions):
                variables, rows, _ = read_solutions(raw)
                if self.media == "text/csv":
                    body = csv_results(variables, rows, for_spreadsheets=True)
                    return QueryAnswer(200, self.media, body)
                return QueryAnswer(200, self.media, plain_json(self.name, variables, rows))
            raise QueryError(f"query {self.name} is not a SELECT query")
        result = store.query(self.sparql)
        if not isinstance(result, SelectResult):
            raise QueryError(f"query {self.name} is not a SELECT query")
        if self.media == "text/csv":
            body = render_solutions(result, "text/csv", for_spreadsheets=True)
            return QueryAnswer(200, self.media, body)
        data = {"query": self.name, "variables": list(result.variables), "rows": plain_rows(result)}
        return QueryAnswer(200, self.media, dumps(data))


class Job(Protocol):
    """Any job a worker runs: picklable, answering on the store it is given."""

    @property
    def store_location(self) -> Path | str | PlanStore:
        """The store the job reads (a folder or URL for a worker; an open store in-process)."""
        ...

    def run(self, store: PlanStore) -> QueryAnswer:
        """The job's answer on ``store``."""
        ...


@dataclass(frozen=True)
class QueryAnswer:
    """The serialised result, or an error with the HTTP status it calls for."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def answer(job: Job, store: PlanStore) -> QueryAnswer:
    """Run ``job`` on ``store``; errors become answers with their HTTP status."""
    try:
        return job.run(store)
    except Exception as error:  # an answer for every failure: the caller only forwards it
        return error_answer(error)


def error_answer(error: Exception) -> QueryAnswer:
    """The answer that reports ``error``: 406, 400 for the client's mistakes, 500 otherwise."""
    if isinstance(error, NotAcceptableError):
        return QueryAnswer(406, "text/plain", str(error).encode())
    if isinstance(error, QueryError):
        return QueryAnswer(400, "text/plain", str(error).encode())
    if isinstance(error, PstError):
        return QueryAnswer(500, "text/plain", str(error).encode())
    return QueryAnswer(500, "text/plain", f"query failed: {error}".encode())


def answer_fresh(view: StoreView, generation: int, job: Job, attempts: int = 3) -> QueryAnswer:
    """Answer ``job`` on the worker's view of the store, on a new handle if the store fails.

    The writer's compactions remove files; a handle that meets one gone mid-query ("IO error:
    No such file") is dropped and the store opened again, as :meth:`StoreView.get` does for
    an open that races a compaction (seen in the tests when a write and a query coincide).
    MemoryError is raised to the caller.
    """
    location = job.store_location
    assert not isinstance(location, PlanStore)  # the runner starts no worker for an open store
    failure: Exception | None = None
    for _ in range(attempts):
        try:
            return job.run(view.get(location, generation))
        except (NotAcceptableError, QueryError) as error:
            return error_answer(error)
        except MemoryError:
            raise  # the worker's memory cap: the worker ends (query_worker)
        except Exception as error:  # the store's failure, not the query's
            view.close()
            failure = error
    assert failure is not None
    return error_answer(failure)
