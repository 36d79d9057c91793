"""The store interface every backend implements, and the neutral query results it returns.

Callers (CLI, API, validation) only see this interface, so an embedded pyoxigraph store and
a remote SPARQL 1.1 server are interchangeable. Results use rdflib terms whatever the backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from pstkg.errors import QueryError
from pstkg.namespaces import ID, PREFIXES
from pstkg.triples import TripleSet


@dataclass(frozen=True)
class SelectResult:
    """The rows of a SELECT query, values as rdflib terms (None where unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]

    def as_dicts(self) -> list[dict[str, Identifier | None]]:
        """Each row as a variable → value mapping."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


QueryResult = SelectResult | bool | Graph
"""SELECT rows, an ASK answer, or the graph of a CONSTRUCT/DESCRIBE."""

GraphContent = Graph | TripleSet
"""What a named graph is written from: an rdflib graph, or the triples the loader builds."""


def ntriples(graph: GraphContent) -> str:
    """The content of a graph as N-Triples, the body of an INSERT DATA."""
    if isinstance(graph, TripleSet):
        return graph.ntriples().decode("utf-8")
    return graph.serialize(format="nt")


def insert_data(graph_iri: URIRef, graph: GraphContent) -> str:
    """The SPARQL update adding ``graph``'s triples to the named graph ``graph_iri``."""
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples(graph)}}} }}"


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset of a query given by the SPARQL 1.1 Protocol (``default-graph-uri`` and
    ``named-graph-uri``). Both empty: the store's own dataset (or the query's FROM). Otherwise
    the two lists are the whole dataset (Protocol §2.1.4): no named graph when only default
    graphs are given, an empty default graph when only named graphs are."""

    default_graphs: tuple[URIRef, ...] = ()
    named_graphs: tuple[URIRef, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class QueryPrologue:
    """Prefixes and a base IRI a query is read with, unless it declares its own (PREFIX, BASE).

    Given to the engine apart from the query's text, so that the positions in its syntax
    errors are those of the user's text.
    """

    prefixes: Mapping[str, str] = field(default_factory=dict)
    base_iri: str | None = None

    def declarations(self) -> str:
        """The prologue as SPARQL on one line, for backends that take only text: put in front
        of a query, it leaves the query's line numbers as they were."""
        base = f"BASE <{self.base_iri}> " if self.base_iri else ""
        return base + "".join(f"PREFIX {name}: <{iri}> " for name, iri in self.prefixes.items())


USER_PROLOGUE = QueryPrologue(PREFIXES, str(ID))
"""What a user's query (``/sparql``, ``pst sparql``) is read with: the project's prefixes
predeclared, and relative IRIs resolved against the dataset's identifier base, so that
``<plan/dinant/2019-2024>`` names a plan."""


@dataclass(frozen=True)
class CappedResult:
    """A query result cut at a number of rows (SELECT) or triples (CONSTRUCT/DESCRIBE)."""

    result: QueryResult
    truncated: bool


class ExportFormat(StrEnum):
    """Serialisations ``pst export`` writes."""

    TRIG = "trig"
    NQUADS = "nq"
    TURTLE = "ttl"
    JSONLD = "jsonld"


def bind_values(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """Append a trailing VALUES clause (SPARQL 1.1 §10.2.2) binding each variable to its term.

    Terms are serialised by rdflib, which escapes literals; this is how every SPARQL 1.1
    backend receives the same, safely bound parameters.
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    variables = " ".join(f"?{name}" for name in names)
    values = " ".join(bindings[name].n3() for name in names)
    return f"{sparql}\nVALUES ({variables}) {{ ({values}) }}\n"


def cap_result(result: QueryResult, limit: int) -> CappedResult:
    """``result`` cut to ``limit`` rows (SELECT) or triples (graph), and whether it was cut."""
    if isinstance(result, SelectResult) and len(result.rows) > limit:
        return CappedResult(SelectResult(result.variables, result.rows[:limit]), True)
    if isinstance(result, Graph) and len(result) > limit:
        kept = Graph(namespace_manager=result.namespace_manager)
        for index, triple in enumerate(result):
            if index >= limit:
                break
            kept.add(triple)
        return CappedResult(kept, True)
    return CappedResult(result, False)


class PlanStore(ABC):
    """A quad store holding one named graph per plan (the graph IRI is the plan IRI)."""

    @abstractmethod
    def replace_graph(self, graph_iri: URIRef, graph: GraphContent) -> None:
        """Replace the named graph ``graph_iri`` with ``graph`` in one transaction."""

    def add_graphs(self, graphs: Iterable[tuple[URIRef, TripleSet]]) -> None:
        """Add triples to named graphs, each pair (graph, triples) written whole.

        For writing much at once: a region's new plans, their derived graphs, the parts of
        a large graph. Nothing is removed (:meth:`replace_graph` replaces). This version
        runs one ``INSERT DATA`` per pair; a backend may group pairs, never split one.
        """
        for graph_iri, triples in graphs:
            self.update(insert_data(graph_iri, triples))

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update, in one transaction (the loader's own writes only)."""

    def has_graph(self, graph_iri: URIRef) -> bool:
        """Whether the store holds the named graph ``graph_iri``."""
        return graph_iri in self.graph_names()

    @abstractmethod
    def drop_graph(self, graph_iri: URIRef) -> bool:
        """Remove a named graph; False if there was none."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The IRIs of the named graphs in the store, sorted."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        prologue: QueryPrologue | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query; ``bindings`` pre-bind variables safely (never pasted in),
        ``prologue`` gives prefixes and a base IRI the query's own declarations override."""

    def query_capped(
        self,
        sparql: str,
        limit: int,
        dataset: QueryDataset | None = None,
        prologue: QueryPrologue | None = None,
    ) -> CappedResult:
        """Run a query for a public endpoint: at most ``limit`` rows or triples, over ``dataset``.

        This generic version runs :meth:`query` and cuts its result afterwards; backends that
        can stop reading early, or honour a protocol dataset, override it.
        """
        if dataset:
            raise QueryError("this store does not support default-graph-uri / named-graph-uri")
        return cap_result(self.query(sparql, prologue=prologue), limit)

    def select_text(self, sparql: str) -> list[tuple[str | None, ...]]:
        """The rows of a SELECT query as plain strings: IRIs, and literals' lexical forms.

        For reading many rows whose values are only used as text (the derivation reads every
        project of a region): no rdflib term is made. None where a variable is unbound.
        """
        result = self.query(sparql)
        if not isinstance(result, SelectResult):
            raise QueryError("select_text runs SELECT queries only")
        return [tuple(None if v is None else str(v) for v in row) for row in result.rows]

    @abstractmethod
    def export(self, fmt: ExportFormat, graph_iri: URIRef | None = None) -> bytes:
        """Serialise the whole store, or one named graph, in ``fmt``."""

    def graph_ntriples(self, graph_iri: URIRef) -> bytes:
        """The triples of one named graph as N-Triples, in no set order; empty if there is none.

        For copying a graph into another store (the validation engine's working store):
        unlike :meth:`export`, neither sorted nor prefixed. This version goes through
        :meth:`export`; backends that can dump a graph directly override it.
        """
        if graph_iri not in self.graph_names():
            return b""
        quads = self.export(ExportFormat.NQUADS, graph_iri)
        # Every N-Quads line ends with " <graph> .\n", and only lines do (a newline inside a
        # literal is written "\n"): dropping the graph name leaves N-Triples.
        return quads.replace(f" <{graph_iri}> .\n".encode(), b" .\n")

    def graph_quads(self, graph_iri: URIRef) -> list[ox.Quad]:
        """The triples of one named graph as pyoxigraph quads of the default graph.

        For a graph :meth:`graph_ntriples` gives but pyoxigraph cannot parse back (a literal
        longer than its parsers' 16 MiB buffer); backends that hold the quads override it.
        """
        return list(ox.parse(self.graph_ntriples(graph_iri), format=ox.RdfFormat.N_TRIPLES))

    @abstractmethod
    def close(self) -> None:
        """Release the store (files, locks, connections)."""

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
