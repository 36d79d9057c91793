"""Validation results as pyshacl writes them: an ``sh:ValidationReport`` graph per plan.

The store engine's results go through here so that the reports (findings, Turtle) read them
exactly as they read pyshacl's: the same properties, the same messages, the same copies of the
shapes graph's blank nodes (paths, anonymous constraints).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pstkg.namespaces import PREFIXES
from pstkg.validation.compile import Check, Kind
from pstkg.validation.engine import french
from pstkg.validation.rules import PSTSH


@dataclass(frozen=True)
class Result:
    """One validation result: the check that found it and the row it came from."""

    check: Check
    focus: Node
    row: tuple[tuple[str, Node], ...] = ()
    """The bound variables of a SPARQL constraint's row, ``this`` included."""

    @property
    def bindings(self) -> dict[str, Node]:
        """The row as a variable → value mapping."""
        return dict(self.row)

    @property
    def value(self) -> Node | None:
        """``sh:value``: ``?value``, else the focus node on a node shape (pyshacl, SHACL §5.3.2)."""
        if self.check.kind is not Kind.SPARQL:
            return None
        value = self.bindings.get("value")
        if value is None and not self.check.is_property_shape:
            return self.focus
        return value

    @property
    def path(self) -> Node | None:
        """``sh:resultPath``: ``?path`` if the row binds it, else the property shape's path."""
        bound = self.bindings.get("path") if self.check.kind is Kind.SPARQL else None
        return bound if bound is not None else self.check.path

    def messages(self) -> list[Literal]:
        """``sh:resultMessage``: as pyshacl writes them, before they are tagged @fr.

        The shape's messages are kept as they are for core constraints. For a SPARQL
        constraint, its own messages and then the shape's get their ``{?var}``/``{$var}``
        filled from the row (``this``, ``path``, ``value`` as in :attr:`value`), and lose their
        language tag as pyshacl's do.
        """
        check = self.check
        if check.kind is not Kind.SPARQL:
            return list(check.messages)
        variables = {name: value for name, value in self.row if name not in ("path", "value")}
        if self.bindings.get("path") is not None:
            variables["path"] = self.bindings["path"]
        if self.value is not None:
            variables["value"] = self.value
        own = [m for m in check.constraint_messages if m not in check.messages]
        return [Literal(fill(str(m), variables)) for m in (*own, *check.messages)]


def fill(template: str, variables: Mapping[str, Node]) -> str:
    """``{?name}`` and ``{$name}`` replaced by the lexical form (or IRI) of the variable's value.

    pyshacl substitutes with ``re.sub``, which would read a backslash in a value as an escape;
    here values are inserted as they are.
    """
    for name, value in variables.items():
        for marker in ("?", "$"):
            template = template.replace(f"{{{marker}{name}}}", str(value))
    return template


def results_graph(results: Iterable[Result], shapes: Graph) -> Graph:
    """The ``sh:ValidationReport`` of ``results`` (conforming when there is none)."""
    # A store without contexts, filled at once: rdflib's default store spends most of a
    # region's validation indexing these triples one by one.
    graph = Graph(store="SimpleMemory", bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        graph.bind(prefix, namespace)
    for prefix, iri in {**PREFIXES, "pstsh": str(PSTSH)}.items():
        graph.bind(prefix, iri)
    report = BNode()
    triples: list[tuple[Node, Node, Node]] = [(report, RDF.type, SH.ValidationReport)]
    copier = _Copier(shapes, triples)
    for result in results:
        node = BNode()
        check = result.check
        triples += [
            (report, SH.result, node),
            (node, RDF.type, SH.ValidationResult),
            (node, SH.sourceConstraintComponent, check.component),
            (node, SH.sourceShape, copier.copy(check.shape)),
            (node, SH.resultSeverity, check.severity),
            (node, SH.focusNode, result.focus),
        ]
        if result.value is not None:
            triples.append((node, SH.value, result.value))
        if result.path is not None:
            path = copier.copy(result.path) if result.path == check.path else result.path
            triples.append((node, SH.resultPath, path))
        if check.constraint is not None:
            triples.append((node, SH.sourceConstraint, copier.copy(check.constraint)))
        # Tagged @fr as run_shacl tags pyshacl's messages.
        triples += [(node, SH.resultMessage, french(m)) for m in result.messages()]
    # pyshacl reports "conforms" false at the first result: warnings and infos are not allowed.
    conforms = not any(predicate == SH.result for _, predicate, _ in triples)
    triples.append((report, SH.conforms, Literal(conforms)))
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


class _Copier:
    """Copies nodes of the shapes graph into a results graph, as pyshacl does.

    An IRI stands for itself; a blank node (an ``sh:alternativePath``, an anonymous SPARQL
    constraint) is copied with everything below it, once per results graph, keeping its label.
    """

    def __init__(self, source: Graph, target: list[tuple[Node, Node, Node]]) -> None:
        self.source = source
        self.target = target
        self.done: dict[Node, Node] = {}

    def copy(self, node: Node) -> Node:
        if not isinstance(node, BNode):
            return node
        if node not in self.done:
            self.done[node] = node
            self._below(node, node)
        return self.done[node]

    def _below(self, node: BNode, label: BNode) -> None:
        for predicate, obj in self.source.predicate_objects(node):
            if isinstance(obj, BNode):
                inner = BNode()  # pyshacl keeps the label of the top node only
                self._below(obj, inner)
                obj = inner
            self.target.append((label, predicate, obj))
