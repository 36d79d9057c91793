"""A plan as a tree (OS → OO → projects and actions with their fiches), for JSON and pages."""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef
from rdflib.term import Identifier

from pstkg.api.serializers import plain_value
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.output import short
from pstkg.store import PlanStore, SelectResult

_HEAD = """
SELECT ?cpas ?legislature ?title WHERE {
  GRAPH ?plan { ?plan a pst:Plan ; pst:cpas/skos:prefLabel ?cpas ;
                      pst:legislature/skos:prefLabel ?legislature .
                OPTIONAL { ?plan dcterms:title ?title } }
} LIMIT 1
"""

# One row per (OS, OO, item), in the document's order; OPTIONAL keeps empty branches.
_TREE = """
SELECT ?os ?os_code ?os_title ?oo ?oo_code ?oo_title ?item ?code ?title ?class WHERE {
  GRAPH ?plan {
    ?plan pst:hasStrategicObjective ?os . ?os pst:position ?osPosition .
    OPTIONAL { ?os pst:code ?os_code } OPTIONAL { ?os dcterms:title ?os_title }
    OPTIONAL {
      ?os pst:hasOperationalObjective ?oo . ?oo pst:position ?ooPosition .
      OPTIONAL { ?oo pst:code ?oo_code } OPTIONAL { ?oo dcterms:title ?oo_title }
      OPTIONAL {
        ?oo pst:hasProjectOrAction ?item .
        ?item a ?class ; dcterms:title ?title ; pst:position ?itemPosition .
        FILTER(?class IN (pst:Project, pst:Action))
        OPTIONAL { ?item pst:code ?code }
      }
    }
  }
} ORDER BY ?osPosition ?ooPosition ?itemPosition
"""

# Every statement of every fiche, with a French label for concepts and organisations.
_FICHES = """
SELECT ?item ?fiche ?property ?value ?label WHERE {
  GRAPH ?plan { ?item pst:hasFiche ?fiche . ?fiche ?property ?value }
  OPTIONAL {
    GRAPH ?any { ?value skos:prefLabel|rdfs:label|org:name|dcterms:title ?label }
    FILTER(LANG(?label) IN ("fr", ""))
  }
}
"""


# The French labels the ontology gives the fiche's properties, for the pages.
_PROPERTY_LABELS = """
SELECT DISTINCT ?property ?label WHERE {
  GRAPH ?plan { ?item pst:hasFiche ?fiche . ?fiche ?property ?value }
  GRAPH ?vocabulary { ?property rdfs:label ?label FILTER(LANG(?label) = "fr") }
}
"""


def plan_tree(store: PlanStore, plan: URIRef) -> dict[str, object] | None:
    """The plan's tree as plain data; None if the store has no such plan."""
    head = _select(store, _HEAD, plan)
    if not head.rows:
        return None
    cpas, legislature, title = head.rows[0]
    fiches = _fiches(store, plan)
    objectives: dict[str, dict[str, object]] = {}
    operational: dict[str, dict[str, object]] = {}
    children: dict[str, list[dict[str, object]]] = {}  # an objective's OO or actions
    for row in _select(store, _TREE, plan).as_dicts():
        os_key = str(row["os"])
        if os_key not in objectives:
            objectives[os_key] = _node(row["os"], row["os_code"], row["os_title"], "OS")
            children[os_key] = []
            objectives[os_key]["objectifs_operationnels"] = children[os_key]
        if row["oo"] is None:
            continue
        oo_key = str(row["oo"])
        if oo_key not in operational:
            operational[oo_key] = _node(row["oo"], row["oo_code"], row["oo_title"], "OO")
            children[oo_key] = []
            operational[oo_key]["actions"] = children[oo_key]
            children[os_key].append(operational[oo_key])
        if row["item"] is not None:
            item = _node(row["item"], row["code"], row["title"], str(row["class"]).split("#")[-1])
            item["fiches"] = fiches.get(str(row["item"]), [])
            children[oo_key].append(item)
    return {
        "plan": str(plan),
        "cpas": str(cpas),
        "legislature": str(legislature),
        "title": None if title is None else str(title),
        "objectifs_strategiques": list(objectives.values()),
        "fiche_labels": {
            short(row[0]).split(":", 1)[-1]: str(row[1])
            for row in _select(store, _PROPERTY_LABELS, plan).rows
        },
    }


def _node(iri: Identifier | None, code: Identifier | None, title, kind: str) -> dict[str, object]:
    return {
        "iri": str(iri),
        "type": kind,
        "code": None if code is None else str(code),
        "title": None if title is None else str(title),
    }


def _fiches(store: PlanStore, plan: URIRef) -> dict[str, list[dict[str, object]]]:
    """Each item's fiches: property (short name) → values (labels where the value has one)."""
    by_fiche: dict[tuple[str, str], dict[str, list[object]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in _select(store, _FICHES, plan).as_dicts():
        name = short(row["property"]).split(":", 1)[-1]
        value = plain_value(row["label"] if row["label"] is not None else row["value"])
        values = by_fiche[(str(row["item"]), str(row["fiche"]))][name]
        if value not in values:
            values.append(value)
    fiches: dict[str, list[dict[str, object]]] = defaultdict(list)
    for (item, fiche), properties in sorted(by_fiche.items()):
        properties.pop("type", None)
        fiches[item].append({"iri": fiche, **{k: v for k, v in sorted(properties.items())}})
    return fiches


def _select(store: PlanStore, sparql: str, plan: URIRef) -> SelectResult:
    result = store.query(SPARQL_PREFIXES + sparql, {"plan": plan})
    assert isinstance(result, SelectResult)
    return result
