"""What a query worker is asked and what it answers: the jobs, run on a store, and the answers.

A job carries everything its run needs (it crosses a pipe, pickled), and its answer is the HTTP
body already serialised, so the service only forwards bytes. The SELECT formats the API uses
most are written straight from pyoxigraph's terms (:mod:`pstkg.api.solution_writers`); the
others, and other stores than the embedded one, go through rdflib as :func:`render` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from pstkg.api.negotiation import choose
from pstkg.api.paging import Paging
from pstkg.api.result_pages import ResultPage, result_page
from pstkg.api.serializers import (
    SOLUTION_TYPES,
    SPARQL_JSON,
    NotAcceptableError,
    dumps,
    plain_rows,
    render,
    render_solutions,
)
from pstkg.api.settings import DEFAULT_RESULT_LIMIT
from pstkg.api.solution_writers import (
    SOLUTION_WRITERS,
    csv_results,
    plain_dicts,
    read_solutions,
    sparql_json,
)
from pstkg.api.store_view import StoreView
from pstkg.api.table_export import XLSX_MEDIA_TYPE, table_file
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
    """A page of a named query's rows as ``/api/queries/{name}`` gives them: plain JSON (with
    the total and the next page's URL), CSV or XLSX."""

    store_location: Path | str | PlanStore
    """Where a worker opens the store; a store held open is queried in-process (QueryRunner)."""
    name: str
    sparql: str
    """The query's text with its parameters bound (:func:`named_query_sparql`)."""
    media: str
    """``application/json``, ``text/csv`` or the XLSX media type."""
    paging: Paging = field(default_factory=Paging)
    keep: int = DEFAULT_RESULT_LIMIT
    """Rows of the result kept for the next pages (the service's result limit), see result_pages."""
    generation: int = 0
    """The runner's generation: a write by the service empties the worker's kept rows."""
    page_url: str = ""
    """The request's URL without ``offset``: the next page's is this with its offset."""

    def run(self, store: PlanStore) -> QueryAnswer:
        """The page in ``media``, the total and the next page's URL."""
        page = result_page(store, self.generation, self.sparql, self.paging, self.keep)
        following = self.paging.window(page.total).next_offset
        next_url = None if following is None else _with_offset(self.page_url, following)
        if self.media == "text/csv":
            body = _csv(page)
        else:
            plain = _plain_rows(page)
            if self.media == XLSX_MEDIA_TYPE:
                body, _ = table_file([(v, v) for v in page.variables], plain, "xlsx")
            else:
                body = dumps(
                    {
                        "query": self.name,
                        "variables": page.variables,
                        "rows": plain,
                        "total": page.total,
                        "limit": self.paging.limit,
                        "offset": self.paging.offset,
                        "next": next_url,
                    }
                )
        return QueryAnswer(200, self.media, body, total=page.total, next_url=next_url)


def _with_offset(url: str, offset: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}offset={offset}"


def _csv(page: ResultPage) -> bytes:
    if page.oxigraph_terms:
        return csv_results(page.variables, page.rows, for_spreadsheets=True)
    return render_solutions(_rdflib_result(page), "text/csv", for_spreadsheets=True)


def page_sparql_json(page: ResultPage) -> bytes:
    """A page's rows as SPARQL 1.1 JSON results (typed terms, for the web pages)."""
    if page.oxigraph_terms:
        return sparql_json(page.variables, page.rows)
    return render_solutions(_rdflib_result(page), SPARQL_JSON)


def _plain_rows(page: ResultPage) -> list[dict[str, object]]:
    if page.oxigraph_terms:
        return plain_dicts(page.variables, page.rows)
    return plain_rows(_rdflib_result(page))


def _rdflib_result(page: ResultPage) -> SelectResult:
    """A remote store's page (rdflib terms) as the rdflib writers take it."""
    return SelectResult(tuple(page.variables), tuple(tuple(row) for row in page.rows))


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
    total: int | None = None
    """A named query's rows in all (its answer holds a page of them)."""
    next_url: str | None = None
    """The URL of a named query's next page, if there is one."""


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
