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

from rdflib import URIRef
from rdflib import namespace as rdf_namespaces

from pstkg.linking.goals import GoalSuggestion
from pstkg.linking.organisations import NewOrganisation, Resolution
from pstkg.linking.similarity import SimilarityLink
from pstkg.linking.text import fold_for_search
from pstkg.linking.themes import ThemeAssignment, ThemeScheme, is_sdg
from pstkg.namespaces import GRAPH, ID, ORG, PST, PSTV, CachedTerms
from pstkg.triples import NTLiteral, TripleSet, plain, text, typed

# Made once: rdflib makes a new URIRef at every RDF.type, and derived graphs state millions.
PROV, RDF, SKOS, XSD = (
    CachedTerms(getattr(rdf_namespaces, name)) for name in ("PROV", "RDF", "SKOS", "XSD")
)

SIMILARITY_GRAPH = GRAPH["derived/similarity"]
_TFIDF = PSTV["method-tfidf-themes"]
DERIVED_PREFIX = str(GRAPH["derived/"])


def derived_graph_iri(plan: URIRef) -> URIRef:
    """``id/plan/burdinne/2019-2024`` → ``graph/derived/burdinne/2019-2024``."""
    prefix = str(ID["plan/"])
    if not str(plan).startswith(prefix):
        raise ValueError(f"not a plan IRI: {plan}")
    return URIRef(DERIVED_PREFIX + str(plan)[len(prefix) :])


def new_graph() -> TripleSet:
    """An empty derived graph."""
    return TripleSet()


def score(value: float) -> NTLiteral:
    """A score as an xsd:decimal with three decimals (the same text on every run).

    Three fixed decimals are also rdflib's lexical form of that decimal (checked for every
    score from 0.000 to 100.000), which derived graphs used to be made with.
    """
    return typed(f"{value:.3f}", XSD.decimal)


def describe_graph(graph: TripleSet, iri: URIRef, sources: Iterable[URIRef], digest: str) -> None:
    """Say what a derived graph is, what it was derived from and with which data."""
    graph.add(iri, RDF.type, PST.DerivedGraph)
    for source in sources:
        graph.add(iri, PROV.wasDerivedFrom, source)
    graph.add(iri, PST.inputDigest, plain(digest))


def add_link(
    graph: TripleSet,
    node: str,
    kind: URIRef,
    subject: URIRef,
    target: URIRef,
    method: URIRef,
    value: float,
    evidence: Iterable[str] = (),
) -> None:
    """A reified derived link: its ends, method, score and evidence."""
    graph.add(node, RDF.type, kind)
    graph.add(node, PST.linkSubject, subject)
    graph.add(node, PST.linkTarget, target)
    graph.add(node, PST.method, method)
    graph.add(node, PST.score, score(value))
    for clue in evidence:
        graph.add(node, PST.evidence, text(clue))


def add_resolution(graph: TripleSet, written: URIRef, resolution: Resolution) -> None:
    """An organisation name of a plan resolved to its canonical organisation."""
    graph.add(written, PST.resolvesTo, resolution.target)
    node = f"{written}/resolution"
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
        graph.add(node, PST.matchedAlias, text(resolution.matched))
    for created in resolution.created:
        add_organisation(graph, created)


def add_organisation(graph: TripleSet, organisation: NewOrganisation) -> None:
    """What resolution says about an organisation it had to name."""
    for rdf_type in organisation.types:
        graph.add(organisation.iri, RDF.type, rdf_type)
    graph.add(organisation.iri, SKOS.prefLabel, text(organisation.label))
    graph.add(organisation.iri, PST.organisationKind, organisation.kind)
    if organisation.unit_of is not None:
        graph.add(organisation.iri, ORG.unitOf, organisation.unit_of)
    if organisation.needs_review:
        graph.add(organisation.iri, PST.needsReview, typed("true", XSD.boolean))


def add_themes(
    graph: TripleSet, item: URIRef, assignments: Iterable[ThemeAssignment], scheme: ThemeScheme
) -> None:
    """An item's themes, with the terms that triggered them."""
    for assignment in assignments:
        graph.add(item, PST.theme, assignment.theme)
        node = f"{item}/theme/{scheme.themes[assignment.theme].notation}"
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


def add_goals(graph: TripleSet, item: URIRef, suggestions: Iterable[GoalSuggestion]) -> None:
    """An item's suggested ODD and enjeux, with the themes that proposed them."""
    for suggestion in suggestions:
        number = str(suggestion.goal).rsplit("/", 1)[1].removeprefix("enjeu-")
        if is_sdg(suggestion.goal):
            predicate, node = PST.suggestedSdg, f"{item}/odd/{number}"
        else:
            predicate, node = PST.suggestedEnjeu, f"{item}/enjeu/{number}"
        graph.add(item, predicate, suggestion.goal)
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


def add_search_words(graph: TripleSet, item: URIRef, texts: Iterable[str]) -> None:
    """The words of an item's texts (title, title variants, fiche descriptions), folded for search.

    The search query (queries/search.rq) looks its phrase's first word up here, an index
    look-up, and folds and reads only those items' texts: folding every text of a region in
    SPARQL cost it most of its time.
    """
    words = {word for written in texts for word in fold_for_search(written).split()}
    for word in sorted(words):
        graph.add(item, PST.searchWord, plain(word))


def add_similarity(graph: TripleSet, link: SimilarityLink, theme_labels: dict[URIRef, str]) -> None:
    """A project's link to a similar project of another plan."""
    graph.add_lines(similarity_lines(link, theme_labels))


def similarity_lines(link: SimilarityLink, theme_labels: dict[URIRef, str]) -> str:
    """The N-Triples of a similarity link (the plain triple, then the reified link).

    Written in one go: the similarity graph of a region holds ~285,000 links, and this is
    the statements :func:`add_link` makes, plus the rank, for each.
    """
    source, target, node = link.source, link.target, similarity_node(link)
    evidence = text(similarity_evidence(link, theme_labels))
    return (
        f"<{source}> <{PST.similarTo}> <{target}> .\n"
        f"<{node}> <{RDF.type}> <{PST.SimilarityLink}> .\n"
        f"<{node}> <{PST.linkSubject}> <{source}> .\n"
        f"<{node}> <{PST.linkTarget}> <{target}> .\n"
        f"<{node}> <{PST.method}> <{_TFIDF}> .\n"
        f"<{node}> <{PST.score}> {score(link.score)} .\n"
        f"<{node}> <{PST.evidence}> {evidence} .\n"
        f"<{node}> <{PST.rank}> {typed(str(link.rank), XSD.integer)} .\n"
    )


def similarity_node(link: SimilarityLink) -> str:
    """The IRI of a similarity link: ``{source}/similar/{sha1(target)[:12]}``."""
    digest = hashlib.sha1(str(link.target).encode("utf-8")).hexdigest()[:12]
    return f"{link.source}/similar/{digest}"


def similarity_evidence(link: SimilarityLink, theme_labels: dict[URIRef, str]) -> str:
    """The one clue of a similarity link, in a fixed order, so every listing reads the same."""
    parts = []
    if link.shared_words:
        parts.append("mots communs : " + ", ".join(link.shared_words))
    if link.shared_themes:
        parts.append("thèmes communs : " + ", ".join(theme_labels[t] for t in link.shared_themes))
    parts.append(f"cosinus TF-IDF : {link.cosine:.3f}")
    return "; ".join(parts)
