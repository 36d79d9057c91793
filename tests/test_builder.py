"""The plan graphs the builder makes from the corpus: terms, provenance, concepts, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, SKOS

from pstkg.builder import build_plan_graph
from pstkg.identity import resolve_identity
from pstkg.loaders.read import read_document
from pstkg.namespaces import ID, PST, PSTV
from pstkg.ontology import ONTOLOGY_DIR

from .conftest import CORPUS, CORPUS_FILES

PLAN = {
    "anderlues": ID["plan/anderlues/2019-2024"],
    "burdinne": ID["plan/burdinne/2019-2024"],
    "dinant": ID["plan/dinant/2019-2024"],
}


@pytest.fixture(scope="module")
def built() -> dict[str, object]:
    plans = {}
    for path in CORPUS_FILES:
        document = read_document(path)
        identity = resolve_identity(document.parsed, path)
        plans[path.name] = (document, build_plan_graph(document.parsed, document.source, identity))
    return plans


def graph_of(built, name: str) -> Graph:
    return built[name][1].graph


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for turtle in ONTOLOGY_DIR.glob("*.ttl"):
        graph.parse(turtle)
    return graph


def test_every_pst_term_used_is_declared_in_the_ontology(built, ontology: Graph):
    declared = {
        term
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for term in ontology.subjects(RDF.type, kind)
    }
    for _, plan in built.values():
        used = {p for p in plan.graph.predicates() if str(p).startswith(str(PST))}
        used |= {o for o in plan.graph.objects(None, RDF.type) if str(o).startswith(str(PST))}
        assert used - declared == set()


def test_every_concept_used_exists_in_the_vocabularies(built, ontology: Graph):
    for _, plan in built.values():
        for concept in plan.graph.objects():
            if str(concept).startswith(str(PSTV)):
                assert (concept, RDF.type, None) in ontology, concept


def test_no_blank_nodes_and_provenance_on_every_item(built):
    for name, (document, plan) in built.items():
        graph = plan.graph
        assert not any(isinstance(term, BNode) for triple in graph for term in triple), name
        last = len(document.source.lines)
        items = set(graph.subjects(PROV.wasDerivedFrom, None))
        typed = {s for s in graph.subjects(RDF.type, None)} - set(
            graph.subjects(RDF.type, PST.SourceDocument)
        )
        organisations = set(graph.subjects(RDF.type, ORG.Organization)) | set(
            graph.subjects(RDF.type, ORG.OrganizationalUnit)
        )
        others = (
            {plan.iri for _ in [0]}
            | set(graph.subjects(RDF.type, PST.CPAS))
            | set(graph.subjects(RDF.type, PST.Legislature))
        )
        assert typed - organisations - others <= items, name
        for item in items:
            first = graph.value(item, PST.firstLine).toPython()
            final = graph.value(item, PST.lastLine).toPython()
            assert 1 <= first <= final <= last, (name, item)


def test_iris_are_built_from_codes(built):
    graph = graph_of(built, "dinant-2019.txt")
    action = URIRef(f"{PLAN['dinant']}/action/1-2-1")
    assert graph.value(action, DCTERMS.title) == Literal(
        "Avoir une réflexion sur l'opportunité d'un taxi social", lang="fr"
    )
    assert (URIRef(f"{PLAN['dinant']}/oo/1-2"), PST.hasProjectOrAction, action) in graph
    untitled = URIRef(f"{PLAN['dinant']}/oo/3-1")
    assert graph.value(untitled, DCTERMS.title) is None
    assert len(list(graph.objects(untitled, PST.hasProjectOrAction))) == 5


def test_burdinne_marks_volets_and_mentions(built):
    graph = graph_of(built, "burdinne-2019-2024.txt")
    plan = PLAN["burdinne"]
    assert graph.value(URIRef(f"{plan}/os/1-1"), PST.volet) == PSTV["volet-interne"]
    assert graph.value(URIRef(f"{plan}/os/3"), PST.volet) == PSTV["volet-externe"]
    # "- Promouvoir le Taxi social ... Priorité élevée ;" (lines 110-112 of the non-blank text)
    taxi = next(
        s
        for s, o in graph.subject_objects(DCTERMS.title)
        if str(o).startswith("Promouvoir le Taxi social")
    )
    fiche = graph.value(taxi, PST.hasFiche)
    assert graph.value(fiche, PST.priority) == PSTV["priorite-elevee"]
    assert graph.value(fiche, PST.progressStatus) is None
    marked = {
        str(graph.value(action, DCTERMS.title))[:40]
        for action, fiche in graph.subject_objects(PST.hasFiche)
        if (fiche, PST.progressStatus, PSTV["etat-en-cours"]) in graph
    }
    assert len(marked) == 4
    synergies = next(
        s
        for s, o in graph.subject_objects(DCTERMS.title)
        if str(o).startswith("Développer des synergies")
    )
    named = {
        str(graph.value(org, SKOS.prefLabel))
        for org in graph.objects(synergies, PST.mentionsOrganization)
    }
    assert named == {"Gal", "Srmd", "Commune"}


def test_anderlues_fiche_fields_partners_services(built):
    graph = graph_of(built, "anderlues-2019-2024.txt")
    project = next(
        s
        for s, o in graph.subject_objects(DCTERMS.title)
        if str(o)
        == "Développement d'une plateforme inter CPAS dans le cadre du dispositif article 61"
    )
    assert (project, RDF.type, PST.Project) in graph
    assert Literal(
        "Développement d'une pateforme inter CPAS dans le cadre du dispositif article 61", lang="fr"
    ) in set(graph.objects(project, DCTERMS.alternative))
    fiche = graph.value(project, PST.hasFiche)
    assert graph.value(fiche, PST.priority) == PSTV["priorite-prioritaire"]
    assert graph.value(fiche, PST.progressStatus) == PSTV["etat-en-cours"]
    assert graph.value(fiche, PST.volet) == PSTV["volet-externe"]
    assert graph.value(fiche, PST.synergy) == PSTV["synergie-a-envisager"]
    assert graph.value(fiche, PST.enjeu) == PSTV["enjeu-2"]
    partners = {str(graph.value(o, SKOS.prefLabel)) for o in graph.objects(fiche, PST.partner)}
    assert partners == {"CPAS BINCHE", "CPAS GERPINNES", "CPAS MONTIGNY LE TILLEUL", "CPAS THUIN"}
    services = set(graph.objects(fiche, PST.involvedService))
    assert {str(graph.value(s, SKOS.prefLabel)) for s in services} == {
        "Service Administratif",
        "Service social (Tous)",
        "Social - Insertion",
    }
    assert all((s, ORG.unitOf, ID["cpas/anderlues"]) in graph for s in services)
    assert graph.value(fiche, PST.indicator) == Literal("Nombre de remises au travail", lang="fr")


def test_anderlues_conflicting_fiches_are_both_kept(built):
    graph = graph_of(built, "anderlues-2019-2024.txt")
    project = next(
        s
        for s, o in graph.subject_objects(DCTERMS.title)
        if str(o) == "Organisation du travail le week-end pour les aides familiales"
    )
    fiches = sorted(graph.objects(project, PST.hasFiche))
    assert len(fiches) == 2
    first, second = fiches
    assert (first, PST.conflictsWith, second) in graph
    assert sorted(graph.value(f, PST.firstLine).toPython() for f in fiches) == [2501, 2541]
    ops = {str(graph.value(f, PST.politicalObjective)).rsplit("/", 1)[1] for f in fiches}
    assert ops == {"6", "3"}
    steps = sorted(
        graph.objects(second, PST.hasStep), key=lambda s: graph.value(s, PST.position).toPython()
    )
    assert [str(graph.value(s, DCTERMS.title)) for s in steps][:3] == [
        "Réunion d'Information auprès des aides familiales",
        "Estimation du cout",
        "Accord politique",
    ]
    assert len(steps) == 10
    warnings = [w.message for w in built["anderlues-2019-2024.txt"][1].warnings]
    assert any("conflicting fiches (lines 2501 and 2541)" in w for w in warnings)


def test_every_written_value_maps_to_a_concept_on_the_corpus(built):
    for name, (_, plan) in built.items():
        assert not [w for w in plan.warnings if "unknown" in w.message], name


def test_plan_facts(built):
    graph = graph_of(built, "ville-cpas-conseil-conjoint-2019-2024.txt")
    (plan,) = graph.subjects(RDF.type, PST.Plan)
    assert str(graph.value(plan, PST.councilDate)) == "2019-09-24"
    values = {str(graph.value(v, SKOS.prefLabel)) for v in graph.objects(plan, PST.hasValue)}
    assert values == {
        "Respect",
        "Travail d'équipe",
        "Bienveillance",
        "Convivialité",
        "Solidarité",
        "Compétence",
    }
    dinant = graph_of(built, "dinant-2019.txt")
    kinds = {dinant.value(e, RDF.type) for e in dinant.objects(PLAN["dinant"], PST.hasEvaluation)}
    assert kinds == {PST.MidTermEvaluation, PST.FinalEvaluation}


def test_corpus_path_is_the_bundled_copy():
    assert Path(CORPUS).resolve().parent.name == "data"
