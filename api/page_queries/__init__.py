"""The SPARQL of the readable pages (``/id/...``, the plan page), one ``.rq`` file each.

The files have the header of the named queries (``#+ title:``, ``#+ description:``,
``#+ param:``) and are read by the same parser; they are not named queries (not in the API,
not in the editor): each answers one part of one page. Their parameters are RDF terms bound by
a VALUES block opening the WHERE group (:func:`pstkg.named_queries.inline_values`, terms
serialised by rdflib, never pasted as text): there, unlike in a trailing VALUES, they restrict
the rows before GROUP BY and Oxigraph starts its joins from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path

from rdflib.term import Identifier

from pstkg.named_queries import catalogue, inline_values
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import PlanStore, SelectResult

PAGE_QUERIES_DIR = Path(str(files(__name__)))


def page_rows(
    store: PlanStore, name: str, bindings: Mapping[str, Identifier]
) -> list[dict[str, Identifier | None]]:
    """The rows of the page query ``name`` with its parameters bound to RDF terms."""
    query = catalogue(PAGE_QUERIES_DIR)[name]
    unknown = set(bindings) - {parameter.name for parameter in query.parameters}
    if unknown:  # a programming error, not a user's: the page queries are ours
        raise ValueError(f"{name}: no parameter {', '.join(sorted(unknown))}")
    result = store.query(SPARQL_PREFIXES + inline_values(query, dict(bindings)))
    assert isinstance(result, SelectResult)
    return result.as_dicts()
