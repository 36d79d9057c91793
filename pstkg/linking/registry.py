"""The partner registry (ontology/partners.ttl) as Python data: known organisations by alias,
kinds of organisations with their generic names and resolution scope, municipalities and the
provinces they lie in, and the territories local bodies serve."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from pstkg.linking.labels import french_label
from pstkg.loaders.text import fold_for_matching
from pstkg.namespaces import PST, PSTV
from pstkg.ontology import ONTOLOGY_DIR
from pstkg.triples import iri_or_none

PARTNERS_TTL = ONTOLOGY_DIR / "partners.ttl"


@dataclass(frozen=True)
class Kind:
    """A kind of organisation; ``scope`` says how its generic names are resolved (or None)."""

    iri: URIRef
    notation: str
    label: str
    scope: URIRef | None


@dataclass(frozen=True)
class KnownOrganisation:
    """An organisation of the registry."""

    iri: URIRef
    label: str
    kind: URIRef | None
    operates_in: frozenset[URIRef]


@dataclass(frozen=True)
class Alias:
    """A name the registry knows, as written there, and what it names."""

    written: str
    target: KnownOrganisation | Kind


@dataclass(frozen=True)
class Registry:
    """Everything name resolution needs from partners.ttl."""

    aliases: dict[str, Alias]
    kinds: dict[URIRef, Kind]
    organisations: dict[URIRef, KnownOrganisation]
    province_of: dict[URIRef, URIRef]

    def kind(self, notation: str) -> Kind:
        """The kind with this code (``skos:notation``)."""
        return next(kind for kind in self.kinds.values() if kind.notation == notation)

    def serving(self, kind: URIRef, areas: set[URIRef]) -> list[KnownOrganisation]:
        """Known organisations of a kind that serve one of the areas (municipality, province)."""
        return sorted(
            (o for o in self.organisations.values() if o.kind == kind and o.operates_in & areas),
            key=lambda o: o.iri,
        )


def alias_key(name: str) -> str:
    """How names are compared: folded, without punctuation or a leading article."""
    key = fold_for_matching(name)
    for article in ("la ", "le ", "les ", "l ", "du ", "de la ", "des "):
        if key.startswith(article) and len(key) > len(article) + 1:
            return key[len(article) :]
    return key


@cache
def registry() -> Registry:
    """The registry of partners.ttl, parsed once per process."""
    return parse_registry(Graph().parse(PARTNERS_TTL, format="turtle"))


def parse_registry(graph: Graph) -> Registry:
    """Read kinds, organisations, provinces and aliases from a graph; refuse ambiguous aliases."""
    kinds = {
        kind: Kind(
            kind,
            str(graph.value(kind, SKOS.notation)),
            french_label(graph, kind),
            iri_or_none(graph.value(kind, PST.resolutionScope)),
        )
        for kind in graph.subjects(SKOS.inScheme, PSTV["organisation-kinds"])
        if isinstance(kind, URIRef)
    }
    organisations = {
        node: KnownOrganisation(
            node,
            french_label(graph, node),
            iri_or_none(graph.value(node, PST.organisationKind)),
            frozenset(o for o in graph.objects(node, PST.operatesIn) if isinstance(o, URIRef)),
        )
        for node in set(graph.subjects(PST.organisationKind, None))
        if isinstance(node, URIRef)
    }
    names: dict[str, set[tuple[str, URIRef]]] = defaultdict(set)
    for node in organisations:
        for label in _labels(graph, node):
            names[alias_key(label)].add((label, node))
    for kind in kinds.values():
        if kind.scope is not None:  # only kinds with a scope have generic names that resolve
            for label in _labels(graph, kind.iri):
                names[alias_key(label)].add((label, kind.iri))
    aliases = {}
    for key, found in names.items():
        targets = {target for _, target in found}
        if len(targets) > 1:
            raise ValueError(f"partners.ttl: the name {key!r} is given to {sorted(targets)}")
        written, target = min(found)
        aliases[key] = Alias(written, organisations.get(target) or kinds[target])
    province_of = {
        commune: province
        for commune, province in graph.subject_objects(PST.inProvince)
        if isinstance(commune, URIRef) and isinstance(province, URIRef)
    }
    return Registry(aliases, kinds, organisations, province_of)


def _labels(graph: Graph, node: URIRef) -> list[str]:
    return sorted(
        str(label)
        for predicate in (SKOS.prefLabel, SKOS.altLabel)
        for label in graph.objects(node, predicate)
        # French names only: plans are French, and "Police zone" must not match a plan's word.
        if isinstance(label, Literal) and label.language in (None, "fr")
    )
