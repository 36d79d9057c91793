"""A random plan: the tree of objectives and actions, with each action's fiche, before layout.

The content does not depend on the style: a style decides how to write it (markers, codes,
which fiche fields), and the expectations are what that writing says.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from . import banks
from .banks import Domain, Town


@dataclass
class FicheContent:
    description: str
    indicators: list[str]
    deadline: str
    service: str
    pilot: str
    partners: list[str]
    budget: str
    status: str
    priority: str
    sdgs: list[int]


@dataclass
class ActionContent:
    title: str
    fiche: FicheContent


@dataclass
class OOContent:
    title: str
    actions: list[ActionContent]


@dataclass
class OSContent:
    title: str
    domain: Domain
    oos: list[OOContent]

    @property
    def volet(self) -> str:
        return self.domain.volet

    @property
    def theme(self) -> str:
        return self.domain.theme

    @property
    def area(self) -> str:
        return self.domain.area


@dataclass
class PlanContent:
    town: Town
    oss: list[OSContent]
    cover_states_cpas: bool
    intro: list[str]
    why: list[str]
    values: list[str]
    epilogue: list[str]
    council_date: str
    extra: dict[str, object] = field(default_factory=dict)

    def oos(self) -> list[OOContent]:
        return [oo for os_ in self.oss for oo in os_.oos]

    def actions(self) -> list[ActionContent]:
        return [action for oo in self.oos() for action in oo.actions]


COUNCIL_DATES = (
    "14 octobre 2019",
    "24 septembre 2019",
    "18 novembre 2019",
    "26 août 2019",
    "30 septembre 2019",
    "9 décembre 2019",
)


def draw_fiche(rng: random.Random, domain: Domain) -> FicheContent:
    indicators = list(domain.indicators) or list(banks.INDICATORS)
    services = list(domain.services) or list(banks.SERVICES)
    return FicheContent(
        description=" ".join(rng.sample(banks.DESCRIPTIONS, rng.choice((1, 1, 2)))),
        indicators=rng.sample(indicators, min(len(indicators), rng.choice((1, 1, 2, 3)))),
        deadline=rng.choice(banks.DEADLINES),
        service=rng.choice(services),
        pilot=rng.choice(banks.PILOTS),
        partners=rng.sample(banks.PARTNERS, rng.choice((1, 1, 2, 3))),
        budget=rng.choice(banks.BUDGETS),
        status=rng.choice(banks.STATUSES),
        priority=rng.choice(banks.PRIORITIES),
        sdgs=sorted(rng.sample(sorted(banks.SDG_NAMES), rng.choice((1, 2, 2, 3)))),
    )


def draw_plan(
    rng: random.Random,
    *,
    title_ok: Callable[[str], bool] = lambda title: True,
    town: Town | None = None,
) -> PlanContent:
    """A plan of 2-6 OS, 1-5 OO each, 0-6 actions per OO (at most two OO without action).

    ``title_ok`` filters the OS and OO titles a style cannot write unambiguously.
    """
    town = town or rng.choice(banks.TOWNS)
    n_os = rng.randint(2, 6)
    domains = rng.sample(banks.DOMAINS, n_os)
    # Objectives come grouped by volet, then by theme, as plans file them.
    first_volet = rng.choice(("interne", "externe"))
    theme_rank: dict[str, int] = {}
    for domain in domains:
        theme_rank.setdefault(domain.theme, len(theme_rank))
    domains.sort(key=lambda d: (d.volet != first_volet, theme_rank[d.theme]))

    used: set[str] = set()
    empty_left = rng.choice((0, 1, 1, 2))
    others = [title for domain in banks.DOMAINS for title in domain.actions]
    oss: list[OSContent] = []
    for domain in domains:
        os_title = rng.choice([t for t in domain.os_titles if title_ok(t)])
        oo_titles = [t for t in domain.oo_titles if title_ok(t)]
        n_oo = min(rng.randint(1, 5), len(oo_titles))
        pool = (
            rng.sample(domain.actions, len(domain.actions))
            + rng.sample(banks.GENERIC_ACTIONS, len(banks.GENERIC_ACTIONS))
            + rng.sample(others, len(others))
        )
        oos: list[OOContent] = []
        for oo_title in rng.sample(oo_titles, n_oo):
            count = rng.randint(0, 6)
            if count == 0:
                if empty_left:
                    empty_left -= 1
                else:
                    count = rng.randint(1, 6)
            actions = []
            while len(actions) < count:
                title = pool.pop(0)
                if title in used:
                    continue
                used.add(title)
                actions.append(ActionContent(title, draw_fiche(rng, domain)))
            oos.append(OOContent(oo_title, actions))
        oss.append(OSContent(os_title, domain, oos))

    intro = [banks.INTRO_PARAGRAPHS[0], *rng.sample(banks.INTRO_PARAGRAPHS[1:], rng.randint(1, 3))]
    return PlanContent(
        town=town,
        oss=oss,
        cover_states_cpas=rng.random() < 0.5,
        intro=intro,
        why=rng.sample(banks.WHY_ITEMS, rng.randint(3, 6)) if rng.random() < 0.5 else [],
        values=rng.sample(banks.VALUES, rng.randint(3, 6)) if rng.random() < 0.6 else [],
        epilogue=banks.EPILOGUE_PARAGRAPHS[: rng.randint(1, 3)],
        council_date=rng.choice(COUNCIL_DATES),
    )
