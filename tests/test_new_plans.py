"""Plans of CPAS pst-kg has never seen load without code changes, one per corpus layout style.

The four plans in tests/fixtures/plans/ are fictional: each was written by hand in the style
of one corpus layout, for a made-up CPAS, with its own content, counts and wrapping, and with
variations a real author or another extraction might bring:

- val-des-essais-2019-2024.txt (dotted codes, like Burdinne): headings "O.S. 1." and "O.O.
  1.1." with a space, and "O.S.3" / "O.O.3.1" with no dot after the code; OS coded "1", "2",
  "3" with OO "1.1", "2.1" (Burdinne codes OS "1.1" and OO "1.1.1"); marks written "Priorité :
  élevée" / "Avancement : à l'étude ;" on two lines, "Priorité élevée Avancement en cours ;"
  on one, and "priorité élevée" in lower case; a priority outside the vocabulary ("moyenne");
  "•" bullets in one OO; runs of blank lines; a sidecar giving CPAS and législature.
- fontaine-sur-maquette-deck.txt (slide deck, like the Ville/CPAS deck): footers of another
  council and date ("Conseil de l'Action Sociale - 1er octobre 2019 4"), "OS3:" without a
  space in the list, "OS 2" with one on its slide, OO holding one to three actions, nominal
  action titles ("Création d'une épicerie sociale", "Mise en place d'un rendez-vous ...");
  a sidecar giving the CPAS.
- hameau-temoin-2020.txt (three lists, like Dinant): the third part called "3. Projets et
  actions :", codes without their final dot ("1.1 Offrir ..."), unnumbered actions that kept
  their "•" glyph, an OO that part 3 heads but gives no action, the législature wrapped over
  two lines.
- rocher-modele-2019-2024.txt (fiches, like Anderlues): "CPAS de Rocher-Modèle" (Anderlues
  writes "CPAS d'..."), a short OP table, an OO list where the OS header is not repeated
  before the second OO, "Indicateurs" for "Indicateur(s)", a fiche title wrapped over two
  lines, "Étapes du projet" in two fiches only, empty "Partenaires", no template noise.

Each plan is loaded with ``pst load`` into a fresh store; the store must then hold exactly
what the document says. The counts and titles below were read off the fixtures by hand. The
general reader reads each with the markers it reads the corpus plan of its style with.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pstkg.cli import main
from pstkg.loaders.read import parse_text
from pstkg.loaders.text import read_source

from .conftest import CORPUS, rewrap, windows_extraction

PLANS = Path(__file__).parent / "fixtures" / "plans"
ID = "https://w3id.org/pst-kg/id/plan/"

# An action: its title, as the plan writes it once wrapped lines are joined.
Tree = list[tuple[str, str, list[tuple[str | None, str | None, list[str]]]]]


@dataclass
class Expected:
    """What a fixture plan says, as a reader counts it."""

    file: str
    layout: str  # the markers of each level, as ParsedPlan.layout says them
    like: str  # the corpus plan written in the same style
    markers: list[str]  # markers the reader used, with how often (in ParsedPlan.markers)
    plan: str  # the plan's IRI after ID
    cpas: str
    cpas_from: str
    legislature_from: str
    tree: Tree
    warnings: list[str] = field(default_factory=list)
    marks: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    mentions: dict[str, set[str]] = field(default_factory=dict)
    fiches: dict[str, dict[str, object]] = field(default_factory=dict)


VAL_DES_ESSAIS = Expected(
    file="val-des-essais-2019-2024.txt",
    layout="O.S. n / O.O. n / bullet -",
    like="burdinne-2019-2024.txt",
    markers=[
        "OS «O.S.» + code (3 lines)",
        "OO «O.O.» + code (5 lines)",
        "actions bullet «-» (11 lines), bullet «•» (3 lines)",  # "•" bullets in one OO
        "area heading (3 lines)",
        "marks (priorité, avancement) (6 lines)",
        "volet heading (2 lines)",
    ],
    plan="val-des-essais/2019-2024",
    cpas="Val-des-Essais",
    cpas_from="val-des-essais-2019-2024.meta.toml",
    legislature_from="val-des-essais-2019-2024.meta.toml",
    tree=[
        (
            "1",
            "être un CPAS qui soigne ses outils et son personnel",
            [
                (
                    "1.1",
                    "moderniser l'équipement informatique des services sociaux",
                    [
                        "Remplacer les postes de travail de plus de six ans",
                        "Installer un logiciel de gestion des dossiers sociaux partagé entre les "
                        "assistants sociaux et le service de médiation de dettes",
                        "Former les agents administratifs à la signature électronique",
                    ],
                ),
                (
                    "1.2",
                    "soutenir le bien-être au travail",
                    [
                        "Organiser chaque année une journée de formation collective",
                        "Réaménager la salle de pause du personnel",
                    ],
                ),
            ],
        ),
        (
            "2",
            "être un CPAS qui accompagne chaque bénéficiaire vers l'emploi et l'autonomie",
            [
                (
                    "2.1",
                    "développer les mises à l'emploi sous article 60 § 7",
                    [
                        "Conclure de nouvelles conventions de mise à disposition avec des "
                        "employeurs locaux (Forem, Mirec, autres CPAS, entreprises, ...)",
                        "Organiser un atelier mensuel de recherche d'emploi",
                        "Accompagner les travailleurs pendant les trois mois qui suivent la fin "
                        "de leur contrat",
                    ],
                ),
                (
                    "2.2",
                    "lever les freins à la formation",
                    [
                        "Prendre en charge les frais de garde d'enfants pendant les formations",
                        "Collaborer avec la Mission Locale Entre-Deux-Eaux pour orienter les "
                        "jeunes vers une formation qualifiante",
                        "Proposer un abonnement de bus aux stagiaires (taxi social, minibus "
                        "communal, ...)",
                    ],
                ),
            ],
        ),
        (
            "3",
            "être un CPAS qui facilite l'accès à un logement décent",
            [
                (
                    "3.1",
                    "augmenter l'offre de logements d'urgence et de transit",
                    [
                        "Rénover les deux logements de transit de la rue du Moulin",
                        "Créer un logement d'urgence supplémentaire",
                        "Poursuivre la collaboration avec l'Agence Immobilière Sociale des Deux "
                        "Rives et la commune pour la prise en gestion de logements privés",
                    ],
                ),
            ],
        ),
    ],
    warnings=["unknown priority 'moyenne': kept as written"],
    marks={
        "Installer un logiciel": ("élevée", "à l'étude"),
        "Organiser chaque année": ("moyenne", None),
        "Organiser un atelier mensuel": ("élevée", "en cours"),
        "Rénover les deux logements": ("élevée", "en cours"),
    },
    mentions={
        "Conclure de nouvelles conventions": {"Forem", "Mirec", "autres CPAS"},
        "Collaborer avec la Mission Locale": {"Mission Locale Entre-Deux-Eaux"},
        "Poursuivre la collaboration": {"Agence Immobilière Sociale des Deux Rives", "Commune"},
    },
)

FONTAINE_SUR_MAQUETTE = Expected(
    file="fontaine-sur-maquette-deck.txt",
    layout="OS n / OO n / unmarked",
    like="ville-cpas-conseil-conjoint-2019-2024.txt",
    markers=[
        "OS «OS» + code (6 lines)",  # the list of three OS, then a slide per OS
        "OO «OO» + code (7 lines)",
        "actions unmarked line (15 lines)",
        "heading of the OS list",
    ],
    plan="fontaine-sur-maquette/2019-2024",
    cpas="Fontaine-sur-Maquette",
    cpas_from="fontaine-sur-maquette-deck.meta.toml",
    legislature_from="fontaine-sur-maquette-deck.txt, line 1",
    tree=[
        (
            "1",
            "Garantir à chacun une aide sociale de qualité",
            [
                (
                    "1",
                    "Accompagner les familles monoparentales",
                    [
                        "Ouvrir une permanence du soir une fois par semaine",
                        "Renforcer nos collaborations avec la Ligue des Familles, l'ONE et la "
                        "Croix-Rouge",
                        "Création d'une épicerie sociale",
                    ],
                ),
                (
                    "2",
                    "Prévenir le surendettement",
                    [
                        "Organiser des ateliers budget avec le Service de médiation de dettes",
                        "Informer les jeunes adultes sur les risques du crédit à la consommation",
                    ],
                ),
            ],
        ),
        (
            "2",
            "Être une administration moderne et proche des citoyens",
            [
                (
                    "3",
                    "Simplifier les démarches administratives",
                    [
                        "Mettre en ligne les formulaires de demande d'aide",
                        "Le déploiement d'un guichet unique à l'accueil du CPAS",
                        "Mise en place d'un rendez-vous téléphonique",
                    ],
                ),
                (
                    "4",
                    "Valoriser les compétences des agents",
                    ["Établir un plan de formation pluriannuel"],
                ),
                (
                    "5",
                    "Rendre les bâtiments accessibles",
                    [
                        "Installer une rampe à l'entrée principale",
                        "Adapter les sanitaires aux personnes à mobilité réduite",
                    ],
                ),
            ],
        ),
        (
            "3",
            "Préparer une commune plus verte",
            [
                (
                    "6",
                    "Réduire la consommation d'énergie",
                    [
                        "Isoler la toiture de la maison de repos",
                        "Passer à l'éclairage LED dans les bureaux",
                    ],
                ),
                (
                    "7",
                    "Développer les circuits courts",
                    [
                        "Approvisionner la cuisine centrale auprès des producteurs locaux",
                        "Sensibiliser les bénéficiaires au jardinage (potager collectif)",
                    ],
                ),
            ],
        ),
    ],
    mentions={"Renforcer nos collaborations": {"Ligue des Familles", "ONE", "Croix-Rouge"}},
)

HAMEAU_TEMOIN = Expected(
    file="hameau-temoin-2020.txt",
    layout="n / n.n / n.n.n",
    like="dinant-2019.txt",
    markers=[
        "OS code n (6 lines)",  # two OS, named in each of the three parts
        "OO code n.n (10 lines)",
        "actions code n.n.n (9 lines), bullet «•» (3 lines)",  # unnumbered actions kept their "•"
        "heading of the OS list",
        "heading of the OO list",
        "heading of the action list",  # "3. Projets et actions :"
    ],
    plan="hameau-temoin/2019-2024",
    cpas="Hameau-Témoin",
    cpas_from="hameau-temoin-2020.txt, line 2",
    legislature_from="hameau-temoin-2020.txt, line 4",
    tree=[
        (
            "1",
            "Etre un CPAS qui accompagne chaque personne selon ses besoins",
            [
                (
                    "1.1",
                    "Offrir un premier accueil de qualité",
                    [
                        "Former les agents d'accueil à l'écoute active",
                        "Réorganiser la salle d'attente pour préserver la confidentialité des "
                        "entretiens",
                        "Afficher les horaires des permanences à l'entrée du bâtiment",
                    ],
                ),
                (
                    "1.2",
                    "Prévenir les situations d'endettement",
                    [
                        "Organiser des séances d'information sur le crédit avec le Service de "
                        "médiation de dettes et l'ASBL Budget Malin",
                        "Proposer une guidance budgétaire dès la première demande d'aide",
                    ],
                ),
                (
                    "1.3",
                    "Soutenir les aînés qui vivent seuls à domicile",
                    [
                        "Mettre en place un appel téléphonique hebdomadaire aux personnes isolées",
                        "Développer les repas à domicile (Commune, Croix-Rouge, bénévoles...)",
                        "Organiser un goûter mensuel à la résidence",
                    ],
                ),
            ],
        ),
        (
            "2",
            "Etre un CPAS ouvert sur son territoire et ses partenaires",
            [
                (
                    "2.1",
                    "Faire connaître les services du CPAS",
                    [
                        "Publier un guide des aides dans le bulletin communal",
                        "Participer aux marchés hebdomadaires avec un stand d'information",
                        "Créer une page d'accueil du CPAS sur le site de la Commune",
                        "Présenter nos services aux directions d'écoles",
                    ],
                ),
                ("2.2", "Travailler en réseau avec les associations locales", []),
            ],
        ),
    ],
    warnings=["OO 2.2 lists no action"],
    mentions={
        "Organiser des séances d'information": {"ASBL Budget Malin"},
        "Développer les repas à domicile": {"Commune", "Croix-Rouge"},
    },
)

ROCHER_MODELE = Expected(
    file="rocher-modele-2019-2024.txt",
    layout="n00 / nxx / unmarked + fiches",
    like="anderlues-2019-2024.txt",
    markers=[
        "OS code n00 (3 lines)",  # the OS header is not repeated before the second OO of OS 100
        "OO code nxx (4 lines)",
        "actions unmarked line (6 lines)",
        "fiche «Projet …» (annex) (6 lines)",
        "objectifs politiques (OP)",
    ],
    plan="rocher-modele/2019-2024",
    cpas="Rocher-Modèle",
    cpas_from="rocher-modele-2019-2024.txt, line 3",
    # the title "Programme stratégique transversal 2019-2024"; line 4 says it again
    legislature_from="rocher-modele-2019-2024.txt, line 1",
    tree=[
        (
            "100",
            "Être un CPAS qui accompagne les personnes vers l'autonomie",
            [
                (
                    "101",
                    "Renforcer l'insertion socio-professionnelle",
                    [
                        "Créer une cellule d'accompagnement vers l'emploi",
                        "Renforcer la collaboration avec la Mission Locale",
                    ],
                ),
                (
                    "102",
                    "Améliorer l'accès au logement",
                    [
                        "Développer un partenariat avec l'AIS du Val pour la prise en gestion "
                        "de logements inoccupés",
                        "Créer deux logements de transit",
                    ],
                ),
            ],
        ),
        (
            "200",
            "Être un CPAS efficace et bien organisé",
            [
                ("201", "Moderniser l'informatique", ["Remplacer le serveur de fichiers"]),
                ("202", "Soutenir le personnel", ["Mise en place d'un plan de formation"]),
            ],
        ),
    ],
    mentions={
        "Renforcer la collaboration avec la Mission Locale": {"Mission Locale"},
        "Développer un partenariat": {"AIS du Val"},
    },
    fiches={
        "Créer une cellule": {
            "op": "1",
            "enjeux": {4},
            "volet": "Externe",
            "synergies": "Sans objet",
            "risks": {"Départ d'un des deux agents", "Manque de places de stage"},
            "indicators": {"Nombre de personnes accompagnées"},
            "priority": "Projet considéré prioritaire",
            "status": "En cours de réalisation",
            "services": {"Service social", "Service insertion"},
            "partners": {"Forem", "Mission Locale"},
            "steps": [
                "Engager un agent d'insertion",
                "Définir le parcours d'accompagnement",
                "Évaluer la cellule après un an",
            ],
        },
        "Renforcer la collaboration": {
            "op": "1",
            "enjeux": {4},
            "volet": "Externe",
            "synergies": "A envisager Commune/CPAS",
            "risks": {"Manque de disponibilité des partenaires"},
            "indicators": {"Nombre de jeunes orientés"},
            "priority": "Projet en cours",
            "status": "A l'étude",
            "services": {"Service insertion"},
            "partners": {"Mission Locale"},
            "steps": [],
        },
        "Développer un partenariat": {
            "op": "1",
            "enjeux": {4},
            "volet": "Interne et externe",
            "synergies": "Sans objet",
            "risks": {"Peu de propriétaires intéressés"},
            "indicators": {"Nombre de logements pris en gestion"},
            "priority": "Projet en cours",
            "status": "A l'étude",
            "services": {"Service logement", "Service social"},
            "partners": {"AIS du Val", "Commune"},
            "steps": [],
        },
        "Créer deux logements": {
            "op": "1",
            "enjeux": {4},
            "volet": "Externe",
            "synergies": "A envisager Commune/CPAS",
            "risks": {"Retard des travaux", "Coût des matériaux"},
            "indicators": {"Nombre de ménages hébergés"},
            "priority": "Projet considéré prioritaire",
            "status": "En cours de réalisation",
            "services": {"Service logement"},
            "partners": {"Commune"},
            "steps": [],
        },
        "Remplacer le serveur": {
            "op": "2",
            "enjeux": {2},
            "volet": "Interne",
            "synergies": "A envisager Commune/CPAS",
            "risks": {"Perte de données pendant la migration"},
            "indicators": {"Nombre d'interruptions de service"},
            "priority": "Projet considéré prioritaire",
            "status": "Proposition",
            "services": {"Service informatique"},
            "partners": set(),
            "steps": [
                "Rédiger le cahier des charges",
                "Attribuer le marché",
                "Migrer les dossiers",
            ],
        },
        "Mise en place d'un plan": {
            "op": "2",
            "enjeux": {2},
            "volet": "Interne",
            "synergies": "Sans objet",
            "risks": {"Manque de temps des agents"},
            "indicators": {"Nombre de jours de formation par agent"},
            "priority": "Projet en cours",
            "status": "Indéterminé",
            "services": {"Service du personnel"},
            "partners": set(),
            "steps": [],
        },
    },
)

EXPECTED = [VAL_DES_ESSAIS, FONTAINE_SUR_MAQUETTE, HAMEAU_TEMOIN, ROCHER_MODELE]
BY_PLAN = {ID + expected.plan: expected for expected in EXPECTED}


def cli(*argv: str) -> tuple[int, str]:
    """Run ``pst`` and return its exit status and standard output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A fresh store holding the four fixture plans, loaded with ``pst load`` once."""
    return tmp_path_factory.mktemp("new-plans") / "store"


@pytest.fixture(scope="module")
def reports(store: Path) -> dict[str, dict]:
    """The JSON load report of each fixture plan, by file name."""
    code, out = cli("load", str(PLANS), "--store", str(store), "--report", "json")
    assert code == 0, out
    return {Path(report["file"]).name: report for report in json.loads(out)}


def select(store: Path, query: str) -> list[dict[str, str]]:
    """Rows of a SPARQL SELECT run with ``pst sparql``, as {variable: value}."""
    code, out = cli("sparql", query, "--store", str(store), "--format", "json")
    assert code == 0, out
    return [
        {name: term["value"] for name, term in row.items()}
        for row in json.loads(out)["results"]["bindings"]
    ]


def title_starting(titles: list[str], start: str) -> str:
    """The one title that starts with ``start``."""
    matching = [title for title in titles if title.startswith(start)]
    assert len(matching) == 1, (start, matching)
    return matching[0]


# --------------------------------------------------------------------------- markers


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e.file)
def test_each_plan_is_read_with_the_markers_of_its_corpus_plan(expected: Expected):
    plan = parse_text(read_source(PLANS / expected.file))
    assert plan.layout == expected.layout
    for used in expected.markers:
        assert used in plan.markers, (used, plan.markers)
    assert parse_text(read_source(CORPUS / expected.like)).layout == expected.layout
    others = [e.layout for e in EXPECTED if e is not expected]
    assert expected.layout not in others


# --------------------------------------------------------------------------- pst load


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e.file)
def test_each_plan_loads_with_its_identity_and_counts(reports, expected: Expected):
    report = reports[expected.file]
    assert report["loaded"] and report["error"] is None
    assert report["layout"] == expected.layout
    assert report["plan"] == ID + expected.plan
    assert (report["cpas"], report["cpas_from"]) == (expected.cpas, expected.cpas_from)
    assert (report["legislature"], report["legislature_from"]) == (
        "2019-2024",
        expected.legislature_from,
    )
    counts = report["counts"]
    assert counts["strategic_objectives"] == len(expected.tree)
    assert counts["operational_objectives"] == sum(len(oos) for _, _, oos in expected.tree)
    assert counts["actions"] == sum(len(a) for _, _, oos in expected.tree for _, _, a in oos)
    assert counts["fiches"] == len(expected.marks) + len(expected.fiches)
    assert counts["steps"] == sum(len(f["steps"]) for f in expected.fiches.values())
    assert [warning["message"] for warning in report["warnings"]] == expected.warnings


def test_nothing_else_was_loaded(reports):
    assert set(reports) == {expected.file for expected in EXPECTED}


TREE_QUERY = """
SELECT ?plan ?os ?osCode ?osTitle ?oo ?ooCode ?ooTitle ?actionTitle WHERE {
  GRAPH ?plan {
    ?plan a pst:Plan ; pst:hasStrategicObjective ?os .
    ?os pst:position ?osPosition ; pst:code ?osCode ; dcterms:title ?osTitle .
    OPTIONAL {
      ?os pst:hasOperationalObjective ?oo .
      ?oo pst:position ?ooPosition ; pst:code ?ooCode ; dcterms:title ?ooTitle .
      OPTIONAL { ?oo pst:hasProjectOrAction ?action .
                 ?action pst:position ?position ; dcterms:title ?actionTitle }
    }
  }
} ORDER BY ?plan ?osPosition ?ooPosition ?position
"""


def trees_in_store(store: Path) -> dict[str, Tree]:
    """Each plan's OS → OO → action titles as the store holds them, in document order."""
    trees: dict[str, Tree] = defaultdict(list)
    for row in select(store, TREE_QUERY):
        tree = trees[row["plan"]]
        if not tree or tree[-1][0] != row["osCode"]:
            tree.append((row["osCode"], row["osTitle"], []))
        oos = tree[-1][2]
        if "ooCode" in row and (not oos or oos[-1][0] != row["ooCode"]):
            oos.append((row["ooCode"], row["ooTitle"], []))
        if "actionTitle" in row:
            oos[-1][2].append(row["actionTitle"])
    return trees


@pytest.mark.usefixtures("reports")
def test_the_store_holds_each_tree_as_written(store: Path):
    trees = trees_in_store(store)
    assert set(trees) == set(BY_PLAN)
    for plan, tree in trees.items():
        assert tree == BY_PLAN[plan].tree, plan


MARKS_QUERY = """
SELECT ?plan ?title ?priority ?status WHERE {
  GRAPH ?plan {
    ?action pst:hasFiche ?fiche ; dcterms:title ?title .
    OPTIONAL { ?fiche pst:priorityAsWritten ?priority }
    OPTIONAL { ?fiche pst:statusAsWritten ?status }
  }
}
"""


@pytest.mark.usefixtures("reports")
def test_the_marks_of_the_dotted_codes_plan(store: Path):
    rows = [row for row in select(store, MARKS_QUERY) if row["plan"] == ID + VAL_DES_ESSAIS.plan]
    titles = [row["title"] for row in rows]
    found = {row["title"]: (row.get("priority"), row.get("status")) for row in rows}
    expected = {
        title_starting(titles, start): marks for start, marks in VAL_DES_ESSAIS.marks.items()
    }
    assert found == expected


MENTIONS_QUERY = """
SELECT ?plan ?title ?name WHERE {
  GRAPH ?plan {
    ?action pst:mentionsOrganization ?organisation ; dcterms:title ?title .
    ?organisation a org:Organization ; skos:prefLabel ?name .
  }
}
"""


@pytest.mark.usefixtures("reports")
def test_the_organisations_each_plan_names_in_its_actions(store: Path):
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in select(store, MENTIONS_QUERY):
        found[row["plan"]][row["title"]].add(row["name"])
    for plan, expected in BY_PLAN.items():
        titles = list(found[plan])
        wanted = {
            title_starting(titles, start): names for start, names in expected.mentions.items()
        }
        assert dict(found[plan]) == wanted, plan


FICHES_QUERY = """
SELECT ?plan ?title ?field ?value WHERE {
  GRAPH ?plan {
    ?action pst:hasFiche ?fiche ; dcterms:title ?title .
    {
      VALUES (?predicate ?field) {
        (pst:voletAsWritten "volet") (pst:synergyAsWritten "synergies") (pst:risk "risks")
        (pst:indicator "indicators") (pst:priorityAsWritten "priority")
        (pst:statusAsWritten "status")
      }
      ?fiche ?predicate ?value .
    } UNION {
      VALUES (?predicate ?field) { (pst:involvedService "services") (pst:partner "partners") }
      ?fiche ?predicate ?node . ?node skos:prefLabel ?value .
    } UNION {
      ?fiche pst:enjeu ?value . BIND("enjeux" AS ?field)
    } UNION {
      ?fiche pst:politicalObjective ?value . BIND("op" AS ?field)
    } UNION {
      ?fiche pst:hasStep ?step . ?step pst:position ?position ; dcterms:title ?value .
      BIND("steps" AS ?field)
    }
  }
} ORDER BY ?title ?field ?position
"""


def empty_fiche() -> dict[str, object]:
    """The fields of a fiche before any is read: lists and sets are filled row by row."""
    return {
        "steps": [],
        **{name: set() for name in ("risks", "indicators", "services", "partners", "enjeux")},
    }


def fiches_in_store(store: Path, plan: str) -> dict[str, dict[str, object]]:
    """Each fiche's fields as the store holds them: sets, except the ordered steps."""
    fiches: dict[str, dict[str, object]] = defaultdict(empty_fiche)
    for row in (row for row in select(store, FICHES_QUERY) if row["plan"] == plan):
        fiche, name, value = fiches[row["title"]], row["field"], row["value"]
        if name == "enjeux":
            fiche[name].add(int(value.rsplit("enjeu-", 1)[1]))
        elif name == "op":
            fiche[name] = value.rsplit("/op/", 1)[1]
        elif isinstance(fiche.get(name), list):
            fiche[name].append(value)
        elif isinstance(fiche.get(name), set):
            fiche[name].add(value)
        else:
            fiche[name] = value
    return fiches


@pytest.mark.usefixtures("reports")
def test_the_fiches_of_the_fiches_plan(store: Path):
    found = fiches_in_store(store, ID + ROCHER_MODELE.plan)
    titles = list(found)
    expected = {title_starting(titles, start): f for start, f in ROCHER_MODELE.fiches.items()}
    assert dict(found) == expected


@pytest.mark.usefixtures("reports")
def test_the_deck_keeps_its_council_date_and_values(store: Path):
    plan = ID + FONTAINE_SUR_MAQUETTE.plan
    rows = select(
        store,
        f"SELECT ?date ?value WHERE {{ GRAPH <{plan}> {{ <{plan}> pst:councilDate ?date ; "
        "pst:hasValue ?node . ?node skos:prefLabel ?value } }",
    )
    assert {row["date"] for row in rows} == {"2019-10-01"}
    assert {row["value"] for row in rows} == {"Écoute", "Équité", "Esprit d'équipe", "Transparence"}


# --------------------------------------------------------------------------- other extractions


def outline(path: Path, data: bytes) -> list[tuple]:
    """What the loader reads from a document, line numbers aside."""
    plan = parse_text(read_source(path, data))
    rows: list[tuple] = [(plan.layout, [w.message for w in plan.warnings])]
    for os_ in plan.strategic_objectives:
        rows.append((os_.code, os_.title, os_.volet))
        for oo in os_.operational_objectives:
            rows.append((oo.code, oo.title))
            rows.extend(
                (
                    action.title,
                    tuple(action.mentioned_organisations),
                    tuple(
                        (f.priority, f.status, tuple(s.title for s in f.steps))
                        for f in action.fiches
                    ),
                )
                for action in oo.actions
            )
    return rows


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e.file)
@pytest.mark.parametrize(
    "variant",
    [
        lambda text: rewrap(text, 30).encode("utf-8"),
        lambda text: rewrap(text, 40).encode("utf-8"),
        windows_extraction,
    ],
    ids=["rewrap-30", "rewrap-40", "crlf-cp1252"],
)
def test_other_extractions_of_each_plan_read_the_same(expected: Expected, variant):
    path = PLANS / expected.file
    text = path.read_text(encoding="utf-8")
    assert variant(text) != text.encode("utf-8")
    assert outline(path, variant(text)) == outline(path, text.encode("utf-8"))
