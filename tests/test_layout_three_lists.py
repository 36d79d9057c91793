"""The three-lists layout (Dinant), against what a reader counts in the document.

Dinant, as a reader sees it: the title naming the CPAS (line 3), a preface and method text
stating the législature 2018-2024 (line 60), four values (lines 55-57) and the evaluations
(line 66); part 1 lists three OS; part 2 lists OO 1.1-1.9 under OS 1 and 2.1-2.4 under OS 2,
none under OS 3; part 3 gives 3, 5, 4, 9, 7, 14, 5, 6, 3 numbered actions to OO 1.1-1.9,
nothing to 2.1, five unnumbered actions to 2.2, no heading for 2.3, four unnumbered actions
to 2.4, and five actions 3.1.1-3.1.5 whose OO 3.1 no part names: 70 actions in all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.layouts import dotted_codes, slide_deck, three_lists
from pstkg.loaders.layouts.common import TextWindow, clean_title, glue, name_as_title
from pstkg.loaders.layouts.three_lists import (
    Coded,
    _evaluation_sentences,
    find_evaluations,
    find_legislature,
    find_title,
    find_values,
    match_bullet,
    match_code,
    match_part_heading,
    read_blocks,
    split_enumeration,
)
from pstkg.loaders.model import ParsedPlan, Span
from pstkg.loaders.text import Line, SourceText, normalise_line, read_source

from .conftest import CORPUS, CORPUS_FILES, extraction_variants

PATH = CORPUS / "dinant-2019.txt"
TEXT = PATH.read_text(encoding="utf-8")

ACTIONS = {
    "1.1": 3,
    "1.2": 5,
    "1.3": 4,
    "1.4": 9,
    "1.5": 7,
    "1.6": 14,
    "1.7": 5,
    "1.8": 6,
    "1.9": 3,
    "2.1": 0,
    "2.2": 5,
    "2.3": 0,
    "2.4": 4,
    "3.1": 5,
}


def source_of(data: bytes | str, name: str = PATH.name) -> SourceText:
    """A source read from bytes, as if from a file of that name."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_source(Path(name), raw)


def outline(plan: ParsedPlan) -> list[tuple]:
    """Everything the parser read except line spans: must not depend on the extraction."""
    rows: list[tuple] = [
        (plan.layout, plan.cpas and plan.cpas.value, plan.title and plan.title.value),
        (plan.legislature and plan.legislature.value,),
        tuple(value.value for value in plan.values),
        tuple(evaluation.value for evaluation in plan.evaluations),
        tuple(warning.message for warning in plan.warnings),
    ]
    for os_ in plan.strategic_objectives:
        rows.append(("OS", os_.code, os_.title, tuple(os_.title_variants)))
        for oo in os_.operational_objectives:
            rows.append(("OO", oo.code, oo.title, tuple(oo.title_variants)))
            rows.extend(("action", action.code, action.title) for action in oo.actions)
    return rows


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return three_lists.parse(read_source(PATH))


def operational(plan: ParsedPlan, code: str):
    return next(oo for oo in plan.operational_objectives() if oo.code == code)


def lines(*texts: str, first: int = 1) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=first)]


# --------------------------------------------------------------------------- line features


def test_part_headings():
    assert match_part_heading("1. Objectifs stratégiques :") == 1
    assert match_part_heading("2. Objectifs opérationnels :") == 2
    assert match_part_heading("3. Actions :") == 3
    assert match_part_heading("2. Objectifs operationnels") == 2
    assert match_part_heading("3. Objectifs stratégiques :") is None  # numbered out of place
    assert match_part_heading("1. Etre un CPAS qui développe les actions adéquates") is None
    assert match_part_heading("Actions :") is None


def test_the_third_part_may_be_named_after_projects():
    assert match_part_heading("3. Projets et actions :") == 3
    assert match_part_heading("3. Projets :") == 3
    assert match_part_heading("3. Actions et projets") == 3
    assert match_part_heading("2. Projets et actions :") is None  # numbered out of place
    assert match_part_heading("3. Mener des projets et actions") is None  # an objective


def test_codes():
    assert match_code("1.1.1. Faire un relevé entre les AS") == Coded(
        "1.1.1", "Faire un relevé entre les AS"
    )
    assert match_code("1.6.10. Collaborer avec un traducteur").code == "1.6.10"
    assert match_code("1.1. Constater les besoins").depth == 2
    assert match_code("3. Etre un CPAS proactif").depth == 1
    assert match_code("1.2.1 Avoir une réflexion").depth == 3
    assert match_code("1e ligne et développer") is None
    assert match_code("60§7") is None
    assert match_code("Organiser des Portes Ouvertes") is None


def test_bullets_kept_by_other_extractions():
    assert match_bullet("• Organiser des Portes Ouvertes") == "Organiser des Portes Ouvertes"
    assert match_bullet("- Avoir une gestion rationnelle des déchets") is not None
    assert match_bullet("Organiser des Portes Ouvertes") is None


def test_unnumbered_actions_start_with_a_title_opening():
    blocks = read_blocks(
        lines(
            "2.2. Déconstruire les clichés et les préjugés",
            "Organiser des Portes Ouvertes",
            "Ouvrir nos locaux et nos espaces à d'autres projets que nos missions (exposition,",
            "bibliothèque...)",
            "2.4. Avoir une réflexion sur une consommation durable",
            "Organiser des rencontres entre les bénéficiaires et les travailleurs du",
            "CPAS",
        ),
        unnumbered_items=True,
    )
    assert [(block.code, block.text) for block in blocks] == [
        ("2.2", "Déconstruire les clichés et les préjugés"),
        (None, "Organiser des Portes Ouvertes"),
        (
            None,
            "Ouvrir nos locaux et nos espaces à d'autres projets que nos missions (exposition, "
            "bibliothèque...)",
        ),
        ("2.4", "Avoir une réflexion sur une consommation durable"),
        (None, "Organiser des rencontres entre les bénéficiaires et les travailleurs du CPAS"),
    ]


def test_numbered_actions_go_on_until_the_next_code():
    blocks = read_blocks(
        lines(
            "1.6.9. Mettre en place une meilleure visibilité sur Internet (Site Administration",
            "Facebook, ...)",
            "1.6.10. Collaborer avec un traducteur",
        ),
        unnumbered_items=True,
    )
    assert [block.code for block in blocks] == ["1.6.9", "1.6.10"]
    assert blocks[0].text.endswith("(Site Administration Facebook, ...)")
    assert blocks[0].span == Span(1, 2)


def test_headings_continue_over_lines_in_the_lists():
    blocks = read_blocks(
        lines("1. Etre un CPAS qui développe les actions adéquates", "Tout citoyen"),
        unnumbered_items=False,
    )
    assert [block.text for block in blocks] == [
        "Etre un CPAS qui développe les actions adéquates Tout citoyen"
    ]


# --------------------------------------------------------------------------- running text


def test_glue_keeps_compound_hyphens():
    assert glue("le vivre-", "ensemble") == "le vivre-ensemble"
    assert glue("Politique du logement -", "énergétique") == "Politique du logement - énergétique"
    assert glue("de la", "législature") == "de la législature"


def test_text_window_maps_offsets_to_lines():
    window = TextWindow(lines("depuis la législature", "", "2018-", "2024, le PST", first=59))
    assert window.text == "depuis la législature 2018-2024, le PST"
    start = window.text.index("législature")
    assert window.span(start, start + len("législature 2018-2024")) == Span(59, 62)
    assert window.span(0, 6) == Span(59, 59)


def test_enumerations():
    text = "a et b, c, d et e"
    assert [text[s:e] for s, e in split_enumeration(text)] == ["a et b", "c", "d", "e"]
    assert split_enumeration("le respect") == [(0, len("le respect"))]


def test_identity_facts_in_running_text():
    window = TextWindow(
        lines(
            "Programme Stratégique Transversal du CPAS de",
            "DINANT (2019)",
            "les valeurs essentielles sont le respect de soi et",
            "des autres, la dignité humaine et l'équité. Ces valeurs",
            "depuis la législature 2018-2024, le PST est devenu obligatoire.",
            "Le PST est évalué au minimum à mi-législature et au terme de celle-ci. Il peut",
        )
    )
    title, cpas = find_title(window)
    assert title.value == "Programme Stratégique Transversal du CPAS de DINANT (2019)"
    assert (title.span, cpas.value, cpas.span) == (Span(1, 2), "Dinant", Span(2, 2))
    assert [(v.value, v.span) for v in find_values(window)] == [
        ("le respect de soi et des autres", Span(3, 4)),
        ("la dignité humaine", Span(4, 4)),
        ("l'équité", Span(4, 4)),
    ]
    assert find_legislature(window).value == "2018-2024"
    assert [e.value for e in find_evaluations(window)] == ["mid-term", "final"]


def test_names_and_titles():
    assert name_as_title("DINANT") == "Dinant"
    assert name_as_title("BRAINE-LE-COMTE") == "Braine-Le-Comte"
    assert name_as_title("La Louvière") == "La Louvière"
    assert clean_title("Avoir une réflexion sur leurs droits et leurs devoirs.") == (
        "Avoir une réflexion sur leurs droits et leurs devoirs"
    )
    assert clean_title("de travail...") == "de travail..."
    # "…." (ellipsis + full stop) is one ellipsis once normalised, whatever the extraction
    assert clean_title(normalise_line("(ADMR, CSD, ….) ;")) == "(ADMR, CSD, ...)"
    assert clean_title(normalise_line("(ADMR, CSD, ....) ;")) == "(ADMR, CSD, ...)"


# --------------------------------------------------------------------------- the document


def test_identity(plan: ParsedPlan):
    assert plan.layout == "three-lists"
    assert plan.cpas.value == "Dinant"
    assert plan.cpas.span == Span(3, 3)
    assert plan.title.value == "Programme Stratégique Transversal du CPAS de DINANT (2019)"
    assert plan.legislature.value == "2018-2024"
    assert plan.legislature.span == Span(60, 60)
    assert [value.value for value in plan.values] == [
        "le respect de soi et des autres",
        "le professionnalisme de l'ensemble des travailleurs",
        "la dignité humaine",
        "l'équité",
    ]
    assert plan.values[0].span == Span(55, 57)
    assert [(e.value, e.span) for e in plan.evaluations] == [
        ("mid-term", Span(66, 66)),
        ("final", Span(66, 66)),
    ]


def test_strategic_objectives(plan: ParsedPlan):
    assert [(os_.code, os_.title) for os_ in plan.strategic_objectives] == [
        (
            "1",
            "Etre un CPAS qui développe les actions adéquates répondant aux besoins identifiés "
            "de tout citoyen",
        ),
        ("2", "Etre un CPAS qui développe le vivre-ensemble"),
        (
            "3",
            "Etre un CPAS proactif qui offre un service de qualité et propose un management "
            "motivant et positif",
        ),
    ]
    assert plan.strategic_objectives[0].span == Span(95, 97)
    assert all(os_.title_variants == [] for os_ in plan.strategic_objectives)


def test_operational_objectives_and_their_actions(plan: ParsedPlan):
    assert {oo.code: len(oo.actions) for oo in plan.operational_objectives()} == ACTIONS
    assert [
        [oo.code for oo in os_.operational_objectives] for os_ in plan.strategic_objectives
    ] == [[f"1.{n}" for n in range(1, 10)], ["2.1", "2.2", "2.3", "2.4"], ["3.1"]]
    assert len(plan.actions()) == 70


def test_operational_titles_from_part_two(plan: ParsedPlan):
    assert operational(plan, "1.2").title == (
        "Avoir une réflexion sur les actions à mettre en place en vue de répondre aux "
        "problématiques et besoins constatés"
    )
    assert operational(plan, "1.2").span == Span(116, 118)
    assert operational(plan, "2.3").title == "Favoriser le respect de soi et des autres"
    assert operational(plan, "3.1").title is None
    assert operational(plan, "3.1").span == Span(424, 442)
    assert all(oo.title_variants == [] for oo in plan.operational_objectives())


def test_action_codes(plan: ParsedPlan):
    assert [a.code for a in operational(plan, "1.6").actions] == [f"1.6.{n}" for n in range(1, 15)]
    assert [a.code for a in operational(plan, "2.2").actions] == [None] * 5
    assert [a.code for a in operational(plan, "2.4").actions] == [None] * 4
    assert [a.code for a in operational(plan, "3.1").actions] == [f"3.1.{n}" for n in range(1, 6)]


def test_action_titles(plan: ParsedPlan):
    first = operational(plan, "1.1").actions[0]
    assert first.title == (
        "Faire un relevé entre les AS avec les problématiques rencontrées lors de rendez-vous "
        "avec un bénéficiaire. (Nom, problématique rencontrée, développement de la problématique)"
    )
    assert first.span == Span(163, 165)
    assert operational(plan, "1.6").actions[4].title == (
        "Améliorer la communication sur les actions ainsi que sur tous les services proposés "
        "par le CPAS"
    )
    assert operational(plan, "1.6").actions[8].title == (
        "Mettre en place une meilleure visibilité sur Internet (Site Administration communale, "
        "Facebook, ...)"
    )
    assert operational(plan, "1.3").actions[2].title == (
        "Avoir une réflexion avec les allocataires sur leurs droits et leurs devoirs"
    )
    assert [a.title for a in operational(plan, "2.2").actions] == [
        "Organiser des rencontres entre les bénéficiaires et les travailleurs du CPAS",
        "Organiser des Portes Ouvertes",
        "Organiser des rencontres/activités interculturelles",
        "Organiser des rencontres/activités intergénérationnelles",
        "Ouvrir nos locaux et nos espaces à d'autres projets que nos missions (exposition, "
        "bibliothèque...)",
    ]
    assert operational(plan, "2.4").actions[2].title == (
        "Favoriser les circuits courts et la production locale par rapport aux fournitures de "
        "denrées, voire de services"
    )
    assert operational(plan, "2.4").actions[2].span == Span(409, 411)


def test_warnings(plan: ParsedPlan):
    messages = [warning.message for warning in plan.warnings]
    assert len(messages) == 3
    assert any("3.1" in m and "no title" in m for m in messages)
    assert any("2.1" in m and "no action" in m for m in messages)
    assert any("2.3" in m and "only in part 2" in m for m in messages)


def test_the_preface_is_skipped(plan: ParsedPlan):
    assert [finding.span for finding in plan.skipped] == [Span(1, 1), Span(7, 90)]


# --------------------------------------------------------------------------- recognition


def test_recognised_on_its_file():
    assert three_lists.recognise(read_source(PATH)) >= 0.9


@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if p != PATH], ids=lambda p: p.stem)
def test_not_recognised_on_the_other_files(path: Path):
    assert three_lists.recognise(read_source(path)) <= 0.1


def test_the_other_layouts_do_not_claim_it():
    source = read_source(PATH)
    assert dotted_codes.recognise(source) <= 0.1
    assert slide_deck.recognise(source) <= 0.1


# --------------------------------------------------------------------------- other extractions


@extraction_variants
def test_other_extractions_read_the_same(plan: ParsedPlan, variant):
    assert outline(three_lists.parse(source_of(variant(TEXT)))) == outline(plan)


# --------------------------------------------------------------------------- bad input


def cut(lines_kept: int) -> SourceText:
    return source_of("\n".join(TEXT.split("\n")[:lines_kept]) + "\n")


def test_a_plan_cut_before_part_three_is_refused():
    with pytest.raises(InputError, match=r"'3\. Actions :' is missing.*truncated") as error:
        three_lists.parse(cut(150))
    assert error.value.path.name == PATH.name
    assert error.value.line == 150  # the last line of the cut file


def test_a_plan_cut_before_part_two_is_refused():
    with pytest.raises(InputError, match=r"'2\. Objectifs opérationnels :' is missing"):
        three_lists.parse(cut(107))


def test_an_os_without_action_is_refused():
    with pytest.raises(InputError, match=r"OS 3 has no action in part 3") as error:
        three_lists.parse(cut(416))
    assert error.value.line == 105  # where part 1 announces it
    with pytest.raises(InputError, match=r"OS 2 has no action in part 3"):
        three_lists.parse(cut(372))


def test_a_plan_cut_mid_sentence_is_refused():
    with pytest.raises(InputError, match=r"mid-sentence") as error:
        three_lists.parse(cut(438))  # "... les membres du personnel qui le souhaitent sur"
    assert error.value.line == 438


def test_a_text_without_the_parts_is_not_this_layout():
    with pytest.raises(InputError, match=r"no part '1\. Objectifs stratégiques :'"):
        three_lists.parse(cut(90))


@pytest.mark.parametrize(
    "text",
    [
        "Le plan sera évalué à mi-législature. Puis au terme de celle-ci. Il est Évaluées.",
        "pas de point évaluée",
        "un. deux évaluation. trois évalués.quatre réévalué. cinq évaluée\n sur deux lignes.",
        "." * 3 + "évalue." + "x" * 2000,
    ],
)
def test_evaluation_sentences_are_those_the_sentence_pattern_finds(text: str):
    pattern = re.compile(r"[^.]*\bévalu[ée]e?s?\b[^.]*\.", re.IGNORECASE)
    expected = [(match.start(), match.group(0)) for match in pattern.finditer(text)]
    assert list(_evaluation_sentences(text)) == expected
