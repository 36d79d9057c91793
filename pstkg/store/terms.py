"""Converting pyoxigraph terms (the store's) into rdflib terms (the project's toolkit)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

_PLAIN = {str(XSD.string), str(RDF.langString)}


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Identifier | None:
    """A pyoxigraph term as the rdflib term it stands for."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype in _PLAIN else URIRef(datatype))
    raise TypeError(f"unsupported RDF term {term!r}")
