"""Themes from the French text of projects and actions (pstkg.linking.themes).

The corpus test checks 30 actions a person classified by reading them (with their objective),
chosen without looking at them first: every 7th item of the four plans in IRI order.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef

from pstkg.linking.text import match_key, tokens
from pstkg.linking.themes import ItemText, classify, find_matches, theme_scheme
from pstkg.namespaces import PSTV


def themes_of(text: ItemText) -> set[str]:
    scheme = theme_scheme()
    return {scheme.themes[a.theme].notation for a in classify(text)}


def test_match_keys_fold_case_accents_plural_and_feminine() -> None:
    assert match_key("Logements") == match_key("logement")
    assert match_key("accueillantes") == match_key("accueillante")
    assert match_key("énergétiques") == match_key("Energetique")
    # Snowball would stem both "commun": the light key keeps them apart.
    assert match_key("commune") != match_key("communication")
    assert [t.key for t in tokens("Art. 60§7")] == ["art", "60", "7"]


def test_phrases_match_consecutive_words_across_punctuation() -> None:
    matches = find_matches(tokens("Aménager le planning du Taxi-Social"), "titre", theme_scheme())
    assert [(m.trigger.term, m.surface) for m in matches] == [("taxi social", "taxi social")]


def test_the_longest_phrase_wins() -> None:
    assert themes_of(ItemText("Implémenter la sécurité et la santé au travail")) == {"rh"}
    assert themes_of(ItemText("Améliorer leur santé")) == {"sante"}
    assert themes_of(ItemText("Augmenter les places en milieu d'accueil collectif")) == {"enfance"}
    assert themes_of(ItemText("Améliorer les conditions d'accueil PMR")) == {"accueil"}


def test_weak_terms_decide_only_when_nothing_clearer_is_said() -> None:
    assert themes_of(ItemText("Valoriser le personnel")) == {"rh"}
    # "réunion d'évaluation" is weak governance wording; article 60 is what the action is about.
    text = ItemText("Intensifier le suivi pendant article 60 (1 réunion d'évaluation / 2 mois)")
    assert themes_of(text) == {"insertion"}


def test_descriptions_count_half_and_objectives_only_as_a_last_resort() -> None:
    text = ItemText(
        "Renforcer le suivi en fin de parcours",
        descriptions=("Mises à disposition article 60 ; contrôle du Forem ; recherches d'emploi.",),
    )
    (assignment,) = classify(text)
    assert assignment.theme == PSTV["theme-insertion"]
    assert assignment.method == PSTV["method-theme-triggers"]
    assert any("description" in clue and "Forem" in clue for clue in assignment.evidence)
    context = ItemText(
        "Exploiter au mieux les outils à disposition",
        objectives=("Améliorer le fonctionnement des services grâce à l'informatique",),
    )
    (assignment,) = classify(context)
    assert assignment.theme == PSTV["theme-informatique"]
    assert assignment.method == PSTV["method-theme-context"]
    assert assignment.score < 0.5


def test_evidence_says_which_term_matched_where() -> None:
    (assignment,) = classify(ItemText("Promouvoir le Taxi social"))
    assert assignment.evidence == ("titre : « taxi social » (taxi social)",)
    assert assignment.score == 0.5


# Read by a person: the themes the item must have, and those also acceptable. An assignment
# is right when it has all the expected themes and nothing outside expected ∪ acceptable.
A = "https://w3id.org/pst-kg/id/plan/anderlues/2019-2024/action/"
B = "https://w3id.org/pst-kg/id/plan/burdinne/2019-2024/action/"
V = (
    "https://w3id.org/pst-kg/id/plan/"
    "cpas-non-nomme-conseil-conjoint-ville-cpas-du-24-septembre-2019/2019-2024/action/"
)
D = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024/action/"
SAMPLE: list[tuple[str, set[str], set[str]]] = [
    (A + "amenagement-exterieur-creche", {"enfance"}, {"batiments"}),
    (
        A + "communication-sur-le-rgpd-tant-au-niveau-du-personnel-que-des-tiers",
        {"informatique"},
        {"communication", "rh"},
    ),
    (
        A + "digitalisation-et-reconnaissance-des-factures-entrantes",
        {"finances", "informatique"},
        set(),
    ),
    (
        A + "etablir-un-plan-de-formation-individualise-avec-une-communication-claire-aux",
        {"rh"},
        {"communication"},
    ),
    (
        A + "instaurer-une-seance-d-information-quant-aux-droits-et-aux-devoirs-de-chacun-a",
        {"aide-sociale"},
        {"insertion", "communication"},
    ),
    (A + "mettre-en-place-des-ateliers-de-preparation-a-l-integration-socio", {"insertion"}, set()),
    (A + "passage-des-amts-en-ams", {"aines"}, set()),
    (A + "reevaluer-et-readapter-les-outils-d-evaluation-de-l-article-60", {"insertion"}, set()),
    (
        A + "reorganiser-et-uniformiser-l-utilisation-des-differents-outils",
        {"enfance"},
        {"rh", "gouvernance"},
    ),
    (A + "veiller-au-respect-des-normes-incendie-des-batiments", {"batiments"}, {"rh"}),
    (
        B + "amenager-dans-le-planning-du-taxi-social-au-moins-un-demi-jour-par-semaine",
        {"mobilite"},
        {"aines"},
    ),
    (
        B + "creer-une-brochure-a-quoi-sert-le-cpas-a-distribuer-en-toutes-boites",
        {"communication"},
        set(),
    ),
    (
        B + "interagir-avec-les-ecoles-sur-des-sujets-d-actualite-sociale-et-autres-refugies",
        {"communication"},
        {"surendettement", "enfance", "cohesion"},
    ),
    (
        B + "promouvoir-le-taxi-social-et-etendre-son-utilisation-de-sorte-a-approcher-un",
        {"mobilite"},
        {"insertion"},
    ),
    (V + "ameliorer-l-offre-des-repas-chauds-a-domicile", {"aines"}, {"aide-alimentaire"}),
    (
        V + "definir-nos-besoins-et-nos-modes-de-fonctionnement-en-terme-de-personnel",
        {"rh"},
        {"gouvernance"},
    ),
    (V + "entretenir-et-equiper-nos-biens-immobiliers", {"batiments"}, set()),
    (V + "implementer-la-securite-et-la-sante-au-travail", {"rh"}, set()),
    (
        V + "mettre-en-place-un-accompagnement-pour-nos-beneficiaires-en-fin-d-art-60-et-61",
        {"insertion"},
        {"aide-sociale"},
    ),
    (V + "passer-progressivement-a-l-eclairage-led", {"energie"}, {"batiments", "environnement"}),
    (
        V + "reflechir-a-nos-besoins-de-locaux-adaptes-pour-les-services-sociaux-et-les",
        {"batiments"},
        {"rh"},
    ),
    (
        V + "sensibiliser-les-beneficiaires-aux-gestes-economiseurs-d-energie",
        {"energie"},
        {"environnement", "communication"},
    ),
    (D + "1-1-3", {"aide-sociale"}, {"gouvernance"}),
    (D + "1-3-2", {"communication", "aide-sociale"}, set()),
    (D + "1-4-5", {"cohesion"}, {"aide-sociale", "insertion"}),
    (D + "1-5-3", {"logement"}, set()),
    (D + "1-6-11", {"informatique"}, {"communication", "accueil"}),
    (D + "1-6-5", {"communication"}, set()),
    (D + "1-7-3", {"gouvernance"}, {"cohesion", "communication"}),
    (D + "1-8-5", {"batiments"}, set()),
]


@pytest.fixture(scope="module")
def corpus_texts() -> dict[URIRef, ItemText]:
    """The texts of every item of the corpus, as the derivation reads them from the store."""
    from pstkg.linking.inputs import read_plans
    from pstkg.loading import load_files
    from pstkg.store.embedded import EmbeddedStore

    from .conftest import CORPUS

    store = EmbeddedStore(None)  # in memory: this test only reads texts back
    load_files(store, [CORPUS])
    plans = read_plans(store)
    store.close()
    return {iri: item.text() for plan in plans.values() for iri, item in plan.items.items()}


def test_the_sample_is_every_seventh_item(corpus_texts: dict[URIRef, ItemText]) -> None:
    ordered = sorted(corpus_texts, key=lambda iri: (iri.rsplit("/action/", 1)[0], iri))
    assert [str(iri) for iri in ordered[3:210:7]] == [iri for iri, _, _ in SAMPLE]


def test_every_item_of_the_corpus_has_a_theme(corpus_texts: dict[URIRef, ItemText]) -> None:
    assert len(corpus_texts) > 200
    assert [str(iri) for iri, text in corpus_texts.items() if not classify(text)] == []


def test_themes_of_30_items_read_by_a_person(corpus_texts: dict[URIRef, ItemText]) -> None:
    misses = []
    for iri, expected, acceptable in SAMPLE:
        found = themes_of(corpus_texts[URIRef(iri)])
        if not (expected <= found <= expected | acceptable):
            misses.append(f"{iri.rsplit('/', 1)[1]}: expected {expected}, got {found}")
    assert len(SAMPLE) == 30
    # Known miss (see docs/linking.md): Burdinne's "Interagir avec les écoles…" is outreach
    # (communication) but its words are about debt ("argent de poche, surendettement").
    assert len(misses) <= 3, "\n".join(misses)
    print(f"{30 - len(misses)}/30 right; misses: {misses}")
