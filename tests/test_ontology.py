"""The ontology (ontology/pst.ttl) and the SKOS vocabularies (ontology/vocabularies.ttl).

Fast tests read the Turtle with rdflib: labels and definitions in French and English, one scheme
per concept, labels the loader can match without ambiguity, the names the graph builder relies on.
Slow tests run HermiT for real through owlready2 on hand-written plans (tests/fixtures/ontology):
consistency, the defined classes, pst:inPlan along the property chains, and inconsistency reports.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import Graph, Literal, URIRef

from pstkg.loaders.text import fold_for_matching
from pstkg.namespaces import DCTERMS, OWL, PST, PSTV, RDF, RDFS, SDG, SKOS
from pstkg.ontology import ONTOLOGY_DIR

if TYPE_CHECKING:
    import owlready2

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
PST_TTL = ONTOLOGY_DIR / "pst.ttl"
VOCAB_TTL = ONTOLOGY_DIR / "vocabularies.ttl"
MINI_PLAN = FIXTURES / "mini-plan.ttl"

ONTOLOGY_IRI = URIRef("https://w3id.org/pst-kg/ontology")
SDG_SCHEME = URIRef("http://metadata.un.org/sdg")
PLAN_IRI = "https://w3id.org/pst-kg/id/plan/exemple/2019-2024"

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(PST_TTL, format="turtle")


@pytest.fixture(scope="module")
def vocabularies() -> Graph:
    return Graph().parse(VOCAB_TTL, format="turtle")


def _declared_terms(graph: Graph) -> set[URIRef]:
    return {
        term
        for kind in TERM_TYPES
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef)
    }


def _languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str | None]:
    return [o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)]


def _normalise(text: str) -> str:
    """The form in which the builder compares labels (case, accents, punctuation ignored)."""
    return fold_for_matching(text)


# --------------------------------------------------------------------------------------------------
# Fast: pst.ttl with rdflib
# --------------------------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert sorted(_languages(ontology, ONTOLOGY_IRI, predicate)) == ["en", "fr"], predicate
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "http://spdx.org/licenses/EUPL-1.2"
    )
    # Nothing to fetch: owlready2 and HermiT run offline.
    assert not list(ontology.objects(None, OWL.imports))


def test_every_term_has_french_and_english_label_and_definition(ontology: Graph) -> None:
    terms = _declared_terms(ontology)
    assert len(terms) > 60
    missing = []
    for term in sorted(terms):
        for predicate in (RDFS.label, SKOS.definition):
            languages = _languages(ontology, term, predicate)
            if sorted(set(languages)) != ["en", "fr"] or len(languages) != 2:
                missing.append(f"{term} {predicate}: {languages}")
    assert not missing, "\n".join(missing)


def test_reused_terms_say_where_they_are_defined(ontology: Graph) -> None:
    foreign = [t for t in _declared_terms(ontology) if not str(t).startswith(str(PST))]
    assert foreign
    for term in foreign:
        assert ontology.value(term, RDFS.isDefinedBy) is not None, term


def test_the_names_the_graph_builder_uses_exist(ontology: Graph) -> None:
    classes = [
        "Plan",
        "Legislature",
        "CPAS",
        "Commune",
        "PolicyArea",
        "Objective",
        "PoliticalObjective",
        "StrategicObjective",
        "OperationalObjective",
        "ProjectOrAction",
        "Project",
        "Action",
        "ProjectStep",
        "Fiche",
        "Evaluation",
        "MidTermEvaluation",
        "FinalEvaluation",
        "InstitutionalValue",
        "SourceDocument",
        "TransversalProjectOrAction",
        "PartneredProjectOrAction",
        "CrossStrategicProjectOrAction",
    ]
    object_properties = [
        "cpas",
        "legislature",
        "hasPoliticalObjective",
        "hasStrategicObjective",
        "strategicObjectiveOf",
        "answersPoliticalObjective",
        "hasOperationalObjective",
        "refinesStrategicObjective",
        "hasProjectOrAction",
        "servesOperationalObjective",
        "inPolicyArea",
        "hasStep",
        "hasFiche",
        "ficheOf",
        "conflictsWith",
        "inPlan",
        "contributesToStrategicObjective",
        "volet",
        "priority",
        "progressStatus",
        "synergy",
        "enjeu",
        "sdg",
        "partner",
        "involvedService",
        "responsible",
        "mentionsOrganization",
        "hasEvaluation",
        "hasValue",
    ]
    datatype_properties = [
        "code",
        "position",
        "firstLine",
        "lastLine",
        "risk",
        "indicator",
        "deadline",
        "humanMeans",
        "financialMeans",
        "fte",
        "priorityAsWritten",
        "statusAsWritten",
        "voletAsWritten",
        "synergyAsWritten",
        "adoptionDate",
        "councilDate",
        "nisCode",
        "sha256",
        "layout",
    ]
    for names, kind in (
        (classes, OWL.Class),
        (object_properties, OWL.ObjectProperty),
        (datatype_properties, OWL.DatatypeProperty),
    ):
        for name in names:
            assert (PST[name], RDF.type, kind) in ontology, f"pst:{name} is not an {kind}"
    for term, kind in (
        (URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), OWL.ObjectProperty),
        (URIRef("http://www.w3.org/ns/org#unitOf"), OWL.ObjectProperty),
        (DCTERMS.title, OWL.AnnotationProperty),
        (SKOS.prefLabel, OWL.AnnotationProperty),
    ):
        assert (term, RDF.type, kind) in ontology


def test_no_term_is_of_two_property_kinds(ontology: Graph) -> None:
    kinds: dict[Any, set[URIRef]] = defaultdict(set)
    for kind in TERM_TYPES[1:]:
        for term in ontology.subjects(RDF.type, kind):
            kinds[term].add(kind)
    assert not {t: k for t, k in kinds.items() if len(k) > 1}


def test_every_pst_name_used_is_declared(ontology: Graph) -> None:
    declared = _declared_terms(ontology)
    used = {
        node
        for triple in ontology
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(PST))
    }
    assert used - declared == set()


def test_property_chains(ontology: Graph) -> None:
    def chains(prop: URIRef) -> set[tuple[URIRef, ...]]:
        return {
            tuple(ontology.items(head)) for head in ontology.objects(prop, OWL.propertyChainAxiom)
        }

    assert {
        (PST.refinesStrategicObjective, PST.inPlan),
        (PST.servesOperationalObjective, PST.inPlan),
    } <= chains(PST.inPlan)
    assert (PST.strategicObjectiveOf, RDFS.subPropertyOf, PST.inPlan) in ontology
    assert chains(PST.contributesToStrategicObjective) == {
        (PST.servesOperationalObjective, PST.refinesStrategicObjective)
    }


def test_fixtures_only_use_declared_pst_names(ontology: Graph) -> None:
    declared = _declared_terms(ontology)
    for path in sorted(FIXTURES.glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        used = {
            node
            for triple in graph
            for node in triple
            if isinstance(node, URIRef) and str(node).startswith(str(PST))
        }
        assert used - declared == set(), path.name


# --------------------------------------------------------------------------------------------------
# Fast: vocabularies.ttl with rdflib
# --------------------------------------------------------------------------------------------------


def _concepts(vocabularies: Graph) -> set[URIRef]:
    return {c for c in vocabularies.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def test_every_concept_is_in_exactly_one_scheme_with_french_and_english_labels(
    vocabularies: Graph,
) -> None:
    concepts = _concepts(vocabularies)
    assert len(concepts) > 40
    for concept in concepts:
        schemes = set(vocabularies.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1, f"{concept} is in {schemes}"
        (scheme,) = schemes
        assert (scheme, RDF.type, SKOS.ConceptScheme) in vocabularies, scheme
        languages = _languages(vocabularies, concept, SKOS.prefLabel)
        assert sorted(languages) == ["en", "fr"], f"{concept}: prefLabel {languages}"


def test_schemes_are_labelled_in_both_languages(vocabularies: Graph) -> None:
    schemes = set(vocabularies.subjects(RDF.type, SKOS.ConceptScheme))
    expected = {
        PSTV[n] for n in ["volets", "priorites", "etats", "synergies", "enjeux", "legislatures"]
    }
    assert expected | {SDG_SCHEME} == schemes
    for scheme in schemes:
        assert sorted(_languages(vocabularies, scheme, SKOS.prefLabel)) == ["en", "fr"], scheme
        for top in vocabularies.objects(scheme, SKOS.hasTopConcept):
            assert (top, SKOS.topConceptOf, scheme) in vocabularies


def test_labels_are_unambiguous_within_a_scheme(vocabularies: Graph) -> None:
    """The builder matches labels and notations per scheme (pstkg.vocabulary): no phrase may name
    two concepts of one scheme."""
    owner: dict[tuple[Any, str], URIRef] = {}
    clashes = []
    for concept in _concepts(vocabularies):
        scheme = vocabularies.value(concept, SKOS.inScheme)
        labels = {
            _normalise(str(label))
            for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation)
            for label in vocabularies.objects(concept, predicate)
        }
        for label in labels:
            other = owner.setdefault((scheme, label), concept)
            if other != concept:
                clashes.append(f"{label!r}: {other} and {concept}")
    assert not clashes, "\n".join(clashes)


def test_pref_and_alt_labels_are_disjoint(vocabularies: Graph) -> None:
    """SKOS integrity condition S13."""
    for concept in _concepts(vocabularies):
        preferred = set(vocabularies.objects(concept, SKOS.prefLabel))
        alternative = set(vocabularies.objects(concept, SKOS.altLabel))
        assert not preferred & alternative, concept


@pytest.mark.parametrize(
    ("scheme", "written", "concept"),
    [
        ("volets", "Interne", "volet-interne"),
        ("volets", "Administration générale", "volet-interne"),
        ("volets", "Externe", "volet-externe"),
        ("volets", "Développement des politiques", "volet-externe"),
        ("volets", "Interne et externe", "volet-interne-et-externe"),
        ("priorites", "Priorité élevée", "priorite-elevee"),
        ("priorites", "priorite elevee", "priorite-elevee"),
        ("priorites", "Projet considéré prioritaire", "priorite-prioritaire"),
        ("priorites", "Projet en cours", "priorite-en-cours"),
        ("priorites", "Projet postposé au-delà de 2019", "priorite-postposee"),
        ("priorites", "Projet obligatoire (obligations légales)", "priorite-obligatoire"),
        ("etats", "En cours de réalisation", "etat-en-cours"),
        ("etats", "Avancement en cours", "etat-en-cours"),
        ("etats", "A l'étude", "etat-a-l-etude"),
        ("etats", "A l’étude", "etat-a-l-etude"),
        ("etats", "Proposition", "etat-proposition"),
        ("etats", "Indéterminé", "etat-indetermine"),
        ("etats", "Réalisé", "etat-termine"),
        ("etats", "NON_COMMENCE", "etat-non-commence"),
        ("synergies", "A envisager Commune/CPAS", "synergie-a-envisager"),
        ("synergies", "Sans objet", "synergie-sans-objet"),
        ("synergies", "Effective", "synergie-effective"),
        ("synergies", "Indéterminé", "synergie-indeterminee"),
        ("enjeux", "1 - Enjeu démocratique", "enjeu-1"),
        ("enjeux", "2 - Enjeu de la gouvernance et de la gestion performante", "enjeu-2"),
        ("enjeux", "3 - Enjeu de la transition des communautés et des territoires", "enjeu-3"),
        ("enjeux", "4 - Enjeu de la cohésion sociale", "enjeu-4"),
        ("legislatures", "2019-2024", "legislature-2019-2024"),
        ("legislatures", "2018-2024", "legislature-2019-2024"),
        ("legislatures", "2025-2030", "legislature-2024-2030"),
    ],
)
def test_phrases_of_the_corpus_find_their_concept(
    vocabularies: Graph, scheme: str, written: str, concept: str
) -> None:
    found = {
        c
        for c in _concepts(vocabularies)
        if vocabularies.value(c, SKOS.inScheme) == PSTV[scheme]
        and any(
            _normalise(str(label)) == _normalise(written)
            for predicate in (SKOS.prefLabel, SKOS.altLabel)
            for label in vocabularies.objects(c, predicate)
        )
    }
    assert found == {PSTV[concept]}
    # And the builder's own lookup agrees.
    from pstkg.vocabulary import SCHEMES, match_concept

    (list_name,) = [name for name, iri in SCHEMES.items() if iri == PSTV[scheme]]
    assert match_concept(list_name, written) == PSTV[concept]


def test_interne_et_externe_is_under_both_volets(vocabularies: Graph) -> None:
    broader = set(vocabularies.objects(PSTV["volet-interne-et-externe"], SKOS.broader))
    assert broader == {PSTV["volet-interne"], PSTV["volet-externe"]}


def test_enjeux_are_numbered_and_not_mapped(vocabularies: Graph) -> None:
    for n in range(1, 5):
        assert vocabularies.value(PSTV[f"enjeu-{n}"], SKOS.notation) == Literal(str(n))
    mappings = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
    for n in range(1, 5):
        for predicate in mappings:
            assert vocabularies.value(PSTV[f"enjeu-{n}"], predicate) is None


def test_legislatures_are_legislatures(vocabularies: Graph) -> None:
    for name in ("legislature-2019-2024", "legislature-2024-2030"):
        assert (PSTV[name], RDF.type, PST.Legislature) in vocabularies
        assert (PSTV[name], RDF.type, SKOS.Concept) in vocabularies


def test_the_seventeen_sdgs_use_the_un_iris(vocabularies: Graph) -> None:
    goals = {c for c in _concepts(vocabularies) if str(c).startswith(str(SDG))}
    assert goals == {SDG[str(n)] for n in range(1, 18)}
    sdg_goal = URIRef("http://metadata.un.org/sdg/ontology#Goal")
    for n in range(1, 18):
        goal = SDG[str(n)]
        assert (goal, RDF.type, sdg_goal) in vocabularies
        assert vocabularies.value(goal, SKOS.inScheme) == SDG_SCHEME
        assert vocabularies.value(goal, SKOS.notation) == Literal(str(n))
    labels = {
        (str(label), label.language) for label in vocabularies.objects(SDG["1"], SKOS.prefLabel)
    }
    assert labels == {("Pas de pauvreté", "fr"), ("No poverty", "en")}
    labels = {
        (str(label), label.language) for label in vocabularies.objects(SDG["17"], SKOS.prefLabel)
    }
    assert labels == {
        ("Partenariats pour la réalisation des objectifs", "fr"),
        ("Partnerships for the goals", "en"),
    }


# --------------------------------------------------------------------------------------------------
# Slow: HermiT through owlready2, for real
# --------------------------------------------------------------------------------------------------


def _load_world(*paths: Path, extra_turtle: str = "") -> owlready2.World:
    """A fresh owlready2 World holding the given Turtle files, converted to N-Triples."""
    import owlready2

    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    if extra_turtle:
        graph.parse(data=extra_turtle, format="turtle")
    world = owlready2.World()
    world.get_ontology("urn:pst-kg:test#").load(
        fileobj=io.BytesIO(graph.serialize(format="nt", encoding="utf-8")), format="ntriples"
    )
    return world


def _sync(world: owlready2.World) -> None:
    import owlready2

    owlready2.sync_reasoner_hermit(
        world, infer_property_values=True, ignore_unsupported_datatypes=True, debug=0
    )


@pytest.fixture(scope="module")
def reasoned_mini_plan() -> Iterator[owlready2.World]:
    pytest.importorskip("owlready2")
    world = _load_world(PST_TTL, VOCAB_TTL, MINI_PLAN)
    _sync(world)
    yield world
    world.close()


def _item(world: owlready2.World, path: str) -> Any:
    individual = world[f"{PLAN_IRI}/{path}"]
    assert individual is not None, path
    return individual


def _is_a(world: owlready2.World, path: str, class_name: str) -> bool:
    """Whether the item is (asserted or inferred) an instance of the class."""
    return world[str(PST[class_name])] in _item(world, path).INDIRECT_is_a


@pytest.mark.slow
def test_mini_plan_is_consistent(reasoned_mini_plan: owlready2.World) -> None:
    # sync_reasoner raised nothing; no class of the ontology became unsatisfiable either.
    assert list(reasoned_mini_plan.inconsistent_classes()) == []


@pytest.mark.slow
def test_transversal_items_are_inferred(reasoned_mini_plan: owlready2.World) -> None:
    world = reasoned_mini_plan
    assert _is_a(world, "action/a2", "TransversalProjectOrAction")
    assert _is_a(world, "project/p3", "TransversalProjectOrAction")
    assert not _is_a(world, "action/a1", "TransversalProjectOrAction")
    assert not _is_a(world, "action/a4", "TransversalProjectOrAction")


@pytest.mark.slow
def test_cross_strategic_item_is_inferred(reasoned_mini_plan: owlready2.World) -> None:
    world = reasoned_mini_plan
    assert _is_a(world, "project/p3", "CrossStrategicProjectOrAction")
    # a2 serves two OO of the same OS: transversal, but not across strategic objectives.
    assert not _is_a(world, "action/a2", "CrossStrategicProjectOrAction")


@pytest.mark.slow
def test_partnered_item_is_inferred(reasoned_mini_plan: owlready2.World) -> None:
    world = reasoned_mini_plan
    assert _is_a(world, "action/a1", "PartneredProjectOrAction")
    assert not _is_a(world, "action/a4", "PartneredProjectOrAction")
    assert not _is_a(world, "project/p3", "PartneredProjectOrAction")


@pytest.mark.slow
def test_in_plan_follows_the_chains(reasoned_mini_plan: owlready2.World) -> None:
    world = reasoned_mini_plan
    in_plan = world[str(PST.inPlan)]
    plan = world[PLAN_IRI]
    # a4 serves OO 2.1, which refines OS 2, which is a strategic objective of the plan: two chain
    # steps (servesOperationalObjective ∘ inPlan, then refinesStrategicObjective ∘ inPlan).
    for path in (
        "action/a4",
        "oo/2.1",
        "action/a4/step/1",
        "action/a4/fiche/1",
        "project/p3",
        "project/p3/fiche/2/step/1",
    ):
        assert in_plan[_item(world, path)] == [plan], path


@pytest.mark.slow
@pytest.mark.parametrize(
    "fixture", ["inconsistent-project-and-action.ttl", "inconsistent-objective-as-fiche.ttl"]
)
def test_hermit_reports_inconsistency(fixture: str) -> None:
    owlready2 = pytest.importorskip("owlready2")
    world = _load_world(PST_TTL, VOCAB_TTL, FIXTURES / fixture)
    try:
        with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
            _sync(world)
    finally:
        world.close()


@pytest.mark.slow
def test_counting_a_chained_property_is_refused() -> None:
    """Why pst:reachesStrategicObjective exists: OWL 2 DL cannot count a chained property."""
    owlready2 = pytest.importorskip("owlready2")
    naive = """
        @prefix pst: <https://w3id.org/pst-kg/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        pst:Naive a owl:Class ; owl:equivalentClass [ a owl:Restriction ;
            owl:onProperty pst:contributesToStrategicObjective ;
            owl:minCardinality "2"^^xsd:nonNegativeInteger ] .
    """
    world = _load_world(PST_TTL, VOCAB_TTL, MINI_PLAN, extra_turtle=naive)
    try:
        with pytest.raises(owlready2.OwlReadyJavaError, match="Non-simple property"):
            _sync(world)
    finally:
        world.close()


# --------------------------------------------------------------------------------------------------
# Slow: pstkg.reasoning, the module behind `pst reason`
# --------------------------------------------------------------------------------------------------


def _mini_plan_without_unique_names() -> Graph:
    """The fixture minus its owl:AllDifferent, which reason() must state by itself."""
    graph = Graph().parse(MINI_PLAN, format="turtle")
    for node in list(graph.subjects(RDF.type, OWL.AllDifferent)):
        members = graph.value(node, OWL.distinctMembers)
        graph.remove((node, None, None))
        while members is not None and members != RDF.nil:
            rest = graph.value(members, RDF.rest)
            graph.remove((members, None, None))
            members = rest
    assert not list(graph.subjects(RDF.type, OWL.AllDifferent))
    return graph


@pytest.mark.slow
def test_reason_returns_only_inferred_statements() -> None:
    pytest.importorskip("owlready2")
    from pstkg.reasoning import reason

    data = _mini_plan_without_unique_names()
    inferred = reason(data)
    assert inferred, "nothing inferred"
    assert not [t for t in inferred if t in data]

    def item(path: str) -> URIRef:
        return URIRef(f"{PLAN_IRI}/{path}")

    plan = URIRef(PLAN_IRI)
    types = {(s, o) for s, o in inferred.subject_objects(RDF.type)}
    assert (item("action/a2"), PST.TransversalProjectOrAction) in types
    assert (item("project/p3"), PST.TransversalProjectOrAction) in types
    assert (item("project/p3"), PST.CrossStrategicProjectOrAction) in types
    assert (item("action/a1"), PST.PartneredProjectOrAction) in types
    assert (item("action/a1"), PST.TransversalProjectOrAction) not in types
    assert (item("action/a4"), PST.TransversalProjectOrAction) not in types
    assert (item("action/a4"), PST.PartneredProjectOrAction) not in types
    assert (item("action/a2"), PST.CrossStrategicProjectOrAction) not in types
    # Inherited classes are materialised too.
    assert (item("action/a1"), PST.ProjectOrAction) in types

    # Every objective, item, fiche and step reaches the plan.
    members = set(inferred.subjects(PST.inPlan, plan))
    expected = {
        item(p)
        for p in [
            "os/1",
            "os/2",
            "oo/1.1",
            "oo/1.2",
            "oo/2.1",
            "action/a1",
            "action/a2",
            "project/p3",
            "action/a4",
            "action/a1/fiche/1",
            "project/p3/fiche/1",
            "project/p3/fiche/2",
            "action/a4/fiche/1",
            "action/a4/step/1",
            "project/p3/fiche/2/step/1",
        ]
    }
    assert members == expected
    # The chain servesOperationalObjective ∘ refinesStrategicObjective, and inverses.
    assert set(inferred.objects(item("project/p3"), PST.contributesToStrategicObjective)) == {
        item("os/1"),
        item("os/2"),
    }
    assert (item("action/a1"), PST.servesOperationalObjective, item("oo/1.1")) in inferred
    assert (item("oo/2.1"), PST.hasProjectOrAction, item("action/a4")) in inferred
    assert (item("project/p3/fiche/1"), PST.conflictsWith, item("project/p3/fiche/2")) in inferred


@pytest.mark.slow
def test_reason_reports_an_inconsistent_graph() -> None:
    pytest.importorskip("owlready2")
    from pstkg.errors import PstError
    from pstkg.reasoning import InconsistentGraphError, reason

    data = Graph().parse(FIXTURES / "inconsistent-objective-as-fiche.ttl", format="turtle")
    with pytest.raises(InconsistentGraphError, match="incohérent") as raised:
        reason(data)
    assert isinstance(raised.value, PstError)


def test_unique_name_axioms_group_objectives_by_plan() -> None:
    from pstkg.reasoning import unique_name_axioms

    axioms = unique_name_axioms(_mini_plan_without_unique_names())
    groups = [
        set(axioms.items(axioms.value(node, OWL.distinctMembers)))
        for node in axioms.subjects(RDF.type, OWL.AllDifferent)
    ]
    expected = {URIRef(f"{PLAN_IRI}/{p}") for p in ["os/1", "os/2", "oo/1.1", "oo/1.2", "oo/2.1"]}
    assert groups == [expected]


def test_unique_name_axioms_keep_objectives_without_a_plan_apart() -> None:
    from pstkg.reasoning import unique_name_axioms

    data = Graph().parse(
        data="""
        @prefix pst: <https://w3id.org/pst-kg/ontology#> .
        @base <https://w3id.org/pst-kg/id/> .
        <x/a1> pst:servesOperationalObjective <x/oo/1> , <x/oo/2> .
        <x/oo/3> pst:hasProjectOrAction <x/a2> .
        """,
        format="turtle",
    )
    axioms = unique_name_axioms(data)
    (node,) = axioms.subjects(RDF.type, OWL.AllDifferent)
    members = set(axioms.items(axioms.value(node, OWL.distinctMembers)))
    base = "https://w3id.org/pst-kg/id/x/oo/"
    assert members == {URIRef(base + n) for n in "123"}


@pytest.mark.slow
def test_the_corpus_plans_are_consistent_with_the_ontology() -> None:
    """What the builder makes of the four published plans passes HermiT, every item in its plan."""
    pytest.importorskip("owlready2")
    from pstkg.builder import build_plan_graph
    from pstkg.identity import resolve_identity
    from pstkg.loaders.read import read_document
    from pstkg.reasoning import reason

    from .conftest import CORPUS_FILES

    assert CORPUS_FILES
    plans = Graph()
    for path in CORPUS_FILES:
        document = read_document(path)
        identity = resolve_identity(document.parsed, path)
        plans += build_plan_graph(document.parsed, document.source, identity).graph
    inferred = reason(plans)  # raises InconsistentGraphError if the ontology and builder disagree
    items = {
        s
        for kind in (PST.Project, PST.Action)
        for s in plans.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }
    assert items
    placed = set(inferred.subjects(PST.inPlan, None)) | set(plans.subjects(PST.inPlan, None))
    assert items <= placed
