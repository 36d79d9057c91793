"""``/id/...``: the IRIs the project mints, dereferenced; ``/.well-known/void``: the dataset.

``https://w3id.org/pst-kg/id/X`` is described at ``/id/X``: HTML for a browser, RDF for an
RDF client (by ``Accept``), from every graph that mentions it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from rdflib import Graph, URIRef

from pstkg.api.dataset_description import describe_dataset
from pstkg.api.dependencies import StoreDep, ValidationDep
from pstkg.api.identifiers import minted
from pstkg.api.negotiation import choose, prefers_html
from pstkg.api.routes.element_pages import readable_page
from pstkg.api.serializers import GRAPH_TYPES, render_graph
from pstkg.api.table_export import ExportFormat
from pstkg.namespaces import PREFIXES

router = APIRouter(tags=["ressources"])

_RDF_CONTENT: dict[str, Any] = {"content": {media: {} for media in GRAPH_TYPES}}


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
def describe_resource(
    path: str,
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    vue: Annotated[str | None, Query(description="`rdf`: the raw statements (HTML)")] = None,
    format: Annotated[ExportFormat | None, Query(description="a page table as a file")] = None,
    tableau: Annotated[str | None, Query(description="which table of the page")] = None,
) -> Response:
    """What the store says about ``https://w3id.org/pst-kg/id/{path}``.

    A browser gets a readable French page (``?vue=rdf``: the raw statements), or one of its
    tables with ``format`` (csv, xlsx) and ``tableau``; an RDF client gets RDF by ``Accept``.
    """
    iri = minted(path)
    accept = request.headers.get("accept")
    if format is not None or prefers_html(accept):
        return readable_page(request, store, validation, iri, vue, format, tableau)
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
