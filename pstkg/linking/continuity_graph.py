"""Reading the plans continuity compares from the store, and writing its links there.

The links of a later plan go into that plan's derived graph (``graph/derived/{cpas}/{leg}``):
the plain triple ``<later item> pst:continues <earlier item>`` and the reified
``pst:ContinuityLink`` ``{later item}/continues/{sha1(earlier item)[:12]}`` with its ends,
method, score and evidence. They depend on two plans, so they are rewritten as a whole, in one
update, whenever the derivation changed a plan: removed everywhere, stated anew.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from importlib.resources import files

from rdflib import URIRef

from pstkg.linking.continuity import ContinuityLink, PlanItem, PlanVersion, continuity_links
from pstkg.linking.graphs import add_link, derived_graph_iri
from pstkg.namespaces import PST, PSTV, SPARQL_PREFIXES
from pstkg.store import PlanStore
from pstkg.triples import TripleSet

# Every continuity statement of every derived graph (the reified links and their shortcuts).
_REMOVE = """
DELETE { GRAPH ?graph { ?link ?p ?o . ?later pst:continues ?earlier } }
WHERE {
  GRAPH ?graph {
    ?link a pst:ContinuityLink ; pst:linkSubject ?later ; pst:linkTarget ?earlier ; ?p ?o
  }
}"""


def read_plan_versions(store: PlanStore) -> list[PlanVersion]:
    """The plans of the CPAS that have two plans or more, with their items, in IRI order."""
    query = files(__package__).joinpath("continuity-items.rq").read_text(encoding="utf-8")
    rows = store.select_text(SPARQL_PREFIXES + query)
    heads: dict[str, tuple[str, str]] = {}
    codes: dict[tuple[str, str], str | None] = {}
    titles: dict[tuple[str, str], str] = {}
    descriptions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for plan, cpas, legislature, item, code, title, description in rows:
        if plan is None or cpas is None or legislature is None or item is None or title is None:
            continue  # bound in every row the query gives (not OPTIONAL)
        heads[plan] = (cpas, legislature)
        key = (plan, item)
        # One code and one title per item (the builder writes one): the smallest, were there two.
        titles[key] = min(title, titles.get(key, title))
        if code is not None:
            codes[key] = min(code, codes.get(key) or code)
        else:
            codes.setdefault(key, None)
        if description is not None:
            descriptions[key].add(description)
    items: dict[str, list[PlanItem]] = defaultdict(list)
    for plan, item in sorted(titles):
        key = (plan, item)
        found = PlanItem(URIRef(item), codes[key], titles[key], tuple(sorted(descriptions[key])))
        items[plan].append(found)
    return [
        PlanVersion(URIRef(plan), URIRef(cpas), URIRef(legislature), tuple(items[plan]))
        for plan, (cpas, legislature) in sorted(heads.items())
    ]


def continuity_node(link: ContinuityLink) -> str:
    """The IRI of a continuity link: ``{later item}/continues/{sha1(earlier item)[:12]}``."""
    digest = hashlib.sha1(str(link.earlier).encode("utf-8")).hexdigest()[:12]
    return f"{link.later}/continues/{digest}"


def continuity_triples(links: Sequence[ContinuityLink]) -> dict[URIRef, TripleSet]:
    """The statements of ``links``, by the derived graph (of the later plan) they belong to."""
    graphs: dict[URIRef, TripleSet] = {}
    for link in links:
        graph = graphs.setdefault(derived_graph_iri(link.later_plan), TripleSet())
        graph.add(link.later, PST.continues, link.earlier)
        add_link(
            graph,
            continuity_node(link),
            PST.ContinuityLink,
            link.later,
            link.earlier,
            PSTV[f"method-{link.method}"],
            link.score,
            link.evidence,
        )
    return graphs


def write_continuity(store: PlanStore) -> int:
    """Recompute every continuity link of the store and state them; the number of links."""
    links = continuity_links(read_plan_versions(store))
    operations = [_REMOVE]
    for graph, triples in sorted(continuity_triples(links).items()):
        operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples.ntriples().decode()}}} }}")
    store.update(SPARQL_PREFIXES + " ;\n".join(operations))
    return len(links)
