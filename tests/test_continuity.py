"""Continuity across législatures (pstkg.linking.continuity): on small hand-written pairs of
plans, on generated pairs (copied, reworded, new and dropped items drawn from the plan_styles
banks), and through the store: loading and removing plans re-derives the links."""

from __future__ import annotations

import random

import pytest
from rdflib import URIRef

from pstkg.linking.continuity import (
    CODE_METHOD,
    SIMILARITY_METHOD,
    PlanItem,
    PlanVersion,
    consecutive_plans,
    continuity_links,
    legislature_years,
)

from .plan_styles.banks import DOMAINS

ID = "https://w3id.org/pst-kg/id/plan/"
PSTV = "https://w3id.org/pst-kg/vocab/"
EARLY, LATE = URIRef(PSTV + "legislature-2019-2024"), URIRef(PSTV + "legislature-2024-2030")


def plan(cpas: str, legislature: URIRef, items: list[tuple[str | None, str]]) -> PlanVersion:
    """A plan of ``cpas`` with items given as (code, title); IRIs from the plan and position."""
    iri = URIRef(f"{ID}{cpas}/{legislature_years(legislature)[0]}")
    return PlanVersion(
        iri,
        URIRef(f"https://w3id.org/pst-kg/id/cpas/{cpas}"),
        legislature,
        tuple(
            PlanItem(URIRef(f"{iri}/item/{n}"), code, title)
            for n, (code, title) in enumerate(items)
        ),
    )


def pairs_found(earlier: PlanVersion, later: PlanVersion) -> dict[int, tuple[int, str]]:
    """Later item's position → (earlier item's position, method)."""
    position = {item.iri: n for plan_ in (earlier, later) for n, item in enumerate(plan_.items)}
    return {
        position[link.later]: (position[link.earlier], link.method)
        for link in continuity_links([later, earlier])
    }


def test_same_code_close_title_is_a_code_link_and_a_reused_code_is_not():
    earlier = plan(
        "a",
        EARLY,
        [
            ("1.1", "Créer un logement d'urgence"),
            ("1.2", "Avoir une réflexion sur l'opportunité d'un taxi social"),
        ],
    )
    later = plan(
        "a",
        LATE,
        [
            ("1.1", "Créer un second logement d'urgence pour les familles"),
            ("1.2", "Installer des panneaux photovoltaïques sur la résidence"),
        ],
    )
    assert pairs_found(earlier, later) == {0: (0, CODE_METHOD)}


def test_a_moved_item_is_found_by_its_text_and_beats_its_old_code_mate():
    earlier = plan(
        "a",
        EARLY,
        [
            ("1.2.1", "Avoir une réflexion sur l'opportunité d'un taxi social"),
            ("1.2.2", "Créer un logement d'urgence"),
        ],
    )
    later = plan("a", LATE, [("1.2.1", "Créer un logement d'urgence")])
    assert pairs_found(earlier, later) == {0: (1, SIMILARITY_METHOD)}


def test_each_earlier_item_is_continued_once_and_the_evidence_names_the_shared_words():
    earlier = plan(
        "a",
        EARLY,
        [
            (None, "Organiser des rencontres/activités intergénérationnelles"),
            (None, "Organiser des rencontres/activités interculturelles"),
        ],
    )
    later = plan(
        "a",
        LATE,
        [
            (None, "Organiser des activités intergénérationnelles"),
            (None, "Organiser des rencontres intergénérationnelles chaque mois"),
        ],
    )
    links = continuity_links([earlier, later])
    assert len(links) == 1  # the second later item has only the intercultural one left: unlike
    assert links[0].earlier == earlier.items[0].iri
    assert links[0].evidence[0].startswith("mots communs : ")
    assert "intergénérationnelles" in links[0].evidence[0]


def test_only_plans_of_one_cpas_in_successive_legislatures_are_compared():
    a_2019 = plan("a", EARLY, [("1", "Créer un logement d'urgence")])
    b_2025 = plan("b", LATE, [("1", "Créer un logement d'urgence")])
    assert consecutive_plans([a_2019, b_2025]) == []
    assert continuity_links([a_2019, b_2025]) == []
    a_2025 = plan("a", LATE, [("1", "Créer un logement d'urgence")])
    assert consecutive_plans([a_2025, b_2025, a_2019]) == [(a_2019, a_2025)]


def test_a_legislature_iri_without_years_is_refused_and_its_plan_left_out():
    with pytest.raises(ValueError, match="should end with its years"):
        legislature_years(URIRef(PSTV + "legislature-next"))
    dated = plan("a", EARLY, [("1", "Créer un logement d'urgence")])
    undated = PlanVersion(
        URIRef(ID + "a/next"), dated.cpas, URIRef(PSTV + "legislature-next"), dated.items
    )
    assert consecutive_plans([dated, undated]) == []


# ------------------------------------------------------------------------ generated pairs

_TITLES = sorted({title for domain in DOMAINS for title in domain.actions})


def _reword(rng: random.Random, title: str) -> str:
    """The same project in other words: a third of the words gone, a new opening and ending."""
    words = title.split()
    kept = [w for w in words if rng.random() > 0.33] or words[:2]
    opening = rng.choice(["Poursuivre :", "Renforcer l'action :", "Continuer à"])
    ending = rng.choice(["", "d'ici 2030", "avec les partenaires du territoire", "(phase 2)"])
    return " ".join([opening, *kept, ending]).strip()


def _generated_pair(seed: int) -> tuple[PlanVersion, PlanVersion, dict[int, int | None]]:
    """An earlier plan of 30 items and a later one: 8 copied, 8 reworded (5 of them under
    another code), 8 new; the other 14 earlier items dropped. Expected: later → earlier."""
    rng = random.Random(seed)
    titles = rng.sample(_TITLES, 38)
    old, fresh = titles[:30], titles[30:]
    earlier_items = [(f"{n // 5 + 1}.{n % 5 + 1}", title) for n, title in enumerate(old)]
    chosen = rng.sample(range(30), 16)
    later_items: list[tuple[str | None, str]] = []
    expected: dict[int, int | None] = {}
    for rank, n in enumerate(chosen):
        code, title = earlier_items[n]
        if rank < 8:
            later_items.append((code, title))
        else:
            later_items.append((code if rank < 11 else f"9.{rank}", _reword(rng, title)))
        expected[len(later_items) - 1] = n
    for title in fresh:
        later_items.append((f"8.{len(later_items)}", title))
        expected[len(later_items) - 1] = None
    return plan("g", EARLY, earlier_items), plan("g", LATE, later_items), expected


def test_generated_pairs_are_found_with_high_precision_and_recall():
    right = found = expected_links = 0
    for seed in range(20):
        earlier, later, expected = _generated_pair(seed)
        got = {
            later_n: earlier_n for later_n, (earlier_n, _) in pairs_found(earlier, later).items()
        }
        found += len(got)
        expected_links += sum(1 for target in expected.values() if target is not None)
        right += sum(1 for n, target in got.items() if expected[n] == target)
    precision, recall = right / found, right / expected_links
    # 20 pairs, 320 links expected: a handful of rewordings lose most of their words.
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall


def test_copied_items_are_always_found_by_code():
    for seed in range(5):
        earlier, later, expected = _generated_pair(seed)
        found = pairs_found(earlier, later)
        for n in range(8):
            assert found[n] == (expected[n], CODE_METHOD)
