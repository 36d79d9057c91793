"""What the corpus looks like, measured at generation time by reading it with pst-kg's loaders.

Nothing here is a hand-copied number: each count, rate and text pool comes from
``read_document`` on the plans of data/corpus (one per layout), so the synthetic region
follows the corpus if the corpus or the loaders change. Per layout the profile keeps that
layout's plan's own shape (OS count, OO per OS, actions per OO, fiche fields, marks, quirks,
wrap width, blank lines); the text pools (titles, descriptions, risks...) are pooled across
the four plans so that the Markov chains have enough words to recombine; each chain's walks
are drawn once into a :class:`~bench.synthetic.markov.TextBank`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bench.synthetic.markov import Chain, TextBank
from pstkg.identity import bare_cpas_name, read_sidecar
from pstkg.loaders.model import Action, OperationalObjective, ParsedPlan, StrategicObjective
from pstkg.loaders.read import ReadDocument, read_document
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.furniture import set_aside
from pstkg.loaders.reader.regions import find_regions
from pstkg.loaders.text import Line, fold_for_matching

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
LAYOUTS = ("fiches", "dotted-codes", "three-lists", "slide-deck")
"""The four layouts, in the order the region cycles through them."""
CORPUS_LAYOUTS = {
    "anderlues-2019-2024.txt": "fiches",
    "burdinne-2019-2024.txt": "dotted-codes",
    "dinant-2019.txt": "three-lists",
    "ville-cpas-conseil-conjoint-2019-2024.txt": "slide-deck",
}
"""Which corpus plan each synthetic layout imitates (the general reader reads them all)."""

CPAS_MARK = "{CPAS}"
"""Stands in the text pools for the corpus plan's own CPAS name; the plan's name replaces it."""


@dataclass(frozen=True)
class FicheProfile:
    """The fiches of the fiches-layout plan: per-fiche counts and values, as drawn from."""

    second_fiche_rate: float  # projects with a second, conflicting fiche
    description_rate: float
    placeholder_rate: float  # fiches carrying the template's "Your content goes here"
    risks: tuple[int, ...]
    indicators: tuple[int, ...]
    steps: tuple[int, ...]
    services: tuple[int, ...]
    partners: tuple[int, ...]
    enjeux: tuple[tuple[int, ...], ...]
    volets: tuple[str, ...]
    synergies: tuple[str, ...]
    priorities: tuple[str, ...]
    statuses: tuple[str, ...]
    service_names: tuple[str, ...]


@dataclass(frozen=True)
class LayoutProfile:
    """One layout's corpus plan, as counts and distributions to draw a new plan from."""

    layout: str
    document: str
    os_count: int
    oo_per_os: tuple[int, ...]
    actions_per_oo: tuple[int, ...]
    title_words: dict[str, tuple[int, ...]]  # "os", "oo", "action" -> word counts
    values: tuple[str, ...]
    value_count: int
    width: int  # the wrap width: the 95th percentile of line lengths
    blank_rate: float  # blank lines per line
    trailing_space_rate: float  # lines written with a trailing space
    curly_share: float  # apostrophes extracted as ’ rather than '
    front_lines: tuple[str, ...]  # running text outside the tree (method, preface, intro)
    back_lines: tuple[str, ...] = ()  # fiches: the text between the enjeu lists and the fiches
    fiche: FicheProfile | None = None
    # dotted-codes: marks after actions, volets and policy areas
    marks_rate: float = 0.0
    priority_marks: tuple[str, ...] = ()
    status_marks: tuple[str | None, ...] = ()
    interne_share: float = 0.0
    os_per_area: tuple[int, ...] = ()
    area_titles: tuple[str, ...] = ()
    # three-lists: the irregular OO of the Dinant plan
    unnumbered_share: float = 0.0  # OO whose actions lost their numbers (bullet glyph lost)
    untitled_share: float = 0.0  # OO that only their actions' codes name
    # slide-deck: footers ("Conseil ... - 24 septembre 2019 20") per OS or OO slide
    footer_rate: float = 0.0
    # fiches: titles spelled differently between the lists and the fiches
    os_variant_rate: float = 0.0
    oo_variant_rate: float = 0.0
    action_variant_rate: float = 0.0
    # fiches: the objectifs politiques
    political_count: int = 0
    political_titles: tuple[str, ...] = ()


@dataclass
class CorpusProfile:
    """The four layouts' profiles and the text banks shared by all of them."""

    layouts: dict[str, LayoutProfile]
    banks: dict[str, TextBank] = field(default_factory=dict)  # walks of order-2 chains
    loose_banks: dict[str, TextBank] = field(default_factory=dict)  # order 1: more mixing
    pools: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the corpus texts
    partner_names: tuple[str, ...] = ()
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # pooled word counts


# --------------------------------------------------------------------------- helpers


def _corpus_documents(corpus: Path) -> dict[str, tuple[Path, ReadDocument]]:
    """The corpus plans by layout; exactly one per layout is what the profile models."""
    found: dict[str, tuple[Path, ReadDocument]] = {}
    for path in sorted(corpus.glob("*.txt")):
        document = read_document(path)
        found.setdefault(CORPUS_LAYOUTS.get(path.name, path.name), (path, document))
    missing = [layout for layout in LAYOUTS if layout not in found]
    if missing:
        raise ValueError(f"{corpus}: no corpus plan in layout(s) {', '.join(missing)}")
    return found


def _cpas_name(path: Path, parsed: ParsedPlan) -> str | None:
    """The corpus plan's own CPAS, as its text or its sidecar names it."""
    if parsed.cpas is not None:
        return bare_cpas_name(parsed.cpas.value)
    name = read_sidecar(path).get("cpas")
    return bare_cpas_name(name) if name and "non nomm" not in name else None


class _NameScrubber:
    """Replaces a corpus CPAS's name by :data:`CPAS_MARK`; refuses texts with its adjective.

    "CPAS d'Anderlues" becomes "CPAS de {CPAS}" style text later; "citoyens dinantais" cannot
    be rewritten for another place, so such texts are left out of the pools.
    """

    def __init__(self, names: Iterable[str]) -> None:
        names = [name for name in names if name]
        self._labels = [
            re.compile(rf"\bCPAS\s+(?:d'|de\s+|du\s+){re.escape(name)}\b", re.IGNORECASE)
            for name in names
        ]
        self._names = [re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in names]
        stems = [fold_for_matching(name)[: max(4, len(name) - 2)] for name in names]
        self._stems = [re.compile(rf"\b{re.escape(stem)}") for stem in stems]

    def __call__(self, text: str) -> str | None:
        for pattern in self._labels:
            text = pattern.sub(f"CPAS {CPAS_MARK}", text)
        for pattern in self._names:
            text = pattern.sub(CPAS_MARK, text)
        folded = fold_for_matching(text.replace(CPAS_MARK, " "))
        if any(stem.search(folded) for stem in self._stems):
            return None
        return text


def _capitalised(text: str) -> str:
    """The text with an upper-case first letter ("être un CPAS" → "Être un CPAS")."""
    return text[:1].upper() + text[1:]


def _word_counts(texts: Iterable[str | None]) -> tuple[int, ...]:
    return tuple(len(text.split()) for text in texts if text)


def _texts_between(lines: Sequence[Line], start: int, end: int) -> list[str]:
    return [line.text for line in lines[start:end] if line.text]


def _front_lines(layout: str, document: ReadDocument) -> tuple[list[str], list[str]]:
    """The running text outside the plan's tree (the reader's method text): the text before
    the plan, then the text after it."""
    furniture = set_aside(document.source.content_lines(), document.source.page_starts)
    reading = Reading(document.source, furniture.lines, width=0)
    texts = [
        [line.text for line in reading.lines[region.start : region.end]]
        for region in find_regions(reading)
        if region.kind == "text"
    ]
    front = texts[0] if texts else []
    if layout == "slide-deck":
        # The intro slide runs to the values slide, which the deck's renderer writes itself.
        values = ("nos", "nos valeurs")
        end = next((i for i, t in enumerate(front) if fold_for_matching(t) in values), len(front))
        front = front[:end]
    return front, [text for part in texts[1:] for text in part]


def _line_style(path: Path) -> tuple[float, float, float]:
    """Blank lines per line, text lines ending in a space, and curly apostrophes, as extracted."""
    text = path.read_text(encoding="utf-8")
    raw = text.split("\n")
    text_lines = [line for line in raw if line.strip()]
    blank = 1 - len(text_lines) / max(1, len(raw))
    trailing = sum(1 for line in text_lines if line.endswith(" ")) / max(1, len(text_lines))
    curly = text.count("\u2019") / max(1, text.count("\u2019") + text.count("'"))
    return round(blank, 3), round(trailing, 3), round(curly, 3)


def _width(document: ReadDocument) -> int:
    lengths = sorted(len(line.text) for line in document.source.content_lines())
    return lengths[int(0.95 * (len(lengths) - 1))]


# --------------------------------------------------------------------------- measuring


def _layout_profile(path: Path, document: ReadDocument, scrub: _NameScrubber) -> LayoutProfile:
    parsed = document.parsed
    layout = CORPUS_LAYOUTS.get(path.name, path.name)
    oos = parsed.operational_objectives()
    actions = parsed.actions()
    front, back = _front_lines(layout, document)
    blank, trailing, curly = _line_style(path)
    values = [scrubbed for v in parsed.values if (scrubbed := scrub(v.value)) is not None]
    common = {
        "layout": layout,
        "document": path.name,
        "os_count": len(parsed.strategic_objectives),
        "oo_per_os": tuple(len(os_.operational_objectives) for os_ in parsed.strategic_objectives),
        "actions_per_oo": tuple(len(oo.actions) for oo in oos),
        "title_words": {
            "os": _word_counts(os_.title for os_ in parsed.strategic_objectives),
            "oo": _word_counts(oo.title for oo in oos),
            "action": _word_counts(action.title for action in actions),
        },
        "values": tuple(values),
        "value_count": len(parsed.values),
        "width": _width(document),
        "blank_rate": blank,
        "trailing_space_rate": trailing,
        "curly_share": curly,
        "front_lines": tuple(t for t in map(scrub, front) if t is not None),
        "back_lines": tuple(t for t in map(scrub, back) if t is not None),
    }
    if layout == "fiches":
        return LayoutProfile(
            **common,
            fiche=_fiche_profile(document),
            os_variant_rate=_variant_rate(parsed.strategic_objectives),
            oo_variant_rate=_variant_rate(oos),
            action_variant_rate=_variant_rate(actions),
            political_count=len(parsed.political_objectives),
            political_titles=tuple(
                t for p in parsed.political_objectives if (t := scrub(p.title)) is not None
            ),
        )
    if layout == "dotted-codes":
        marked = [fiche for action in actions for fiche in action.fiches]
        objectives = parsed.strategic_objectives
        runs: list[int] = []
        previous: tuple[str | None, str | None] | None = None
        for os_ in objectives:
            key = (os_.volet, os_.policy_area.code if os_.policy_area else None)
            if key == previous:
                runs[-1] += 1
            else:
                runs.append(1)
            previous = key
        areas = dict.fromkeys(os_.policy_area.title for os_ in objectives if os_.policy_area)
        return LayoutProfile(
            **common,
            marks_rate=len(marked) / max(1, len(actions)),
            priority_marks=tuple(f.priority for f in marked if f.priority),
            status_marks=tuple(f.status for f in marked),
            interne_share=sum(os_.volet == "interne" for os_ in objectives) / len(objectives),
            os_per_area=tuple(runs),
            area_titles=tuple(areas),
        )
    if layout == "three-lists":
        with_actions = [oo for oo in oos if oo.actions]
        unnumbered = [oo for oo in with_actions if all(a.code is None for a in oo.actions)]
        return LayoutProfile(
            **common,
            unnumbered_share=len(unnumbered) / max(1, len(with_actions)),
            untitled_share=sum(oo.title is None for oo in oos) / max(1, len(oos)),
        )
    footers = sum(1 for finding in parsed.skipped if finding.message == "slide footer")
    slides = len(parsed.strategic_objectives) + len(oos)
    return LayoutProfile(**common, footer_rate=footers / max(1, slides))


def _variant_rate(items: Sequence[StrategicObjective | OperationalObjective | Action]) -> float:
    """The share of items the document spells more than one way."""
    return sum(bool(item.title_variants) for item in items) / max(1, len(items))


def _fiche_profile(document: ReadDocument) -> FicheProfile:
    actions = document.parsed.actions()
    fiches = [fiche for action in actions for fiche in action.fiches]
    raw = "\n".join(line.text for line in document.source.lines)
    placeholders = len(re.findall(r"Your content goes here", raw))
    return FicheProfile(
        second_fiche_rate=sum(len(a.fiches) > 1 for a in actions) / max(1, len(actions)),
        description_rate=sum(f.description is not None for f in fiches) / len(fiches),
        # the template writes the placeholder twice per fiche
        placeholder_rate=min(1.0, placeholders / 2 / len(fiches)),
        risks=tuple(len(f.risks) for f in fiches),
        indicators=tuple(len(f.indicators) for f in fiches),
        steps=tuple(len(f.steps) for f in fiches),
        services=tuple(len(f.services) for f in fiches),
        partners=tuple(len(f.partners) for f in fiches),
        enjeux=tuple(tuple(f.enjeux) for f in fiches if f.enjeux),
        volets=tuple(f.volet for f in fiches if f.volet),
        synergies=tuple(f.synergies for f in fiches if f.synergies),
        priorities=tuple(f.priority for f in fiches if f.priority),
        statuses=tuple(f.status for f in fiches if f.status),
        service_names=tuple(dict.fromkeys(s for f in fiches for s in f.services)),
    )


@cache
def corpus_profile(corpus: Path = CORPUS) -> CorpusProfile:
    """Measure the corpus: one :class:`LayoutProfile` per layout, and pooled text chains."""
    documents = _corpus_documents(corpus)
    scrub = _NameScrubber(_cpas_name(path, doc.parsed) for path, doc in documents.values())
    layouts = {layout: _layout_profile(*documents[layout], scrub=scrub) for layout in LAYOUTS}
    plans = [documents[layout][1].parsed for layout in LAYOUTS]

    def pool(texts: Iterable[str | None], capitalise: bool = True) -> list[str]:
        kept = [scrub(text) for text in texts if text]
        return [_capitalised(t) if capitalise else t for t in kept if t]

    fiches = [f for plan in plans for a in plan.actions() for f in a.fiches]
    texts = {
        "os": pool(os_.title for plan in plans for os_ in plan.strategic_objectives),
        "oo": pool(oo.title for plan in plans for oo in plan.operational_objectives()),
        "action": pool(a.title for plan in plans for a in plan.actions()),
        "description": pool(f.description for f in fiches),
        "risk": pool(r for f in fiches for r in f.risks),
        "indicator": pool(i for f in fiches for i in f.indicators),
        "step": pool(s.title for f in fiches for s in f.steps),
        "political": pool(p.title for plan in plans for p in plan.political_objectives),
    }
    partners = dict.fromkeys(
        name
        for plan in plans
        for names in (
            *(f.partners for a in plan.actions() for f in a.fiches),
            *(a.mentioned_organisations for a in plan.actions()),
        )
        for name in names
        if scrub(name) == name
    )
    return CorpusProfile(
        layouts=layouts,
        banks={name: TextBank(Chain(pool_texts), name) for name, pool_texts in texts.items()},
        loose_banks={
            name: TextBank(Chain(pool_texts, order=1), name) for name, pool_texts in texts.items()
        },
        pools={name: tuple(pool_texts) for name, pool_texts in texts.items()},
        partner_names=tuple(partners),
        lengths={name: _word_counts(pool_texts) for name, pool_texts in texts.items()},
    )
