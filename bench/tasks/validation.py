"""Validation: pst-kg's engine on the whole region, against one pyshacl run over the whole graph.

``python -m bench.tasks.validation STORE --reference-plans K``

- pst-kg validates every plan of the store at once (shapes compiled to SPARQL on Oxigraph);
- the reference is ONE pyshacl run over the union of the plan graphs and the vocabulary, as a
  user of pyshacl would validate a region. pyshacl's time grows faster than the region
  (bench/README.md): over 250 plans it would take hours, so the side-by-side comparison,
  findings included, is made on the first K plans of the region;
- the largest plan is validated alone by both.
Findings are compared as sets of (focus node, path, value, severity, shape, constraint
component, constraint, message), blank nodes in paths written out as SPARQL paths.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from bench.tasks.common import run_task
from pstkg.store import PlanStore, open_store
from pstkg.validation.engine import run_shacl
from pstkg.validation.run import graph_of, plan_graphs, store_vocabulary
from pstkg.validation.store_engine import validate_region


def measure(store_path: Path, reference_plans: int) -> dict[str, Any]:
    """Timings of both engines, the numbers of findings and whether they are identical."""
    store = open_store(store_path, read_only=True)
    plans = plan_graphs(store)
    runs: dict[str, dict[str, Any]] = {}

    started = time.perf_counter()
    region = validate_region(store, plans)
    runs[f"pst-kg, all {len(plans)} plans"] = {
        "seconds": round(time.perf_counter() - started, 2),
        "findings": sum(len(findings_of(graph)) for graph in region.values()),
    }

    subset = plans[:reference_plans]
    started = time.perf_counter()
    ours = validate_region(store, subset)
    ours_seconds = time.perf_counter() - started
    ours_findings = set().union(*(findings_of(graph) for graph in ours.values()))
    union, vocabulary = _union(store, subset), store_vocabulary(store)
    started = time.perf_counter()
    theirs = run_shacl(union, vocabulary)
    theirs_seconds = time.perf_counter() - started
    theirs_findings = findings_of(theirs)
    runs[f"pst-kg, first {len(subset)} plans"] = {
        "seconds": round(ours_seconds, 2),
        "findings": len(ours_findings),
    }
    runs[f"pyshacl, one run over the same {len(subset)} plans"] = {
        "seconds": round(theirs_seconds, 2),
        "findings": len(theirs_findings),
    }

    largest = max(plans, key=lambda plan: len(graph_of(store, plan)))
    started = time.perf_counter()
    validate_region(store, [largest])
    single = time.perf_counter() - started
    started = time.perf_counter()
    run_shacl(graph_of(store, largest), vocabulary)
    single_pyshacl = time.perf_counter() - started
    runs["pst-kg, the largest plan alone"] = {"seconds": round(single, 3)}
    runs["pyshacl, the largest plan alone"] = {"seconds": round(single_pyshacl, 3)}
    return {
        "runs": runs,
        "reference_plans": len(subset),
        "speedup": round(theirs_seconds / ours_seconds, 1),
        "identical_findings": ours_findings == theirs_findings,
        "only_pst_kg": len(ours_findings - theirs_findings),
        "only_pyshacl": len(theirs_findings - ours_findings),
        "single_plan": str(largest),
        "single_plan_seconds": round(single, 3),
    }


_RESULT_KEYS = (
    SH.focusNode,
    SH.resultPath,
    SH.value,
    SH.resultSeverity,
    SH.sourceShape,
    SH.sourceConstraintComponent,
    SH.sourceConstraint,
    SH.resultMessage,
)


def findings_of(results: Graph) -> set[tuple[str, ...]]:
    """Each ``sh:ValidationResult`` of a results graph as a tuple of comparable strings."""
    return {
        tuple(
            "|".join(sorted(_canonical(results, value) for value in results.objects(result, key)))
            for key in _RESULT_KEYS
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }


def _canonical(graph: Graph, node: Node, depth: int = 0) -> str:
    """A node as text; a blank node (a path, an anonymous constraint) by what it holds."""
    if not isinstance(node, BNode) or depth > 8:
        return node.n3()
    inside = sorted(
        f"{predicate.n3()} {_canonical(graph, value, depth + 1)}"
        for predicate, value in graph.predicate_objects(node)
    )
    return "[" + " ; ".join(inside) + "]"


def _union(store: PlanStore, plans: list[URIRef]) -> Graph:
    union = Graph()
    for plan in plans:
        for triple in graph_of(store, plan):
            union.add(triple)
    return union


def main() -> None:
    """Command line of the task."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", type=Path)
    parser.add_argument("--reference-plans", type=int, default=16)
    args = parser.parse_args()
    run_task(lambda: measure(args.store, args.reference_plans))


if __name__ == "__main__":
    main()
