"""The SPARQL 1.1 Service Description of ``/sparql`` (``GET /sparql`` without a query).

The constant part is declarative (``service_description.ttl``); what depends on the running
service is added to the parsed graph: the endpoint's URL, the federation feature when SERVICE
calls are allowed, and the named graphs of the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import RDF, BNode, Graph, URIRef

from pstkg.namespaces import SD

ENDPOINT_PLACEHOLDER = URIRef("urn:pst-kg:endpoint")
"""The node of the Turtle file that stands for the endpoint's URL."""

_TEMPLATE = Path(__file__).with_name("service_description.ttl")


@cache
def _template() -> Graph:
    return Graph().parse(_TEMPLATE, format="turtle")


def describe_service(
    endpoint: str, named_graphs: Iterable[URIRef], *, federated: bool = False
) -> Graph:
    """The service description of the endpoint at ``endpoint`` over these named graphs.

    ``federated``: the server allows SERVICE calls to some endpoints (sd:BasicFederatedQuery).
    """
    url = URIRef(endpoint)
    graph = Graph()
    graph.bind("sd", SD)
    for prefix, namespace in _template().namespaces():
        graph.bind(prefix, namespace, override=False)
    for subject, predicate, value in _template():
        graph.add(
            (
                url if subject == ENDPOINT_PLACEHOLDER else subject,
                predicate,
                url if value == ENDPOINT_PLACEHOLDER else value,
            )
        )
    service = graph.value(predicate=RDF.type, object=SD.Service, any=False)
    dataset = graph.value(service, SD.defaultDataset)
    if service is None or dataset is None:  # the template names both: a broken package
        raise RuntimeError(f"{_TEMPLATE} describes no sd:Service with an sd:defaultDataset")
    if federated:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for name in named_graphs:
        node = BNode()
        graph.add((dataset, SD.namedGraph, node))
        graph.add((node, RDF.type, SD.NamedGraph))
        graph.add((node, SD.name, name))
    return graph
