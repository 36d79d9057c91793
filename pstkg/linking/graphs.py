"""The derived named graphs: their IRIs, the IRIs of derived links, and their RDF.

Graph IRIs (under :data:`pstkg.namespaces.GRAPH`):

    derived graph of a plan   graph/derived/{cpas}/{législature}   (the plan's id path)
    similarity across plans   graph/derived/similarity

Each derived link is stated as a plain triple (``?item pst:theme ?theme``) and reified as a
:class:`pst:DerivedLink` whose IRI is built from its two ends, so loading twice mints the same
IRIs and no blank node is ever needed:

    {org name}/resolution                  pst:OrganisationResolution
    {item}/theme/{theme code}              pst:ThemeAssignment
    {item}/odd/{n}, {item}/enjeu/{n}       pst:GoalSuggestion
    {item}/similar/{sha1(target)[:12]}     pst:SimilarityLink
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, SKOS, XSD

from pstkg.linking.goals import GoalSuggestion
from pstkg.linking.organisations import NewOrganisation, Resolution
from pstkg.linking.similarity import SimilarityLink
from pstkg.linking.themes import ThemeAssignment, ThemeScheme, is_sdg
from pstkg.namespaces import GRAPH, ID, PREFIXES, PST, PSTV

SIMILARITY_GRAPH = GRAPH["derived/similarity"]
DERIVED_PREFIX = str(GRAPH["derived/"])


def derived_graph_iri(plan: URIRef) -> URIRef:
    """``id/plan/burdinne/2019-2024`` → ``graph/derived/burdinne/2019-2024``."""
    prefix = str(ID["plan/"])
    if not str(plan).startswith(prefix):
        raise ValueError(f"not a plan IRI: {plan}")
    return URIRef(DERIVED_PREFIX + str(plan)[len(prefix) :])


def new_graph() -> Graph:
    """An empty graph with the project's prefixes."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def score(value: float) -> Literal:
    """A score as an xsd:decimal with three decimals (the same text on every run)."""
    return Literal(Decimal(f"{value:.3f}"), datatype=XSD.decimal)


def describe_graph(graph: Graph, iri: URIRef, sources: Iterable[URIRef], digest: str) -> None:
    """Say what a derived graph is, what it was derived from and with which data."""
    graph.add((iri, RDF.type, PST.DerivedGraph))
    for source in sources:
        graph.add((iri, PROV.wasDerivedFrom, source))
    graph.add((iri, PST.inputDigest, Literal(digest)))


def add_link(
    graph: Graph,
    node: URIRef,
    kind: URIRef,
    subject: URIRef,
    target: URIRef,
    method: URIRef,
    value: float,
    evidence: Iterable[str] = (),
) -> None:
    """A reified derived link: its ends, method, score and evidence."""
    graph.add((node, RDF.type, kind))
    graph.add((node, PST.linkSubject, subject))
    graph.add((node, PST.linkTarget, target))
    graph.add((node, PST.method, method))
    graph.add((node, PST.score, score(value)))
    for clue in evidence:
        graph.add((node, PST.evidence, Literal(clue, lang="fr")))


def add_resolution(graph: Graph, written: URIRef, resolution: Resolution) -> None:
    """An organisation name of a plan resolved to its canonical organisation."""
    graph.add((written, PST.resolvesTo, resolution.target))
    node = URIRef(f"{written}/resolution")
    add_link(
        graph,
        node,
        PST.OrganisationResolution,
        written,
        resolution.target,
        resolution.method,
        resolution.score,
    )
    if resolution.matched:
        graph.add((node, PST.matchedAlias, Literal(resolution.matched, lang="fr")))
    for created in resolution.created:
        add_organisation(graph, created)


def add_organisation(graph: Graph, organisation: NewOrganisation) -> None:
    """What resolution says about an organisation it had to name."""
    for rdf_type in organisation.types:
        graph.add((organisation.iri, RDF.type, rdf_type))
    graph.add((organisation.iri, SKOS.prefLabel, Literal(organisation.label, lang="fr")))
    graph.add((organisation.iri, PST.organisationKind, organisation.kind))
    if organisation.unit_of is not None:
        graph.add((organisation.iri, ORG.unitOf, organisation.unit_of))
    if organisation.needs_review:
        graph.add((organisation.iri, PST.needsReview, Literal(True)))


def add_themes(
    graph: Graph, item: URIRef, assignments: Iterable[ThemeAssignment], scheme: ThemeScheme
) -> None:
    """An item's themes, with the terms that triggered them."""
    for assignment in assignments:
        graph.add((item, PST.theme, assignment.theme))
        node = URIRef(f"{item}/theme/{scheme.themes[assignment.theme].notation}")
        add_link(
            graph,
            node,
            PST.ThemeAssignment,
            item,
            assignment.theme,
            assignment.method,
            assignment.score,
            assignment.evidence,
        )


def add_goals(graph: Graph, item: URIRef, suggestions: Iterable[GoalSuggestion]) -> None:
    """An item's suggested ODD and enjeux, with the themes that proposed them."""
    for suggestion in suggestions:
        number = str(suggestion.goal).rsplit("/", 1)[1].removeprefix("enjeu-")
        if is_sdg(suggestion.goal):
            predicate, node = PST.suggestedSdg, URIRef(f"{item}/odd/{number}")
        else:
            predicate, node = PST.suggestedEnjeu, URIRef(f"{item}/enjeu/{number}")
        graph.add((item, predicate, suggestion.goal))
        add_link(
            graph,
            node,
            PST.GoalSuggestion,
            item,
            suggestion.goal,
            PSTV["method-theme-to-goal"],
            suggestion.score,
            suggestion.evidence,
        )


def add_similarity(graph: Graph, link: SimilarityLink, theme_labels: dict[URIRef, str]) -> None:
    """A project's link to a similar project of another plan."""
    graph.add((link.source, PST.similarTo, link.target))
    digest = hashlib.sha1(str(link.target).encode("utf-8")).hexdigest()[:12]
    node = URIRef(f"{link.source}/similar/{digest}")
    # One clue, in a fixed order, so every listing of the link reads the same.
    parts = []
    if link.shared_words:
        parts.append("mots communs : " + ", ".join(link.shared_words))
    if link.shared_themes:
        parts.append("thèmes communs : " + ", ".join(theme_labels[t] for t in link.shared_themes))
    parts.append(f"cosinus TF-IDF : {link.cosine:.3f}")
    evidence = ["; ".join(parts)]
    add_link(
        graph,
        node,
        PST.SimilarityLink,
        link.source,
        link.target,
        PSTV["method-tfidf-themes"],
        link.score,
        evidence,
    )
    graph.add((node, PST.rank, Literal(link.rank, datatype=XSD.integer)))
