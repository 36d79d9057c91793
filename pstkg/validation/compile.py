"""Compiling the SHACL shapes into SPARQL SELECT queries that validate every focus node at once.

Each shape of the shapes graph, walked with rdflib, gives its focus nodes as a SPARQL pattern
(its targets, or the focus nodes of the node shapes that hold it with ``sh:property``) and one
:class:`Check` per constraint: a SELECT whose rows are the validation results, ``?this`` being
the focus node. The queries run over a dataset where every plan and the vocabulary are the
default graph (:mod:`pstkg.validation.store_engine`), once for the whole region.

Only the components the shapes of shapes/ use are compiled, with pyshacl's semantics (the
reference the tests compare with): ``sh:minCount``; ``sh:qualifiedValueShape`` with
``sh:qualifiedMinCount`` and a value shape of ``sh:class``; SPARQL constraints (``sh:sparql``);
targets ``sh:targetClass`` (and implicit class targets), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` and SHACL-AF SPARQL targets; paths of IRIs,
``sh:inversePath``, ``sh:alternativePath``, sequences and the ``sh:zeroOrMorePath`` family.
Anything else raises :class:`UnsupportedShapeError` naming the shape and the component, so a
new shape is never skipped without a word.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from pstkg.errors import PstError
from pstkg.validation.rules import load_rules
from pstkg.validation.sparql_text import (
    SparqlTextError,
    check_runs_for_all_focus_nodes,
    forbidden_keywords,
    has_prologue,
    inject_into_where,
    select_shapes,
    substitute_variable,
    uses_variable,
)

_SHACL_AF_TARGET = SH.SPARQLTarget

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# What a shape may state beside its constraints: documentation, and this project's annotations.
_ANNOTATIONS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.message,
    SH.severity,
    SH.deactivated,
    SH.path,
    *_TARGETS,
}
_CLASS_SHAPE_OK = _ANNOTATIONS - {SH.path, *_TARGETS} | {SH["class"]}
_IRI = re.compile(r"[^<>\"{}|^`\\\x00-\x20]*")


class UnsupportedShapeError(PstError):
    """A shape uses something the store engine does not compile (shape and component named)."""

    def __init__(self, shape: Node, component: str, reason: str = "not supported") -> None:
        self.shape = shape
        self.component = component
        super().__init__(
            f"shape {_name(shape)}: {component}: {reason} "
            "(the store engine cannot validate it; pst validate --engine pyshacl can)"
        )


class Kind(Enum):
    """Which constraint a check evaluates, hence how its rows become results."""

    MIN_COUNT = SH.MinCountConstraintComponent
    QUALIFIED_MIN_COUNT = SH.QualifiedMinCountConstraintComponent
    SPARQL = SH.SPARQLConstraintComponent


@dataclass(frozen=True)
class Check:
    """One SELECT of the engine and what its rows stand for."""

    shape: Node
    """The shape (``sh:sourceShape``)."""
    focus: Focus
    """Its focus nodes, which :attr:`query` reads from :data:`FOCUS_GRAPH`."""
    kind: Kind
    severity: Node
    query: str
    """Prefixes and the SELECT; each row has ``?this``, and SPARQL constraints more."""
    path: Node | None
    """The property shape's ``sh:path`` (its node in the shapes graph), None on node shapes."""
    messages: tuple[Literal, ...]
    """The shape's ``sh:message`` values."""
    constraint: Node | None = None
    """The SPARQL constraint (``sh:sourceConstraint``)."""
    constraint_messages: tuple[Literal, ...] = ()

    @property
    def component(self) -> URIRef:
        """``sh:sourceConstraintComponent``."""
        return self.kind.value

    @property
    def is_property_shape(self) -> bool:
        """Whether the shape has a path (its results then carry ``sh:resultPath``)."""
        return self.path is not None


FOCUS_GRAPH = URIRef("urn:x-pst-kg:validation:focus")
"""The working store's graph of focus nodes, apart from the data (the default graph)."""
_FOCUS_OF = URIRef("urn:x-pst-kg:validation:focus-node")


@dataclass(frozen=True)
class Focus:
    """The focus nodes of a shape: a SELECT of ``?this``, run once, its nodes kept aside.

    Many checks share one set of focus nodes (the ten fields of a structured fiche, the five
    constraints on a plan); rather than re-run a SPARQL target in each, the engine stores the
    nodes in :data:`FOCUS_GRAPH` and each check joins with :attr:`reference`.
    """

    query: str
    """Prefixes and ``SELECT DISTINCT ?this WHERE { … }``."""
    key: URIRef
    """The node that lists this set's focus nodes in :data:`FOCUS_GRAPH`."""

    @property
    def reference(self) -> str:
        """A group pattern binding ``?this`` to each focus node, once."""
        return f"{{ GRAPH <{FOCUS_GRAPH}> {{ <{self.key}> <{_FOCUS_OF}> ?this }} }}"

    def quads(self, nodes: Iterable[ox.NamedNode | ox.BlankNode | ox.Literal]) -> list[ox.Quad]:
        """The quads that list ``nodes`` as this set's focus nodes in :data:`FOCUS_GRAPH`."""
        key, member, graph = (ox.NamedNode(str(n)) for n in (self.key, _FOCUS_OF, FOCUS_GRAPH))
        return [ox.Quad(key, member, node, graph) for node in nodes]


def _name(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    return f"_:{node} (a blank node)"


def iri(node: Node, shape: Node, where: str) -> str:
    """``node`` written as a SPARQL IRI, refusing anything that is not a well-formed IRI."""
    if not isinstance(node, URIRef) or not _IRI.fullmatch(str(node)):
        raise UnsupportedShapeError(shape, where, f"{node!r} is not an IRI")
    return f"<{node}>"


def sparql_path(graph: Graph, path: Node, shape: Node) -> str:
    """A SHACL property path (SHACL §2.3.1) as a SPARQL property path."""
    if isinstance(path, URIRef):
        return iri(path, shape, "sh:path")
    if (path, RDF.first, None) in graph:
        steps = [sparql_path(graph, step, shape) for step in Collection(graph, path)]
        return "(" + "/".join(steps) + ")"
    forms = {
        SH.inversePath: "^({})",
        SH.zeroOrMorePath: "({})*",
        SH.oneOrMorePath: "({})+",
        SH.zeroOrOnePath: "({})?",
    }
    for predicate, form in forms.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return form.format(sparql_path(graph, inner, shape))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        members = [sparql_path(graph, member, shape) for member in Collection(graph, alternatives)]
        return "(" + "|".join(members) + ")"
    raise UnsupportedShapeError(shape, "sh:path", "this kind of path is not supported")


def _prefixes(graph: Graph, node: Node) -> dict[str, str]:
    """The prefixes a SPARQL node declares through ``sh:prefixes`` (SHACL §5.2.1).

    As pyshacl does, a ``sh:prefixes`` value that is not itself an ontology with declarations
    also gets those of every ``owl:Ontology`` of the shapes graph.
    """
    ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
    every = {d for ontology in ontologies for d in graph.objects(ontology, SH.declare)}
    prefixes: dict[str, str] = {}
    for holder in graph.objects(node, SH.prefixes):
        own = set(graph.objects(holder, SH.declare))
        for declaration in own if own and holder in ontologies else own | every:
            prefix = graph.value(declaration, SH.prefix)
            namespace = graph.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise UnsupportedShapeError(node, "sh:declare", "needs sh:prefix and sh:namespace")
            prefixes[str(prefix)] = str(namespace)
    return prefixes


def _merge(shape: Node, *groups: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for prefixes in groups:
        for prefix, namespace in prefixes.items():
            if merged.setdefault(prefix, namespace) != namespace:
                raise UnsupportedShapeError(
                    shape, "sh:prefixes", f"prefix {prefix}: declared with two namespaces"
                )
    return merged


def _messages(g: Graph, node: Node) -> tuple[Literal, ...]:
    """The ``sh:message`` literals of a shape or constraint, in a stable order."""
    return tuple(
        sorted((m for m in g.objects(node, SH.message) if isinstance(m, Literal)), key=str)
    )


def _prologue(shape: Node, prefixes: dict[str, str]) -> str:
    return "".join(
        f"PREFIX {prefix}: {iri(URIRef(namespace), shape, 'sh:namespace')}\n"
        for prefix, namespace in sorted(prefixes.items())
    )


def _select_text(graph: Graph, node: Node, shape: Node, component: str) -> str:
    selects = list(graph.objects(node, SH.select))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        raise UnsupportedShapeError(shape, component, "needs exactly one sh:select")
    text = str(selects[0])
    if has_prologue(text):
        raise UnsupportedShapeError(shape, component, "PREFIX/BASE inside sh:select")
    return text


def _is_true(graph: Graph, node: Node, predicate: URIRef) -> bool:
    value = graph.value(node, predicate)
    return isinstance(value, Literal) and value.toPython() is True


class ShapeCompiler:
    """Walks a shapes graph, shape by shape, into :class:`Check` queries."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- shapes -------------------------------------------------------------------------

    def shapes(self) -> set[Node]:
        """The shapes pyshacl validates: declared, or implied by targets and sh:property."""
        g = self.graph
        shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(
            g.subjects(RDF.type, SH.PropertyShape)
        )
        for predicate in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf):
            shapes.update(g.subjects(predicate, None))
        shapes.update(g.subjects(SH.property, None))
        shapes.update(g.objects(None, SH.property))
        return shapes

    def checks(self) -> list[Check]:
        """Every check of the shapes graph, in a stable order."""
        found: list[Check] = []
        for shape in sorted(self.shapes(), key=str):
            sources = list(self.focus(shape))
            if not sources:
                continue  # no target and no parent: pyshacl never validates it either
            found.extend(self._checks_of(shape, sources))
        return found

    def focus(self, shape: Node, seen: frozenset[Node] = frozenset()) -> Iterator[Focus]:
        """Each way the shape gets focus nodes: its own targets, each parent's focus nodes.

        Kept apart, not merged: pyshacl validates a property shape once per node shape that
        holds it, so a node reached both ways gets its results twice.
        """
        g = self.graph
        if shape in seen:
            raise UnsupportedShapeError(shape, "sh:property", "recursive shapes are not supported")
        if _is_true(g, shape, SH.deactivated):
            return
        own = self._targets(shape)
        if own is not None:
            yield own
        for parent in sorted(g.subjects(SH.property, shape), key=str):
            if (parent, SH.path, None) in g:
                raise UnsupportedShapeError(parent, "sh:property on a property shape")
            yield from self.focus(parent, seen | {shape})

    def _targets(self, shape: Node) -> Focus | None:
        g = self.graph
        patterns: list[str] = []
        prefixes: list[dict[str, str]] = []
        classes = set(g.objects(shape, SH.targetClass))
        class_types = set(g.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
        if any(kind in class_types for kind in g.objects(shape, RDF.type)):
            classes.add(shape)  # an implicit class target (SHACL §2.1.3.3)
        for cls in sorted(classes, key=str):
            patterns.append(f"?this a/<{RDFS.subClassOf}>* {iri(cls, shape, 'sh:targetClass')} .")
        nodes = sorted(g.objects(shape, SH.targetNode), key=str)
        if nodes:
            terms = " ".join(self._term(node, shape, "sh:targetNode") for node in nodes)
            patterns.append(f"VALUES ?this {{ {terms} }}")
        for predicate in sorted(g.objects(shape, SH.targetSubjectsOf), key=str):
            patterns.append(f"?this {iri(predicate, shape, 'sh:targetSubjectsOf')} [] .")
        for predicate in sorted(g.objects(shape, SH.targetObjectsOf), key=str):
            patterns.append(f"[] {iri(predicate, shape, 'sh:targetObjectsOf')} ?this .")
        for target in sorted(g.objects(shape, SH.target), key=str):
            if (target, SH.select, None) not in g and (target, RDF.type, _SHACL_AF_TARGET) not in g:
                raise UnsupportedShapeError(
                    shape, "sh:target", "only SPARQL-based targets are supported"
                )
            text = _select_text(g, target, shape, "sh:target (SPARQL-based target)")
            refused = forbidden_keywords(text, constraint=False)
            if refused:
                raise UnsupportedShapeError(
                    shape, "sh:target", f"uses {', '.join(sorted(refused))}"
                )
            projected = select_shapes(text)[0].projected
            if "this" not in projected:
                raise UnsupportedShapeError(shape, "sh:target", "the SELECT must project ?this")
            patterns.append(f"{{\n{text}\n}}")
            prefixes.append(_prefixes(g, target))
        if not patterns:
            return None
        union = " UNION ".join(f"{{ {pattern} }}" for pattern in patterns)
        query = _prologue(shape, _merge(shape, *prefixes))
        query += f"SELECT DISTINCT ?this WHERE {{ {union} }}"
        digest = hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]
        return Focus(query, URIRef(f"{FOCUS_GRAPH}:{digest}"))

    def _term(self, node: Node, shape: Node, where: str) -> str:
        if isinstance(node, Literal):
            return node.n3()  # rdflib escapes the lexical form
        return iri(node, shape, where)

    # -- constraints --------------------------------------------------------------------

    def _checks_of(self, shape: Node, sources: list[Focus]) -> Iterator[Check]:
        g = self.graph
        path = g.value(shape, SH.path)
        for predicate in sorted(set(g.predicates(shape, None)), key=str):
            if not isinstance(predicate, URIRef):  # rdflib types predicates as any Node
                continue
            if predicate in _ANNOTATIONS or not str(predicate).startswith(str(SH)):
                continue
            if predicate == SH.property:
                if path is not None:
                    raise UnsupportedShapeError(shape, "sh:property on a property shape")
                continue  # its shapes get this shape's focus nodes (see focus())
            if predicate in (SH.qualifiedMinCount, SH.qualifiedValueShapesDisjoint):
                continue  # read with sh:qualifiedValueShape
            if predicate in (SH.select, SH.prefixes):
                raise UnsupportedShapeError(shape, str(predicate), "not on a shape")
            handler = {
                SH.minCount: self._min_count,
                SH.qualifiedValueShape: self._qualified,
                SH.sparql: self._sparql,
            }.get(predicate)
            if handler is None:
                raise UnsupportedShapeError(shape, g.namespace_manager.normalizeUri(predicate))
            for source in sources:
                yield from handler(shape, path, source)

    def _base(self, shape: Node, focus: Focus, kind: Kind, path: Node | None, query: str) -> Check:
        g = self.graph
        severity = next(iter(sorted(g.objects(shape, SH.severity), key=str)), SH.Violation)
        messages = _messages(g, shape)
        return Check(
            shape=shape,
            focus=focus,
            kind=kind,
            severity=severity,
            query=query,
            path=path,
            messages=messages,
        )

    def _needs_path_and_message(self, shape: Node, path: Node | None, component: str) -> None:
        if path is None:
            raise UnsupportedShapeError(shape, component, "only property shapes may have it")
        if (shape, SH.message, None) not in self.graph:
            # pyshacl then writes an English message of its own, which is not reproduced.
            raise UnsupportedShapeError(shape, component, "needs sh:message on the shape")

    def _counted(self, focus: Focus, path: str, minimum: int, condition: str) -> str:
        """Focus nodes with fewer than ``minimum`` values of ``path`` meeting ``condition``."""
        if minimum == 1:
            return (
                f"SELECT DISTINCT ?this WHERE {{\n{focus.reference}\n"
                f"FILTER NOT EXISTS {{ ?this {path} ?value . {condition} }}\n}}"
            )
        return (
            f"SELECT ?this WHERE {{\n{focus.reference}\n"
            f"OPTIONAL {{ ?this {path} ?value . {condition} }}\n}}\n"
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {minimum})"
        )

    def _min_count(self, shape: Node, path: Node | None, focus: Focus) -> Iterator[Check]:
        self._needs_path_and_message(shape, path, "sh:minCount")
        assert path is not None
        minimum = self._count(shape, SH.minCount)
        if minimum == 0:
            return  # SHACL: sh:minCount 0 never fails
        query = self._counted(focus, sparql_path(self.graph, path, shape), minimum, "")
        yield self._base(shape, focus, Kind.MIN_COUNT, path, query)

    def _count(self, shape: Node, predicate: URIRef) -> int:
        values = list(self.graph.objects(shape, predicate))
        if len(values) != 1 or not isinstance(values[0], Literal):
            raise UnsupportedShapeError(shape, str(predicate), "needs exactly one integer")
        number = values[0].toPython()
        if not isinstance(number, int) or number < 0:
            raise UnsupportedShapeError(shape, str(predicate), "needs a non-negative integer")
        return number

    def _qualified(self, shape: Node, path: Node | None, focus: Focus) -> Iterator[Check]:
        g = self.graph
        self._needs_path_and_message(shape, path, "sh:qualifiedValueShape")
        assert path is not None
        if (shape, SH.qualifiedMaxCount, None) in g:
            raise UnsupportedShapeError(shape, "sh:qualifiedMaxCount")
        if _is_true(g, shape, SH.qualifiedValueShapesDisjoint):
            raise UnsupportedShapeError(shape, "sh:qualifiedValueShapesDisjoint")
        if (shape, SH.qualifiedMinCount, None) not in g:
            raise UnsupportedShapeError(
                shape, "sh:qualifiedValueShape", "needs sh:qualifiedMinCount"
            )
        minimum = self._count(shape, SH.qualifiedMinCount)
        # pyshacl evaluates each value shape on its own, with the same counts.
        for value_shape in sorted(g.objects(shape, SH.qualifiedValueShape), key=str):
            conditions = " ".join(self._conforms(value_shape, shape))
            query = self._counted(focus, sparql_path(g, path, shape), minimum, conditions)
            yield self._base(shape, focus, Kind.QUALIFIED_MIN_COUNT, path, query)

    def _conforms(self, value_shape: Node, shape: Node) -> Iterable[str]:
        """FILTERs that hold when ``?value`` conforms to a value shape made of ``sh:class``."""
        g = self.graph
        for predicate in set(g.predicates(value_shape, None)):
            if predicate not in _CLASS_SHAPE_OK:
                name = g.namespace_manager.normalizeUri(str(predicate))
                raise UnsupportedShapeError(shape, f"sh:qualifiedValueShape with {name}")
        if _is_true(g, value_shape, SH.deactivated):
            raise UnsupportedShapeError(
                shape, "sh:qualifiedValueShape", "a deactivated value shape is not supported"
            )
        for cls in sorted(g.objects(value_shape, SH["class"]), key=str):
            target = iri(cls, shape, "sh:class")
            # Nested in its own EXISTS so that Oxigraph follows the path from the bound ?value:
            # in a single pattern it starts from the class, enumerating all its instances for
            # every focus node (minutes at regional scale).
            yield f"FILTER EXISTS {{ ?value a/<{RDFS.subClassOf}>* {target} }}"

    def _sparql(self, shape: Node, path: Node | None, focus: Focus) -> Iterator[Check]:
        g = self.graph
        for constraint in sorted(g.objects(shape, SH.sparql), key=str):
            if _is_true(g, constraint, SH.deactivated):
                continue
            component = "sh:sparql"
            text = _select_text(g, constraint, shape, component)
            if uses_variable(text, "shapesGraph"):
                raise UnsupportedShapeError(shape, component, "$shapesGraph is not supported")
            if uses_variable(text, "currentShape"):
                text = substitute_variable(text, "currentShape", iri(shape, shape, "$currentShape"))
            if path is not None:
                text = substitute_variable(text, "PATH", sparql_path(g, path, shape))
            elif uses_variable(text, "PATH"):
                raise UnsupportedShapeError(shape, component, "$PATH on a node shape")
            try:
                check_runs_for_all_focus_nodes(text)
                body = inject_into_where(text, focus.reference)
            except SparqlTextError as error:
                raise UnsupportedShapeError(shape, component, str(error)) from None
            query = _prologue(shape, _prefixes(g, constraint)) + body
            yield replace(
                self._base(shape, focus, Kind.SPARQL, path, query),
                constraint=constraint,
                constraint_messages=_messages(g, constraint),
            )


def compile_shapes(graph: Graph) -> list[Check]:
    """The checks of a shapes graph, each query parsed once by Oxigraph (syntax errors early)."""
    checks = ShapeCompiler(graph).checks()
    empty = ox.Store()
    for check in checks:
        for query in (check.focus.query, check.query):
            try:
                empty.query(query)
            except SyntaxError as error:
                raise UnsupportedShapeError(
                    check.shape, check.kind.name, f"SPARQL: {error}"
                ) from None
    return checks


@cache
def shape_checks() -> tuple[Check, ...]:
    """The checks of the shapes of shapes/, compiled once per process."""
    return tuple(compile_shapes(load_rules().graph))


__all__ = [
    "Check",
    "Kind",
    "UnsupportedShapeError",
    "compile_shapes",
    "shape_checks",
    "sparql_path",
]
