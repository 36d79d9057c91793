"""A seeded plan: OS → OO → actions with their fiche fields, drawn from the corpus profile.

Structure counts are drawn around the layout's corpus plan (its OS count with a ±1 jitter,
its per-OS OO counts and per-OO action counts resampled with a ±1 jitter), so a region of N
plans holds about N times the corpus's items per plan. Texts come from the profile's Markov
chains, with word counts drawn from the layout's own titles; each layout's renderer says
which texts it can write so that a reader (and the loader) reads them back whole.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.synthetic.profile import CPAS_MARK, CorpusProfile, LayoutProfile
from pstkg.builder import cpas_label
from pstkg.iris import slug
from pstkg.loaders.text import fold_for_matching
from pstkg.loaders.titles import tokens_match

LEGISLATURES = ("2019-2024", "2024-2030")
"""The législatures of ontology/vocabularies.ttl: each CPAS gets one plan for each."""

# Councils adopt the PST within months of their installation (December 2018, December 2024).
_COUNCIL_WINDOWS = {
    "2019-2024": (date(2019, 6, 1), date(2019, 12, 20)),
    "2024-2030": (date(2025, 3, 1), date(2025, 9, 30)),
}
_JITTER = (-1, 0, 0, 1)
# Code schemes bound the counts: fiches number OS 100..900 and OO x01..x99, the other
# layouts' readers take one-digit OS codes for granted.
_MAX_OS = 9
_MAX_OO_PER_OS = 30
# The fiches and three-lists readers accept an OO without actions (their corpus plans have
# some); the dotted-codes and slide-deck readers take one for a truncated plan.
_EMPTY_OO_LAYOUTS = ("fiches", "three-lists")


@dataclass
class FicheSpec:
    """A project's fiche, field by field, as the fiches layout writes it."""

    volet: str
    synergies: str
    priority: str
    status: str
    enjeux: list[int]
    description: str | None = None
    steps: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    placeholder: bool = False  # the template's "Your content goes here" left in


@dataclass
class ActionSpec:
    """A project or action; ``code`` is None where the layout does not number it."""

    title: str
    code: str | None = None
    priority: str | None = None  # dotted-codes marks
    status: str | None = None
    fiches: list[FicheSpec] = field(default_factory=list)


@dataclass
class OOSpec:
    """An operational objective. Three-lists quirks: untitled, listed only in part 2."""

    code: str
    title: str | None
    actions: list[ActionSpec] = field(default_factory=list)
    unnumbered: bool = False  # three-lists: its actions lost their numbers
    headed: bool = True  # three-lists: its heading is repeated in part 3


@dataclass
class OSSpec:
    """A strategic objective and its OO."""

    code: str
    title: str
    oos: list[OOSpec] = field(default_factory=list)
    volet: str | None = None  # dotted-codes
    area: tuple[str, str] | None = None  # dotted-codes: (code, title) of its policy area
    political: str | None = None  # fiches: the code of the OP it answers


@dataclass
class PoliticalSpec:
    """An objectif politique of the fiches layout's OP table."""

    code: str
    title: str
    constat: str | None = None


@dataclass
class PlanSpec:
    """One synthetic plan: identity, values, OP table and the tree."""

    index: int
    layout: str
    cpas: str
    legislature: str
    council_date: date
    values: list[str] = field(default_factory=list)
    political: list[PoliticalSpec] = field(default_factory=list)
    objectives: list[OSSpec] = field(default_factory=list)

    @property
    def stem(self) -> str:
        """The document's file name without suffix: ``sart-lez-fougere-2019-2024``."""
        return f"{slug(self.cpas)}-{self.legislature}"

    @property
    def cpas_label(self) -> str:
        """ "CPAS de Sart-lez-Fougère", as the documents name it."""
        return cpas_label(self.cpas)

    def operational_objectives(self) -> list[OOSpec]:
        """All OO in document order."""
        return [oo for os_ in self.objectives for oo in os_.oos]

    def actions(self) -> list[ActionSpec]:
        """All actions in document order."""
        return [a for oo in self.operational_objectives() for a in oo.actions]

    def counts(self) -> dict[str, int]:
        """What a person reading the plan would count (names as the load report's counts)."""
        actions = self.actions()
        fiches = [fiche for action in actions for fiche in action.fiches]
        marked = sum(1 for a in actions if a.priority or a.status)
        return {
            "political_objectives": len(self.political),
            "strategic_objectives": len(self.objectives),
            "operational_objectives": len(self.operational_objectives()),
            "actions": len(actions),
            "fiches": len(fiches) + marked,
            "steps": sum(len(f.steps) for f in fiches),
            "risks": sum(len(f.risks) for f in fiches),
            "indicators": sum(len(f.indicators) for f in fiches),
            "partners": sum(len(f.partners) for f in fiches),
            "values": len(self.values),
            "policy_areas": len({os_.area for os_ in self.objectives if os_.area}),
        }


Accepts = Callable[[str, str], bool]
"""A renderer's test: can the layout write this text as this kind ("os", "oo", "action"...)?"""


class TitleBook:
    """The titles a plan already has: no two may collapse into one item when read back.

    Uncoded items are identified by the slug of their title (pstkg.iris); the fiches layout
    also finds projects by fuzzy title and cuts lists at any title it knows, so there no
    title may be a typo away from another or sit inside another.
    """

    def __init__(self, fuzzy: bool) -> None:
        self.fuzzy = fuzzy
        self.slugs: set[str] = set()
        self.by_length: dict[int, list[list[str]]] = {}
        self.phrases: list[str] = []  # " word word ", so that containment is a substring test
        self.joined = ""

    def fresh(self, text: str) -> bool:
        """True when ``text`` cannot be mistaken for a title already in the book."""
        if slug(text) in self.slugs:
            return False
        if not self.fuzzy:
            return True
        tokens = fold_for_matching(text).split()
        phrase = f" {' '.join(tokens)} "
        if phrase in self.joined or any(other in phrase for other in self.phrases):
            return False
        return not any(tokens_match(tokens, other) for other in self.by_length.get(len(tokens), []))

    def add(self, text: str) -> None:
        """Record a title."""
        self.slugs.add(slug(text))
        tokens = fold_for_matching(text).split()
        self.by_length.setdefault(len(tokens), []).append(tokens)
        phrase = f" {' '.join(tokens)} "
        self.phrases.append(phrase)
        self.joined += f"|{phrase}"


# --------------------------------------------------------------------------- drawing


class _Drawer:
    """Draws one plan's texts and counts with the plan's own random generator."""

    def __init__(
        self,
        profile: CorpusProfile,
        layout: LayoutProfile,
        accepts: Accepts,
        rng: random.Random,
        cpas: str,
    ) -> None:
        self.profile = profile
        self.layout = layout
        self.accepts = accepts
        self.rng = rng
        self.cpas = cpas
        self.label = cpas_label(cpas)
        self.book = TitleBook(fuzzy=layout.layout == "fiches")

    def named(self, text: str) -> str:
        """A pool text with the plan's own CPAS where the corpus plan named its own."""
        return text.replace(f"CPAS {CPAS_MARK}", self.label).replace(CPAS_MARK, self.cpas)

    def count(self, values: Sequence[int], minimum: int, maximum: int = 10**6) -> int:
        """A count resampled from the corpus's and jittered by ±1."""
        return max(minimum, min(maximum, self.rng.choice(values) + self.rng.choice(_JITTER)))

    def text(self, chain: str, kind: str, lengths: Sequence[int], unique: bool) -> str:
        """A text from a chain, of a length drawn from ``lengths``, that the layout can write."""

        def ok(raw: str) -> bool:
            text = self.named(raw)
            return self.accepts(kind, text) and (not unique or self.book.fresh(text))

        target = self.rng.choice(lengths)
        drawn = None
        banks = [self.profile.banks[chain], self.profile.loose_banks[chain]]
        if self.rng.random() < 0.5:
            # Order-1 walks mix the corpus's words more freely: half the texts come from them,
            # so that a large region does not repeat the same few hundred titles.
            banks.reverse()
        for bank in banks:
            drawn = bank.draw(self.rng, target, ok)
            if drawn is not None:
                break
        # A plan far larger than its corpus plan may use up what the chains can say: the
        # second phase of an earlier project is what a real plan would list then.
        texts = self.profile.pools[chain]
        phase = 2
        while drawn is None and phase < 100:
            candidate = f"{self.rng.choice(texts)} (phase {phase})"
            drawn = candidate if ok(candidate) else None
            phase += 1
        if drawn is None:
            raise ValueError(f"{self.layout.layout}: the corpus has no more {kind} texts to draw")
        text = self.named(drawn)
        if unique:
            self.book.add(text)
        return text

    def title(self, kind: str) -> str:
        """A fresh OS, OO or action title in the layout's lengths."""
        lengths = self.layout.title_words.get(kind) or self.profile.lengths[kind]
        return self.text(kind, kind, lengths, unique=True)

    def items(self, chain: str, how_many: int) -> list[str]:
        """Items of a list field (risks, indicators, steps)."""
        lengths = self.profile.lengths[chain]
        return [self.text(chain, chain, lengths, unique=False) for _ in range(how_many)]

    def sample(self, pool: Sequence[str], how_many: int) -> list[str]:
        """``how_many`` different names from a pool (fewer if the pool is smaller)."""
        return self.rng.sample(list(pool), min(how_many, len(pool)))


def draw_plan(
    profile: CorpusProfile,
    layout: str,
    accepts: Accepts,
    index: int,
    seed: int,
    cpas: str,
    legislature: str,
) -> PlanSpec:
    """Plan ``index`` of the region of ``seed``: the same whatever the region's size."""
    rng = random.Random(f"{seed}:{index}")
    measured = profile.layouts[layout]
    drawer = _Drawer(profile, measured, accepts, rng, cpas)
    first, last = _COUNCIL_WINDOWS[legislature]
    council = first + timedelta(days=rng.randrange((last - first).days))
    plan = PlanSpec(index, layout, cpas, legislature, council)
    plan.values = _values(drawer, layout)
    os_count = drawer.count([measured.os_count], 1, _MAX_OS)
    for _ in range(os_count):
        objective = OSSpec(code="", title=drawer.title("os"))
        oo_count = drawer.count(measured.oo_per_os, 1, _MAX_OO_PER_OS)
        minimum = 0 if layout in _EMPTY_OO_LAYOUTS else 1
        counts = [drawer.count(measured.actions_per_oo, minimum) for _ in range(oo_count)]
        if not any(counts):  # an OS without any action is a truncated plan to every reader
            counts[0] = 1
        for action_count in counts:
            oo = OOSpec(code="", title=drawer.title("oo"))
            oo.actions = [ActionSpec(drawer.title("action")) for _ in range(action_count)]
            objective.oos.append(oo)
        plan.objectives.append(objective)
    _LAYOUT_DETAILS[layout](drawer, plan)
    return plan


def _values(drawer: _Drawer, layout: str) -> list[str]:
    pool = [v for v in drawer.layout.values if drawer.accepts("value", v)]
    if not pool:
        return []
    count = drawer.count([drawer.layout.value_count], 1, len(pool))
    values = drawer.sample(pool, count)
    if layout == "three-lists":
        # "a, b, c et d": only the last item is split at " et ", so it must not hold one.
        values.sort(key=lambda value: " et " in value, reverse=True)
    return [drawer.named(value) for value in values]


# --------------------------------------------------------------------------- per layout


def _fiches(drawer: _Drawer, plan: PlanSpec) -> None:
    measured = drawer.layout
    fiche = measured.fiche
    assert fiche is not None
    rng = drawer.rng
    political_lengths = drawer.profile.lengths["political"]
    political_pool = drawer.profile.pools["political"]
    # OP rows are numbered 1-9, and their titles come from the corpus's few OP titles.
    op_count = drawer.count([measured.political_count], 1, min(9, len(set(political_pool))))
    plan.political = [
        PoliticalSpec(
            str(number),
            drawer.text("political", "political", political_lengths, unique=True),
            drawer.text("description", "constat", drawer.profile.lengths["description"], False),
        )
        for number in range(1, op_count + 1)
    ]
    for os_number, objective in enumerate(plan.objectives, start=1):
        objective.code = f"{os_number}00"
        objective.political = rng.choice(plan.political).code
        for oo_number, oo in enumerate(objective.oos, start=1):
            oo.code = f"{os_number}{oo_number:02d}"
            for action in oo.actions:
                action.fiches.append(_draw_fiche(drawer))
                if rng.random() < fiche.second_fiche_rate:
                    # A conflicting copy: same project, other priority and state.
                    second = _draw_fiche(drawer)
                    second.enjeux = action.fiches[0].enjeux
                    action.fiches.append(second)


def _draw_fiche(drawer: _Drawer) -> FicheSpec:
    measured = drawer.layout.fiche
    assert measured is not None
    rng = drawer.rng
    description = None
    if rng.random() < measured.description_rate:
        description = drawer.text(
            "description", "description", drawer.profile.lengths["description"], unique=False
        )
    return FicheSpec(
        volet=rng.choice(measured.volets),
        synergies=rng.choice(measured.synergies),
        priority=rng.choice(measured.priorities),
        status=rng.choice(measured.statuses),
        enjeux=list(rng.choice(measured.enjeux)),
        description=description,
        steps=drawer.items("step", rng.choice(measured.steps)),
        risks=drawer.items("risk", rng.choice(measured.risks)),
        indicators=drawer.items("indicator", rng.choice(measured.indicators)),
        services=drawer.sample(measured.service_names, rng.choice(measured.services)),
        partners=drawer.sample(drawer.profile.partner_names, rng.choice(measured.partners)),
        placeholder=rng.random() < measured.placeholder_rate,
    )


def _dotted_codes(drawer: _Drawer, plan: PlanSpec) -> None:
    measured = drawer.layout
    rng = drawer.rng
    objectives = plan.objectives
    internal = round(len(objectives) * measured.interne_share)
    if measured.interne_share and not internal:
        internal = 1
    titles = drawer.sample(measured.area_titles, len(measured.area_titles))
    # Consecutive OS share a policy area in runs drawn from the corpus; an area heading is
    # repeated when the volet changes under it, as in the corpus plan.
    area_of: list[int] = []
    run = 0
    while len(area_of) < len(objectives):
        size = max(1, rng.choice(measured.os_per_area))
        area_of.extend([max(0, min(run, len(titles) - 1))] * size)
        run += 1
    del area_of[len(objectives) :]
    numbers: dict[int, int] = {}
    for position, objective in enumerate(objectives):
        # Headings read "O.S.1.1. être un CPAS ..." in the corpus plan: lower-case first word.
        objective.title = _lower_first(objective.title)
        for oo in objective.oos:
            oo.title = _lower_first(oo.title) if oo.title else oo.title
        area = area_of[position]
        objective.volet = "interne" if position < internal else "externe"
        numbers[area] = numbers.get(area, 0) + 1
        shared = area_of.count(area) > 1
        objective.code = f"{area + 1}.{numbers[area]}" if shared else f"{area + 1}"
        objective.area = (str(area + 1), titles[area]) if titles else None
        for oo_number, oo in enumerate(objective.oos, start=1):
            oo.code = f"{objective.code}.{oo_number}"
            for action in oo.actions:
                if rng.random() < measured.marks_rate:
                    action.priority = rng.choice(measured.priority_marks)
                    action.status = rng.choice(measured.status_marks)


def _lower_first(text: str) -> str:
    first = text.split()[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def _three_lists(drawer: _Drawer, plan: PlanSpec) -> None:
    measured = drawer.layout
    rng = drawer.rng
    for os_number, objective in enumerate(plan.objectives, start=1):
        objective.code = str(os_number)
        for oo_number, oo in enumerate(objective.oos, start=1):
            oo.code = f"{os_number}.{oo_number}"
            if not oo.actions:
                oo.headed = rng.random() < 0.5  # Dinant has both kinds of empty OO
            elif rng.random() < measured.untitled_share:
                oo.title = None
            elif rng.random() < measured.unnumbered_share:
                oo.unnumbered = True
            for action_number, action in enumerate(oo.actions, start=1):
                action.code = None if oo.unnumbered else f"{oo.code}.{action_number}"


def _slide_deck(drawer: _Drawer, plan: PlanSpec) -> None:
    del drawer
    for os_number, objective in enumerate(plan.objectives, start=1):
        objective.code = str(os_number)
    for oo_number, oo in enumerate(plan.operational_objectives(), start=1):
        oo.code = str(oo_number)  # OO are numbered through the whole deck


_LAYOUT_DETAILS: dict[str, Callable[[_Drawer, PlanSpec], None]] = {
    "fiches": _fiches,
    "dotted-codes": _dotted_codes,
    "three-lists": _three_lists,
    "slide-deck": _slide_deck,
}
