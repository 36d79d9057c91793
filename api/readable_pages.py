"""What the readable French pages of ``/id/...`` show: a plan element, its place and its links.

Each function gathers, from the page queries of api/page_queries/, the plain data one page
needs (labels, not IRIs to decipher); the templates lay it out. What the document says and
what pst-kg derived stay apart: every theme, ODD and enjeu row says its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Identifier

from pstkg.api.page_queries import page_rows
from pstkg.api.plan_page import goal_items_link
from pstkg.api.serializers import plain_value
from pstkg.api.table_export import Column
from pstkg.namespaces import PST
from pstkg.store import PlanStore

ITEM_TYPES = (PST.Project, PST.Action)
OBJECTIVE_TYPES = (PST.StrategicObjective, PST.OperationalObjective)

# The columns of each table an element's page shows, as its export files head them.
FIELD_COLUMNS: list[Column] = [("fiche", "Fiche"), ("field", "Champ"), ("value", "Valeur")]
ORGANISATION_COLUMNS: list[Column] = [
    ("role", "Rôle"),
    ("name", "Nom dans le plan"),
    ("canonical_name", "Organisation reconnue (dérivé)"),
    ("kind_label", "Type d'organisation"),
]
GOAL_COLUMNS: list[Column] = [
    ("kind", "Type"),
    ("notation", "Code"),
    ("label", "Libellé"),
    ("source", "Source"),
    ("score", "Score"),
    ("method_label", "Méthode"),
    ("evidence", "Indices"),
]
SIMILAR_COLUMNS: list[Column] = [
    ("rank", "Rang"),
    ("cpas", "CPAS"),
    ("similar_title", "Projet ou action"),
    ("score", "Score"),
    ("evidence", "Indices"),
]
SNAPSHOT_COLUMNS: list[Column] = [
    ("date", "Date"),
    ("kind_label", "Évaluation ou suivi"),
    ("state_label", "État"),
    ("state_as_written", "État tel qu'écrit"),
    ("progress", "Avancement (%)"),
    ("indicator", "Indicateur atteint"),
    ("comment", "Commentaire"),
    ("method_label", "Appariement (dérivé)"),
    ("score", "Score"),
    ("file", "Fichier"),
    ("line", "Ligne"),
]
CONTINUITY_COLUMNS: list[Column] = [
    ("direction", "Sens"),
    ("legislature", "Législature"),
    ("other_title", "Projet ou action"),
    ("score", "Score"),
    ("method_label", "Méthode"),
    ("evidence", "Indices"),
]
CHILD_COLUMNS: list[Column] = [
    ("type_label", "Type"),
    ("code", "Code"),
    ("title", "Intitulé"),
    ("items", "Projets et actions"),
]


@dataclass
class Element:
    """A project, an action or an objective, as its readable page shows it."""

    iri: str
    kind: str  # « projet », « objectif opérationnel »… (the ontology's French label)
    title: str | None
    code: str | None
    trail: dict[str, object] | None
    """Its place: plan, CPAS, OS and OO above it (the first, for a transversal item)."""
    fields: list[dict[str, object]] = field(default_factory=list)
    organisations: list[dict[str, object]] = field(default_factory=list)
    goals: list[dict[str, object]] = field(default_factory=list)
    similar: list[dict[str, object]] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)
    snapshots: list[dict[str, object]] = field(default_factory=list)
    """What the evaluations and follow-ups loaded say of it, date by date."""
    continuity: list[dict[str, object]] = field(default_factory=list)
    """The item of the previous plan it continues, the items of the next plan continuing it."""
    children: list[dict[str, object]] = field(default_factory=list)
    places: list[dict[str, object]] = field(default_factory=list)
    """Every place of the element in the tree: more than one for a transversal item."""

    def table(self, name: str) -> tuple[list[Column], list[dict[str, object]]] | None:
        """The table ``name`` of the page (its export), None if the page has no such table."""
        tables = {
            "fiche": (FIELD_COLUMNS, self.fields),
            "partenaires": (ORGANISATION_COLUMNS, self.organisations),
            "themes": (GOAL_COLUMNS, self.goals),
            "semblables": (SIMILAR_COLUMNS, self.similar),
            "suivi": (SNAPSHOT_COLUMNS, self.snapshots),
            "continuite": (CONTINUITY_COLUMNS, self.continuity),
            "enfants": (CHILD_COLUMNS, self.children),
        }
        return tables.get(name)


def resource_types(store: PlanStore, iri: URIRef) -> dict[str, str]:
    """The resource's classes (IRI → French label, or the IRI's last part if it has none)."""
    return {
        str(row["type"]): str(row["type_label"] or str(row["type"]).rsplit("#", 1)[-1])
        for row in page_rows(store, "resource-types", {"resource": iri})
    }


def element(store: PlanStore, iri: URIRef, kind: str) -> Element:
    """Everything the page of a project, an action or an objective shows."""
    bound = {"resource": iri}
    trail = page_rows(store, "trail", bound)
    statements = page_rows(store, "statements", bound)
    own = {str(r["property"]): r["value"] for r in statements if r["holder"] == iri}
    page = Element(
        iri=str(iri),
        kind=kind,
        title=_text(own.get(str(DCTERMS.title))),
        code=_text(own.get(str(PST.code))),
        trail=_plain(trail[0]) if trail else None,
        places=[_plain(row) for row in trail],
        fields=_fields(iri, statements),
        organisations=[_plain(row) for row in page_rows(store, "organisations", bound)],
        sources=[_plain(row) for row in page_rows(store, "sources", bound)],
    )
    # Each theme, ODD and enjeu leads to the projects of every plan filed under it.
    page.goals = [
        {
            **_plain(row),
            "link": None
            if row["notation"] is None
            else goal_items_link(str(row["kind"]), str(row["notation"])),
        }
        for row in page_rows(store, "goals", bound)
    ]
    page.similar = [_plain(row) for row in page_rows(store, "similar", bound)]
    page.children = [_plain(row) for row in page_rows(store, "children", bound)]
    page.snapshots = [_plain(row) for row in page_rows(store, "snapshots", bound)]
    page.continuity = [_plain(row) for row in page_rows(store, "continuity", bound)]
    return page


def _fields(iri: URIRef, rows: list[dict[str, Identifier | None]]) -> list[dict[str, object]]:
    """The fiche fields (and the element's own fields beyond its title and code), one row each.

    The element's title and code head the page; a fiche's title is shown when it differs.
    """
    fields: list[dict[str, object]] = []
    titles = {
        row["value"]
        for row in rows
        if row["holder"] == iri and row["property"] in (DCTERMS.title, PST.code)
    }
    for row in rows:
        own = row["holder"] == iri
        if row["property"] in (DCTERMS.title, PST.code) and (own or row["value"] in titles):
            continue
        label = row["property_label"] or str(row["property"]).rsplit("#", 1)[-1]
        value = row["value_label"] if row["value_label"] is not None else row["value"]
        fields.append(
            {
                "fiche": "élément" if own else "fiche",
                "holder": str(row["holder"]),
                "field": str(label),
                "value": plain_value(value),
                "link": str(row["value"]) if isinstance(row["value"], URIRef) else None,
            }
        )
    unique = {(f["holder"], f["field"], str(f["value"])): f for f in fields}
    return sorted(unique.values(), key=lambda f: (f["fiche"] != "élément", f["holder"], f["field"]))


def _plain(row: dict[str, Identifier | None]) -> dict[str, object]:
    return {key: None if value is None else plain_value(value) for key, value in row.items()}


def _text(value: Identifier | None) -> str | None:
    return None if value is None else str(value)


def describe(store: PlanStore, iri: URIRef) -> tuple[list[dict], list[dict]]:
    """The resource's statements and the resources citing it, internal index statements left out.

    Both lists are empty when the store knows nothing of ``iri``.
    """
    bound = {"resource": iri}
    return page_rows(store, "describe", bound), page_rows(store, "cited-by", bound)
