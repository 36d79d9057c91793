"""Derived links on the corpus: separate graphs, deterministic, complete, and sensible.

Loading goes through pstkg.loading.load_files, as `pst load` does, so these tests also check
the hook that recomputes derived graphs after each batch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, URIRef

from pstkg.linking import derive_links
from pstkg.linking.graphs import SIMILARITY_GRAPH, derived_graph_iri
from pstkg.loading import load_files
from pstkg.namespaces import GRAPH, PST
from pstkg.store import ExportFormat, PlanStore

from .linking_support import ANDERLUES, BURDINNE, CORPUS_PLANS, DINANT, VILLE, loaded_store, rows

DERIVED_PREDICATES = (
    PST.theme,
    PST.resolvesTo,
    PST.suggestedSdg,
    PST.suggestedEnjeu,
    PST.similarTo,
    PST.linkSubject,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    opened = loaded_store(tmp_path_factory.mktemp("linking") / "store")
    yield opened
    opened.close()


def test_one_derived_graph_per_plan_and_one_for_similarity(store: PlanStore) -> None:
    names = set(store.graph_names())
    assert {derived_graph_iri(plan) for plan in CORPUS_PLANS} | {SIMILARITY_GRAPH} <= names
    assert derived_graph_iri(BURDINNE) == GRAPH["derived/burdinne/2019-2024"]


def test_derived_statements_never_enter_plan_graphs(store: PlanStore) -> None:
    for predicate in DERIVED_PREDICATES:
        found = store.query(
            "ASK { GRAPH ?g { ?s ?p ?o } "
            "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/pst-kg/id/plan/')) }",
            {"p": predicate},
        )
        assert found is False, predicate


def test_derived_graphs_have_no_blank_nodes(store: PlanStore) -> None:
    result = store.query(
        "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/pst-kg/graph/derived/')) "
        "FILTER(isBlank(?s) || isBlank(?o)) } LIMIT 1"
    )
    assert not rows(result)
    assert not any(isinstance(node, BNode) for row in result.rows for node in row)


@pytest.mark.slow  # a whole-corpus load of its own
def test_loading_twice_leaves_the_store_identical(tmp_path: Path) -> None:
    store = loaded_store(tmp_path / "store")
    first = store.export(ExportFormat.NQUADS)
    load_files(store, [Path(__file__).parent.parent / "data" / "corpus"])
    assert store.export(ExportFormat.NQUADS) == first
    store.close()


@pytest.mark.slow  # a whole-corpus load of its own
def test_derivation_is_only_redone_when_needed(tmp_path: Path) -> None:
    # A store of its own: deriving again writes, and the module's store is the other tests'.
    store = loaded_store(tmp_path / "store")
    before = store.export(ExportFormat.NQUADS)
    report = derive_links(store)
    assert report.plans_derived == [] and report.similarity_links == 0
    report = derive_links(store, [DINANT])
    assert report.plans_derived == [str(DINANT)]
    assert report.similarity_links == similar_to_links(store) == SIMILAR_TO_LINKS
    assert store.export(ExportFormat.NQUADS) == before  # the same links, written again
    store.close()


@pytest.mark.slow  # a whole-corpus load of its own
def test_derived_graphs_of_dropped_plans_are_dropped(tmp_path: Path) -> None:
    store = loaded_store(tmp_path / "store")
    store.drop_graph(DINANT)
    report = derive_links(store)
    assert report.graphs_dropped == [str(derived_graph_iri(DINANT))]
    assert derived_graph_iri(DINANT) not in store.graph_names()
    store.close()


def test_every_item_has_a_theme_and_goal_suggestions(store: PlanStore) -> None:
    missing = rows(
        store.query("""
        PREFIX pst: <https://w3id.org/pst-kg/ontology#>
        SELECT ?item WHERE {
          GRAPH ?plan { ?item a ?class FILTER(?class IN (pst:Project, pst:Action)) }
          FILTER NOT EXISTS { GRAPH ?d { ?item pst:theme ?t } }
          FILTER NOT EXISTS { GRAPH ?d2 { ?item pst:suggestedSdg ?g } }
        }""")
    )
    assert missing == []


def test_insertion_is_found_in_all_four_plans(store: PlanStore) -> None:
    found = rows(
        store.query("""
        SELECT DISTINCT ?plan WHERE {
          GRAPH ?d { ?item <https://w3id.org/pst-kg/ontology#theme>
                           <https://w3id.org/pst-kg/vocab/theme-insertion> }
          GRAPH ?plan { ?plan a <https://w3id.org/pst-kg/ontology#Plan> . ?item ?p ?o }
        }""")
    )
    assert {URIRef(row["plan"]) for row in found} == CORPUS_PLANS


def test_every_organisation_name_is_resolved_once(store: PlanStore) -> None:
    found = rows(
        store.query("""
        PREFIX pst: <https://w3id.org/pst-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?name (COUNT(DISTINCT ?target) AS ?targets) WHERE {
          GRAPH ?plan { ?holder ?role ?name FILTER(?role IN (pst:partner, pst:mentionsOrganization,
                                                             pst:responsible)) }
          OPTIONAL { GRAPH ?d { ?name pst:resolvesTo ?target } }
        } GROUP BY ?name""")
    )
    assert found and all(row["targets"] == "1" for row in found)


def test_resolutions_say_how_and_which_alias(store: PlanStore) -> None:
    (row,) = rows(
        store.query(f"""
        PREFIX pst: <https://w3id.org/pst-kg/ontology#>
        SELECT ?target ?alias ?method ?score WHERE {{
          GRAPH <{derived_graph_iri(ANDERLUES)}> {{
            ?link a pst:OrganisationResolution ; pst:linkSubject <{ANDERLUES}/org/pcs> ;
                  pst:linkTarget ?target ; pst:matchedAlias ?alias ; pst:method ?method ;
                  pst:score ?score }} }}""")
    )
    assert row["target"] == "https://w3id.org/pst-kg/id/org/pcs/anderlues"
    assert row["alias"] == "PCS" and row["method"].endswith("method-own-commune")
    assert float(row["score"]) == 1.0


def _similar(store: PlanStore, source: URIRef) -> dict[str, tuple[int, float]]:
    found = rows(
        store.query(f"""
        PREFIX pst: <https://w3id.org/pst-kg/ontology#>
        SELECT ?target ?rank ?score WHERE {{ GRAPH <{SIMILARITY_GRAPH}> {{
          ?link pst:linkSubject <{source}> ; pst:linkTarget ?target ; pst:rank ?rank ;
                pst:score ?score }} }}""")
    )
    return {row["target"]: (int(row["rank"]), float(row["score"])) for row in found}


TAXI_DINANT = f"{DINANT}/action/1-2-1"
B = f"{BURDINNE}/action/"
V = f"{VILLE}/action/"
A = f"{ANDERLUES}/action/"
D = f"{DINANT}/action/"

# Pairs a person reading the plans agrees are similar (source, one of its 5 most similar).
SIMILAR = [
    (
        B + "promouvoir-le-taxi-social-et-etendre-son-utilisation-de-sorte-a-approcher-un",
        TAXI_DINANT,
    ),
    (B + "amenager-dans-le-planning-du-taxi-social-au-moins-un-demi-jour-par-semaine", TAXI_DINANT),
    (
        B + "organiser-un-accompagnement-post-article-60",
        V + "mettre-en-place-un-accompagnement-pour-nos-beneficiaires-en-fin-d-art-60-et-61",
    ),
    (D + "1-2-2", V + "l-augmentation-du-nombre-de-logements-de-transit-et-d-urgence"),
    (
        D + "1-2-2",
        A + "faire-en-sorte-de-disposer-de-plus-de-solutions-de-logement-dans-les-situations",
    ),
    (D + "1-7-2", B + "creer-une-brochure-a-quoi-sert-le-cpas-a-distribuer-en-toutes-boites"),
    (D + "1-6-9", V + "envisager-une-page-facebook-pour-le-cpas"),
    (
        A + "elaborer-un-plan-d-accueil-pour-les-nouveaux-agents",
        V + "elaborer-un-plan-de-formation-d-accueil-et-d-integration-des-nouveaux-agents",
    ),
    (A + "elaborer-un-plan-d-accueil-pour-les-nouveaux-agents", D + "3-1-4"),
    (V + "mieux-recycler-nos-dechets", D + "avoir-une-gestion-rationnelle-des-dechets"),
    (
        D + "favoriser-les-circuits-courts-et-la-production-locale-par-rapport-aux",
        V + "integrer-les-circuits-courts-et-les-produits-de-saison-dans-l-exploitation-de-la",
    ),
    (
        A + "renforcer-la-collaboration-avec-l-ais",
        V + "le-renforcement-de-notre-collaboration-avec-les-operateurs-de-logements-publics",
    ),
]
# And pairs that are not: they must not be linked.
NOT_SIMILAR = [
    (
        B + "promouvoir-le-taxi-social-et-etendre-son-utilisation-de-sorte-a-approcher-un",
        A + "garanties-locatives",
    ),
    (D + "1-6-1", V + "mieux-recycler-nos-dechets"),
    (
        A + "digitalisation-et-reconnaissance-des-factures-entrantes",
        V + "organiser-le-salon-des-aines",
    ),
    (
        D + "envisager-un-processus-de-recyclage",
        A + "poursuivre-et-ameliorer-le-processus-d-evaluation-du-personnel",
    ),
]


def test_burdinne_taxi_social_finds_dinant_taxi_social(store: PlanStore) -> None:
    for source, target in SIMILAR[:2]:
        rank, score = _similar(store, URIRef(source))[target]
        assert rank == 1 and score > 0.3


@pytest.mark.parametrize(("source", "target"), SIMILAR, ids=lambda s: s.rsplit("/", 1)[1][:30])
def test_pairs_a_reader_finds_similar_are_linked(
    store: PlanStore, source: str, target: str
) -> None:
    assert target in _similar(store, URIRef(source))


@pytest.mark.parametrize(("source", "target"), NOT_SIMILAR, ids=lambda s: s.rsplit("/", 1)[1][:30])
def test_pairs_that_are_not_similar_are_not_linked(
    store: PlanStore, source: str, target: str
) -> None:
    assert target not in _similar(store, URIRef(source))
    assert source not in _similar(store, URIRef(target))


def similar_to_links(store: PlanStore) -> int:
    """How many pst:similarTo statements the similarity graph holds."""
    found = store.query(f"""
        PREFIX pst: <https://w3id.org/pst-kg/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SIMILARITY_GRAPH}> {{ ?s pst:similarTo ?t }} }}""")
    return int(rows(found)[0]["n"])


SIMILAR_TO_LINKS = 490
"""The corpus's similar pairs (pst:similarTo in the similarity graph), as loaded today."""


def test_similar_projects_are_in_other_plans(store: PlanStore) -> None:
    found = rows(
        store.query(f"""
        PREFIX pst: <https://w3id.org/pst-kg/ontology#>
        SELECT ?s ?t WHERE {{ GRAPH <{SIMILARITY_GRAPH}> {{ ?s pst:similarTo ?t }} }}""")
    )
    assert len(found) == SIMILAR_TO_LINKS
    assert all(row["s"].split("/action/")[0] != row["t"].split("/action/")[0] for row in found)
