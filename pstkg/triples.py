"""Graphs as the loader makes them: a set of N-Triples statements, rdflib on demand.

The builder and the derivation state millions of triples for a region. An rdflib graph costs
~30 µs per ``add`` (its store keeps three indexes and fires events) and its literals validate
their lexical forms; the store then needs the triples serialised again. A :class:`TripleSet`
keeps each triple as its N-Triples line in an insertion-ordered dict (a set: the same triple
twice is one triple, as in a graph), which is what the store reads, and builds the rdflib
graph only when someone asks for it (tests, exports that walk a plan's graph).

IRIs are given as rdflib ``URIRef`` (or ``str``): the project's namespaces are rdflib's.
Literals are made with :func:`text`, :func:`plain` and :func:`typed`, whose lexical forms are
those rdflib writes for the same values, so the store receives the very statements it received
when graphs were rdflib graphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import overload

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier, Node

from pstkg.namespaces import PREFIXES

_PLAIN = {str(XSD.string), str(RDF.langString)}
# What N-Triples forbids raw in a literal, and in an IRI (RDF 1.1 N-Triples, IRIREF).
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*')


class NTLiteral(str):
    """A literal, written as N-Triples writes it (``"texte"@fr``)."""

    __slots__ = ()


def _quoted(value: str) -> str:
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_LITERAL_ESCAPES)
    return f'"{value}"'


def text(value: str, lang: str = "fr") -> NTLiteral:
    """A language-tagged string (French by default, as plans are written)."""
    return NTLiteral(f"{_quoted(value)}@{lang}")


def plain(value: str) -> NTLiteral:
    """A plain string (xsd:string)."""
    return NTLiteral(_quoted(value))


def typed(lexical: str, datatype: str) -> NTLiteral:
    """A typed literal from its lexical form: ``typed(str(5), XSD.integer)``."""
    return NTLiteral(f"{_quoted(lexical)}^^<{datatype}>")


Object = str | NTLiteral
"""The object of a triple: an IRI (``URIRef`` or ``str``) or a literal."""


class TripleSet:
    """An insertion-ordered set of triples, kept as the N-Triples lines the store reads."""

    def __init__(self) -> None:
        self._lines: dict[str, None] = {}
        self._iris: set[str] = set()  # checked once each when the lines are asked for
        self._data: bytes | None = None  # what unpickling gives, parsed only if needed
        self._count = 0  # how many lines _data holds

    def add(self, subject: str, predicate: str, obj: Object) -> None:
        """Add one triple (subject and predicate are IRIs)."""
        if self._data is not None:
            self._thaw()
        # Plain str in the set: a URIRef compares (on every repeated subject) in Python.
        subject = str(subject)
        if isinstance(obj, NTLiteral):
            line = f"<{subject}> <{predicate}> {obj} .\n"
        else:
            obj = str(obj)
            line = f"<{subject}> <{predicate}> <{obj}> .\n"
            self._iris.add(obj)
        self._iris.add(subject)
        self._lines[line] = None

    def add_lines(self, lines: str) -> None:
        """Add triples already written as N-Triples lines (each ending in " .\\n").

        For code that writes many statements of a fixed shape about IRIs it was given (the
        similarity links): their IRIs are not checked again.
        """
        if self._data is not None:
            self._thaw()
        # Split on "\n" only: other line separators (U+2028…) may stand raw in a literal.
        self._lines.update(dict.fromkeys(line + "\n" for line in lines.split("\n")[:-1]))

    def __contains__(self, triple: tuple[str, str, Object]) -> bool:
        subject, predicate, obj = triple
        written = obj if isinstance(obj, NTLiteral) else f"<{obj}>"
        if self._data is not None:
            self._thaw()
        return f"<{subject}> <{predicate}> {written} .\n" in self._lines

    def __len__(self) -> int:
        return self._count if self._data is not None else len(self._lines)

    def ntriples(self) -> bytes:
        """The triples as N-Triples, in insertion order."""
        if self._data is not None:
            return self._data
        for iri in self._iris:
            if not _IRI.fullmatch(iri):
                raise ValueError(f"not an absolute IRI: {iri!r}")
        self._iris.clear()  # all good: no need to look again
        return "".join(self._lines).encode("utf-8")

    def nquads(self, graph_iri: str) -> bytes:
        """The triples as N-Quads of the named graph ``graph_iri``."""
        # Every line ends with " .\n", and only lines do: a newline inside a literal is
        # written as the escape "\n".
        return self.ntriples().replace(b" .\n", f" <{graph_iri}> .\n".encode())

    def oxigraph(self) -> Iterator[ox.Triple]:
        """The triples as pyoxigraph triples, in insertion order."""
        for quad in ox.parse(self.ntriples(), ox.RdfFormat.N_TRIPLES):
            yield quad.triple

    def graph(self) -> Graph:
        """The triples as an rdflib graph with the project's prefixes."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in self.oxigraph():
            graph.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        return graph

    def _thaw(self) -> None:
        data, self._data = self._data, None
        if data is None:  # thawed already
            return
        # Split on "\n" only: other line separators (U+2028…) may stand raw in a literal.
        lines = data.decode("utf-8").split("\n")[:-1]
        self._lines = dict.fromkeys(line + "\n" for line in lines)

    # Sent between processes as N-Triples: compact, and only passed on to the store (as is)
    # on the other side.
    def __getstate__(self) -> tuple[bytes, int]:
        return self.ntriples(), len(self)

    def __setstate__(self, state: tuple[bytes, int]) -> None:
        self._lines, self._iris = {}, set()
        self._data, self._count = state


def iri_or_none(node: Node | None) -> URIRef | None:
    """``node`` if it is an IRI; None for nothing, or a literal or blank node where the data
    should have an IRI (rdflib types every graph term as a mere Node)."""
    return node if isinstance(node, URIRef) else None


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
"""A pyoxigraph term; a quoted triple (RDF-star) has no rdflib term (TypeError)."""


@overload
def to_rdflib(term: OxTerm) -> Identifier: ...
@overload
def to_rdflib(term: OxTerm | None) -> Identifier | None: ...
def to_rdflib(term: OxTerm | None) -> Identifier | None:
    """A pyoxigraph term as the rdflib term it stands for (None for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype in _PLAIN else URIRef(datatype))
    raise TypeError(f"unsupported RDF term {term!r}")
