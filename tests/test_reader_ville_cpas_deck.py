"""The general reader on a slide deck: "OS1"/"OO1" slides, unmarked action titles, footers.

The Ville/CPAS joint council's deck, against what a reader counts on the slides.

The deck, as a reader sees it: a title slide "Programme Stratégique Transversal 2019 - 2024",
a slide on what a PST is, six values, a list of five OS, then a slide per OS and per OO
(OO1-6 under OS1, OO7-9 under OS2, OO10-12 under OS3, OO13-15 under OS4, OO16-17 under OS5)
with 6, 3, 3, 3, 2, 2, 2, 5, 5, 7, 4, 3, 2, 1, 3, 2 and 3 actions (56 in all); footers
"Conseil Conjoint Ville/CPAS - 24 septembre 2019 <page>" on lines 42 (page 3 on line 43),
252, 316 and 320; "PST" slide headers on lines 7, 22 and 47.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.model import ParsedPlan, Span
from pstkg.loaders.reader import read_plan
from pstkg.loaders.reader.cues import Heading, cue_of
from pstkg.loaders.reader.furniture import council_footer, set_aside
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.wrapping import opens_title, starts_new_title
from pstkg.loaders.text import Line, SourceText, fold_for_matching, read_source

from .conftest import CORPUS, CORPUS_FILES, extraction_variants, rewrap

PATH = CORPUS / "ville-cpas-conseil-conjoint-2019-2024.txt"
TEXT = PATH.read_text(encoding="utf-8")
LAYOUT = "OS n / OO n / unmarked"

ACTIONS_PER_OO = [6, 3, 3, 3, 2, 2, 2, 5, 5, 7, 4, 3, 2, 1, 3, 2, 3]


def source_of(data: bytes | str, name: str = PATH.name) -> SourceText:
    """A source read from bytes, as if from a file of that name."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_source(Path(name), raw)


def outline(plan: ParsedPlan) -> list[tuple]:
    """Everything the parser read except line spans: must not depend on the extraction."""
    rows: list[tuple] = [
        (plan.layout, plan.cpas, plan.title and plan.title.value),
        (
            plan.legislature and plan.legislature.value,
            plan.council_date and plan.council_date.value,
        ),
        tuple(value.value for value in plan.values),
        tuple(warning.message for warning in plan.warnings),
    ]
    for os_ in plan.strategic_objectives:
        rows.append(("OS", os_.code, os_.title, tuple(os_.title_variants)))
        for oo in os_.operational_objectives:
            rows.append(("OO", oo.code, oo.title, tuple(action.title for action in oo.actions)))
    return rows


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return read_plan(read_source(PATH))


def operational(plan: ParsedPlan, code: str):
    return next(oo for oo in plan.operational_objectives() if oo.code == code)


def lines(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=1)]


# --------------------------------------------------------------------------- line features


def test_slide_markers():
    assert cue_of("OS1").heading == Heading("os", "1", "", "OS")
    assert cue_of("OS 5").heading == Heading("os", "5", "", "OS")
    assert cue_of("OO13").heading == Heading("oo", "13", "", "OO")
    assert cue_of("OO1").heading.level == "oo"
    assert cue_of("OS1").heading.level == "os"
    # The layout parser took only a marker alone on its line for a slide ("OS1 : Faire …" was
    # a list entry, "OO13 Dégager" nothing); the general reader reads a heading and its title
    # either way, and tells the list from the slides by the second pass over the same codes.
    assert cue_of("OS1 : Faire reculer les inégalités").heading == Heading(
        "os", "1", "Faire reculer les inégalités", "OS"
    )
    assert cue_of("OO13 Dégager").heading == Heading("oo", "13", "Dégager", "OO")


def test_os_list():
    assert cue_of("Les objectifs stratégiques :").part == "os"
    assert not cue_of("objectifs stratégiques").structural
    assert cue_of("OS1 : Faire reculer les inégalités, accompagner").heading == Heading(
        "os", "1", "Faire reculer les inégalités, accompagner", "OS"
    )
    assert cue_of("OS4: Être un gestionnaire efficace de notre").heading == Heading(
        "os", "4", "Être un gestionnaire efficace de notre", "OS"
    )
    assert cue_of("OS1").heading.title == ""  # a slide's marker, its title on the next lines


def test_footers_give_the_council_date():
    assert council_footer("Conseil Conjoint Ville/CPAS - 24 septembre 2019 20") == "2019-09-24"
    assert council_footer("Conseil Conjoint Ville/CPAS - 24 septembre 2019") == "2019-09-24"
    assert council_footer("Conseil Conjoint Ville/CPAS - 1er octobre 2019 3") == "2019-10-01"
    assert council_footer("Conseil Conjoint Ville/CPAS - 24 septembre") is None
    assert council_footer("Conseil Conjoint Ville/CPAS - 24 brumaire 2019") is None
    assert council_footer("Renforcer nos collaborations avec la Maison") is None


def test_slide_furniture():
    # "PST" heads each slide: a running header; "C'est quoi un PST?" is the slide's text.
    furniture = set_aside(
        lines(
            *("PST", "C'est quoi un PST?", "Base : le décret"),
            *("PST", "Nos valeurs", "Respect", "PST"),
        )
    )
    assert [line.text for line in furniture.lines] == [
        "C'est quoi un PST?",
        "Base : le décret",
        "Nos valeurs",
        "Respect",
    ]
    assert {finding.message for finding in furniture.skipped} == {"running header or footer"}
    page_number = markers().page_number
    assert page_number.match("3")
    assert page_number.match("27")
    assert not page_number.match("2019 20")
    assert "nos valeurs" in markers().values_headings
    assert fold_for_matching("Les valeurs de l'institution").startswith(markers().values_caption)
    assert not fold_for_matching("Respect").startswith(markers().values_caption)


def test_a_footer_split_over_lines_and_its_page_number_are_noise():
    furniture = set_aside(
        lines("Conseil Conjoint Ville/CPAS - 24 septembre", "2019 20", "OO13", "3")
    )
    assert [line.text for line in furniture.lines] == ["OO13", "3"]  # a lone "3" away from a footer
    assert [finding.span for finding in furniture.skipped] == [Span(1, 2)]
    assert furniture.dates == [("2019-09-24", Span(1, 2))]
    furniture = set_aside(lines("Conseil Conjoint Ville/CPAS - 24 septembre 2019", "3"))
    assert furniture.lines == []
    assert furniture.skipped[0].span == Span(1, 2)


def test_a_wrapped_number_is_not_a_page_number():
    furniture = set_aside(lines("Amplifier le recours à l'art.", "61", "PST"))
    # A single "PST" is no running header: only a line repeated on several pages is (the
    # layout parser set aside any line "PST" as a slide header).
    assert [line.text for line in furniture.lines] == ["Amplifier le recours à l'art.", "61", "PST"]
    assert furniture.skipped == []


# --------------------------------------------------------------------------- the title rule


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("Aller à leur rencontre à domicile", "Rompre l'isolement et la solitude des personnes"),
        ("Le renforcement de notre collaboration", "L'augmentation du nombre de logements"),
        ("L'augmentation du nombre de logements de", "Le développement d'un nouveau projet"),
        ("Mieux recycler nos déchets", "Diminuer la consommation de papier"),
        ("S'inscrire dans une démarche de prospective", "Entretenir et équiper nos biens"),
        ("Être un employeur soucieux", "Améliorer le recours au service social collectif"),
    ],
)
def test_a_capitalised_title_opening_starts_a_new_title(text: str, previous: str):
    assert starts_new_title(text, previous)


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("des personnes âgées", "Rompre l'isolement et la solitude"),
        ("CPAS", "Etablir un cadastre des biens immobiliers du"),  # ends on "du"
        ("Séjour (Greendeal)", "saison dans l'exploitation de la cuisine du Gai"),  # a name
        ("Maison des Jeunes, l'Accueil en Milieu Ouvert", "Renforcer nos collaborations avec la"),
        ("Milieu Ouvert, l'ONE", "Renforcer nos collaborations avec la Maison des Jeunes, en"),
        ("Facebook pour le CPAS", "Envisager une page"),
        ("être au travail", "Être un employeur soucieux du bien-"),
        ("(Greendeal)", "Séjour"),
    ],
)
def test_a_wrapped_line_continues_the_title(text: str, previous: str):
    assert not starts_new_title(text, previous)


def test_title_openings():
    assert opens_title("Réduire les déchets")
    assert opens_title("Le développement d'un nouveau projet")
    assert not opens_title("Séjour (Greendeal)")
    assert not opens_title("CPAS")
    assert not opens_title("Mieux")


@pytest.mark.parametrize(
    "text",
    ["Création d'une épicerie sociale", "Mise en place d'un guichet", "Aménagement extérieur"],
)
def test_nominal_titles_open_with_a_noun_of_action(text: str):
    assert opens_title(text)
    assert starts_new_title(text, "Ouvrir une permanence du soir une fois par semaine")


@pytest.mark.parametrize("text", ["Maison des Jeunes", "Famille", "Page Facebook", "Jeunesse"])
def test_other_nouns_do_not_open_a_title(text: str):
    assert not opens_title(text)


# --------------------------------------------------------------------------- the document


def test_identity_title_values_and_date(plan: ParsedPlan):
    assert plan.layout == LAYOUT
    assert plan.cpas is None  # the deck never names its CPAS
    assert plan.title.value == "Programme Stratégique Transversal 2019 - 2024"
    assert plan.legislature.value == "2019-2024"
    assert plan.legislature.span == Span(2, 3)
    assert plan.council_date.value == "2019-09-24"
    assert plan.council_date.span == Span(42, 43)
    assert [value.value for value in plan.values] == [
        "Respect",
        "Travail d'équipe",
        "Bienveillance",
        "Convivialité",
        "Solidarité",
        "Compétence",
    ]
    assert plan.values[1].span == Span(29, 30)


def test_objectives_and_their_slides(plan: ParsedPlan):
    assert [os_.code for os_ in plan.strategic_objectives] == ["1", "2", "3", "4", "5"]
    assert [
        [oo.code for oo in os_.operational_objectives] for os_ in plan.strategic_objectives
    ] == [
        ["1", "2", "3", "4", "5", "6"],
        ["7", "8", "9"],
        ["10", "11", "12"],
        ["13", "14", "15"],
        ["16", "17"],
    ]
    assert [len(oo.actions) for oo in plan.operational_objectives()] == ACTIONS_PER_OO
    assert len(plan.actions()) == 56


def test_objective_titles_and_the_spelling_variant(plan: ParsedPlan):
    titles = [os_.title for os_ in plan.strategic_objectives]
    assert titles == [
        "Faire reculer les inégalités, accompagner les parcours et prévenir les ruptures",
        "Être un employeur soucieux du bien-être au travail et de l'efficience du travail",
        "Transmettre un monde plus durable et plus solidaire",
        "Être un gestionnaire efficace de notre patrimoine et de nos ressources financières",
        "Être une institution connue et reconnue pour ses missions",
    ]
    assert plan.strategic_objectives[1].title_variants == [
        "Être un employer soucieux du bien-être au travail et de l'efficience du travail"
    ]
    assert [os_.title_variants for os_ in plan.strategic_objectives if os_.code != "2"] == [
        [],
        [],
        [],
        [],
    ]
    assert len(plan.warnings) == 1
    assert "OS 2 is also spelled" in plan.warnings[0].message
    assert plan.warnings[0].span == Span(54, 55)


def test_operational_titles(plan: ParsedPlan):
    assert operational(plan, "1").title == "Rompre l'isolement et la solitude des personnes âgées"
    assert operational(plan, "7").title == (
        "Offrir des conditions de travail confortables et de sécurité, et améliorer l'accueil "
        "des usagers"
    )
    assert operational(plan, "13").title == "Dégager un équilibre financier durable"
    assert operational(plan, "14").title == "Bénéficier d'économies d'échelle"
    assert operational(plan, "1").span == Span(70, 73)


def test_action_titles_across_wraps_and_blank_lines(plan: ParsedPlan):
    assert [action.title for action in operational(plan, "2").actions] == [
        "Le développement d'un nouveau projet similaire à celui du Houillon",
        "L'augmentation du nombre de logements de transit et d'urgence",
        "Le renforcement de notre collaboration avec les opérateurs de logements publics et "
        "notamment l'AIS",
    ]
    assert operational(plan, "2").actions[2].span == Span(99, 103)
    assert operational(plan, "4").actions[0].title == (
        "Renforcer nos collaborations avec la Maison des Jeunes, l'Accueil en Milieu Ouvert, l'ONE"
    )
    assert operational(plan, "12").actions[0].title == (
        "Intégrer les circuits courts et les produits de saison dans l'exploitation de la cuisine "
        "du Gai Séjour (Greendeal)"
    )
    assert operational(plan, "15").actions[0].title == (
        "Etablir un cadastre des biens immobiliers du CPAS"
    )
    assert [action.title for action in operational(plan, "11").actions] == [
        "Diminuer la consommation de papier",
        "Mieux recycler nos déchets",
        "Minimiser l'utilisation de plastique au sein de l'institution",
        "Sensibiliser les bénéficiaires aux achats de seconde main",
    ]
    assert operational(plan, "16").actions[0].title == (
        "Minimiser le non-recours au droit des bénéficiaires, en communicant plus sur les "
        "allocations disponibles comme, par exemple, l'allocation fédérale de chauffage"
    )


def test_footers_headers_and_the_introduction_are_skipped(plan: ParsedPlan):
    skipped = [(finding.span, finding.message) for finding in plan.skipped]
    footer = "page footer (council and date)"
    assert (Span(42, 43), footer) in skipped
    assert (Span(252, 252), footer) in skipped
    assert (Span(316, 320), footer) in skipped  # the footers of pages 26 and 27, one run
    for header in (7, 22, 47):
        assert (Span(header, header), "running header or footer") in skipped
    # "C'est quoi un PST?" up to the values heading ("Nos" / "valeurs"), the header aside
    assert (Span(9, 25), "method text (facts read)") in skipped
    for action in plan.actions():
        assert "Conseil Conjoint" not in action.title


# --------------------------------------------------------------------------- markers


def test_the_markers_the_reader_used(plan: ParsedPlan):
    assert plan.layout == LAYOUT
    for used in (
        "OS «OS» + code (10 lines)",  # the list of five OS, then a slide per OS
        "OO «OO» + code (17 lines)",
        "actions unmarked line (56 lines)",
        "heading of the OS list",  # "Les objectifs stratégiques :"
    ):
        assert used in plan.markers, (used, plan.markers)


@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if p != PATH], ids=lambda p: p.stem)
def test_the_other_corpus_plans_use_other_markers(path: Path):
    other = read_plan(read_source(path))
    assert other.layout != LAYOUT
    assert "«OS»" not in other.markers and "«OO»" not in other.markers


# --------------------------------------------------------------------------- other extractions


@extraction_variants
def test_other_extractions_read_the_same(plan: ParsedPlan, variant):
    assert outline(read_plan(source_of(variant(TEXT)))) == outline(plan)


def test_rewrapping_splits_before_capitalised_names():
    wrapped = rewrap(TEXT, 30)
    assert "\nMaison des Jeunes, l'Accueil" in wrapped or "\nMilieu Ouvert" in wrapped
    assert "\nCPAS" in wrapped


# --------------------------------------------------------------------------- bad input


def cut(lines_kept: int) -> SourceText:
    return source_of("\n".join(TEXT.split("\n")[:lines_kept]) + "\n")


def test_a_list_without_slides_is_refused():
    with pytest.raises(
        InputError,
        match=r"5 objectif\(s\) stratégique\(s\) found \(lines 51-64\), no objectif opérationnel "
        r"nor action: .*a plan cut short",
    ) as error:
        read_plan(cut(64))
    assert error.value.path.name == PATH.name
    assert error.value.line == 64


def test_a_deck_cut_after_an_oo_slide_is_refused_for_the_os_it_never_shows():
    # Issue #13: an OO with no action is only a warning, even as the last item; but the OS
    # list announces OS 4 and 5, which the cut deck never shows: it is refused as truncated.
    with pytest.raises(InputError, match=r"OS 4 of the first list is not detailed.*truncated"):
        read_plan(cut(200))


def test_an_oo_slide_without_action_is_a_warning():
    # Issue #13: an OO with no action is a warning, never a refusal.
    # OO10's seven actions (lines 202-217) blanked: the lines keep their numbers.
    lines = [
        "" if 202 <= number <= 217 else text
        for number, text in enumerate(TEXT.split("\n"), start=1)
    ]
    plan = read_plan(source_of("\n".join(lines)))
    assert (197, "OO 10 lists no action") in [(w.span.first_line, w.message) for w in plan.warnings]
    assert [oo.actions for oo in plan.operational_objectives() if oo.code == "10"] == [[]]
    assert len(plan.actions()) == 56 - 7


def test_an_os_slide_without_oo_is_refused():
    with pytest.raises(
        InputError, match=r"OS 3 has no objectif opérationnel nor action.*truncated"
    ) as error:
        read_plan(cut(196))
    assert error.value.line == 193  # its slide (the list of OS names it at line 57)


def test_an_os_of_the_list_without_slide_is_refused():
    with pytest.raises(
        InputError, match=r"OS 5 of the first list is not detailed further.*truncated"
    ) as error:
        read_plan(cut(284))
    assert error.value.line == 63


def test_a_deck_cut_mid_sentence_is_refused():
    with pytest.raises(InputError, match=r"mid-sentence.*truncated") as error:
        read_plan(cut(298))  # "bénéficiaires, en communicant plus sur les"
    assert error.value.line == 298


def test_a_text_without_os_list_is_not_a_deck():
    with pytest.raises(
        InputError,
        match=r"speaks of a PST \('pst', line 7\) but no objectif stratégique could be read",
    ):
        read_plan(cut(40))
