"""The general reader on a plan in three numbered lists: OS "1.", OO "1.1.", actions "1.1.1.".

Dinant, against what a reader counts in the document.

Dinant, as a reader sees it: the title naming the CPAS (line 3), a preface and method text
stating the législature 2018-2024 (line 60), four values (lines 55-57) and the evaluations
(line 66); part 1 lists three OS; part 2 lists OO 1.1-1.9 under OS 1 and 2.1-2.4 under OS 2,
none under OS 3; part 3 gives 3, 5, 4, 9, 7, 14, 5, 6, 3 numbered actions to OO 1.1-1.9,
nothing to 2.1, five unnumbered actions to 2.2, no heading for 2.3, four unnumbered actions
to 2.4, and five actions 3.1.1-3.1.5 whose OO 3.1 no part names: 70 actions in all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.model import ParsedPlan, Span
from pstkg.loaders.reader import read_plan
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.cues import Numbered, cue_of
from pstkg.loaders.reader.facts import read_facts, split_enumeration
from pstkg.loaders.reader.wrapping import TextWindow, clean_title, name_as_title
from pstkg.loaders.text import Line, SourceText, glue, normalise_line, read_source

from .conftest import CORPUS, CORPUS_FILES, extraction_variants

PATH = CORPUS / "dinant-2019.txt"
TEXT = PATH.read_text(encoding="utf-8")
LAYOUT = "n / n.n / n.n.n"

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
    return read_plan(read_source(PATH))


def operational(plan: ParsedPlan, code: str):
    return next(oo for oo in plan.operational_objectives() if oo.code == code)


def lines(*texts: str, first: int = 1) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=first)]


# --------------------------------------------------------------------------- line features


def test_part_headings():
    assert cue_of("1. Objectifs stratégiques :").part == "os"
    assert cue_of("2. Objectifs opérationnels :").part == "oo"
    assert cue_of("3. Actions :").part == "action"
    assert cue_of("2. Objectifs operationnels").part == "oo"
    assert cue_of("1. Etre un CPAS qui développe les actions adéquates").part is None
    # The layout parser took a part heading only with its own number ("3. Objectifs
    # stratégiques :" and "Actions :" were none); the general reader reads what the heading
    # lists, whatever its number, and takes the parts in the order the document gives them.
    assert cue_of("3. Objectifs stratégiques :").part == "os"
    assert cue_of("Actions :").part == "action"


def test_the_third_part_may_be_named_after_projects():
    assert cue_of("3. Projets et actions :").part == "action"
    assert cue_of("3. Projets :").part == "action"
    assert cue_of("3. Actions et projets").part == "action"
    assert cue_of("3. Mener des projets et actions").part is None  # an objective
    assert cue_of("2. Projets et actions :").part == "action"  # whatever its number (see above)


def test_codes():
    assert cue_of("1.1.1. Faire un relevé entre les AS").numbered == Numbered(
        "1.1.1", "Faire un relevé entre les AS", True
    )
    assert cue_of("1.6.10. Collaborer avec un traducteur").numbered.code == "1.6.10"
    assert cue_of("1.1. Constater les besoins").numbered.depth == 2
    assert cue_of("3. Etre un CPAS proactif").numbered.depth == 1
    assert cue_of("1.2.1 Avoir une réflexion").numbered.depth == 3
    assert cue_of("1e ligne et développer").numbered is None
    assert cue_of("60§7").numbered is None
    assert cue_of("Organiser des Portes Ouvertes").numbered is None


def test_bullets_kept_by_other_extractions():
    bullet = cue_of("• Organiser des Portes Ouvertes").bullet
    assert bullet == ("•", "Organiser des Portes Ouvertes")
    assert cue_of("- Avoir une gestion rationnelle des déchets").bullet is not None
    assert cue_of("Organiser des Portes Ouvertes").bullet is None


def mini(text: str) -> ParsedPlan:
    """A few lines of a plan in three lists, read as a file."""
    return read_plan(source_of(text, "mini.txt"))


def test_unnumbered_actions_start_with_a_title_opening():
    plan = mini(
        "1. Objectifs stratégiques :\n"
        "2. Etre un CPAS qui développe le vivre-ensemble\n"
        "2. Objectifs opérationnels :\n"
        "2. Etre un CPAS qui développe le vivre-ensemble\n"
        "2.2. Déconstruire les clichés et les préjugés\n"
        "2.4. Avoir une réflexion sur une consommation durable\n"
        "3. Actions :\n"
        "2. Etre un CPAS qui développe le vivre-ensemble\n"
        "2.2. Déconstruire les clichés et les préjugés\n"
        "Organiser des Portes Ouvertes\n"
        "Ouvrir nos locaux et nos espaces à d'autres projets que nos missions (exposition,\n"
        "bibliothèque...)\n"
        "2.4. Avoir une réflexion sur une consommation durable\n"
        "Organiser des rencontres entre les bénéficiaires et les travailleurs du\n"
        "CPAS\n"
    )
    assert [
        (oo.code, oo.title, [(a.code, a.title) for a in oo.actions])
        for oo in plan.operational_objectives()
    ] == [
        (
            "2.2",
            "Déconstruire les clichés et les préjugés",
            [
                (None, "Organiser des Portes Ouvertes"),
                (
                    None,
                    "Ouvrir nos locaux et nos espaces à d'autres projets que nos missions "
                    "(exposition, bibliothèque...)",
                ),
            ],
        ),
        (
            "2.4",
            "Avoir une réflexion sur une consommation durable",
            [
                (
                    None,
                    "Organiser des rencontres entre les bénéficiaires et les travailleurs du CPAS",
                )
            ],
        ),
    ]


def test_numbered_actions_go_on_until_the_next_code():
    plan = mini(
        "1. Objectifs stratégiques :\n"
        "1. Etre un CPAS qui développe les actions adéquates\n"
        "2. Objectifs opérationnels :\n"
        "1. Etre un CPAS qui développe les actions adéquates\n"
        "1.6. Favoriser l'accueil de tout citoyen dinantais\n"
        "3. Actions :\n"
        "1. Etre un CPAS qui développe les actions adéquates\n"
        "1.6. Favoriser l'accueil de tout citoyen dinantais\n"
        "1.6.9. Mettre en place une meilleure visibilité sur Internet (Site Administration\n"
        "Facebook, ...)\n"
        "1.6.10. Collaborer avec un traducteur\n"
    )
    actions = plan.actions()
    assert [action.code for action in actions] == ["1.6.9", "1.6.10"]
    assert actions[0].title.endswith("(Site Administration Facebook, ...)")
    assert actions[0].span == Span(9, 10)


def test_headings_continue_over_lines_in_the_lists():
    plan = mini(
        "1. Objectifs stratégiques :\n"
        "1. Etre un CPAS qui développe les actions adéquates\n"
        "Tout citoyen\n"
        "2. Objectifs opérationnels :\n"
        "1.1. Constater les besoins\n"
        "3. Actions :\n"
        "1.1. Constater les besoins\n"
        "1.1.1. Faire un relevé\n"
    )
    assert [os_.title for os_ in plan.strategic_objectives] == [
        "Etre un CPAS qui développe les actions adéquates Tout citoyen"
    ]
    assert plan.strategic_objectives[0].span == Span(2, 3)


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


def facts_of(*texts: str) -> ParsedPlan:
    """The plan facts the reader finds in some lines of method text."""
    found = lines(*texts)
    plan = ParsedPlan(layout="")
    read_facts(Reading(source_of("\n".join(texts)), found, width=0), found, plan, [])
    return plan


def test_identity_facts_in_running_text():
    plan = facts_of(
        "Programme Stratégique Transversal du CPAS de",
        "DINANT (2019)",
        "les valeurs essentielles sont le respect de soi et",
        "des autres, la dignité humaine et l'équité. Ces valeurs",
        "depuis la législature 2018-2024, le PST est devenu obligatoire.",
        "Le PST est évalué au minimum à mi-législature et au terme de celle-ci. Il peut",
    )
    title, cpas = plan.title, plan.cpas
    assert title.value == "Programme Stratégique Transversal du CPAS de DINANT (2019)"
    assert (title.span, cpas.value, cpas.span) == (Span(1, 2), "Dinant", Span(2, 2))
    assert [(v.value, v.span) for v in plan.values] == [
        ("le respect de soi et des autres", Span(3, 4)),
        ("la dignité humaine", Span(4, 4)),
        ("l'équité", Span(4, 4)),
    ]
    assert plan.legislature.value == "2018-2024"
    assert [e.value for e in plan.evaluations] == ["mid-term", "final"]


def test_names_and_titles():
    assert name_as_title("DINANT") == "Dinant"
    assert name_as_title("BRAINE-LE-COMTE") == "Braine-le-Comte"  # particles stay lower case
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
    assert plan.layout == LAYOUT
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
    assert any("2.3" in m and "no action" in m for m in messages)  # only part 2 names it
    assert [w.span.first_line for w in plan.warnings] == [138, 142, 424]


def test_the_preface_is_skipped(plan: ParsedPlan):
    # The preface, but the title (line 3) and the values (lines 55-57, with the blank lines
    # between them) the facts were read from.
    assert [finding.span for finding in plan.skipped] == [Span(1, 1), Span(7, 53), Span(59, 90)]
    assert {finding.message for finding in plan.skipped} == {"method text (facts read)"}


# --------------------------------------------------------------------------- markers


def test_the_markers_the_reader_used(plan: ParsedPlan):
    assert plan.layout == LAYOUT
    for used in (
        "OS code n (9 lines)",  # three OS, named in each of the three parts
        "OO code n.n (25 lines)",  # thirteen in part 2, twelve again in part 3
        "actions code n.n.n (61 lines), unmarked line (9 lines)",
        "heading of the OS list",
        "heading of the OO list",
        "heading of the action list",
    ):
        assert used in plan.markers, (used, plan.markers)


@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if p != PATH], ids=lambda p: p.stem)
def test_the_other_corpus_plans_use_other_markers(path: Path):
    other = read_plan(read_source(path))
    assert other.layout != LAYOUT
    assert "code n.n.n" not in other.markers


# --------------------------------------------------------------------------- other extractions


@extraction_variants
def test_other_extractions_read_the_same(plan: ParsedPlan, variant):
    assert outline(read_plan(source_of(variant(TEXT)))) == outline(plan)


# --------------------------------------------------------------------------- bad input


def cut(lines_kept: int) -> SourceText:
    return source_of("\n".join(TEXT.split("\n")[:lines_kept]) + "\n")


def test_a_plan_cut_before_part_three_is_refused():
    with pytest.raises(
        InputError,
        match=r"3 objectif\(s\) stratégique\(s\) and 13 objectif\(s\) opérationnel\(s\) found, "
        r"but no action under them.*a plan cut short",
    ) as error:
        read_plan(cut(150))
    assert error.value.path.name == PATH.name
    assert error.value.line == 150  # the last line of the cut file


def test_a_plan_cut_before_part_two_is_refused():
    with pytest.raises(
        InputError,
        match=r"3 objectif\(s\) stratégique\(s\) found \(lines 95-107\), no objectif "
        r"opérationnel nor action: .*a plan cut short",
    ) as error:
        read_plan(cut(107))
    assert error.value.line == 107


def test_an_os_without_action_is_refused():
    with pytest.raises(
        InputError, match=r"OS 3 has no objectif opérationnel nor action.*truncated"
    ) as error:
        read_plan(cut(416))
    assert error.value.line == 105  # where part 1 announces it
    # Cut inside OS 2 (after OO 2.2's heading, line 370): OO without action are warnings, but
    # OS 3, which parts 1 and 2 announce, is missing from part 3.
    with pytest.raises(
        InputError, match=r"OS 3 of the first list is not detailed further.*truncated"
    ) as error:
        read_plan(cut(372))
    assert error.value.line == 105


def test_a_plan_cut_mid_sentence_is_refused():
    with pytest.raises(InputError, match=r"mid-sentence.*truncated") as error:
        read_plan(cut(438))  # "... les membres du personnel qui le souhaitent sur"
    assert error.value.line == 438


def test_a_text_without_the_parts_is_not_a_plan():
    with pytest.raises(
        InputError,
        match=r"speaks of a PST \('pst', line 1\) but no objectif stratégique could be read",
    ):
        read_plan(cut(90))


@pytest.mark.parametrize(
    ("text", "evaluations"),
    [
        (
            "Le plan sera évalué à mi-législature. Puis au terme de celle-ci. Il est Évaluées.",
            ["mid-term", "final"],
        ),
        ("pas de point évaluée", []),
        ("un. deux évaluation. trois évalués.quatre réévalué. cinq évaluée\n sur deux lignes.", []),
        ("." * 3 + "évalue." + "x" * 200_000, []),
    ],
)
def test_evaluations_are_read_from_sentences_in_linear_time(text: str, evaluations: list[str]):
    # No clock here: a backtracking pattern would not finish the 200,000-character line at all.
    plan = facts_of(*text.split("\n"))
    assert [evaluation.value for evaluation in plan.evaluations] == evaluations
