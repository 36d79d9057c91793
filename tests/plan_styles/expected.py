"""What a person reading a generated plan finds in it, and how a reading is compared with it.

The expectations are computed from the plan's content as the style writes it: the title is
the text after the marker, wrapped lines joined, without the list punctuation the style adds
(" ;" and the final "." of Burdinne-like lists) or the guillemets it puts around a title; the
code is the number as written, without the kind marker ("O.S.", "OS", "A.", "Action") and
without its final dot ("O.O.1.2." → "1.2"); an item the style does not number has no code.
Titles and fiche values are compared after :func:`canon`, which forgets what differs between
extractions of the same text: runs of white space, curly or straight apostrophes and double
quotes, "…" or "...", en/em dashes or hyphens, no-break spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FICHE_FIELDS = (
    "description",
    "indicators",
    "deadline",
    "responsible",
    "services",
    "partners",
    "financial_means",
    "status",
    "priority",
    "sdgs",
)
LIST_FIELDS = {"indicators", "services", "partners", "sdgs"}

_FOLDS = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2013": "-",
        "\u2014": "-",
    }
)


def canon(text: str | None) -> str | None:
    """``text`` as compared: typography folded, white space collapsed."""
    if text is None:
        return None
    return " ".join(text.translate(_FOLDS).replace("\u2026", "...").split())


@dataclass
class ExpAction:
    code: str | None
    title: str
    fiche: dict[str, Any] | None = None
    """Expected value of each fiche field the style writes (None or [] where it gives none)."""
    kind: str | None = None
    """"project" where the style calls it a projet; None: not checked."""


@dataclass
class ExpOO:
    code: str | None
    title: str
    actions: list[ExpAction] = field(default_factory=list)


@dataclass
class ExpOS:
    code: str | None
    title: str
    oos: list[ExpOO] = field(default_factory=list)
    volet: str | None = None
    """"interne" or "externe" where the document files the OS under a volet heading."""


@dataclass
class Expected:
    cpas: str
    """The bare name of the CPAS ("Fontaine-sur-Maquette")."""
    cpas_in_text: bool
    """The document states the CPAS (on its cover or in its running header)."""
    tree: list[ExpOS]
    codes: bool
    """The style writes codes (so the codes are checked)."""
    fiche_fields: tuple[str, ...] = ()
    legislature: str = "2019-2024"
    not_items: list[str] = field(default_factory=list)
    """Texts of the document that are no item: no title may contain one of them."""

    def counts(self) -> tuple[int, int, int]:
        oos = [oo for os_ in self.tree for oo in os_.oos]
        return len(self.tree), len(oos), sum(len(oo.actions) for oo in oos)

    def flat_titles(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for os_ in self.tree:
            out.append(("OS", canon(os_.title) or ""))
            for oo in os_.oos:
                out.append(("  OO", canon(oo.title) or ""))
                out.extend(("    action", canon(a.title) or "") for a in oo.actions)
        return out

    def flat_codes(self) -> list[tuple[str, str | None]]:
        out: list[tuple[str, str | None]] = []
        for os_ in self.tree:
            out.append(("OS", os_.code))
            for oo in os_.oos:
                out.append(("  OO", oo.code))
                out.extend(("    action", a.code) for a in oo.actions)
        return out

    def actions(self) -> list[ExpAction]:
        return [a for os_ in self.tree for oo in os_.oos for a in oo.actions]


# ---- the reading side (a ParsedPlan of pstkg.loaders.model) ------------------------------


def parsed_flat_titles(parsed) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for os_ in parsed.strategic_objectives:
        out.append(("OS", canon(os_.title) or ""))
        for oo in os_.operational_objectives:
            out.append(("  OO", canon(oo.title) or ""))
            out.extend(("    action", canon(a.title) or "") for a in oo.actions)
    return out


def parsed_flat_codes(parsed) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for os_ in parsed.strategic_objectives:
        out.append(("OS", os_.code))
        for oo in os_.operational_objectives:
            out.append(("  OO", oo.code))
            out.extend(("    action", a.code) for a in oo.actions)
    return out


def parsed_counts(parsed) -> tuple[int, int, int]:
    return (
        len(parsed.strategic_objectives),
        len(parsed.operational_objectives()),
        len(parsed.actions()),
    )


def fiche_value(action, name: str) -> Any:
    """What the action's fiches say for one field: the first fiche that says something."""
    for fiche in action.fiches:
        value = getattr(fiche, name)
        if value:
            if name in LIST_FIELDS:
                return [v if name == "sdgs" else canon(v) for v in value]
            return canon(value)
    return [] if name in LIST_FIELDS else None


def expected_fiche(expected: ExpAction, fields: tuple[str, ...]) -> dict[str, Any]:
    fiche = expected.fiche or {}
    out: dict[str, Any] = {}
    for name in fields:
        value = fiche.get(name, [] if name in LIST_FIELDS else None)
        if name in LIST_FIELDS:
            out[name] = [v if name == "sdgs" else canon(v) for v in value]
        else:
            out[name] = canon(value)
    return out


def all_titles(parsed) -> list[str]:
    titles: list[str] = []
    for os_ in parsed.strategic_objectives:
        titles.append(canon(os_.title) or "")
        for oo in os_.operational_objectives:
            titles.append(canon(oo.title) or "")
            titles.extend(canon(a.title) or "" for a in oo.actions)
    return titles
