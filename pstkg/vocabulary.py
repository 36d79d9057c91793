"""Matching what a plan writes ("Projet considéré prioritaire") to the SKOS concepts of the
controlled lists in ontology/vocabularies.ttl, by their preferred and alternative labels."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from pstkg.loaders.text import fold_for_matching
from pstkg.namespaces import PSTV
from pstkg.ontology import ONTOLOGY_DIR

SCHEMES = {
    "volet": PSTV.volets,
    "priority": PSTV.priorites,
    "status": PSTV.etats,
    "synergy": PSTV.synergies,
    "enjeu": PSTV.enjeux,
    "legislature": PSTV.legislatures,
}


@cache
def vocabulary_graph() -> Graph:
    """The concept schemes, parsed once per process."""
    graph = Graph()
    graph.parse(ONTOLOGY_DIR / "vocabularies.ttl", format="turtle")
    return graph


@cache
def _labels(scheme: URIRef) -> dict[str, URIRef]:
    graph = vocabulary_graph()
    index: dict[str, URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        if not isinstance(concept, URIRef):
            continue
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for label in graph.objects(concept, predicate):
                index.setdefault(fold_for_matching(str(label)), concept)
    return index


def match_concept(list_name: str, written: str) -> URIRef | None:
    """The concept of list ``list_name`` whose label matches ``written``, else None.

    Matching ignores case, accents, punctuation and spacing; a trailing ";" or "." from
    the document does not matter.
    """
    return _labels(SCHEMES[list_name]).get(fold_for_matching(written))


@cache
def sdg_goal_names() -> dict[str, str]:
    """The 17 UN goals' numbers ("1" … "17") and French names ("Pas de pauvreté"), in order."""
    graph = vocabulary_graph()
    names = {}
    for goal in graph.subjects(SKOS.inScheme, URIRef("http://metadata.un.org/sdg")):
        labels = [
            label
            for label in graph.objects(goal, SKOS.prefLabel)
            if isinstance(label, Literal) and label.language == "fr"
        ]
        notation = graph.value(goal, SKOS.notation)
        if notation is not None and labels:
            names[str(notation)] = str(labels[0])
    return dict(sorted(names.items(), key=lambda pair: int(pair[0])))
