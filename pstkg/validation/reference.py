"""pyshacl as the reference for the store engine: the same results, obtained pyshacl's way.

Two references, both giving each plan's results graph as the store engine does: pyshacl run
plan by plan (each plan's graph with the vocabulary: what ``pst validate --engine pyshacl``
does), and ONE pyshacl run over the union of all the plans and the vocabulary (what issue #7
compares with). :func:`result_keys` turns a results graph into comparable tuples, blank nodes
written out, so that two engines' results can be compared as sets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pstkg.namespaces import PREFIXES
from pstkg.store import PlanStore
from pstkg.validation.engine import run_shacl
from pstkg.validation.rules import PSTSH
from pstkg.validation.store_engine import plan_owners
from pstkg.validation.store_graphs import (
    graph_of,
    ntriples_graph,
    plan_graphs,
    store_vocabulary,
)

ResultKey = tuple[str, str, str, str, str, str, str, str]
"""focus node, path, value, severity, source shape, component, source constraint, messages."""


def pyshacl_per_plan(
    store: PlanStore, plans: Sequence[URIRef] | None = None
) -> dict[URIRef, Graph]:
    """pyshacl over each plan's graph with the vocabulary graph; each plan's results graph."""
    vocabulary = store_vocabulary(store)
    return {
        plan: run_shacl(graph_of(store, plan), vocabulary)
        for plan in (plans if plans is not None else plan_graphs(store))
    }


def pyshacl_whole_store(store: PlanStore, plans: Sequence[URIRef] | None = None) -> Graph:
    """ONE pyshacl run over the union of the store's plan graphs (or ``plans``) and vocabulary.

    The derived graphs are left out, as in every validation. Returns pyshacl's results graph
    for the whole union; :func:`split_by_plan` divides it plan by plan.
    """
    union = Graph()
    for plan in plans if plans is not None else plan_graphs(store):
        union += ntriples_graph(store.graph_ntriples(plan))
    return run_shacl(union, store_vocabulary(store))


def pyshacl_whole_store_by_plan(
    store: PlanStore, plans: Sequence[URIRef] | None = None
) -> dict[URIRef, Graph]:
    """:func:`pyshacl_whole_store`, its results divided plan by plan (:func:`split_by_plan`)."""
    plans = list(plans) if plans is not None else plan_graphs(store)
    return split_by_plan(store, plans, pyshacl_whole_store(store, plans))


def split_by_plan(store: PlanStore, plans: Sequence[URIRef], results: Graph) -> dict[URIRef, Graph]:
    """One results graph per plan: each result goes to the plans whose graphs hold its focus
    node, the way the store engine divides its own results."""
    owners = plan_owners(store, plans, set(results.objects(None, SH.focusNode)))
    by_plan: dict[URIRef, Graph] = {}
    for plan in plans:
        graph = Graph(bind_namespaces="core")
        for prefix, namespace in {**PREFIXES, "pstsh": str(PSTSH)}.items():
            graph.bind(prefix, namespace)
        by_plan[plan] = graph
    reports: dict[URIRef, BNode] = {plan: BNode() for plan in plans}
    counts: Counter[URIRef] = Counter()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        for plan in owners.get(focus, plans) if focus is not None else plans:
            graph = by_plan[plan]
            graph.add((reports[plan], SH.result, result))
            _copy_below(results, result, graph)
            counts[plan] += 1
    for plan in plans:
        by_plan[plan].add((reports[plan], RDF.type, SH.ValidationReport))
        by_plan[plan].add((reports[plan], SH.conforms, Literal(counts[plan] == 0)))
    return by_plan


def _copy_below(source: Graph, node: Node, target: Graph) -> None:
    for predicate, obj in source.predicate_objects(node):
        target.add((node, predicate, obj))
        if isinstance(obj, BNode):
            _copy_below(source, obj, target)


def canonical(graph: Graph, node: Node | None, depth: int = 0) -> str:
    """A node written out whole: blank nodes (paths, anonymous constraints) by their content."""
    if node is None:
        return ""
    if not isinstance(node, BNode):
        return node.n3()
    if depth > 10:
        return "[…]"
    if (node, RDF.first, None) in graph:
        return (
            "("
            + " ".join(canonical(graph, item, depth + 1) for item in Collection(graph, node))
            + ")"
        )
    pairs = sorted(
        f"{predicate.n3()} {canonical(graph, obj, depth + 1)}"
        for predicate, obj in graph.predicate_objects(node)
    )
    return "[" + " ; ".join(pairs) + "]"


def result_keys(results: Graph) -> Counter[ResultKey]:
    """Every validation result of a results graph as a tuple of canonical strings, counted."""
    keys: Counter[ResultKey] = Counter()
    for result in results.subjects(RDF.type, SH.ValidationResult):

        def part(predicate: URIRef, result: Node = result) -> str:
            return canonical(results, results.value(result, predicate))

        messages = sorted(m.n3() for m in results.objects(result, SH.resultMessage))
        keys[
            (
                part(SH.focusNode),
                part(SH.resultPath),
                part(SH.value),
                part(SH.resultSeverity),
                part(SH.sourceShape),
                part(SH.sourceConstraintComponent),
                part(SH.sourceConstraint),
                " | ".join(messages),
            )
        ] += 1
    return keys
