"""Reading labels from the SKOS data files: French first, as plans and users read them."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS


def french_label(graph: Graph, node: URIRef) -> str:
    """The node's French skos:prefLabel (else any prefLabel, else its IRI), the same every run."""
    labels = [o for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal)]
    french = sorted(str(label) for label in labels if label.language == "fr")
    return (french or sorted(str(label) for label in labels) or [str(node)])[0]
