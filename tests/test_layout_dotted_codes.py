"""The dotted-codes layout (Burdinne), against counts and titles read off the document by hand.

Burdinne, as a reader sees it: an introduction (lines 1-79), VOLET INTERNE with policy area
"1. Accueil, ..." and O.S.1.1 (two O.O.), VOLET EXTERNE with policy areas 1-4 and O.S.1.2,
O.S.2, O.S.3, O.S.4; eight O.O. holding 2, 3, 6, 4, 5, 2, 2 and 8 actions (32 in all);
"Priorité élevée" after nine actions, "Avancement en cours" after four of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.layouts import dotted_codes, slide_deck, three_lists
from pstkg.loaders.layouts.dotted_codes import (
    Heading,
    Marks,
    match_bullet,
    match_marks,
    match_oo_heading,
    match_os_heading,
    match_policy_area,
    match_priority_mark,
    match_status_mark,
    match_volet,
    read_blocks,
    wrapped_marks,
)
from pstkg.loaders.model import ParsedPlan, Span
from pstkg.loaders.organisations import (
    find_organisations,
    find_partners_after_cue,
    is_organisation_item,
    mention_organisations,
)
from pstkg.loaders.text import Line, SourceText, read_source

from .conftest import CORPUS, CORPUS_FILES, extraction_variants, rewrap, windows_extraction

PATH = CORPUS / "burdinne-2019-2024.txt"
TEXT = PATH.read_text(encoding="utf-8")


def source_of(data: bytes | str, name: str = PATH.name) -> SourceText:
    """A source read from bytes, as if from a file of that name."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_source(Path(name), raw)


def outline(plan: ParsedPlan) -> list[tuple]:
    """Everything the parser read except line spans: must not depend on the extraction."""
    rows: list[tuple] = [(plan.layout, plan.cpas, plan.legislature, len(plan.warnings))]
    for os_ in plan.strategic_objectives:
        area = os_.policy_area
        rows.append(("OS", os_.code, os_.title, os_.volet, area and (area.code, area.title)))
        for oo in os_.operational_objectives:
            rows.append(("OO", oo.code, oo.title))
            rows.extend(
                (
                    "action",
                    action.title,
                    tuple(action.mentioned_organisations),
                    tuple((fiche.priority, fiche.status) for fiche in action.fiches),
                )
                for action in oo.actions
            )
    return rows


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    # As `pst load` reads it: the layout's tree, then the organisations the actions name.
    return mention_organisations(dotted_codes.parse(read_source(PATH)))


def operational(plan: ParsedPlan, code: str):
    return next(oo for oo in plan.operational_objectives() if oo.code == code)


# --------------------------------------------------------------------------- line features


def test_volet_headings():
    assert match_volet("VOLET INTERNE") == "interne"
    assert match_volet("VOLET EXTERNE") == "externe"
    assert match_volet("Volet externe :") == "externe"
    assert match_volet("Dans le PST, il convient de distinguer le volet interne") is None
    assert match_volet("VOLET") is None


def test_policy_area_headings():
    assert match_policy_area("1. Accueil, communication, information") == Heading(
        "1", "Accueil, communication, information"
    )
    assert match_policy_area("2. Politique du logement - énergétique") == Heading(
        "2", "Politique du logement - énergétique"
    )
    assert match_policy_area("1.1. Constater les besoins") is None
    assert match_policy_area("2 mois) ;") is None
    assert match_policy_area("3. réinsertion") is None  # a policy area is capitalised


@pytest.mark.parametrize(
    ("text", "code", "title"),
    [
        ("O.S.1.1. être un CPAS accueillant et accessible", "1.1", "être un CPAS accueillant"),
        ("O.S.2. être un CPAS qui veille à sensibiliser", "2", "être un CPAS qui veille"),
        ("O.S.4 être un CPAS qui lutte contre l'isolement", "4", "être un CPAS qui lutte"),
        ("O.S.3.", "3", ""),
    ],
)
def test_os_headings(text: str, code: str, title: str):
    heading = match_os_heading(text)
    assert heading is not None
    assert heading.code == code
    assert heading.title.startswith(title)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("O.O.1.1.1. aménager l'accès aux personnes", "1.1.1"),
        ("O.O.1.2.1 promouvoir la communication", "1.2.1"),
        ("O.O.3.1 créer des collaborations externes", "3.1"),
        ("O.O.4.2. créer et développer", "4.2"),
    ],
)
def test_oo_headings(text: str, code: str):
    heading = match_oo_heading(text)
    assert heading is not None and heading.code == code
    assert match_os_heading(text) is None


def test_headings_are_not_confused():
    assert match_oo_heading("O.S.1.1. être un CPAS") is None
    assert match_os_heading("Objectifs stratégiques") is None
    assert match_os_heading("OS1 : Faire reculer les inégalités") is None


def test_bullets():
    assert match_bullet("- Organiser les entretiens") == "Organiser les entretiens"
    assert match_bullet("• Organiser les entretiens") == "Organiser les entretiens"
    assert match_bullet("-Organiser") is None
    assert match_bullet("d'emploi égal à +/- 1 ETP") is None


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("Priorité élevée ;", "élevée"),
        ("Priorité élevée", "élevée"),
        ("priorité élevée ;", "élevée"),
        ("PRIORITÉ ÉLEVÉE.", "élevée"),
        ("Priorité moyenne", "moyenne"),
    ],
)
def test_priority_marks(text: str, priority: str):
    assert match_priority_mark(text) == priority


def test_running_text_is_not_a_mark():
    assert match_priority_mark("priorité aux personnes âgées ;") is None
    assert match_priority_mark("Priorité") is None
    assert match_status_mark("avancement des travaux du CPAS") is None
    assert match_marks("- Priorité élevée") is None
    assert match_marks("temps Priorité élevée") is None


def test_status_marks():
    assert match_status_mark("Avancement en cours ;") == "en cours"
    assert match_status_mark("avancement en cours ;") == "en cours"
    assert match_status_mark("Avancement en cours.") == "en cours"
    assert match_status_mark("Avancement à l'étude") == "à l'étude"


def test_a_line_of_marks():
    assert match_marks("Priorité élevée ;") == Marks("élevée", None)
    assert match_marks("Avancement en cours.") == Marks(None, "en cours")
    assert match_marks("Priorité élevée Avancement en cours ;") == Marks("élevée", "en cours")


def test_marks_written_with_a_colon():
    assert match_priority_mark("Priorité : élevée") == "élevée"
    assert match_priority_mark("Priorité: élevée ;") == "élevée"
    assert match_status_mark("Avancement : à l'étude ;") == "à l'étude"
    assert match_marks("Priorité : élevée Avancement : en cours.") == Marks("élevée", "en cours")
    assert match_priority_mark("Priorité : le logement") is None


def test_marks_wrapped_over_two_lines():
    lines = [Line(1, "Priorité élevée Avancement en"), Line(2, "cours ;"), Line(3, "- Créer")]
    assert wrapped_marks(lines, 0) == Marks("élevée", "en cours")
    assert wrapped_marks(lines, 1) is None
    assert wrapped_marks([Line(1, "Priorité élevée"), Line(2, "Avancement en cours")], 0) is None
    blocks = read_blocks(
        [Line(1, "- Organiser un atelier"), Line(2, lines[0].text), Line(3, "cours ;")]
    )
    assert [(block.kind, block.span, block.marks) for block in blocks] == [
        ("action", Span(1, 1), []),
        ("marks", Span(2, 3), [Marks("élevée", "en cours")]),
    ]


@pytest.mark.parametrize("item", ["Gal", "Srmd", "Province", "Commune", "ADMR", "CSD", "MCL"])
def test_organisation_items(item: str):
    assert is_organisation_item(item)


def test_organisation_items_with_an_acronym_or_two_words():
    assert is_organisation_item("autres CPAS")
    assert is_organisation_item("Collectif logement")


@pytest.mark.parametrize(
    "item",
    [
        "taxi social",
        "plan canicule",
        "titres services",
        "entreprises",
        "citoyens",
        "acteurs sociaux",
        "revue « Li Burnal »",
        "Organiser une permanence juridique 1x/mois",
        "1x/trimestre ou",
        "",
    ],
)
def test_what_is_not_an_organisation(item: str):
    assert not is_organisation_item(item)


def test_named_partners():
    text = "Collaborer avec la Zone de Police Hesbaye ouest pour le protocole disparition seniors"
    assert [m.name for m in find_partners_after_cue(text)] == ["Zone de Police Hesbaye ouest"]
    assert find_partners_after_cue("Interagir avec les écoles sur des sujets") == []
    assert find_partners_after_cue("synergies avec nos partenaires pour créer") == []
    text = "Poursuivre notre collaboration avec la commune et autres partenaires"
    assert [m.name for m in find_partners_after_cue(text)] == ["Commune"]


def test_organisations_of_an_action_in_order():
    text = "Poursuivre notre collaboration avec la commune et autres partenaires (MCL, AIS, "
    text += "Collectif logement, ...) pour promouvoir l'accès au logement."
    assert find_organisations(text) == ["Commune", "MCL", "AIS", "Collectif logement"]
    text = "Maintenir les services (titres services, taxi social, plan canicule, plan grand "
    text += "froid, ADMR, CSD, ....) ;"
    assert find_organisations(text) == ["ADMR", "CSD"]
    assert find_organisations("(indicateur : 1 réunion d'évaluation / 2 mois)") == []


# --------------------------------------------------------------------------- the document


def test_identity_is_left_to_the_user(plan: ParsedPlan):
    assert plan.layout == "dotted-codes"
    assert plan.cpas is None
    assert plan.legislature is None
    assert plan.title is None


def test_strategic_objectives_volets_and_policy_areas(plan: ParsedPlan):
    got = [
        (os_.code, os_.volet, os_.policy_area.code, os_.policy_area.title)
        for os_ in plan.strategic_objectives
        if os_.policy_area
    ]
    assert got == [
        ("1.1", "interne", "1", "Accueil, communication, information"),
        ("1.2", "externe", "1", "Accueil, communication, information"),
        ("2", "externe", "2", "Politique du logement - énergétique"),
        ("3", "externe", "3", "Réinsertion socio-professionnelle"),
        ("4", "externe", "4", "Politique d'aide à la personne"),
    ]
    assert len(plan.strategic_objectives) == 5
    assert plan.strategic_objectives[0].policy_area.span == Span(93, 93)
    assert plan.strategic_objectives[1].policy_area.span == Span(143, 143)


def test_strategic_objective_titles_joined_across_lines(plan: ParsedPlan):
    titles = {os_.code: os_.title for os_ in plan.strategic_objectives}
    assert titles["1.1"] == "être un CPAS accueillant et accessible"
    assert titles["2"] == (
        "être un CPAS qui veille à sensibiliser la population en matière de consommations "
        "énergétiques"
    )
    assert titles["4"] == (
        "être un CPAS qui lutte contre l'isolement et qui développe ses services d'aides à la "
        "personne"
    )
    assert plan.strategic_objectives[2].span == Span(197, 199)


def test_operational_objectives_and_their_actions(plan: ParsedPlan):
    by_os = {
        os_.code: [(oo.code, len(oo.actions)) for oo in os_.operational_objectives]
        for os_ in plan.strategic_objectives
    }
    assert by_os == {
        "1.1": [("1.1.1", 2), ("1.1.2", 3)],
        "1.2": [("1.2.1", 6)],
        "2": [("2.1", 4)],
        "3": [("3.1", 5), ("3.2", 2)],
        "4": [("4.1", 2), ("4.2", 8)],
    }
    assert len(plan.actions()) == 32


def test_operational_titles_joined_across_lines(plan: ParsedPlan):
    assert operational(plan, "3.1").title == (
        "créer des collaborations externes intéressées par l'engagement d'articles 60 § 7 ou 61 "
        "et assurer le suivi des personnes remises à l'emploi et bénéficiaires du RIS"
    )
    assert operational(plan, "3.2").title == (
        "mettre en place des processus pour rendre les personnes plus autonomes et mettre en "
        "place un soutien administratif pour la rédaction de C.V. et de lettres de motivations"
    )
    assert operational(plan, "3.1").span == Span(239, 243)


def test_action_titles_joined_without_list_punctuation(plan: ParsedPlan):
    first, second = operational(plan, "1.1.1").actions
    assert first.title == (
        "Organiser les entretiens avec les personnes à mobilité réduite dans un local de "
        "l'administration communale, la salle du Conseil et des Mariages par exemple"
    )
    assert first.span == Span(103, 105)
    assert second.title == (
        "Acheter un ordinateur portable qui sera connecté sur le réseau informatique du CPAS"
    )
    assert operational(plan, "1.1.2").actions[1].title == (
        "augmenter l'insonorisation des bureaux par le placement d'un isolant ou par l'injection "
        "d'un isolant phonique dans les cloisons et par le remplacement des portes vitrées par "
        "des portes comportant un isolant phonique"
    )
    assert operational(plan, "4.2").actions[3].title == (
        "Maintenir les services et partenariats existants au CPAS (titres services, taxi social, "
        "plan canicule, plan grand froid, ADMR, CSD, ...)"
    )


def test_marks_become_fiches_not_title_words(plan: ParsedPlan):
    high = {
        (oo.code, index)
        for oo in plan.operational_objectives()
        for index, action in enumerate(oo.actions)
        if any(fiche.priority == "élevée" for fiche in action.fiches)
    }
    in_progress = {
        (oo.code, index)
        for oo in plan.operational_objectives()
        for index, action in enumerate(oo.actions)
        if any(fiche.status == "en cours" for fiche in action.fiches)
    }
    assert high == {
        ("1.1.2", 0),
        ("1.2.1", 0),
        ("1.2.1", 1),
        ("1.2.1", 2),
        ("2.1", 1),
        ("4.1", 0),
        ("4.1", 1),
        ("4.2", 4),
        ("4.2", 6),
    }
    assert in_progress == {("1.2.1", 0), ("1.2.1", 1), ("4.1", 1), ("4.2", 6)}
    for action in plan.actions():
        assert "priorit" not in action.title.lower()
        assert "avancement" not in action.title.lower()
        assert len(action.fiches) <= 1


def test_fiches_span_the_mark_lines(plan: ParsedPlan):
    opening = operational(plan, "1.1.2").actions[0]
    assert opening.title.endswith("pour en faciliter l'ouverture")
    assert opening.fiches[0].span == Span(119, 119)
    informing = operational(plan, "1.2.1").actions[0]
    assert informing.fiches[0].span == Span(157, 159)
    assert informing.span == Span(153, 155)


def test_mentioned_organisations(plan: ParsedPlan):
    mentioned = {
        (oo.code, index): action.mentioned_organisations
        for oo in plan.operational_objectives()
        for index, action in enumerate(oo.actions)
        if action.mentioned_organisations
    }
    assert mentioned == {
        ("1.2.1", 4): ["Srmd", "Province"],
        ("3.1", 0): ["Gal", "Srmd", "autres CPAS"],
        ("4.2", 2): ["Zone de Police Hesbaye ouest"],
        ("4.2", 3): ["ADMR", "CSD"],
        ("4.2", 5): ["Gal", "Srmd", "Commune"],
        ("4.2", 6): ["Gal"],
        ("4.2", 7): ["Commune", "MCL", "AIS", "Collectif logement"],
    }


def test_the_introduction_is_skipped_and_nothing_is_warned(plan: ParsedPlan):
    assert [finding.span for finding in plan.skipped] == [Span(1, 79)]
    assert "introduction" in plan.skipped[0].message
    assert plan.warnings == []


# --------------------------------------------------------------------------- recognition


def test_recognised_on_its_file():
    assert dotted_codes.recognise(read_source(PATH)) >= 0.9


@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if p != PATH], ids=lambda p: p.stem)
def test_not_recognised_on_the_other_files(path: Path):
    assert dotted_codes.recognise(read_source(path)) <= 0.1


def test_the_other_layouts_do_not_claim_it():
    source = read_source(PATH)
    assert slide_deck.recognise(source) <= 0.1
    assert three_lists.recognise(source) <= 0.1


# --------------------------------------------------------------------------- other extractions


@extraction_variants
def test_other_extractions_read_the_same(plan: ParsedPlan, variant):
    data = variant(TEXT)
    assert outline(mention_organisations(dotted_codes.parse(source_of(data)))) == outline(plan)


def test_the_rewrapped_file_really_differs():
    assert rewrap(TEXT) != TEXT
    assert b"\r\n" in windows_extraction(TEXT)


# --------------------------------------------------------------------------- bad input


def cut(lines_kept: int) -> SourceText:
    return source_of("\n".join(TEXT.split("\n")[:lines_kept]) + "\n")


def test_an_os_announced_without_oo_is_refused():
    with pytest.raises(InputError, match=r"O\.S\.3 has no O\.O\..*truncated") as error:
        dotted_codes.parse(cut(236))
    assert error.value.path.name == PATH.name
    assert error.value.line == 235


def test_an_oo_announced_without_action_is_refused():
    with pytest.raises(InputError, match=r"O\.O\.4\.2 has no action") as error:
        dotted_codes.parse(cut(322))
    assert error.value.line == 319


def test_a_volet_without_objective_is_refused():
    with pytest.raises(InputError, match=r"VOLET EXTERNE heads no O\.S\.") as error:
        dotted_codes.parse(cut(144))
    assert error.value.line == 139


def test_a_plan_cut_inside_a_list_is_refused():
    with pytest.raises(InputError, match=r"unfinished") as error:
        dotted_codes.parse(cut(349))  # "... de projets (Gal, Srmd, Commune, …) ;"
    assert error.value.line == 349
    with pytest.raises(InputError, match=r"unfinished"):
        dotted_codes.parse(cut(363))  # "- Poursuivre notre collaboration ... (MCL, AIS,"


def test_the_introduction_alone_is_not_a_plan():
    with pytest.raises(InputError, match=r"no VOLET or O\.S\. heading"):
        dotted_codes.parse(cut(80))
