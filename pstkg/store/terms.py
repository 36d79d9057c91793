"""Converting pyoxigraph terms and results (the store's) into rdflib ones (the project's toolkit).

Both backends go through here (the remote store parses the server's answers with pyoxigraph),
so a query gives the same rdflib terms whichever store answered it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from itertools import islice
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph

from pstkg.errors import QueryError
from pstkg.namespaces import PREFIXES
from pstkg.store.base import QueryResult, SelectResult
from pstkg.triples import to_rdflib

__all__ = ["memoised", "to_query_result", "to_rdflib", "to_text_rows"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def to_query_result(
    result: ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple], limit: int | None = None
) -> tuple[QueryResult, bool]:
    """SELECT solutions, an ASK answer or CONSTRUCT/DESCRIBE triples as a :data:`QueryResult`.

    With ``limit``, at most that many rows or triples are read (pyoxigraph results are lazy,
    so the rest is never computed or parsed); the flag says whether there were more.
    """
    if isinstance(result, ox.QueryBoolean):
        return bool(result), False
    items = list(result if limit is None else islice(result, limit + 1))
    truncated = limit is not None and len(items) > limit
    if truncated:
        items = items[:limit]
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(variable.value for variable in result.variables)
        convert = memoised(to_rdflib)
        rows = tuple(tuple(convert(solution[name]) for name in variables) for solution in items)
        return SelectResult(variables, rows), truncated
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in items:
        graph.add(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    return graph, truncated


def memoised(convert: Callable[[K], T]) -> Callable[[K], T]:
    """``convert`` remembering its answers, for one result.

    Rows repeat their terms (the plan, its CPAS, a theme and its label on every row; the same
    predicates and classes), and an rdflib Literal or a written cell costs far more to make
    than a dictionary look-up.
    """
    seen: dict[K, T] = {}

    def cached(term: K) -> T:
        if term in seen:
            return seen[term]
        made = seen[term] = convert(term)
        return made

    return cached


def to_text_rows(
    result: ox.QuerySolutions | ox.QueryBoolean | object,
) -> list[tuple[str | None, ...]]:
    """SELECT solutions as rows of plain strings (IRIs and lexical forms; None if unbound)."""
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("select_text runs SELECT queries only")
    variables = [variable.value for variable in result.variables]
    return [
        tuple(None if (term := solution[name]) is None else term.value for name in variables)
        for solution in result
    ]
