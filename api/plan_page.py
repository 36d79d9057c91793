"""The plan page's summary (counts, validation, top themes and goals) and its tables for export.

The page itself is the plan explorer (``/plans/{cpas}/{legislature}``, also the readable page
of the plan's IRI under ``/id/plan/...``): the summary on top, the tree below with its fiches
folded, each count a link to the items it counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from rdflib import URIRef

from pstkg.api.page_queries import page_rows
from pstkg.api.serializers import plain_value
from pstkg.api.table_export import Column
from pstkg.store import PlanStore
from pstkg.validation import PlanReport

TOP = 5
"""How many themes, ODD and enjeux the summary lists (all of them are in the export)."""

# The named query listing the items behind a count of each kind, and its parameter.
_ITEMS_QUERY = {
    "thème": ("projects-by-theme", "theme"),
    "ODD": ("projects-by-odd", "odd"),
    "enjeu": ("projects-by-enjeu", "enjeu"),
}

GOAL_COLUMNS: list[Column] = [
    ("kind", "Type"),
    ("notation", "Code"),
    ("label", "Libellé"),
    ("items", "Projets et actions"),
]
TREE_COLUMNS: list[Column] = [
    ("os_code", "Code OS"),
    ("os_title", "Objectif stratégique"),
    ("oo_code", "Code OO"),
    ("oo_title", "Objectif opérationnel"),
    ("kind", "Type"),
    ("code", "Code"),
    ("title", "Projet ou action"),
]


@dataclass
class PlanSummary:
    """What the top of a plan page says."""

    counts: dict[str, int]
    completeness: int | None
    conforms: bool | None
    findings: dict[str, int]
    """The validation's findings by severity, in French (« non-conformités »: count)."""
    goals: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    """Each kind (thème, ODD, enjeu) → its goals, most items first, each with its link."""


def items_link(name: str, **values: str) -> str:
    """The page listing the rows of the named query ``name`` with these parameters."""
    return f"/requetes/{name}?{urlencode(values)}"


def goal_items_link(kind: str, notation: str, **values: str) -> str:
    """The page listing the projects and actions under a theme, an ODD or an enjeu (``kind``
    as the page queries name it: « thème », « ODD », « enjeu »)."""
    query, parameter = _ITEMS_QUERY[kind]
    return items_link(query, **{parameter: notation, **values})


def plan_summary(
    store: PlanStore, plan: URIRef, tree: dict, report: PlanReport | None
) -> PlanSummary:
    """The summary of ``plan`` from its tree, its validation report (None if it failed) and
    the themes, ODD and enjeux of its items."""
    summary = PlanSummary(
        counts=_counts(tree),
        completeness=report.score.percent if report else None,
        conforms=report.conforms if report else None,
        findings={s.french_plural: n for s, n in report.counts.items()} if report else {},
    )
    for row in page_rows(store, "plan-goals", {"plan": plan}):
        kind = str(row["kind"])
        summary.goals.setdefault(kind, []).append(
            {
                "kind": kind,
                "notation": str(row["notation"]),
                "label": str(row["label"]),
                "items": plain_value(row["items"]) if row["items"] is not None else 0,
                "link": goal_items_link(kind, str(row["notation"]), plan=str(plan)),
            }
        )
    return summary


def _counts(tree: dict) -> dict[str, int]:
    strategic = tree["objectifs_strategiques"]
    operational = [oo for os in strategic for oo in os["objectifs_operationnels"]]
    items = [item for oo in operational for item in oo["actions"]]
    return {
        "os": len(strategic),
        "oo": len(operational),
        "projects": sum(1 for item in items if item["type"] == "Project"),
        "actions": sum(1 for item in items if item["type"] == "Action"),
    }


def tree_rows(tree: dict) -> list[dict[str, object]]:
    """The plan's tree flattened, one row per project or action (or empty objective)."""
    rows: list[dict[str, object]] = []
    for os in tree["objectifs_strategiques"]:
        head = {"os_code": os["code"], "os_title": os["title"]}
        if not os["objectifs_operationnels"]:
            rows.append(head)
        for oo in os["objectifs_operationnels"]:
            middle = {**head, "oo_code": oo["code"], "oo_title": oo["title"]}
            if not oo["actions"]:
                rows.append(middle)
            for item in oo["actions"]:
                kind = "projet" if item["type"] == "Project" else "action"
                rows.append({**middle, "kind": kind, "code": item["code"], "title": item["title"]})
    return rows
