"""The general reader on a plan with an OP table, OS 100-500 / OO 101-512 lists, lists by enjeu
and one detached fiche per project.

Anderlues, against counts and fields read off the document by hand.

Anderlues, as a reader sees it (line numbers of data/corpus/anderlues-2019-2024.txt):
method text naming the "CPAS d'Anderlues" (206), the législature 2018-2024 (32) and, after
"le CPAS adhère aux valeurs suivantes :" (351), four values (353-363); the OP table (738-840):
OP 1 → OS 200, OP 2 → OS 200, 300, 400, OP 3 → OS 100, OP 4 and 5 → "-", OP 6 → OS 500;
the list "OS, OO et Projets" (902-1206): 5 OS, 24 OO (2 + 5 + 1 + 4 + 12) and 67 projects
(OO 402 lists none, OO 511 lists its two twice, OO 504 and 508 glue two titles on one line);
the per-enjeu lists (1375-1688) name 8, 54, 0 and 18 projects; then 68 fiches (1864-4630),
two of them for "Organisation du travail le week-end pour les aides familiales" (2501, 2541).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.model import Action, ParsedPlan, Span
from pstkg.loaders.reader import read_plan
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.cues import cue_of, match_fiche_header, match_field
from pstkg.loaders.reader.facts import read_facts
from pstkg.loaders.reader.furniture import strip_placeholders
from pstkg.loaders.reader.items import Piece, split_items, starts_new_item
from pstkg.loaders.reader.known_titles import segment_titles, words_of
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.text import Line, SourceText, read_source
from pstkg.loaders.titles import edit_distance, same_title

from .conftest import CORPUS, CORPUS_FILES, extraction_variants, rewrap, windows_extraction

PATH = CORPUS / "anderlues-2019-2024.txt"
TEXT = PATH.read_text(encoding="utf-8")
WEEK_END = "Organisation du travail le week-end pour les aides familiales"
LAYOUT = "n00 / nxx / unmarked + fiches"


def source_of(data: bytes | str, name: str = PATH.name) -> SourceText:
    """A source read from bytes, as if from a file of that name."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_source(Path(name), raw)


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return read_plan(read_source(PATH))


def action(plan: ParsedPlan, title: str) -> Action:
    found = [a for a in plan.actions() if a.title == title]
    assert len(found) == 1, [a.title for a in plan.actions()]
    return found[0]


def by_code(plan: ParsedPlan) -> dict:
    return {oo.code: oo for oo in plan.operational_objectives()}


# --------------------------------------------------------------------------- the tree


def test_six_political_objectives_as_the_op_table_writes_them(plan: ParsedPlan):
    assert [(op.code, op.title, op.span.first_line) for op in plan.political_objectives] == [
        ("1", "Des logements de qualité et abordables.", 742),
        ("2", "Une action sociale toujours plus efficace.", 760),
        ("3", "Une politique positive de l'emploi.", 800),
        ("4", "Un accès facilité à la santé.", 818),
        ("5", "Des activités de loisirs diversifiées", 822),
        ("6", "Une commune qui permet un « vivre ensemble » harmonieux", 826),
    ]


def test_each_os_answers_the_op_the_table_maps_to_it(plan: ParsedPlan):
    mapping = {os_.code: os_.political_objectives for os_ in plan.strategic_objectives}
    assert mapping == {"100": ["3"], "200": ["1", "2"], "300": ["2"], "400": ["2"], "500": ["6"]}


def test_five_strategic_objectives_with_their_wrapped_titles(plan: ParsedPlan):
    assert [os_.code for os_ in plan.strategic_objectives] == ["100", "200", "300", "400", "500"]
    titles = {os_.code: os_.title for os_ in plan.strategic_objectives}
    assert (
        titles["100"] == "Être un CPAS qui favorise l'insertion sociale et professionnelle de tous"
    )
    assert titles["200"] == (
        "Être un CPAS qui met en place des actions sociales (individuelles et/ou collectives) "
        "qui répondent aux besoins de la population"
    )
    assert titles["500"] == (
        "Être un CPAS qui dans le respect des législations améliore son efficacité et son "
        "efficience dans sa gestion interne"
    )
    os_200 = plan.strategic_objectives[1]
    assert os_200.span == Span(924, 925)
    # "200. Etre un CPAS ..." (959) and the fiches' "OS 200. Etre ..." are one variant
    assert os_200.title_variants == [titles["200"].replace("Être", "Etre", 1)]


def test_operational_objectives_per_strategic_objective(plan: ParsedPlan):
    codes = {
        os_.code: [oo.code for oo in os_.operational_objectives]
        for os_ in plan.strategic_objectives
    }
    assert codes == {
        "100": ["101", "102"],
        "200": ["201", "202", "203", "204", "205"],
        "300": ["301"],
        "400": ["401", "402", "403", "404"],
        "500": [str(code) for code in range(501, 513)],
    }
    oos = by_code(plan)
    assert oos["509"].title == (
        "Gérer les ressources humaines de manière optimale en fonction des besoins et des "
        "contraintes budgétaires de l'institution"
    )
    assert oos["509"].span == Span(1154, 1155)
    assert (
        oos["202"].title
        == "Porter une attention particulière au phénomène de la violence conjugale"
    )
    assert oos["503"].title == "Établir le plan de synergies commune-cpas"  # "commune- cpas"


# Counted in the list "OS, OO et Projets" (lines 902-1206), glued titles counted as two.
PROJECTS_PER_OO = {
    "101": 4, "102": 3, "201": 4, "202": 1, "203": 1, "204": 2, "205": 1, "301": 3,
    "401": 1, "402": 0, "403": 2, "404": 1, "501": 1, "502": 5, "503": 2, "504": 7,
    "505": 3, "506": 1, "507": 10, "508": 3, "509": 4, "510": 4, "511": 2, "512": 2,
}  # fmt: skip


def test_projects_per_operational_objective(plan: ParsedPlan):
    assert {code: len(oo.actions) for code, oo in by_code(plan).items()} == PROJECTS_PER_OO
    assert len(plan.actions()) == 67
    assert all(a.kind == "project" and a.code is None for a in plan.actions())


def test_every_project_has_its_fiche(plan: ParsedPlan):
    assert sum(len(a.fiches) for a in plan.actions()) == 68
    assert all(a.fiches for a in plan.actions())


def test_titles_glued_on_one_line_come_apart(plan: ParsedPlan):
    oos = by_code(plan)
    assert [a.title for a in oos["504"].actions][4:6] == [
        "Établir un cadre de gouvernance",
        "Formaliser notre procédure d'archivage",
    ]
    assert [a.title for a in oos["508"].actions] == [
        "Assurer le suivi du plan annuel de réfection des bâtiments",
        "Etablir un inventaire des travaux à réaliser par bâtiment et par importance "
        "(degré et ampleur)",
        "Mise en place d'un plan pluriannuel des travaux à réaliser par bâtiment",
    ]
    assert [a.span.first_line for a in oos["504"].actions][4:6] == [1083, 1083]


def test_a_title_wrapped_in_the_list_is_one_title(plan: ParsedPlan):
    project = by_code(plan)["102"].actions[1]
    assert project.title == (
        "Mettre en place une méthodologie individualisée qui stimule le bénéficiaire à "
        "participer activement à la réalisation de son projet professionnel"
    )
    assert project.span == Span(920, 921)


def test_a_list_written_twice_gives_each_project_once(plan: ParsedPlan):
    assert [a.title for a in by_code(plan)["511"].actions] == [
        "Aménagement de l'espace grâce à un mobilier plus fonctionnel privilégiant "
        "l'ergonomie et favorisant une meilleure efficacité",
        "Réorganiser et uniformiser l'utilisation des différents outils",
    ]
    repeats = [w for w in plan.warnings if "listed twice under OO 511" in w.message]
    assert [w.span.first_line for w in repeats] == [1194, 1196]


# --------------------------------------------------------------------------- spellings


@pytest.mark.parametrize(
    ("canonical", "variant"),
    [
        (
            "Développement d'une plateforme inter CPAS dans le cadre du dispositif article 61",
            "Développement d'une pateforme inter CPAS dans le cadre du dispositif article 61",
        ),
        (
            "Faire en sorte de disposer de plus de solutions de logement dans les situations "
            "d'urgence",
            "Faire en sorte de disposer de plus de solutions de logement dans les situtations "
            "d'urgence",
        ),
        (
            "Encourager activement le développement du système d'accueillantes "
            "conventionnées(reconnaissance du statut d'accueillante)",
            "Encourager activement le développement du système d'accueilllantes "
            "conventionnées(reconnaissance du statut d'accueillante)",
        ),
    ],
)
def test_spelling_variants_are_one_project_titled_as_the_oo_list_writes_it(
    plan: ParsedPlan, canonical: str, variant: str
):
    project = action(plan, canonical)
    assert project.title_variants == [variant]
    assert len(project.fiches) == 1
    assert project.fiches[0].title_as_written == variant


def test_the_plateforme_project_keeps_its_first_occurrence_and_its_enjeu(plan: ParsedPlan):
    project = by_code(plan)["101"].actions[0]
    assert project.title.startswith("Développement d'une plateforme")
    assert project.span == Span(909, 909)
    assert project.fiches[0].span.first_line == 1864
    assert project.enjeux_from_lists == [2]


def test_methodologie_merges_across_list_enjeu_lists_and_fiche(plan: ParsedPlan):
    project = by_code(plan)["102"].actions[1]
    assert [v.split()[4] for v in project.title_variants] == ["méthologie"]
    assert project.enjeux_from_lists == [1, 4]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Développement d'une pateforme inter CPAS", "Développement d'une plateforme inter CPAS"),
        ("une méthologie individualisée", "une méthodologie individualisée"),
        ("Etablir un cadre de gouvernance", "Établir un cadre de gouvernance"),
        ("facturation electronique", "facturation électronique"),
        ("synergies commune- cpas", "synergies commune-cpas"),
        ("Mettre en oeuvre le RGPD", "Mettre en œuvre le RGPD"),
    ],
)
def test_same_title_accepts_spelling_variants(first: str, second: str):
    assert same_title(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Veiller à la santé des travailleurs", "Veiller au bien-être des travailleurs"),
        ("Renforcer la collaboration avec l'AIS", "Renforcer la collaboration avec l'ISSH"),
        ("Renforcer la collaboration avec l'AIS", "Renforcer la collaboration avec le PCS"),
        ("Améliorer les outils du service social", "Renforcer le service social"),
        ("La mise en place d'un PST", "La mise en place et le suivi du PST"),
        ("Assurer le suivi du plan annuel de réfection des bâtiments", "Assurer le suivi"),
    ],
)
def test_same_title_keeps_different_projects_apart(first: str, second: str):
    assert not same_title(first, second)


def test_edit_distance():
    assert edit_distance("plateforme", "pateforme") == 1
    assert edit_distance("methodologie", "methologie") == 2
    assert edit_distance("sante", "bien") == 5
    assert edit_distance("", "abc") == 3


# --------------------------------------------------------------------------- fiches


def test_the_first_fiche_as_written(plan: ParsedPlan):
    fiche = by_code(plan)["101"].actions[0].fiches[0]
    assert fiche.span == Span(1864, 1900)
    assert fiche.political_objective == "3"
    assert fiche.strategic_objective == "100"
    assert fiche.operational_objective == "101"
    assert fiche.enjeux == [2]
    assert fiche.description.startswith("Collaboration de plusieurs CPAS en vue d'augmenter")
    assert fiche.description.endswith("l'engagement d'un Jobcoach commun.")
    assert fiche.volet == "Externe"
    assert fiche.synergies == "A envisager Commune/CPAS"
    assert fiche.risks == [
        "Perte de la subvention FSE (2014-2020)",
        "Qu'un ou plusieurs CPAS se retirent du projet.",
        "Le financement et le contexte de travail du poste éventuel de Jobcoach.",
    ]
    assert fiche.indicators == ["Nombre de remises au travail"]
    assert fiche.priority == "Projet considéré prioritaire"
    assert fiche.status == "En cours de réalisation"
    assert fiche.services == [
        "Service Administratif",
        "Service social (Tous)",
        "Social - Insertion",
    ]
    assert fiche.partners == [
        "CPAS BINCHE",
        "CPAS GERPINNES",
        "CPAS MONTIGNY LE TILLEUL",
        "CPAS THUIN",
    ]
    assert fiche.steps == []


def test_empty_fields_are_empty_not_missing(plan: ParsedPlan):
    fiche = by_code(plan)["101"].actions[1].fiches[0]  # "Développer des outils ..." (1903)
    assert fiche.description is None
    assert fiche.partners == []
    assert not any("lacks the field" in w.message for w in plan.warnings)


def test_risks_and_indicators_join_wrapped_lines_and_drop_bullets(plan: ParsedPlan):
    assert action(plan, "Renforcer le suivi en fin de parcours").fiches[0].risks == [
        "Perte de la subvention FSE (2014-2020), par conséquent perte du financement du poste "
        'de "Jobcoach".'
    ]
    amts = action(plan, "Passage des AMTS en AMS").fiches[0]
    assert amts.risks == ["Perte d'emplois", "Perte de clients"]
    assert amts.indicators == [
        "Nombre d'emplois sauvés",
        "Nombre de clients qui basculeront dans le nouveau service",
    ]
    assert amts.services == [
        "Codir",
        "Direction financière",
        "IDESS",
        "Service Administratif",
        "Social - SAFA",
    ]
    factures = action(plan, "Digitalisation et reconnaissance des factures entrantes").fiches[0]
    assert factures.risks == [
        "Moyens financiers insuffisant",
        "Espace de stockage insuffisant sur le serveur",
    ]
    garanties = action(plan, "Garanties locatives").fiches[0]
    assert garanties.indicators == [
        'Nombre de garanties locatives "mises à jour"',
        "Provision pour risque et charge - Cautions locatives",
    ]


def test_the_week_end_project_keeps_both_conflicting_fiches(plan: ParsedPlan):
    project = action(plan, WEEK_END)
    first, second = project.fiches
    assert (first.span.first_line, second.span.first_line) == (2501, 2541)
    assert (first.political_objective, second.political_objective) == ("6", "3")
    assert (first.enjeux, second.enjeux) == ([2], [1, 4])
    assert first.steps == [] and first.description is None
    assert first.priority == "Projet postposé au-delà de 2019"
    assert second.priority is None and second.status is None and second.services == []
    assert second.description.startswith("Dans l'optique de du vieillissement")
    assert project.enjeux_from_lists == [1, 2, 4]


def test_the_week_end_steps_in_order(plan: ParsedPlan):
    steps = action(plan, WEEK_END).fiches[1].steps
    assert [step.title for step in steps] == [
        "Réunion d'Information auprès des aides familiales",
        "Estimation du cout",
        "Accord politique",
        "Accord syndical",
        "Modification des contrats",
        "Information à prendre auprès d'autres services travaillant déjà le week-end",
        "Mise en place d'un règlement / fonctionnement pour le travail le week-end",
        "Réunion d'Information auprès des aides familiales et réponses aux questions",
        "Eventuel Engagement AF (en lien avec la disponibilité des aides ménagères sociales)",
        "Publicité --> Centre de coordination, Bulletin communal, ...",
    ]
    assert [step.span.first_line for step in steps] == list(range(2581, 2591))


def test_template_noise_is_skipped_and_recorded(plan: ParsedPlan):
    # 124 lines "Your content goes here .. Your content goes here .." and one page header
    # ("Annexes Fiches projets"), besides the method text the facts are read from
    noise = [f for f in plan.skipped if f.message != "method text (facts read)"]
    assert len(noise) == 125
    assert noise[0].span == Span(1877, 1877)
    assert "your content goes here" in noise[0].message.lower()
    assert noise[1].span == Span(1902, 1902)
    assert sum("your content goes here" in f.message.lower() for f in noise) == 124
    method = [f.span for f in plan.skipped if f.message == "method text (facts read)"]
    assert method == [
        Span(1, 112),
        Span(149, 149),
        Span(153, 230),
        Span(241, 306),
        Span(309, 351),
        Span(370, 409),
        Span(417, 417),
        Span(420, 734),
        Span(860, 898),
        Span(1694, 1754),
        Span(1763, 1826),
        Span(1835, 1863),
    ]  # before the OP table (738), between it and the list (902), after the lists by enjeu
    for a in plan.actions():
        for fiche in a.fiches:
            assert "Your content" not in repr(fiche)
            assert "Annexes" not in repr(fiche)


# --------------------------------------------------------------------------- enjeux


def test_projects_per_enjeu_list(plan: ParsedPlan):
    counts = {n: sum(n in a.enjeux_from_lists for a in plan.actions()) for n in (1, 2, 3, 4)}
    assert counts == {1: 8, 2: 54, 3: 0, 4: 18}


def test_enjeux_from_lists_and_from_the_fiche(plan: ParsedPlan):
    project = action(
        plan, "Recherche nouveaux partenaires pour favoriser l'insertion professionnelle"
    )
    assert project.enjeux_from_lists == [1, 2]
    assert project.fiches[0].enjeux == [1, 2]
    aines = by_code(plan)["301"].actions[1]
    assert aines.enjeux_from_lists == [4] == aines.fiches[0].enjeux


# --------------------------------------------------------------------------- plan facts


def test_cpas_legislature_values_and_evaluations(plan: ParsedPlan):
    assert (plan.cpas.value, plan.cpas.span) == ("CPAS d'Anderlues", Span(206, 206))
    assert (plan.legislature.value, plan.legislature.span) == ("2018-2024", Span(32, 32))
    assert [(v.value, v.span) for v in plan.values] == [
        ("la citoyenneté dans le respect de l'humanisme et du pluralisme", Span(353, 353)),
        ("le sens de l'intérêt général en cultivant la solidarité et le partage", Span(355, 355)),
        (
            "l'excellence en garantissant l'efficacité des services, leur efficience par un "
            "processus d'amélioration continue",
            Span(357, 359),
        ),
        (
            "la bonne gouvernance en ayant une gestion objective et transparente veillant à "
            "l'utilisation efficiente des moyens",
            Span(361, 363),
        ),
    ]
    assert [(e.value, e.span) for e in plan.evaluations] == [
        ("annual", Span(1732, 1734)),
        ("mid-term", Span(1808, 1808)),
        ("final", Span(1808, 1808)),
    ]


def facts_of(*texts: str) -> ParsedPlan:
    """The plan facts the reader finds in some lines of method text."""
    found = [Line(number, text) for number, text in enumerate(texts, start=1)]
    plan = ParsedPlan(layout="")
    read_facts(Reading(source_of("\n".join(texts)), found, width=0), found, plan, [])
    return plan


@pytest.mark.parametrize(
    ("sentence", "cpas"),
    [
        ("le programme du CPAS d'Anderlues pour", "CPAS d'Anderlues"),
        ("le programme du CPAS de Rocher-Modèle pour", "CPAS de Rocher-Modèle"),
        ("le programme du CPAS de La Louvière pour", "CPAS de La Louvière"),
        ("le programme du CPAS de Braine-l'Alleud, pour", "CPAS de Braine-l'Alleud"),
        ("le programme du CPAS du Roeulx.", "CPAS du Roeulx"),
    ],
)
def test_the_cpas_named_with_de_du_or_d(sentence: str, cpas: str):
    assert facts_of(sentence).cpas.value == cpas


def test_a_cpas_of_no_name_is_not_read():
    assert facts_of("le personnel du CPAS de la commune et les CPAS de taille").cpas is None


def test_warnings_of_the_reference_document(plan: ParsedPlan):
    messages = [w.message for w in plan.warnings]
    assert messages[0] == "OO 402 lists no project and no fiche names it"
    op_links = [m for m in messages if "but the OP table links" in m]
    # OS 200 → OP 4, 5; OS 300 → OP 6, 3; OS 400 → OP 5, 6; OS 500 → OP 2, 3
    assert len(op_links) == 8
    assert any(m.startswith("3 fiche(s) link OS 300 to OP 6") for m in op_links)
    assert len(messages) == 1 + 2 + 8  # nothing else: every project has a fiche, lists match
    assert [w.span.first_line for w in plan.warnings] == sorted(
        w.span.first_line for w in plan.warnings
    )


# --------------------------------------------------------------------------- markers


def test_the_markers_the_reader_used(plan: ParsedPlan):
    assert plan.layout == LAYOUT
    for used in (
        "OS code n00 (24 lines)",  # the list repeats the OS header above each of its 24 OO
        "OO code nxx (24 lines)",
        "actions unmarked line (69 lines)",  # 67 projects, OO 511's two listed twice
        "fiche «Projet …» (annex) (68 lines)",
        "lists of projects by enjeu",
        "objectifs politiques (OP)",
    ):
        assert used in plan.markers, (used, plan.markers)


@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if p != PATH], ids=lambda p: p.stem)
def test_the_other_corpus_plans_use_other_markers(path: Path):
    other = read_plan(read_source(path))
    assert other.layout != LAYOUT
    assert "fiche «" not in other.markers
    assert "objectifs politiques (OP)" not in other.markers
    assert "lists of projects by enjeu" not in other.markers
    assert not any(fiche.title_as_written for a in other.actions() for fiche in a.fiches)


# --------------------------------------------------------------------------- other extractions


def without_spans(value):
    """Everything a plan says except where it says it."""
    if isinstance(value, Span):
        return None
    if dataclasses.is_dataclass(value):
        return {f.name: without_spans(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value


@extraction_variants
def test_other_extractions_read_the_same(plan: ParsedPlan, variant):
    other = read_plan(source_of(variant(TEXT)))
    assert without_spans(other) == without_spans(plan)


def test_the_rewrapped_file_really_differs(plan: ParsedPlan):
    rewrapped = read_plan(source_of(rewrap(TEXT)))
    assert rewrapped.actions()[0].fiches[0].span != plan.actions()[0].fiches[0].span
    assert b"\r\n" in windows_extraction(TEXT)


# --------------------------------------------------------------------------- bad input


def lines_of(first: int, last: int) -> list[str]:
    return TEXT.split("\n")[first - 1 : last]


def cut(lines_kept: int) -> SourceText:
    return source_of("\n".join(lines_of(1, lines_kept)) + "\n")


@pytest.mark.parametrize(
    ("lines_kept", "reason", "line"),
    [
        (1100, "ends inside the list", 1099),  # of OS, OO and projects
        (1500, "ends inside the lists of projects by enjeu", 1500),  # and before any fiche
        (2600, f"ends inside the fiche of '{WEEK_END}'", 2600),
        (1900, "only 1 of the 66 projects of the OO lists have a fiche", 1900),
    ],
)
def test_a_truncated_plan_is_refused(lines_kept: int, reason: str, line: int):
    with pytest.raises(InputError, match="truncated") as error:
        read_plan(cut(lines_kept))
    assert reason in error.value.reason
    assert error.value.line == line
    assert str(error.value).startswith(f"{PATH.name}:{line}: ")


def test_os_and_oo_headings_without_projects_are_refused():
    headings = [line for line in lines_of(902, 1206) if line.strip()[:4].rstrip(".").isdigit()]
    text = "\n".join([*lines_of(1, 901), "OS, OO et Projets", *headings, *lines_of(1258, 1863)])
    with pytest.raises(InputError, match="OS and OO headings but no project"):
        read_plan(source_of(text))


def test_a_text_without_the_objective_list_places_each_project_as_its_fiche_says():
    text = "\n".join([*lines_of(1, 901), *[""] * (1206 - 901), *lines_of(1207, 4700)])
    plan = read_plan(source_of(text))
    assert {code: len(oo.actions) for code, oo in by_code(plan).items()} == {
        **{code: count for code, count in PROJECTS_PER_OO.items() if count},
    }
    placed = [w for w in plan.warnings if "names a project no OO list names" in w.message]
    assert len(placed) == len(plan.actions()) == 67


def test_a_missing_field_is_a_warning_not_an_error():
    text = TEXT.replace("Synergies A envisager Commune/CPAS\n", "", 1)
    plan = read_plan(source_of(text))
    assert len(plan.actions()) == 67
    assert plan.actions()[0].fiches[0].synergies is None
    lacking = [w for w in plan.warnings if "lacks the field(s): Synergies" in w.message]
    assert [w.span.first_line for w in lacking] == [1864]


def test_a_repeated_field_block_is_reported_with_its_line():
    lines = TEXT.split("\n")
    assert lines[2633] == "Volet interne / externe Interne et externe"  # line 2634, AMTS
    lines.insert(2640, "Volet interne / externe Externe")  # a second block, as line 2641
    plan = read_plan(source_of("\n".join(lines)))
    fiche = action(plan, "Passage des AMTS en AMS").fiches[0]
    assert fiche.volet == "Interne et externe"
    repeated = [w for w in plan.warnings if "repeated field 'Volet interne / externe'" in w.message]
    assert len(repeated) == 1
    assert "at line 2641" in repeated[0].message and "first at line 2634" in repeated[0].message


def test_an_enjeu_list_title_no_project_has_is_reported():
    text = TEXT.replace(
        "Culture et sports pour tous\n\n\n", "Culture et loisirs pour les aînés\n\n\n", 1
    )
    plan = read_plan(source_of(text))
    unknown = [w for w in plan.warnings if "matches no project" in w.message]
    assert [(w.span.first_line, w.message) for w in unknown] == [
        (
            1390,
            "'Culture et loisirs pour les aînés' in the project list of enjeu 1 matches no project",
        )
    ]
    assert action(plan, "Culture et sports pour tous").enjeux_from_lists == [4]


def test_a_project_only_a_fiche_names_goes_under_the_fiche_s_oo():
    # blank its line in the list of OO 502 (line 1056), keeping the line numbers
    text = TEXT.replace("Promouvoir la veille technologique \n", "\n", 1)
    plan = read_plan(source_of(text))
    project = action(plan, "Promouvoir la veille technologique")
    assert project in by_code(plan)["502"].actions
    assert project.span.first_line == 1462  # first named in the list of enjeu 2
    assert any("no OO list names" in w.message for w in plan.warnings)


def test_a_listed_project_without_fiche_is_reported():
    start = TEXT.index("Projet Promouvoir la veille technologique")
    end = TEXT.index("Projet Rendre opérationnel")
    plan = read_plan(source_of(TEXT[:start] + TEXT[end:]))
    assert not action(plan, "Promouvoir la veille technologique").fiches
    assert any(
        w.message == "'Promouvoir la veille technologique' (OO 502) has no fiche"
        for w in plan.warnings
    )


# --------------------------------------------------------------------------- line rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Projet Culture et sports pour tous", "Culture et sports pour tous"),
        ("Projets inclus dans cet objectif", None),
        ("Priorité des projets Projet en cours", None),
    ],
)
def test_match_fiche_header(text: str, expected: str | None):
    assert match_fiche_header(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Objectif politique - OP 3. Une politique",
            ("op", "- OP 3. Une politique"),
        ),
        ("Objectif de développement durable -", ("enjeux", "durable -")),
        ("Indicateur(s) Nombre d'attributions", ("indicators", "Nombre d'attributions")),
        ("Priorité des projets", ("priority", "")),
        ("Etat d'avancement A l'étude", ("status", "A l'étude")),
        ("Étapes du projet", ("steps", "")),
        ("Services impliqués Crèche", ("services", "Crèche")),
        ("risques liés au projet", None),
        ("Partenariats locaux", None),
    ],
)
def test_match_field_label(text: str, expected):
    # A fiche takes a line for a field label when the label is one a fiche writes alone, or
    # is followed by a colon ("Partenariats locaux" is neither).
    field = match_field(text)
    if field is None or not (field.spec.bare or field.colon):
        assert expected is None
    else:
        assert (field.spec.attribute, field.value) == expected


def numbered_header(text: str, level: str) -> tuple[str, str] | None:
    """An OS (100, 200 …) or OO (101 … 512) header of the list "OS, OO et Projets"."""
    numbered = cue_of(text).numbered
    pattern = markers().hundreds_os if level == "os" else markers().hundreds_oo
    if numbered is None or not pattern.match(numbered.code):
        return None
    return numbered.code, numbered.text


def test_list_headers():
    assert numbered_header("100. Être un CPAS qui favorise", "os") == (
        "100",
        "Être un CPAS qui favorise",
    )
    assert numbered_header("100. Être un CPAS", "oo") is None
    assert numbered_header("512. Organiser le service social", "oo") == (
        "512",
        "Organiser le service social",
    )
    assert numbered_header("512. Organiser", "os") is None
    assert markers().op_row.match("6 Une commune qui permet").groups() == (
        "6",
        "Une commune qui permet",
    )
    assert markers().op_row.match("1. Anderlues est parmi les communes") is None
    assert markers().op_os_reference.match("200 -Être un CPAS qui met").group("code") == "200"
    assert cue_of("3 - Enjeu de la transition des").enjeu == 3
    assert cue_of("2030, un plan d'action").enjeu is None


def test_segment_titles_cuts_glued_titles_and_keeps_unknown_text():
    words = words_of(
        [
            Line(1, "Établir un cadre de gouvernance Formaliser notre procédure"),
            Line(2, "d'archivage Un projet inconnu"),
        ]
    )
    known = [
        ["etablir", "un", "cadre", "de", "gouvernance"],
        ["formaliser", "notre", "procedure", "d", "archivage"],
    ]
    segments = segment_titles(words, known)
    assert [(s.known, " ".join(w.text for w in s.words)) for s in segments] == [
        (0, "Établir un cadre de gouvernance"),
        (1, "Formaliser notre procédure d'archivage"),
        (None, "Un projet inconnu"),
    ]


@pytest.mark.parametrize(
    ("previous", "text", "new"),
    [
        ("Risques Perte d'emplois,", "Perte de clients", True),
        ("Publicité --> Centre de coordination,", "Bulletin communal, ...", False),
        (
            "Perte de la subvention FSE (2014-2020), par conséquent perte du poste de",
            '"Jobcoach".',
            False,
        ),
        ("Manque de communication entre les agents", "IT communal et CPAS", False),
        ("Nombre de jours où les logements sont", '"libres', False),
        ("Modification de la législation liée à l'article", "60 et 61 (financement)", False),
        ("* Provision pour risque et charge", "- Cautions locatives", False),
        ("* Moyens financiers insuffisant", "* Espace de stockage", True),
        ("Perte de la subvention FSE (2014-2020)", "Qu'un ou plusieurs CPAS", True),
    ],
)
def test_starts_new_item(previous: str, text: str, new: bool):
    bullet = "*" if previous.startswith("*") else None
    assert starts_new_item(previous, previous, text, 45, bullet) is new


def test_split_items_keeps_the_line_of_each_item():
    pieces = [
        Piece(
            "Perte de la subvention FSE (2014-2020)",
            10,
            "Risques Perte de la subvention FSE (2014-2020)",
        ),
        Piece("Ne pas s'adapter au rythme de la", 11, "Ne pas s'adapter au rythme de la"),
        Piece("personne).", 12, "personne)."),
    ]
    assert split_items(pieces, 100) == [
        ("Perte de la subvention FSE (2014-2020)", Span(10, 10)),
        ("Ne pas s'adapter au rythme de la personne).", Span(11, 12)),
    ]


def test_a_placeholder_cut_by_wrapping_is_found():
    lines = [
        Line(1, "Partenaires"),
        Line(2, "Your content goes here .. Your content goes"),
        Line(3, "here .."),
        Line(4, "Projet Culture et sports pour tous"),
    ]
    kept, skipped = strip_placeholders(lines)
    assert kept == [lines[0], lines[3]]
    assert [finding.span for finding in skipped] == [Span(2, 3)]
