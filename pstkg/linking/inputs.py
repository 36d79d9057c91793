"""What the derivation reads of the plans in the store: their items' texts and the organisations
they name. Read through SPARQL, so any backend of :class:`~pstkg.store.PlanStore` will do."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from pstkg.linking.themes import ItemText
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import PlanStore
from pstkg.store.embedded import EmbeddedStore
from pstkg.triples import TripleSet

_PLANS = """
SELECT ?plan ?cpas ?cpasLabel WHERE {
  GRAPH ?plan { ?plan a pst:Plan ; pst:cpas ?cpas . OPTIONAL { ?cpas skos:prefLabel ?cpasLabel } }
}"""

# {RESTRICT} is where a VALUES clause may name the plans to read (else all are read).
_ITEMS = """
SELECT ?plan ?item ?title ?description ?objective ?strategic ?alternative WHERE {
  {RESTRICT}
  GRAPH ?plan {
    ?plan a pst:Plan .
    ?item a ?type ; dcterms:title ?title .
    FILTER(?type IN (pst:Project, pst:Action))
    OPTIONAL { ?item pst:hasFiche/dcterms:description ?description }
    OPTIONAL { ?item dcterms:alternative ?alternative }
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
  {RESTRICT}
  GRAPH ?plan {
    ?plan a pst:Plan .
    ?holder ?role ?org .
    FILTER(?role IN (pst:partner, pst:mentionsOrganization, pst:responsible))
    ?org skos:prefLabel ?name .
  }
}"""


# The themes a plan's derived graph gives its items.
_THEMES = """
SELECT ?item ?theme WHERE {
  {RESTRICT}
  GRAPH ?graph { ?graph a pst:DerivedGraph ; prov:wasDerivedFrom ?plan . ?item pst:theme ?theme }
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
    alternatives: set[str] = field(default_factory=set)
    """Variants of the title (read for search only: the classifier reads the title)."""

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


def list_plans(store: PlanStore) -> list[URIRef]:
    """The plans in the store (those :func:`read_plans` reads), in IRI order."""
    return sorted({URIRef(plan) for plan, _, _ in _select(store, _PLANS)})


def read_plans(
    store: PlanStore, only: Collection[URIRef] | None = None, *, organisations: bool = True
) -> dict[URIRef, PlanInput]:
    """Every plan in the store (or those of ``only``) with its items and organisation names
    (unless ``organisations`` is False: the similarity reads only the items)."""
    plans: dict[str, PlanInput] = {}
    for plan, cpas, label in _select(store, _PLANS):
        plans[plan] = PlanInput(URIRef(plan), URIRef(cpas), label or "")
    if only is not None:
        plans = {key: plan for key, plan in plans.items() if plan.iri in only}
        if not plans:
            return {}
    restrict = _values("plan", plans) if only is not None else ""
    items: dict[str, Item] = {}
    for plan, iri, title, description, objective, strategic, alternative in _select(
        store, _ITEMS, restrict
    ):
        if plan not in plans:
            continue
        item = items.get(iri)
        if item is None:
            # The builder states one title per item: the first row gives it.
            item = items[iri] = Item(URIRef(iri), plans[plan].iri, title)
            plans[plan].items[item.iri] = item
        for value, target in (
            (description, item.descriptions),
            (objective, item.objectives),
            (strategic, item.strategic_objectives),
            (alternative, item.alternatives),
        ):
            if value is not None:
                target.add(value)
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for plan, org, name in _select(store, _ORGANISATIONS, restrict) if organisations else ():
        if plan in plans:
            names[plan, org].append(name)
    for (plan, org), written in names.items():
        # One name per organisation node (the builder writes one; were there two, the same
        # one every time, whatever order the store answers in).
        plans[plan].organisations[URIRef(org)] = min(written)
    return {plan.iri: plan for plan in plans.values()}


def plan_input(plan: URIRef, triples: TripleSet) -> PlanInput:
    """What :func:`read_plans` reads of a plan graph once stored, read from its triples.

    The same queries run over an in-memory store holding the graph alone: the loader's
    workers derive a plan's links from the graph they have just built, as from the store.
    """
    memory = EmbeddedStore(None)
    memory.replace_graph(plan, triples)
    return read_plans(memory)[plan]


def read_stored_themes(
    store: PlanStore, plans: Collection[URIRef]
) -> dict[URIRef, frozenset[URIRef]]:
    """The themes the derived graphs of ``plans`` give each item (items without: absent)."""
    if not plans:
        return {}
    themes: dict[str, set[str]] = defaultdict(set)
    for item, theme in _select(store, _THEMES, _values("plan", plans)):
        themes[item].add(theme)
    return {URIRef(item): frozenset(map(URIRef, found)) for item, found in themes.items()}


def _values(variable: str, iris: Iterable[object]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in sorted(map(str, iris)))} }}\n"


def _select(store: PlanStore, query: str, restrict: str = "") -> list[tuple]:
    # Rows as plain strings: a region has tens of thousands of projects to read.
    return store.select_text(SPARQL_PREFIXES + query.replace("{RESTRICT}", restrict))
