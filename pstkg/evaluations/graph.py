"""An evaluation's (or follow-up's) named graph: the evaluation node and one snapshot per line.

Never the plan's graph: the evaluation lives in
``https://w3id.org/pst-kg/graph/evaluation/{cpas}/{législature}/{kind}-{date}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from pstkg.evaluations.document import SnapshotLine, markers
from pstkg.evaluations.matching import Match
from pstkg.iris import source_iri
from pstkg.loaders.text import fold_for_matching
from pstkg.namespaces import GRAPH, PST
from pstkg.vocabulary import SCHEMES, match_concept, vocabulary_graph

EVALUATION_CLASSES = {
    "mi-parcours": PST.MidTermEvaluation,
    "finale": PST.FinalEvaluation,
    "annuelle": PST.AnnualEvaluation,
    "suivi": PST.FollowUp,
}


@dataclass(frozen=True)
class EvaluationId:
    """Which plan an evaluation is of, its kind and date: its IRIs follow."""

    plan: URIRef
    cpas_slug: str
    legislature: str
    kind: str
    day: date

    @property
    def key(self) -> str:
        """ "mi-parcours-2022-06-30"."""
        return f"{self.kind}-{self.day.isoformat()}"

    @property
    def node(self) -> URIRef:
        """``pstid:plan/{cpas}/{legislature}/evaluation/{kind}-{date}``."""
        return URIRef(f"{self.plan}/evaluation/{self.key}")

    @property
    def graph(self) -> URIRef:
        """The evaluation's own named graph."""
        return GRAPH[f"evaluation/{self.cpas_slug}/{self.legislature}/{self.key}"]


@cache
def _state_labels() -> list[tuple[str, URIRef]]:
    """Every folded label of the states, longest first."""
    graph = vocabulary_graph()
    labels = [
        (fold_for_matching(str(label)), concept)
        for concept in graph.subjects(SKOS.inScheme, SCHEMES["status"])
        if isinstance(concept, URIRef)
        for predicate in (SKOS.prefLabel, SKOS.altLabel)
        for label in graph.objects(concept, predicate)
    ]
    return sorted(labels, key=lambda pair: -len(pair[0]))


def state_concept(written: str) -> URIRef | None:
    """The pstv:etats concept a written state stands for ("démarré" → etat-en-cours): the
    whole text, else the longest state label it contains as words ("en cours, retard")."""
    concept = match_concept("status", written)
    if concept is not None:
        return concept
    folded = f" {fold_for_matching(written)} "
    for label, candidate in _state_labels():
        if label and f" {label} " in folded:
            return candidate
    return None


@dataclass(frozen=True)
class Source:
    """The document an evaluation was read from."""

    sha256: str
    name: str
    layout: str


def evaluation_graph(
    ident: EvaluationId,
    source: Source,
    lines: list[tuple[SnapshotLine, Match | None]],
    council_day: date | None,
) -> Graph:
    """The evaluation's graph: the evaluation, its source, one pst:ItemSnapshot per line."""
    graph = Graph()
    node = ident.node
    document = source_iri(source.sha256)
    graph.add((document, RDF.type, PST.SourceDocument))
    graph.add((document, DCTERMS.title, Literal(source.name)))
    graph.add((document, PST.sha256, Literal(source.sha256)))
    graph.add((document, PST.layout, Literal(source.layout)))
    label = f"{markers()['kind_labels'][ident.kind]} du {ident.day.isoformat()}"
    graph.add((node, RDFS.label, Literal(label, lang="fr")))
    graph.add((node, RDF.type, EVALUATION_CLASSES[ident.kind]))
    graph.add((node, PST.evaluates, ident.plan))
    graph.add((node, DCTERMS.date, Literal(ident.day.isoformat(), datatype=XSD.date)))
    graph.add((node, PROV.wasDerivedFrom, document))
    if council_day is not None:
        graph.add((node, PST.councilDate, Literal(council_day.isoformat(), datatype=XSD.date)))
    if ident.kind != "suivi":  # pst:hasEvaluation's range is pst:Evaluation: not a follow-up
        graph.add((ident.plan, PST.hasEvaluation, node))
    for number, (line, match) in enumerate(lines, start=1):
        snapshot = URIRef(f"{node}/snapshot/{number}")
        _add_snapshot(graph, snapshot, node, ident.day, line, match)
        # What the pages call it: the action as written, in which evaluation.
        name = line.code or line.title or f"ligne {line.first_line}"
        graph.add((snapshot, RDFS.label, Literal(f"{name} — {label}", lang="fr")))
    return graph


def _add_snapshot(
    graph: Graph,
    snapshot: URIRef,
    evaluation: URIRef,
    day: date,
    line: SnapshotLine,
    match: Match | None,
) -> None:
    graph.add((snapshot, RDF.type, PST.ItemSnapshot))
    graph.add((snapshot, PST.snapshotIn, evaluation))
    graph.add((snapshot, DCTERMS.date, Literal((line.day or day).isoformat(), datatype=XSD.date)))
    graph.add(
        (snapshot, PST.firstLine, Literal(str(line.first_line), datatype=XSD.positiveInteger))
    )
    graph.add((snapshot, PST.lastLine, Literal(str(line.last_line), datatype=XSD.positiveInteger)))
    if line.code:
        graph.add((snapshot, PST.codeAsWritten, Literal(line.code)))
    if line.title:
        graph.add((snapshot, PST.titleAsWritten, Literal(line.title, lang="fr")))
    if line.state:
        graph.add((snapshot, PST.stateAsWritten, Literal(line.state, lang="fr")))
        concept = state_concept(line.state)
        if concept is not None:
            graph.add((snapshot, PST.state, concept))
    if line.progress is not None:
        graph.add((snapshot, PST.progress, Literal(line.progress, datatype=XSD.decimal)))
    if line.indicator:
        graph.add((snapshot, PST.indicatorReached, Literal(line.indicator, lang="fr")))
    if line.comment:
        graph.add((snapshot, RDFS.comment, Literal(line.comment, lang="fr")))
    if match is not None:
        graph.add((snapshot, PST.snapshotOf, match.item))
        graph.add((snapshot, PST.matchMethod, match.method))
        graph.add((snapshot, PST.matchScore, Literal(match.score, datatype=XSD.decimal)))
