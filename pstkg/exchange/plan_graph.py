"""What the exchange writers (eComptes XML, the fill-in template) read alike of a plan graph:
its items in the document's order, its législature, a concept's French label."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from pstkg.namespaces import PST
from pstkg.vocabulary import vocabulary_graph


def ordered(graph: Graph, parent: Node, predicate: URIRef) -> list[URIRef]:
    """The items ``parent`` links to by ``predicate``, by ``pst:position`` then IRI."""
    items = [item for item in graph.objects(parent, predicate) if isinstance(item, URIRef)]

    def key(item: URIRef) -> tuple[int, str]:
        position = graph.value(item, PST.position)
        return (int(str(position)) if position is not None else 0, str(item))

    return sorted(items, key=key)


def legislature_label(graph: Graph, plan: Node) -> str:
    """The plan's législature as written in the vocabulary ("2019-2024"): its label, else the
    end of its IRI (``pstv:legislature-2019-2024``)."""
    legislature = graph.value(plan, PST.legislature)
    label = graph.value(legislature, SKOS.prefLabel) if legislature is not None else None
    return str(label) if label is not None else str(legislature).rsplit("legislature-", 1)[-1]


def node_label(graph: Graph, node: Node | None) -> str | None:
    """A node's label: the plan graph's (an organisation), else the vocabulary's in French (a
    concept), else None."""
    if node is None:
        return None
    written = graph.value(node, SKOS.prefLabel)
    if written is not None:
        return str(written)
    return french_label(node)


def french_label(concept: Node) -> str | None:
    """A concept's French (or untagged) label in the vocabulary, the first in order."""
    labels = sorted(
        str(value)
        for value in vocabulary_graph().objects(concept, SKOS.prefLabel)
        if isinstance(value, Literal) and value.language in (None, "fr")
    )
    return labels[0] if labels else None
