"""The SPARQL editor's examples: each named query with its example's parameter values bound.

A query's ``#+ example:`` header line is a ``pst query NAME --param KEY=VALUE …`` command; its
values are bound into the query text the way the service binds them (typed RDF terms in a
VALUES block, :func:`pstkg.named_queries.named_query_sparql`), so an example run in the editor
returns what the same command prints.
"""

from __future__ import annotations

import shlex
from itertools import pairwise
from typing import TypedDict

from pstkg.named_queries import NamedQuery, catalogue, named_query_sparql


class EditorExample(TypedDict):
    """One entry of the editor's example list."""

    name: str
    title: str
    values: dict[str, str]
    query: str


def example_values(query: NamedQuery) -> dict[str, str]:
    """The ``--param KEY=VALUE`` pairs of the query's first example command (none: ``{}``)."""
    if not query.examples:
        return {}
    words = shlex.split(query.examples[0])
    values = {}
    for flag, argument in pairwise(words):
        if flag == "--param":
            key, _, value = argument.partition("=")
            values[key] = value
    return values


def editor_examples() -> list[EditorExample]:
    """Every named query, by name, as the editor offers it: runnable as it stands."""
    examples: list[EditorExample] = []
    for query in catalogue().values():
        values = example_values(query)
        examples.append(
            EditorExample(
                name=query.name,
                title=query.title,
                values=values,
                query=named_query_sparql(query.name, values),
            )
        )
    return examples
