"""The general reader on a plan with O.S./O.O. codes, volets, policy areas, bullets and marks.

Burdinne, checked against counts and titles read off the document by hand.

Burdinne, as a reader sees it: an introduction (lines 1-79), VOLET INTERNE with policy area
"1. Accueil, ..." and O.S.1.1 (two O.O.), VOLET EXTERNE with policy areas 1-4 and O.S.1.2,
O.S.2, O.S.3, O.S.4; eight O.O. holding 2, 3, 6, 4, 5, 2, 2 and 8 actions (32 in all);
"Priorité élevée" after nine actions, "Avancement en cours" after four of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.model import ParsedPlan, Span
from pstkg.loaders.organisations import (
    find_organisations,
    find_partners_after_cue,
    is_organisation_item,
)
from pstkg.loaders.read import parse_text
from pstkg.loaders.reader import read_plan
from pstkg.loaders.reader.cues import Marks, Numbered, cue_of, match_marks, match_volet
from pstkg.loaders.text import SourceText, glue, read_source

from .conftest import CORPUS, CORPUS_FILES, extraction_variants, rewrap, windows_extraction

PATH = CORPUS / "burdinne-2019-2024.txt"
TEXT = PATH.read_text(encoding="utf-8")
LAYOUT = "O.S. n / O.O. n / bullet -"


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
    # As `pst load` reads it: the reader's tree, then the organisations the actions name.
    return parse_text(read_source(PATH))


def operational(plan: ParsedPlan, code: str):
    return next(oo for oo in plan.operational_objectives() if oo.code == code)


# --------------------------------------------------------------------------- line features


def test_volet_headings():
    assert match_volet("VOLET INTERNE") == "interne"
    assert match_volet("VOLET EXTERNE") == "externe"
    assert match_volet("Volet externe :") == "externe"
    assert match_volet("Dans le PST, il convient de distinguer le volet interne") is None
    assert match_volet("VOLET") is None


def mini(text: str) -> ParsedPlan:
    """A few lines of a plan, read as a file."""
    return read_plan(source_of(text, "mini.txt"))


def test_policy_area_headings():
    assert cue_of("1. Accueil, communication, information").numbered == Numbered(
        "1", "Accueil, communication, information", True
    )
    # A numbered line right above the O.S. it prefixes is the O.S.'s policy area, its title
    # wrapped before a dash included.
    plan = mini(
        "VOLET EXTERNE\n"
        "1. Accueil, communication, information\n"
        "O.S.1.2. être un CPAS accueillant\n"
        "O.O.1.2.1. promouvoir la communication\n"
        "- Organiser une permanence.\n"
        "2. Politique du logement -\n"
        "énergétique\n"
        "O.S.2. être un CPAS qui veille\n"
        "O.O.2.1. sensibiliser la population\n"
        "- Informer les locataires ;\n"
        "- Organiser un atelier.\n"
    )
    areas = [(os_.policy_area.code, os_.policy_area.title) for os_ in plan.strategic_objectives]
    assert areas == [
        ("1", "Accueil, communication, information"),
        ("2", "Politique du logement - énergétique"),
    ]
    assert plan.strategic_objectives[1].policy_area.span == Span(6, 7)
    assert [len(oo.actions) for oo in plan.operational_objectives()] == [1, 2]
    assert cue_of("1.1. Constater les besoins").numbered.depth == 2  # not an area's code
    assert not cue_of("2 mois) ;").structural


def test_a_policy_area_wrapped_after_a_comma_keeps_its_comma():
    # As a 30-character extraction wraps Burdinne's line 93 (see the extraction tests).
    plan = mini(
        "VOLET INTERNE\n"
        "1. Accueil, communication,\n"
        "information\n"
        "O.S.1.1. être un CPAS accueillant\n"
        "O.O.1.1.1. aménager l'accès\n"
        "- Organiser une permanence.\n"
    )
    area = plan.strategic_objectives[0].policy_area
    assert (area.title, area.span) == ("Accueil, communication, information", Span(2, 3))


def test_a_lower_case_numbered_line_above_an_os_is_its_area():
    # The layout parser took only a capitalised line for a policy area ("3. réinsertion" was
    # not one); the general reader takes any numbered line right above the O.S. it prefixes.
    plan = mini(
        "VOLET EXTERNE\n"
        "3. réinsertion\n"
        "O.S.3. être un CPAS qui insère\n"
        "O.O.3.1. créer des collaborations\n"
        "- Organiser un atelier ;\n"
        "- Acheter un ordinateur.\n"
    )
    assert plan.strategic_objectives[0].policy_area.title == "réinsertion"


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
    heading = cue_of(text).heading
    assert heading is not None
    assert (heading.level, heading.keyword) == ("os", "O.S.")
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
    heading = cue_of(text).heading
    assert heading is not None and heading.code == code
    assert (heading.level, heading.keyword) == ("oo", "O.O.")


def test_headings_are_not_confused():
    assert cue_of("O.S.1.1. être un CPAS").heading.level == "os"
    assert cue_of("Objectifs stratégiques").heading is None  # a part heading, not an O.S.
    assert cue_of("Objectifs stratégiques").part == "os"
    # The deck's "OS1 :" is an OS heading too, but not written with the "O.S." marker.
    assert cue_of("OS1 : Faire reculer les inégalités").heading.keyword == "OS"


def test_bullets():
    assert cue_of("- Organiser les entretiens").bullet == ("-", "Organiser les entretiens")
    assert cue_of("• Organiser les entretiens").bullet == ("•", "Organiser les entretiens")
    assert cue_of("-Organiser").bullet is None
    assert cue_of("d'emploi égal à +/- 1 ETP").bullet is None


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
    assert cue_of(text).marks.priority == priority


def test_running_text_is_not_a_mark():
    assert cue_of("priorité aux personnes âgées ;").marks is None
    assert cue_of("Priorité").marks is None
    assert cue_of("avancement des travaux du CPAS").marks is None
    assert match_marks("- Priorité élevée") is None
    assert match_marks("temps Priorité élevée") is None


def test_status_marks():
    assert cue_of("Avancement en cours ;").marks.status == "en cours"
    assert cue_of("avancement en cours ;").marks.status == "en cours"
    assert cue_of("Avancement en cours.").marks.status == "en cours"
    assert cue_of("Avancement à l'étude").marks.status == "à l'étude"


def test_a_line_of_marks():
    assert match_marks("Priorité élevée ;") == Marks("élevée", None)
    assert match_marks("Avancement en cours.") == Marks(None, "en cours")
    assert match_marks("Priorité élevée Avancement en cours ;") == Marks("élevée", "en cours")


def test_marks_written_with_a_colon():
    assert cue_of("Priorité : élevée").marks.priority == "élevée"
    assert cue_of("Priorité: élevée ;").marks.priority == "élevée"
    assert cue_of("Avancement : à l'étude ;").marks.status == "à l'étude"
    assert match_marks("Priorité : élevée Avancement : en cours.") == Marks("élevée", "en cours")
    assert cue_of("Priorité : le logement").marks is None


def test_marks_wrapped_over_two_lines():
    first, second = "Priorité élevée Avancement en", "cours ;"
    assert match_marks(first) is None and match_marks(second) is None
    assert match_marks(glue(first, second)) == Marks("élevée", "en cours")
    # Two lines each holding a whole mark are not one wrapped mark (each reads alone).
    assert match_marks("Priorité élevée") == Marks("élevée", None)
    assert match_marks("Avancement en cours") == Marks(None, "en cours")
    plan = mini(
        "O.S.1. être un CPAS accueillant\n"
        "O.O.1.1. aménager l'accès\n"
        "- Organiser un atelier\n"
        f"{first}\n"
        f"{second}\n"
        "- Acheter un ordinateur.\n"
    )
    action, other = plan.actions()
    assert (action.title, action.span) == ("Organiser un atelier", Span(3, 3))
    assert [(f.span, f.priority, f.status) for f in action.fiches] == [
        (Span(4, 5), "élevée", "en cours")
    ]
    assert other.fiches == []


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
    assert plan.layout == LAYOUT
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
    assert plan.skipped[0].message == "method text (facts read)"  # the introduction
    assert plan.warnings == []


# --------------------------------------------------------------------------- markers


def test_the_markers_the_reader_used(plan: ParsedPlan):
    assert plan.layout == LAYOUT
    for used in (
        "OS «O.S.» + code (5 lines)",  # O.S.1.1, O.S.1.2, O.S.2, O.S.3, O.S.4
        "OO «O.O.» + code (8 lines)",
        "actions bullet «-» (32 lines)",
        "area heading (5 lines)",  # the policy areas 1 (twice: one per volet) to 4
        "volet heading (2 lines)",
        "marks (priorité, avancement) (13 lines)",  # nine "Priorité élevée", four "Avancement"
    ):
        assert used in plan.markers, (used, plan.markers)


@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if p != PATH], ids=lambda p: p.stem)
def test_the_other_corpus_plans_use_other_markers(path: Path):
    other = read_plan(read_source(path))
    assert other.layout != LAYOUT
    assert "«O.S.»" not in other.markers and "«O.O.»" not in other.markers


# --------------------------------------------------------------------------- other extractions


@extraction_variants
def test_other_extractions_read_the_same(plan: ParsedPlan, variant):
    data = variant(TEXT)
    assert outline(parse_text(source_of(data))) == outline(plan)


def test_the_rewrapped_file_really_differs():
    assert rewrap(TEXT) != TEXT
    assert b"\r\n" in windows_extraction(TEXT)


# --------------------------------------------------------------------------- bad input


def cut(lines_kept: int) -> SourceText:
    return source_of("\n".join(TEXT.split("\n")[:lines_kept]) + "\n")


def test_an_os_announced_without_oo_is_refused():
    with pytest.raises(
        InputError, match=r"OS 3 has no objectif opérationnel nor action.*truncated"
    ) as error:
        read_plan(cut(236))
    assert error.value.path.name == PATH.name
    assert error.value.line == 235


def test_an_oo_announced_without_action_loads_with_a_warning():
    # Issue #13: an OO with no action is a warning, never a refusal, even as the last item.
    plan = read_plan(cut(322))
    assert [(w.span.first_line, w.message) for w in plan.warnings] == [
        (319, "OO 4.2 lists no action")
    ]
    assert [(oo.code, len(oo.actions)) for oo in plan.operational_objectives()][-2:] == [
        ("4.1", 2),
        ("4.2", 0),
    ]


def test_a_volet_without_objective_is_refused():
    with pytest.raises(
        InputError, match=r"VOLET EXTERNE heads no objectif stratégique.*truncated"
    ) as error:
        read_plan(cut(144))
    assert error.value.line == 139


def test_a_plan_cut_inside_a_list_is_refused():
    with pytest.raises(InputError, match=r"unfinished.*truncated") as error:
        read_plan(cut(349))  # "... de projets (Gal, Srmd, Commune, …) ;"
    assert error.value.line == 349
    with pytest.raises(InputError, match=r"mid-sentence.*truncated") as error:
        read_plan(cut(363))  # "- Poursuivre notre collaboration ... (MCL, AIS,"
    assert error.value.line == 363


def test_the_introduction_alone_is_not_a_plan():
    with pytest.raises(
        InputError,
        match=r"speaks of a PST .*line 3.* but no objectif stratégique could be read",
    ):
        read_plan(cut(80))
