"""The VoID and DCAT description of the dataset the service publishes (``/.well-known/void``)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from pstkg import __version__
from pstkg.namespaces import BASE, ID, PREFIXES, SD
from pstkg.store import PlanStore, SelectResult

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef(BASE + "dataset")

_COUNTS = "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def describe_dataset(store: PlanStore, base_url: str) -> Graph:
    """A VoID dataset with one subset per named graph, typed as a DCAT dataset and service."""
    base_url = base_url.rstrip("/")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    graph.bind("sd", SD)
    counts = store.query(_COUNTS)
    assert isinstance(counts, SelectResult)
    total = sum(int(str(row[1])) for row in counts.rows)
    endpoint = URIRef(f"{base_url}/sparql")
    graph.add((DATASET, RDF.type, VOID.Dataset))
    graph.add((DATASET, RDF.type, DCAT.Dataset))
    graph.add(
        (
            DATASET,
            DCTERMS.title,
            Literal("Programmes stratégiques transversaux des CPAS wallons", lang="fr"),
        )
    )
    graph.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "Les PST des CPAS wallons en graphe de connaissances : un graphe nommé par plan, "
                "les liens dérivés dans des graphes à part.",
                lang="fr",
            ),
        )
    )
    graph.add((DATASET, VOID.sparqlEndpoint, endpoint))
    graph.add((DATASET, VOID.uriSpace, Literal(str(ID))))
    graph.add((DATASET, VOID.triples, Literal(total, datatype=XSD.integer)))
    graph.add((DATASET, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    graph.add((DATASET, DCTERMS.hasVersion, Literal(__version__)))
    service = URIRef(f"{base_url}/sparql#service")
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.servesDataset, DATASET))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((DATASET, DCAT.distribution, service))
    for name, triples in counts.rows:
        assert name is not None  # GRAPH ?g binds it
        subset = BNode()
        graph.add((DATASET, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, SD.name, name))
        graph.add((subset, VOID.triples, Literal(int(str(triples)), datatype=XSD.integer)))
    return graph
