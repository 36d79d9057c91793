"""The "fiches" layout (Anderlues, tests/fixtures/plans/rocher-modele-2019-2024.txt).

Method text stating the CPAS, the législature, the values and the evaluations; the OP table
with its "Constat" paragraphs; the list "OS, OO et Projets" (OS header repeated before each
OO); one project list per enjeu; then one fiche per project with the template's rubriques
and its noise ("Your content goes here", the "Annexes – Fiches projets" page header).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

from bench.synthetic.model import FicheSpec, OSSpec, PlanSpec
from bench.synthetic.profile import LayoutProfile
from bench.synthetic.render.common import borrowed_text, ends_as_title, finish, wrap
from pstkg.loaders.reader.cues import cue_of
from pstkg.loaders.reader.items import starts_new_item
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.wrapping import ends_mid_sentence, is_acronym
from pstkg.loaders.text import fold_for_matching
from pstkg.loaders.titles import tokens_match

NAME = "fiches"
STATES_IDENTITY = True
"""The method text names the CPAS and the législature: no sidecar."""

ENJEUX = {
    1: "Enjeu démocratique",
    2: "Enjeu de la gouvernance et de la gestion performante",
    3: "Enjeu de la transition des communautés et des territoires",
    4: "Enjeu de la cohésion sociale",
}
_PLACEHOLDER = "Your content goes here .. Your content goes here .."
_TITLED = ("os", "oo", "action", "political")
_ITEMS = ("risk", "indicator", "step")
_FREE_TEXT = ("description", "constat")


@lru_cache(maxsize=65536)
def structural(text: str) -> bool:
    """True for a line the reader takes for structure, whatever follows it."""
    lowered = text.lower()
    if "your content" in lowered or "annexes" in lowered:
        return True
    # Every rule below is anchored at the line start on a capital, a digit or a bullet (the
    # reader's labels are case-sensitive): most wrapped lines start lower-case and skip them.
    if text[:1].islower():
        return False
    table = markers()
    return bool(
        cue_of(text).structural
        or any(
            pattern.match(text)
            for pattern in (
                table.op_row,
                table.op_os_reference,
                table.op_none,
                table.op_comment,
                table.chapter_numbered,
                table.crossref_list_heading,
            )
        )
    )


def _continues(line: str, previous: str) -> bool:
    return not structural(line)


def _continues_item(line: str, previous: str) -> bool:
    # A huge width: never count on "the line was full" to keep an item together.
    return not structural(line) and not starts_new_item(previous, previous, line, 10**6)


@lru_cache(maxsize=65536)  # a chain draws the same texts again and again
def accepts(kind: str, text: str) -> bool:
    """Whether this layout can write ``text`` as a ``kind`` and have it read back whole."""
    if not text or structural(text) or text.startswith("Projet"):
        return False
    if kind in _TITLED:
        # Lists are cut at capitalised words that start a known title.
        closed = not ends_mid_sentence(text) if kind == "political" else ends_as_title(text)
        # Lists are read as words: a last word without letters ("...)", "»") is left out of
        # the title read back, so the manifest's title would not be the plan's.
        spelled = fold_for_matching(text.split()[-1]) != ""
        return text[:1].isupper() and text[:1].isalpha() and closed and spelled
    if kind in _ITEMS:
        first = text.split()[0]
        return (
            text[:1].isupper()
            and not is_acronym(first)
            and not ends_mid_sentence(text)
            and not text.rstrip().endswith(("/", "+", "&", ">", ";"))
            and text.count("(") == text.count(")")
        )
    if kind == "value":
        return "." not in text[:-1] and "adhère" not in text
    return kind in _FREE_TEXT


def _usable_front(text: str) -> bool:
    lowered = text.lower()
    return (
        not structural(text) and "adhère aux valeurs" not in lowered and "projet" not in lowered[:7]
    )


def respelled(title: str, rng: random.Random) -> str | None:
    """Another spelling of a title, as the corpus plan's lists and fiches have them: the
    accent of the capital dropped ("Etre"), or a letter dropped inside a long word
    ("pateforme"); None when the title has neither."""
    if title[:1] in "ÉÊ":
        return "E" + title[1:]
    words = title.split()
    long = [index for index, word in enumerate(words) if len(word) >= 7 and word.isalpha()]
    if not long:
        return None
    index = rng.choice(long)
    cut = rng.randrange(1, len(words[index]) - 1)
    words[index] = words[index][:cut] + words[index][cut + 1 :]
    return " ".join(words)


@dataclass
class _Spellings:
    """Where the document spells a title another way (by the id of the item)."""

    objectives: dict[int, str] = field(default_factory=dict)  # repeats, OP table, fiches
    operationals: dict[int, str] = field(default_factory=dict)  # fiches
    in_fiches: dict[int, str] = field(default_factory=dict)  # project titles in fiches
    in_enjeux: dict[int, str] = field(default_factory=dict)  # project titles in enjeu lists

    def objective(self, item: OSSpec) -> str:
        return self.objectives.get(id(item), item.title)


def _spellings(plan: PlanSpec, layout: LayoutProfile, rng: random.Random) -> _Spellings:
    spellings = _Spellings()
    for objective in plan.objectives:
        if objective.title[:1] in "ÉÊ" and rng.random() < layout.os_variant_rate:
            spellings.objectives[id(objective)] = "E" + objective.title[1:]
        for oo in objective.oos:
            variant = respelled(str(oo.title), rng)
            if variant and rng.random() < layout.oo_variant_rate:
                spellings.operationals[id(oo)] = variant
    titles = [fold_for_matching(action.title).split() for action in plan.actions()]
    for action in plan.actions():
        variant = respelled(action.title, rng)
        if not variant or rng.random() >= layout.action_variant_rate:
            continue
        # A misspelling that another title would also answer to would move a fiche.
        tokens = fold_for_matching(variant).split()
        if sum(tokens_match(tokens, other) for other in titles) != 1:
            continue
        place = spellings.in_fiches if rng.random() < 0.5 else spellings.in_enjeux
        place[id(action)] = variant
    return spellings


def render(plan: PlanSpec, layout: LayoutProfile, rng: random.Random) -> str:
    """The plan as a fiches-layout document."""
    width = layout.width
    spellings = _spellings(plan, layout, rng)
    lines: list[str] = []
    add = lines.extend
    lines.append(f"Programme stratégique transversal {plan.legislature}")
    lines.append("Introduction")
    add(
        wrap(
            f"Le présent document est le programme stratégique transversal du {plan.cpas_label} "
            f"pour la législature {plan.legislature}. Il a été préparé par le comité de "
            "direction avec les responsables de service, puis présenté au conseil de l'action "
            "sociale.",
            width,
            _continues,
        )
    )
    if plan.values:
        lines.append(
            "Après plusieurs réunions, nous pouvons affirmer que le CPAS adhère aux valeurs "
            "suivantes :"
        )
        for number, value in enumerate(plan.values, start=1):
            end = "." if number == len(plan.values) else " ;"
            add(wrap(f"· {value}{end}", width, _continues))
    add(
        wrap(
            "Chaque année, le comité de direction procède, avec chaque responsable de service, "
            "à l'évaluation du PST. À mi-mandat et en fin de mandat, un rapport est présenté "
            "au conseil.",
            width,
            _continues,
        )
    )
    add(borrowed_text(rng, layout.front_lines, _usable_front, plan.cpas))
    _op_table(plan, lines, width, spellings)
    _objective_list(plan, lines, width, spellings)
    _enjeu_lists(plan, lines, width, spellings)
    lines.append("Exécution du PST")
    add(borrowed_text(rng, layout.back_lines, _usable_front, plan.cpas))
    first = True
    for objective in plan.objectives:
        political = next(p for p in plan.political if p.code == objective.political)
        for oo in objective.oos:
            for action in oo.actions:
                for fiche in action.fiches:
                    title = spellings.in_fiches.get(id(action), action.title)
                    oo_title = spellings.operationals.get(id(oo), oo.title)
                    head = [
                        *wrap(f"Projet {title}", width, _continues),
                        *wrap(
                            f"Objectif politique - OP {political.code}. {political.title}",
                            width,
                            _continues,
                        ),
                        *wrap(
                            f"Objectif stratégique - OS {objective.code}. "
                            f"{spellings.objective(objective)}",
                            width,
                            _continues,
                        ),
                        *wrap(f"Objectif opérationnel {oo.code}. {oo_title}", width, _continues),
                    ]
                    add(head)
                    add(_fiche_fields(fiche, width))
                    if first:
                        lines.append("Annexes – Fiches projets")
                        first = False
    return finish(lines, layout, rng)


def _op_table(plan: PlanSpec, lines: list[str], width: int, spellings: _Spellings) -> None:
    lines.extend(["Objectifs politiques (OP)", "OP Objectif stratégique"])
    for political in plan.political:
        lines.extend(wrap(f"{political.code}   {political.title}", width, _continues))
        answered = [os_ for os_ in plan.objectives if os_.political == political.code]
        if not answered:
            lines.append("-")
        for objective in answered:
            title = spellings.objective(objective)
            lines.extend(wrap(f"{objective.code} -{title}", width, _continues))
            if political.constat:
                lines.extend(wrap(f"Constat {political.constat}", width, _continues))


def _objective_list(plan: PlanSpec, lines: list[str], width: int, spellings: _Spellings) -> None:
    lines.extend(
        ["II. LA DÉFINITION DES PROJETS ET ACTIONS AINSI QUE DES INDICATEURS", "OS, OO et Projets"]
    )
    for objective in plan.objectives:
        for number, oo in enumerate(objective.oos):
            # The list repeats the OS header before each of its OO, not always spelled alike.
            title = spellings.objective(objective) if number else objective.title
            lines.extend(wrap(f"{objective.code}. {title}", width, _continues))
            oo_lines = wrap(f"{oo.code}. {oo.title}", width, _continues_item)
            lines.extend([f"   {oo_lines[0]}", *oo_lines[1:]])
            for action in oo.actions:
                lines.extend(wrap(action.title, width, _continues))


def _enjeu_lists(plan: PlanSpec, lines: list[str], width: int, spellings: _Spellings) -> None:
    lines.extend(
        [
            "III. LES OBJECTIFS DE DEVELOPPEMENT DURABLE",
            "Nous avons regroupé les projets selon les enjeux du développement durable.",
        ]
    )
    actions = plan.actions()
    for number, name in ENJEUX.items():
        lines.extend(wrap(f"{number} - {name}", 40, _continues))
        lines.append("Projets inclus dans cet objectif de développement durable")
        lines.append("Nom du projet ou action")
        for action in actions:
            if number in action.fiches[0].enjeux:
                title = spellings.in_enjeux.get(id(action), action.title)
                lines.extend(wrap(title, width, _continues))


def _fiche_fields(fiche: FicheSpec, width: int) -> list[str]:
    lines = ["Objectif de développement durable -", "ODD"]
    lines.append(",".join(f"{number} - {ENJEUX[number]}" for number in fiche.enjeux))
    if fiche.placeholder:
        lines.append(_PLACEHOLDER)
    lines.append("Description")
    if fiche.description:
        lines.extend(wrap(fiche.description, width, _continues))
    if fiche.steps:
        lines.append("Étapes du projet")
        for step in fiche.steps:
            lines.extend(wrap(step, width, _continues_item))
    lines.append(f"Volet interne / externe {fiche.volet}")
    lines.append(f"Synergies {fiche.synergies}")
    lines.extend(_items("Risques", fiche.risks, width))
    lines.extend(_items("Indicateur(s)", fiche.indicators, width))
    lines.append(f"Priorité des projets {fiche.priority}")
    lines.append(f"Etat d'avancement {fiche.status}")
    lines.extend(wrap(f"Services impliqués {','.join(fiche.services)}", width, _continues))
    lines.extend(wrap(f"Partenaires {','.join(fiche.partners)}", width, _continues))
    return lines


def _items(label: str, items: list[str], width: int) -> list[str]:
    if not items:
        return [label]
    lines = wrap(f"{label} {items[0]}", width, _continues_item)
    for item in items[1:]:
        lines.extend(wrap(item, width, _continues_item))
    return lines
