"""The child side of :mod:`pstkg.api.query_runner`: runs one query and sends back the answer.

It lives in a module of its own, imported by the forkserver ahead of time, so a query's
process starts by forking an interpreter that has already imported pyoxigraph and rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from pstkg.api.serializers import NotAcceptableError, render
from pstkg.errors import PstError, QueryError
from pstkg.store import QueryDataset, open_store


@dataclass(frozen=True)
class QueryJob:
    """What a child needs to answer one query."""

    store_location: Path | str
    sparql: str
    dataset: QueryDataset
    limit: int
    accept: str | None


@dataclass(frozen=True)
class QueryAnswer:
    """The serialised result, or an error with the HTTP status it calls for."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def answer(job: QueryJob) -> QueryAnswer:
    """Run ``job`` against a read-only view of the store."""
    try:
        with open_store(job.store_location, read_only=True) as store:
            capped = store.query_capped(job.sparql, job.limit, job.dataset or None)
            media_type, body = render(capped.result, job.accept)
    except NotAcceptableError as error:
        return QueryAnswer(406, "text/plain", str(error).encode())
    except QueryError as error:
        return QueryAnswer(400, "text/plain", str(error).encode())
    except PstError as error:
        return QueryAnswer(500, "text/plain", str(error).encode())
    return QueryAnswer(200, media_type, body, capped.truncated)


def child_main(job: QueryJob, connection: Connection) -> None:
    """Entry point of a query's process: answer, send, exit."""
    connection.send(answer(job))
    connection.close()
