"""The namespaces pst-kg mints and reuses, declared once for Python code.

SPARQL queries get the same prefixes from :data:`SPARQL_PREFIXES`, so no query file or
Python string declares them again.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/pst-kg/"


class _Namespace(Namespace):
    """An rdflib namespace whose terms are made once: ``PST.title`` is then a plain attribute.

    rdflib makes (and validates) a new URIRef at every attribute access, ~3 µs; loading a
    region reads these terms millions of times.
    """

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term

    # rdflib's Namespace, a str, already replaces str's indexing by this lookup of a term
    def __getitem__(self, key: str) -> URIRef:  # type: ignore[override]
        terms = self.__dict__.setdefault("_items", {})
        term = terms.get(key)
        if term is None:
            term = terms[key] = super().__getitem__(key)
        return term


class CachedTerms:
    """A namespace's terms by attribute, each made once (``cached(RDF).type``).

    For rdflib's own namespaces (RDF, DCTERMS, XSD…), which make a new URIRef at every
    access too: code that states terms for every item of a region reads them through this.
    """

    def __init__(self, namespace: Namespace | type[DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]


PST = _Namespace(BASE + "ontology#")
"""Classes and properties of the ontology (ontology/pst.ttl)."""

PSTV = _Namespace(BASE + "vocab/")
"""SKOS concepts of the controlled lists (ontology/vocabularies.ttl)."""

ID = Namespace(BASE + "id/")
"""Resources minted from documents: plans, objectives, actions, organisations, sources."""

GRAPH = _Namespace(BASE + "graph/")
"""Named graphs that hold derived statements, never mixed with what documents say."""

ORG = _Namespace("http://www.w3.org/ns/org#")
SDG = Namespace("http://metadata.un.org/sdg/")
"""The UN's own IRIs for the Sustainable Development Goals (ODD in French)."""

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
"""SPARQL 1.1 Service Description: the service's own description and its VoID links."""

PREFIXES: dict[str, str] = {
    "pst": str(PST),
    "pstv": str(PSTV),
    "pstid": str(ID),
    "org": str(ORG),
    "sdg": str(SDG),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

SPARQL_PREFIXES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def expand_curie(text: str) -> str:
    """ "pstid:plan/dinant/2019-2024" → its full IRI, for the project's prefixes; other text as is.

    Tables print IRIs shortened with these prefixes, so commands accept them back.
    """
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return text
