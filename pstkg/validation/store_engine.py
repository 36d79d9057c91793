"""Validating the plans of a store with Oxigraph: each compiled constraint once for all plans.

pyshacl validates one plan at a time, in rdflib, running each SPARQL constraint once per
focus node: seconds per plan, minutes per region. Here the shapes are compiled into SPARQL
(:mod:`pstkg.validation.compile`) and Oxigraph answers each query once, over a working store
whose default graph holds the plans to validate and the vocabulary graph, as one pyshacl run
over their union would see them. Each result then goes to the plan whose graph holds its focus
node, and each plan gets a results graph in pyshacl's vocabulary
(:mod:`pstkg.validation.results_graph`), which the reports read unchanged.

Why a working store rather than the store itself: the store also holds the derived graphs
(linking, inferences), which must not be validated, and Oxigraph can only restrict the default
graph to a list of graphs by looking each pattern up graph by graph, which made the SPARQL
targets of the shapes hundreds of times slower on 250 plans. Copying the plans (in Rust) into
an in-memory store costs a few seconds per region and keeps every query on one graph.

Validating a single plan uses the same path with that plan alone: exactly pyshacl's data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from pstkg.errors import StoreError
from pstkg.store import PlanStore, SelectResult
from pstkg.store.terms import to_rdflib
from pstkg.validation.compile import Check, Focus, Kind, iri, shape_checks
from pstkg.validation.results_graph import Result, results_graph
from pstkg.validation.rules import load_rules
from pstkg.validation.store_graphs import (
    ntriples_graph,
    plan_graphs,
    quads_graph,
    vocabulary_ntriples,
)

_LOOKUP_CHUNK = 1000
"""Focus nodes per query when finding which plan graphs hold them."""


@dataclass
class RegionValidation:
    """The plans validated together: their results graphs and their graphs as validated."""

    results: dict[URIRef, Graph]
    """Each plan's ``sh:ValidationReport`` graph, in pyshacl's vocabulary."""
    sources: dict[URIRef, bytes | list[ox.Quad]]
    """Each plan's graph as N-Triples (or quads, see :func:`run_region`), as it was validated."""

    def plan_graph(self, plan: URIRef) -> Graph:
        """The plan's graph as rdflib reads it, for its report (findings, score)."""
        source = self.sources[plan]
        return ntriples_graph(source) if isinstance(source, bytes) else quads_graph(source)


def validate_region(store: PlanStore, plans: Sequence[URIRef] | None = None) -> dict[URIRef, Graph]:
    """Validate every plan of the store (or ``plans``) at once; each plan's results graph.

    The whole-region entry point of the store engine: one SPARQL query per constraint over
    the union of the plans and the vocabulary graph, with the findings of one pyshacl run
    over that union (and of a pyshacl run per plan, plans sharing no node). The results
    graphs are those :func:`pstkg.validation.engine.run_shacl` returns, plan by plan: an
    ``sh:ValidationReport`` with ``sh:conforms`` and one ``sh:ValidationResult`` per result.
    """
    return run_region(store, plans).results


def run_region(
    store: PlanStore, plans: Sequence[URIRef] | None = None, checks: Sequence[Check] | None = None
) -> RegionValidation:
    """:func:`validate_region`, keeping the plans' graphs for their reports.

    ``checks`` defaults to the compiled shapes of shapes/.
    """
    plans = list(plans) if plans is not None else plan_graphs(store)
    sources: dict[URIRef, bytes | list[ox.Quad]] = {}
    working = ox.Store()
    working.load(vocabulary_ntriples(store), format=ox.RdfFormat.N_TRIPLES)
    for plan in plans:
        ntriples = sources[plan] = store.graph_ntriples(plan)
        try:
            working.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
        except MemoryError:
            # pyoxigraph's parsers hold one term in at most 16 MiB: a longer literal (the
            # title of a file that is one huge line) cannot be read back from N-Triples, so
            # this plan's quads are copied as the store holds them.
            quads = sources[plan] = store.graph_quads(plan)
            working.extend(quads)
    checks = checks or shape_checks()
    for focus in {check.focus.key: check.focus for check in checks}.values():
        working.extend(focus.quads(focus_nodes(working, focus)))
    found = [result for check in checks for result in run_check(working, check)]
    owners = plan_owners(store, plans, {result.focus for result in found})
    by_plan: dict[URIRef, list[Result]] = {plan: [] for plan in plans}
    for result in found:
        for plan in owners.get(result.focus, plans):
            by_plan[plan].append(result)
    shapes = load_rules().graph
    return RegionValidation(
        results={plan: results_graph(by_plan[plan], shapes) for plan in plans},
        sources=sources,
    )


def focus_nodes(working: ox.Store, focus: Focus) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
    """The focus nodes of one shape (its targets, or its parent's), each once."""
    try:
        solutions = working.query(focus.query)
    except (SyntaxError, OSError, ValueError) as error:
        raise StoreError(f"finding focus nodes: query failed: {error}") from None
    assert isinstance(solutions, ox.QuerySolutions)
    return [solution["this"] for solution in solutions if solution["this"] is not None]


def run_check(working: ox.Store, check: Check) -> list[Result]:
    """The results of one check: one per distinct row, as pyshacl keeps one per distinct row."""
    try:
        solutions = working.query(check.query)
    except (SyntaxError, OSError, ValueError) as error:
        raise StoreError(f"validating shape {check.shape}: query failed: {error}") from None
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    results: dict[tuple[tuple[str, Node], ...], Result] = {}
    for solution in solutions:
        row = tuple(
            (name, term) for name in names if (term := to_rdflib(solution[name])) is not None
        )
        if any(isinstance(term, BNode) for _, term in row):
            # Loading a graph into the working store relabels its blank nodes, so a result on
            # one could not be found again in the plan's graph. The loaders mint none.
            raise StoreError(
                f"shape {check.shape} reports on a blank node, which the store engine cannot "
                "name: validate with --engine pyshacl"
            )
        focus = dict(row).get("this")
        if focus is None:
            continue  # pyshacl drops a row without ?this, ?path nor ?value; ?this is always there
        if check.kind is not Kind.SPARQL:
            row = (("this", focus),)
        results.setdefault(row, Result(check, focus, row))
    return list(results.values())


def plan_owners(
    store: PlanStore, plans: Sequence[URIRef], nodes: Iterable[Node]
) -> dict[Node, list[URIRef]]:
    """The plans whose graphs hold each node (as subject, else as object).

    A node no plan graph holds (one of the vocabulary's, a target node) is left out: its
    results go to every plan, as each plan's own validation (plan and vocabulary) finds them.
    """
    if len(plans) == 1:
        return {node: [plans[0]] for node in nodes}
    wanted = set(plans)
    owners: dict[Node, list[URIRef]] = defaultdict(list)
    pending = sorted((node for node in nodes if isinstance(node, URIRef)), key=str)
    for pattern in ("GRAPH ?graph { ?node ?p ?o }", "GRAPH ?graph { ?s ?p ?node }"):
        for start in range(0, len(pending), _LOOKUP_CHUNK):
            chunk = pending[start : start + _LOOKUP_CHUNK]
            values = " ".join(iri(node, node, "focus node") for node in chunk)
            result = store.query(
                f"SELECT DISTINCT ?node ?graph WHERE {{ VALUES ?node {{ {values} }} {pattern} }}"
            )
            assert isinstance(result, SelectResult)
            for node, graph in result.rows:
                if isinstance(graph, URIRef) and graph in wanted and node is not None:
                    owners[node].append(graph)
        pending = [node for node in pending if node not in owners]
    return {node: sorted(graphs) for node, graphs in owners.items()}
