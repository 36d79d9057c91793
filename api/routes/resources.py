"""``/id/...``: the IRIs the project mints, dereferenced; ``/.well-known/void``: the dataset.

``https://w3id.org/pst-kg/id/X`` is described at ``/id/X``: HTML for a browser, RDF for an
RDF client (by ``Accept``), from every graph that mentions it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from rdflib import Graph, URIRef

from pstkg.api.dataset_description import describe_dataset
from pstkg.api.dependencies import StoreDep
from pstkg.api.identifiers import minted
from pstkg.api.negotiation import choose, prefers_html
from pstkg.api.pages_support import render_page
from pstkg.api.serializers import GRAPH_TYPES, render_graph
from pstkg.namespaces import PREFIXES, SPARQL_PREFIXES
from pstkg.store import SelectResult

router = APIRouter(tags=["ressources"])

_RDF_CONTENT: dict[str, Any] = {"content": {media: {} for media in GRAPH_TYPES}}

# The resource's own statements, the graph each is in, and labels for the values.
_OUT = """
SELECT ?p ?o ?g ?label WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { GRAPH ?lg { ?o skos:prefLabel|dcterms:title|org:name|rdfs:label ?label }
             FILTER(!isLiteral(?label) || LANG(?label) IN ("fr", "")) }
} ORDER BY ?g ?p ?o
"""
_IN = """
SELECT DISTINCT ?x ?p ?g ?label WHERE {
  GRAPH ?g { ?x ?p ?s }
  OPTIONAL { GRAPH ?lg { ?x skos:prefLabel|dcterms:title|org:name ?label } }
} ORDER BY ?p ?x LIMIT 200
"""


def _describe(store, iri: URIRef) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"s": iri})
    assert isinstance(result, Graph)
    for triple in result:
        graph.add(triple)
    return graph


@router.get(
    "/id/{path:path}",
    summary="Describe a resource the project minted",
    responses={200: {"content": {"text/html": {}, **_RDF_CONTENT["content"]}}, 404: {}},
)
def describe_resource(path: str, request: Request, store: StoreDep) -> Response:
    """What the store says about ``https://w3id.org/pst-kg/id/{path}``."""
    iri = minted(path)
    accept = request.headers.get("accept")
    if prefers_html(accept):
        outgoing = store.query(SPARQL_PREFIXES + _OUT, {"s": iri})
        incoming = store.query(SPARQL_PREFIXES + _IN, {"s": iri})
        assert isinstance(outgoing, SelectResult) and isinstance(incoming, SelectResult)
        if not outgoing.rows and not incoming.rows:
            raise HTTPException(404, f"nothing is known about {iri}")
        return render_page(
            request,
            "resource.html",
            iri=str(iri),
            outgoing=outgoing.as_dicts(),
            incoming=incoming.as_dicts(),
        )
    graph = _describe(store, iri)
    if not len(graph):
        raise HTTPException(404, f"nothing is known about {iri}")
    media = choose(accept, list(GRAPH_TYPES))
    if media is None:
        raise HTTPException(406, f"available as text/html or {', '.join(GRAPH_TYPES)}")
    return Response(render_graph(graph, media), media_type=media)


@router.get(
    "/.well-known/void",
    summary="VoID/DCAT description of the dataset",
    responses={200: _RDF_CONTENT},
)
@router.get("/void", include_in_schema=False)
def void(request: Request, store: StoreDep) -> Response:
    """The dataset: its SPARQL endpoint, its IRI space, one subset per named graph."""
    media = choose(request.headers.get("accept"), list(GRAPH_TYPES)) or "text/turtle"
    graph = describe_dataset(store, str(request.base_url))
    return Response(render_graph(graph, media), media_type=media)
