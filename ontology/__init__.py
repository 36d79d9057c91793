"""The pst-kg OWL ontology and its SKOS concept schemes, as Turtle files beside this module."""

from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

ONTOLOGY_DIR = Path(str(files(__name__)))


@cache
def ontology_graph() -> Graph:
    """The ontology and every concept scheme of this folder, parsed once per process."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph
