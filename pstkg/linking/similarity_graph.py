"""Writing the similarity graph, which spans every plan: in parts when new, by difference after.

At regional scale the graph is the largest of the store (1,000 plans: ~285,000 links, ~2.3
million triples), so it is never held whole in memory nor rewritten for a small change:

- a graph the store does not hold is written in parts through the store's bulk path, its
  description (``pst:inputDigest``) last: a derivation interrupted half-way leaves a graph
  without digest, which the next one takes for absent and writes again;
- a graph the store holds, made with the same data and method, is brought up to date in one
  update: the links that changed, appeared or went, and the description (one more plan in a
  region of 1,000 changes ~3 % of the links: scores move with the inverse frequencies);
- otherwise (other data or method) it is dropped and written anew.

The result is the graph :func:`similarity_triples` states, whichever way it was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from rdflib import URIRef

from pstkg.linking.graphs import (
    SIMILARITY_GRAPH,
    add_similarity,
    describe_graph,
    similarity_evidence,
    similarity_node,
)
from pstkg.linking.similarity import SimilarityLink
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import PlanStore
from pstkg.store.writer import GraphWriter
from pstkg.triples import TripleSet

PART_LINKS = 10_000
"""Links per part written to a new graph (~85,000 triples)."""

# One property of every link at a time: three scans of the graph cost less than their join.
_LINK_VALUES = """
SELECT ?link ?value WHERE { GRAPH <{graph}> { ?link pst:{property} ?value } }"""


def write_similarity(
    writer: GraphWriter,
    links: Sequence[SimilarityLink],
    plans: Sequence[URIRef],
    digest: str,
    labels: dict[URIRef, str],
    stored_digest: str | None,
) -> None:
    """Make the store's similarity graph state ``links`` (see the module's docstring)."""
    if stored_digest == digest:
        _update(writer.store, links, plans, digest, labels)
        return
    writer.store.drop_graph(SIMILARITY_GRAPH)
    for part in _parts(links, labels):
        writer.add(SIMILARITY_GRAPH, part)
    writer.wait()  # every part is in: now the description, which says the graph is whole
    writer.add(SIMILARITY_GRAPH, _description(plans, digest))


def _parts(links: Sequence[SimilarityLink], labels: dict[URIRef, str]) -> Iterator[TripleSet]:
    for start in range(0, len(links), PART_LINKS):
        part = TripleSet()
        for link in links[start : start + PART_LINKS]:
            add_similarity(part, link, labels)
        yield part


def _description(plans: Iterable[URIRef], digest: str) -> TripleSet:
    description = TripleSet()
    describe_graph(description, SIMILARITY_GRAPH, sorted(plans), digest)
    return description


def _update(
    store: PlanStore,
    links: Sequence[SimilarityLink],
    plans: Sequence[URIRef],
    digest: str,
    labels: dict[URIRef, str],
) -> None:
    """One update: drop the links that changed or went, state the changed and new ones."""
    stored = _stored_links(store)
    fresh: dict[str, SimilarityLink] = {similarity_node(link): link for link in links}
    inserted = TripleSet()
    gone: list[str] = []
    for node, link in fresh.items():
        if stored.get(node) != _state(link, labels):
            add_similarity(inserted, link, labels)
            if node in stored:
                gone.append(node)  # changed: its old statements go first
    removed = sorted(set(stored) - set(fresh))
    gone.extend(removed)
    graph = f"<{SIMILARITY_GRAPH}>"
    operations = [
        # The description: which plans, which digest (plans come and go).
        f"DELETE WHERE {{ GRAPH {graph} {{ {graph} ?p ?o }} }}",
        f"INSERT DATA {{ GRAPH {graph} {{\n{_description(plans, digest).ntriples().decode()}}} }}",
    ]
    if gone:
        values = " ".join(f"<{node}>" for node in sorted(gone))
        operations.append(
            f"DELETE {{ GRAPH {graph} {{ ?link ?p ?o . ?source pst:similarTo ?target }} }}\n"
            f"WHERE {{ VALUES ?link {{ {values} }}\n  GRAPH {graph} {{\n"
            f"    ?link ?p ?o ; pst:linkSubject ?source ; pst:linkTarget ?target }} }}"
        )
    if len(inserted):
        operations.append(f"INSERT DATA {{ GRAPH {graph} {{\n{inserted.ntriples().decode()}}} }}")
    store.update(SPARQL_PREFIXES + " ;\n".join(operations))


def _stored_links(store: PlanStore) -> dict[str, tuple[Decimal, int, str]]:
    """The links of the stored graph: node → (score, rank, evidence)."""
    values: list[dict[str, str]] = []
    for name in ("score", "rank", "evidence"):
        query = _LINK_VALUES.replace("{graph}", SIMILARITY_GRAPH).replace("{property}", name)
        # As plain strings: ~285,000 rows for a region of 1,000 plans.
        rows = store.select_text(SPARQL_PREFIXES + query)
        values.append(
            {link: value for link, value in rows if link is not None and value is not None}
        )
    scores, ranks, evidence = values
    return {
        link: (Decimal(score), int(ranks[link]), evidence[link]) for link, score in scores.items()
    }


def _state(link: SimilarityLink, labels: dict[URIRef, str]) -> tuple[Decimal, int, str]:
    """What distinguishes two versions of a link's statements (its ends are in its IRI)."""
    return Decimal(f"{link.score:.3f}"), link.rank, similarity_evidence(link, labels)
