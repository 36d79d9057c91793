"""What the derivation reads of the plans in the store: their items' texts and the organisations
they name. Read through SPARQL, so any backend of :class:`~pstkg.store.PlanStore` will do."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from pstkg.linking.themes import ItemText
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import PlanStore, SelectResult

_PLANS = """
SELECT ?plan ?cpas ?cpasLabel WHERE {
  GRAPH ?plan { ?plan a pst:Plan ; pst:cpas ?cpas . OPTIONAL { ?cpas skos:prefLabel ?cpasLabel } }
}"""

_ITEMS = """
SELECT ?plan ?item ?title ?description ?objective ?strategic WHERE {
  GRAPH ?plan {
    ?plan a pst:Plan .
    ?item a ?type ; dcterms:title ?title .
    FILTER(?type IN (pst:Project, pst:Action))
    OPTIONAL { ?item pst:hasFiche/dcterms:description ?description }
    OPTIONAL {
      ?oo pst:hasProjectOrAction ?item .
      OPTIONAL { ?oo dcterms:title ?objective }
      OPTIONAL { ?os pst:hasOperationalObjective ?oo ; dcterms:title ?strategic }
    }
  }
}"""

# Organisations as the plan names them: partners and lead of a fiche, or named in an item's text.
_ORGANISATIONS = """
SELECT DISTINCT ?plan ?org ?name WHERE {
  GRAPH ?plan {
    ?plan a pst:Plan .
    ?holder ?role ?org .
    FILTER(?role IN (pst:partner, pst:mentionsOrganization, pst:responsible))
    ?org skos:prefLabel ?name .
  }
}"""


@dataclass
class Item:
    """A project or action of a plan and the texts the derivation reads."""

    iri: URIRef
    plan: URIRef
    title: str
    descriptions: set[str] = field(default_factory=set)
    objectives: set[str] = field(default_factory=set)
    strategic_objectives: set[str] = field(default_factory=set)

    def text(self) -> ItemText:
        """The item's texts in a fixed order, for the classifier."""
        return ItemText(
            title=self.title,
            descriptions=tuple(sorted(self.descriptions)),
            objectives=tuple(sorted(self.objectives)),
            strategic_objectives=tuple(sorted(self.strategic_objectives)),
        )


@dataclass
class PlanInput:
    """One plan: its CPAS, its items, and the organisation names it uses (node → name)."""

    iri: URIRef
    cpas: URIRef
    cpas_label: str
    items: dict[URIRef, Item] = field(default_factory=dict)
    organisations: dict[URIRef, str] = field(default_factory=dict)


def read_plans(store: PlanStore) -> dict[URIRef, PlanInput]:
    """Every plan in the store with its items and organisation names."""
    plans: dict[URIRef, PlanInput] = {}
    for row in _select(store, _PLANS):
        plan = URIRef(row["plan"])
        plans[plan] = PlanInput(plan, URIRef(row["cpas"]), str(row["cpasLabel"] or ""))
    items: dict[URIRef, Item] = {}
    for row in _select(store, _ITEMS):
        plan, iri = URIRef(row["plan"]), URIRef(row["item"])
        if plan not in plans:
            continue
        item = items.get(iri)
        if item is None:
            # The builder states one title per item: the first row gives it.
            item = items[iri] = Item(iri, plan, str(row["title"]))
            plans[plan].items[iri] = item
        for name, target in (
            ("description", item.descriptions),
            ("objective", item.objectives),
            ("strategic", item.strategic_objectives),
        ):
            if row[name] is not None:
                target.add(str(row[name]))
    for row in _select(store, _ORGANISATIONS):
        plan = URIRef(row["plan"])
        if plan in plans:
            plans[plan].organisations[URIRef(row["org"])] = str(row["name"])
    return plans


def _select(store: PlanStore, query: str) -> list[dict]:
    result = store.query(SPARQL_PREFIXES + query)
    assert isinstance(result, SelectResult)
    return result.as_dicts()
