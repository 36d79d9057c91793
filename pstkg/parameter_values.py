"""The values a named query's parameter may take when they come from a list: which, and how a
user may write them.

A parameter declares its list in its ``.rq`` header (:mod:`pstkg.named_queries`), either as a
SKOS concept scheme of ontology/*.ttl (``string[pstv:themes]``: the values are the concepts'
``skos:notation``) or as the values themselves (``string[document|dérivé]``). A user may write
a value as its code or as any label of the concept (``skos:prefLabel``, ``skos:altLabel``, in
any language), in any case, with or without accents, punctuation or spaces between a word and a
number: "Mobilité", "MOBILITE" and "mobilite" are the theme ``mobilite``; "ODD10", "ODD 10",
"odd-10", "SDG10" and "10" are the goal ``10`` (its altLabels are "ODD 10" and "SDG 10").
The labels are the ontology's (data), never a list kept in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from pstkg.errors import QueryError
from pstkg.loaders.text import fold_for_matching
from pstkg.namespaces import expand_curie
from pstkg.ontology import ontology_graph

_LETTERS_THEN_DIGITS = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


@dataclass(frozen=True)
class AllowedValue:
    """One value of a list: the code a query compares, and the label a reader knows it by."""

    code: str
    label: str


@dataclass(frozen=True)
class ValueList:
    """The values a parameter takes, and every way of writing each (folded) → its code."""

    source: str
    """What the header declares: a scheme (``pstv:themes``) or the values (``a|b``)."""
    values: tuple[AllowedValue, ...]
    spellings: dict[str, str]

    def code_for(self, parameter: str, written: str) -> str:
        """The code ``written`` stands for; QueryError naming ``parameter`` and the values."""
        code = self.spellings.get(fold_value(written))
        if code is None:
            raise UnknownValueError(parameter, written, self)
        return code

    def describe(self) -> str:
        """The values as an error message lists them: ``code (label), …``."""
        return ", ".join(
            value.code if value.label == value.code else f"{value.code} ({value.label})"
            for value in self.values
        )


class UnknownValueError(QueryError):
    """A value that is not in its parameter's list; the fields let a page say it in French."""

    def __init__(self, parameter: str, written: str, values: ValueList) -> None:
        super().__init__(
            f"parameter {parameter}: {written!r} is not one of its values; "
            f"allowed: {values.describe()}"
        )
        self.parameter = parameter
        self.written = written
        self.values = values


def fold_value(text: str) -> str:
    """The form two spellings of one value share: lower case, no accents nor punctuation, a
    space between letters and digits ("ODD10" and "odd-10" both give "odd 10")."""
    return _LETTERS_THEN_DIGITS.sub(" ", fold_for_matching(text)).strip()


@cache
def parse_value_list(declaration: str) -> ValueList:
    """The list a header declares between brackets; QueryError if the scheme has no concept
    with a notation."""
    if ":" in declaration:
        return scheme_values(declaration)
    values = tuple(AllowedValue(code, code) for code in declaration.split("|") if code)
    if not values:
        raise QueryError(f"[{declaration}] lists no value")
    return ValueList(declaration, values, {fold_value(value.code): value.code for value in values})


@cache
def scheme_values(scheme: str) -> ValueList:
    """The concepts of a SKOS scheme of ontology/*.ttl (``pstv:themes`` or ``<IRI>``) by
    notation, in notation order (numerically where notations are numbers)."""
    iri = URIRef(scheme[1:-1] if scheme.startswith("<") else expand_curie(scheme))
    graph = ontology_graph()
    concepts: dict[str, URIRef] = {
        str(notation): concept
        for concept in graph.subjects(SKOS.inScheme, iri)
        for notation in graph.objects(concept, SKOS.notation)
        if isinstance(concept, URIRef)
    }
    if not concepts:
        raise QueryError(f"[{scheme}]: no concept of that scheme has a skos:notation")
    values: list[AllowedValue] = []
    spellings: dict[str, str] = {}
    for code in sorted(
        concepts, key=lambda code: (0, int(code), "") if code.isdigit() else (1, 0, code)
    ):
        concept = concepts[code]
        values.append(AllowedValue(code, _label(graph, concept, "fr") or code))
        for label in [code, *_labels(graph, concept)]:
            # A label shared by two concepts stays the first's (the schemes avoid it).
            spellings.setdefault(fold_value(label), code)
    return ValueList(scheme, tuple(values), spellings)


def _labels(graph: Graph, concept: URIRef) -> list[str]:
    return [
        str(label)
        for predicate in (SKOS.prefLabel, SKOS.altLabel)
        for label in graph.objects(concept, predicate)
    ]


def _label(graph: Graph, concept: URIRef, language: str) -> str | None:
    for label in graph.objects(concept, SKOS.prefLabel):
        if isinstance(label, Literal) and label.language == language:
            return str(label)
    return None
