"""Organisations named in action texts, in every layout, as a person reading the plans counts them.

What a reader counts, plan by plan (line numbers of data/corpus/):

- Burdinne: "(Srmd, Province, …)" (181-182), "(Gal, Srmd, autres CPAS, entreprises, …)"
  (247-248), "avec la Zone de Police Hesbaye ouest" (333), "(…, ADMR, CSD, ….)" (337-339),
  "(Gal, Srmd, Commune, …)" (349), "Rassembler les acteurs (Gal, citoyens, acteurs
  sociaux)" (351), "avec la commune et autres partenaires (MCL, AIS, Collectif logement,
  …)" (363-365). Not: "dans un local de l'administration communale, la salle du Conseil et
  des Mariages" (104-105, a place), "(site internet communal, revue « Li Burnal », …)"
  (155, media).
- the Ville/CPAS deck: "avec les opérateurs de logements publics et notamment l'AIS" (OO2),
  "avec la Maison des Jeunes, l'Accueil en Milieu Ouvert, l'ONE" (OO4). Not: "les opérateurs
  locaux de la santé" (a category), "le Service d'Insertion Sociale" (the CPAS's own
  service), "(Greendeal)" (a programme), "une page Facebook pour le CPAS" (a medium).
- Dinant: "(Province/Belfius/…)" (1.1.3), "(Associations, Administration communale…)"
  (1.7.3, "Associations" is a category), "réunions Ville/CPAS" (1.8.6). Not: "(PAPE/FSE/…)"
  (funding programmes), "(Site Administration communale, Facebook, …)" (web channels),
  "l'équipe MGE" (a team of the CPAS), "les sociétés de logement" (a category), "l'EPN" (a
  facility whose accessibility is publicised), "proposés par le CPAS" (the CPAS itself),
  "(Nom, …)", "(Soupe, …)", "(Parking, Glacière, Logement d'urgence…)" (no organisation).
- Anderlues (project titles): "avec l'AIS", "avec l'ISSH", "avec le PCS" (201), "organisée
  par la commune" (204), "synergies commune-cpas" (503). Not: "auprès des partenaires",
  "le réseau de partenaires de la santé" (categories), "AMTS en AMS" (job statuses).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from pstkg.builder import build_plan_graph
from pstkg.identity import resolve_identity
from pstkg.loaders.model import (
    Action,
    OperationalObjective,
    ParsedPlan,
    Span,
    StrategicObjective,
)
from pstkg.loaders.organisations import (
    find_joint_counterparts,
    find_listed_organisations,
    find_organisations,
    find_partners_after_cue,
    is_organisation_item,
    list_head,
    lists_organisations,
    lists_programmes_or_media,
    mention_organisations,
    merge_names,
    names_category,
    names_own_cpas,
    names_unit,
    read_enumeration,
    read_name,
)
from pstkg.loaders.read import read_document
from pstkg.namespaces import PST

from .conftest import CORPUS
from .test_template import example_rows, write_csv

BURDINNE = CORPUS / "burdinne-2019-2024.txt"
DECK = CORPUS / "ville-cpas-conseil-conjoint-2019-2024.txt"
DINANT = CORPUS / "dinant-2019.txt"
ANDERLUES = CORPUS / "anderlues-2019-2024.txt"

# Per plan: (OO code, start of the action's title) -> the organisations it names, in order.
EXPECTED = {
    BURDINNE: {
        ("1.2.1", "Interagir avec les écoles"): ["Srmd", "Province"],
        ("3.1", "Renforcer les liens existants"): ["Gal", "Srmd", "autres CPAS"],
        ("4.2", "Collaborer avec la Zone de Police"): ["Zone de Police Hesbaye ouest"],
        ("4.2", "Maintenir les services et partenariats"): ["ADMR", "CSD"],
        ("4.2", "Développer des synergies"): ["Gal", "Srmd", "Commune"],
        ("4.2", "Rassembler les acteurs"): ["Gal"],
        ("4.2", "Poursuivre notre collaboration"): ["Commune", "MCL", "AIS", "Collectif logement"],
    },
    DECK: {
        ("2", "Le renforcement de notre collaboration"): ["AIS"],
        ("4", "Renforcer nos collaborations"): [
            "Maison des Jeunes",
            "Accueil en Milieu Ouvert",
            "ONE",
        ],
    },
    DINANT: {
        ("1.1", "S'appuyer sur les analyses"): ["Province", "Belfius"],
        ("1.7", "Amplifier les partenariats"): ["Administration communale"],
        ("1.8", "Planifier des réunions Ville/CPAS"): ["Ville"],
    },
    ANDERLUES: {
        ("201", "Renforcer la collaboration avec l'AIS"): ["AIS"],
        ("201", "Renforcer la collaboration avec l'ISSH"): ["ISSH"],
        ("201", "Renforcer la collaboration avec le PCS"): ["PCS"],
        ("204", "Participer aux campagnes de prévention"): ["Commune"],
        ("503", "Réaliser le tableau des synergies"): ["Commune"],
    },
}


@pytest.fixture(scope="module")
def plans() -> dict[Path, ParsedPlan]:
    return {path: read_document(path).parsed for path in EXPECTED}


def mentions_of(plan: ParsedPlan) -> dict[tuple[str | None, str], list[str]]:
    """(OO code, title) -> mentioned organisations, for the actions that name any."""
    return {
        (oo.code, action.title): action.mentioned_organisations
        for oo in plan.operational_objectives()
        for action in oo.actions
        if action.mentioned_organisations
    }


def action_titled(plan: ParsedPlan, start: str) -> Action:
    matching = [a for a in plan.actions() if a.title.startswith(start)]
    assert len(matching) == 1, start
    return matching[0]


# --------------------------------------------------------------------------- the four plans


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem)
def test_each_plan_yields_the_mentions_a_reader_counts(plans, path: Path):
    found = mentions_of(plans[path])
    expected = EXPECTED[path]
    assert len(found) == len(expected)
    for (oo_code, start), names in expected.items():
        matching = [key for key in found if key[0] == oo_code and key[1].startswith(start)]
        assert len(matching) == 1, (oo_code, start)
        assert found[matching[0]] == names, (oo_code, start)


@pytest.mark.parametrize(
    ("path", "start"),
    [
        (DECK, "Renforcer notre collaboration avec les opérateurs locaux"),
        (DECK, "Augmenter le soutien à la parentalité"),
        (DECK, "Intégrer les circuits courts"),
        (DECK, "Envisager une page Facebook"),
        (DINANT, "Participer à des appels à projet"),
        (DINANT, "Mettre en place une meilleure visibilité sur Internet"),
        (DINANT, "Présenter les dossiers liés aux matières de l'énergie"),
        (DINANT, "Travailler en bonne coopération avec les sociétés de logement"),
        (DINANT, "Informer de l'accessibilité de l'EPN"),
        (DINANT, "Améliorer la communication sur les actions"),
        (DINANT, "Faire un relevé entre les AS"),
        (DINANT, "Mettre en place des ateliers « budgets »"),
        (DINANT, "Encourager la supervision collective"),
        (BURDINNE, "Organiser les entretiens avec les personnes"),
        (BURDINNE, "informer sur les actions du CPAS"),
        (ANDERLUES, "Campagne d'information auprès des partenaires"),
        (ANDERLUES, "Développer le réseau de partenaires de la santé"),
        (ANDERLUES, "Passage des AMTS en AMS"),
    ],
)
def test_what_a_reader_does_not_count(plans, path: Path, start: str):
    assert action_titled(plans[path], start).mentioned_organisations == []


def test_mentions_become_organisations_linked_to_the_actions_that_name_them():
    document = read_document(DECK)
    identity = resolve_identity(document.parsed, DECK)
    graph = build_plan_graph(document.parsed, document.source, identity).graph
    action = next(
        s
        for s, o in graph.subject_objects(DCTERMS.title)
        if str(o).startswith("Renforcer nos collaborations")
    )
    organisations = list(graph.objects(action, PST.mentionsOrganization))
    assert all((org, RDF.type, ORG.Organization) in graph for org in organisations)
    labels = {str(graph.value(org, SKOS.prefLabel)) for org in organisations}
    assert labels == {"Maison des Jeunes", "Accueil en Milieu Ouvert", "ONE"}


def test_a_mention_and_a_fiche_partner_of_the_same_name_are_one_organisation():
    document = read_document(ANDERLUES)
    identity = resolve_identity(document.parsed, ANDERLUES)
    built = build_plan_graph(document.parsed, document.source, identity)
    mentioned = set(built.graph.objects(None, PST.mentionsOrganization))
    partners = set(built.graph.objects(None, PST.partner))
    assert URIRef(f"{built.iri}/org/pcs") in mentioned & partners


def test_template_rows_get_their_mentions_too(tmp_path: Path):
    rows = example_rows()
    title = rows[0].index("action_titre")
    rows[1][title] = "Conclure des conventions article 60 avec le Forem et la commune"
    parsed = read_document(write_csv(tmp_path / "plan.csv", rows)).parsed
    assert parsed.actions()[0].mentioned_organisations == ["Forem", "Commune"]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maison des Jeunes, l'Accueil", "Maison des Jeunes"),
        ("Accueil en Milieu Ouvert, l'ONE", "Accueil en Milieu Ouvert"),
        ("ONE", "ONE"),
        ("Zone de Police Hesbaye ouest pour le protocole", "Zone de Police Hesbaye ouest"),
        ("commune et autres partenaires", "Commune"),
        ("commune( bien manger, tabac", "Commune"),
        ("ville de Namur pour", "Ville de Namur"),
        ("Maison de l'Emploi de la région", "Maison de l'Emploi"),
        ("AIS", "AIS"),
    ],
)
def test_names_read_after_a_determiner(text: str, name: str):
    assert read_name(text) == name


@pytest.mark.parametrize(
    "text", ["opérateurs de logements publics", "écoles sur des sujets", "communication claire"]
)
def test_common_nouns_are_no_name(text: str):
    assert read_name(text) is None


def test_the_cpas_its_units_and_categories_are_not_mentions():
    assert names_own_cpas("CPAS") and not names_own_cpas("autres CPAS")
    assert names_unit("Service d'Insertion Sociale") and names_unit("équipe MGE")
    assert not names_unit("Srmd")
    assert names_category("Associations") and names_category("acteurs sociaux")
    assert not names_category("Belfius")
    assert find_partners_after_cue("les services proposés par le CPAS") == []
    assert find_partners_after_cue("en collaboration avec le Service d'Insertion Sociale") == []


# --------------------------------------------------------------------------- enumerations


def test_an_enumeration_of_partners():
    text = (
        "Renforcer nos collaborations avec la Maison des Jeunes, l'Accueil en Milieu Ouvert, l'ONE"
    )
    start = text.index("avec ") + len("avec ")
    assert [m.name for m in read_enumeration(text, start)] == [
        "Maison des Jeunes",
        "Accueil en Milieu Ouvert",
        "ONE",
    ]
    assert [m.offset for m in read_enumeration(text, start)] == [
        text.index("Maison"),
        text.index("Accueil"),
        text.index("ONE"),
    ]


def test_an_enumeration_goes_past_a_category_only_with_notamment():
    text = "collaboration avec les opérateurs de logements publics et notamment l'AIS"
    assert [m.name for m in find_partners_after_cue(text)] == ["AIS"]
    text = "entretiens avec les personnes dans un local, la salle du Conseil et des Mariages"
    assert find_partners_after_cue(text) == []


def test_an_author_after_par():
    text = "campagnes de prévention organisée par la commune( bien manger, tabac)"
    assert [m.name for m in find_partners_after_cue(text)] == ["Commune"]
    assert find_partners_after_cue("Organiser le travail par le biais d'une ligne du temps") == []
    assert find_partners_after_cue("Communiquer vers les écoles par rapport à nos actions") == []


# --------------------------------------------------------------------------- bracketed lists


def test_the_head_of_a_list():
    text = "Participer à des appels à projet (PAPE/FSE/...)"
    assert list_head(text, text.index("(")) == "des appels a projet"
    assert lists_programmes_or_media("des appels a projet")
    assert lists_programmes_or_media("meilleure visibilite sur internet")
    assert not lists_programmes_or_media("assurer le suivi de projets")


@pytest.mark.parametrize(
    ("head", "items", "expected"),
    [
        ("via la collaboration de services exterieurs", ["Srmd", "Province", ""], True),
        ("rassembler les acteurs", ["Gal", "citoyens", "acteurs sociaux"], True),
        ("analyses deja existantes", ["Province", "Belfius", ""], True),
        ("participer a des appels a projet", ["PAPE", "FSE", ""], False),
        ("meilleure visibilite sur internet", ["Site Administration communale", "Facebook"], False),
        ("avec un interet commun", ["Parking", "Glacière", "Logement d'urgence"], False),
        ("avec un beneficiaire", ["Nom", "problématique rencontrée"], False),
        ("la cuisine du gai sejour", ["Greendeal"], False),
    ],
)
def test_which_lists_are_lists_of_organisations(head: str, items: list[str], expected: bool):
    assert lists_organisations(head, items) is expected


@pytest.mark.parametrize("item", ["Belfius", "Administration communale", "autres CPAS", "Gal"])
def test_organisation_items_of_the_other_plans(item: str):
    assert is_organisation_item(item)


@pytest.mark.parametrize("item", ["Associations", "Service social", "Organiser une permanence"])
def test_items_that_are_categories_units_or_instructions(item: str):
    assert not is_organisation_item(item)


def test_slash_separated_lists_and_offsets():
    text = "S'appuyer sur les analyses déjà existantes (Province/Belfius/...)"
    found = find_listed_organisations(text)
    assert [(m.name, m.offset) for m in found] == [
        ("Province", text.index("Province")),
        ("Belfius", text.index("Belfius")),
    ]
    text = "Amplifier les partenariats (Associations, Administration communale...)"
    assert [m.name for m in find_listed_organisations(text)] == ["Administration communale"]


# --------------------------------------------------------------------------- joint undertakings


def test_the_commune_as_the_cpas_counterpart():
    assert [m.name for m in find_joint_counterparts("Planifier des réunions Ville/CPAS")] == [
        "Ville"
    ]
    assert [m.name for m in find_joint_counterparts("le tableau des synergies commune-cpas")] == [
        "Commune"
    ]
    assert [m.name for m in find_joint_counterparts("un groupe CPAS / Commune")] == ["Commune"]
    assert find_joint_counterparts("la communication du CPAS") == []


# --------------------------------------------------------------------------- the whole step


def test_organisations_are_named_once_in_text_order():
    text = "Planifier des réunions Ville/CPAS avec la ville et la Province (Province, ADMR)"
    assert find_organisations(text) == ["Ville", "Province", "ADMR"]


def test_names_a_layout_recorded_are_kept_first():
    action = Action("Renforcer la collaboration avec l'AIS et le Forem", Span(1, 1))
    action.mentioned_organisations = ["Forem"]
    plan = ParsedPlan(
        layout="test", strategic_objectives=[StrategicObjective("1", "OS", Span(1, 1))]
    )
    plan.strategic_objectives[0].operational_objectives = [
        OperationalObjective("1.1", "OO", Span(1, 1), actions=[action])
    ]
    assert mention_organisations(plan) is plan
    assert action.mentioned_organisations == ["Forem", "AIS"]
    merge_names(action.mentioned_organisations, ["ais", "PCS"])
    assert action.mentioned_organisations == ["Forem", "AIS", "PCS"]
