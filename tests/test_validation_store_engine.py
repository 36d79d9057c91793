"""The store engine gives pyshacl's findings: plan by plan, and as one run over the whole region.

The region is the four published plans, the fictional plans of tests/fixtures/plans and the
hand-written plans of tests/fixtures/validation (one with every defect the shapes know, one
with none), in one store; a synthetic region is added when bench/synthetic can make one.
Results are compared as counted sets of tuples (focus node, path, value, severity, shape,
component, constraint, messages), blank nodes (paths, anonymous constraints) written out.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from pstkg.loading import load_files
from pstkg.namespaces import PST
from pstkg.store import open_store
from pstkg.validation import validate_store
from pstkg.validation.compile import UnsupportedShapeError, compile_shapes
from pstkg.validation.reference import (
    pyshacl_per_plan,
    pyshacl_whole_store_by_plan,
    result_keys,
)
from pstkg.validation.rules import load_rules
from pstkg.validation.sparql_text import (
    SparqlTextError,
    check_runs_for_all_focus_nodes,
    inject_into_where,
    substitute_variable,
)
from pstkg.validation.store_engine import run_region, validate_region
from pstkg.validation.store_graphs import plan_graphs

from .conftest import CORPUS, ROOT

FIXTURES = Path(__file__).parent / "fixtures"
HAND_WRITTEN = ("defects.ttl", "clean.ttl")


def load_region(store, *sources: Path) -> None:
    """Documents through the loaders, the hand-written Turtle plans as they are."""
    assert all(report.loaded for report in load_files(store, list(sources)))
    for name in HAND_WRITTEN:
        graph = Graph().parse(FIXTURES / "validation" / name, format="turtle")
        (plan,) = graph.subjects(RDF.type, PST.Plan)
        store.replace_graph(URIRef(plan), graph)


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """The region in one store: its plans, the store engine's results and both references."""
    with open_store(tmp_path_factory.mktemp("region") / "store") as store:
        load_region(store, CORPUS, FIXTURES / "plans")
        plans = plan_graphs(store)
        yield {
            "store": store,
            "plans": plans,
            "engine": validate_region(store),
            "per_plan": pyshacl_per_plan(store),
            "whole": pyshacl_whole_store_by_plan(store),
        }


def test_the_region_holds_every_kind_of_plan(region):
    slugs = {str(plan).split("/plan/")[1].split("/")[0] for plan in region["plans"]}
    assert {"anderlues", "burdinne", "dinant", "fictiville", "exempleville"} <= slugs
    assert len(slugs) == 10


def test_same_results_as_pyshacl_plan_by_plan(region):
    for plan in region["plans"]:
        assert result_keys(region["engine"][plan]) == result_keys(region["per_plan"][plan]), plan


def test_same_results_as_one_pyshacl_run_over_the_whole_region(region):
    for plan in region["plans"]:
        assert result_keys(region["engine"][plan]) == result_keys(region["whole"][plan]), plan


def test_every_kind_of_result_is_compared(region):
    # The comparison means something only if every component, every severity, blank-node
    # paths, values and filled-in messages occur among the results.
    keys = [key for plan in region["plans"] for key in result_keys(region["engine"][plan])]
    components = {key[5].rsplit("#", 1)[1].rstrip(">") for key in keys}
    assert components == {
        "MinCountConstraintComponent",
        "QualifiedMinCountConstraintComponent",
        "SPARQLConstraintComponent",
    }
    assert {key[3].rsplit("#", 1)[1].rstrip(">") for key in keys} == {
        "Violation",
        "Warning",
        "Info",
    }
    assert any(key[1].startswith("[") for key in keys)  # sh:alternativePath
    assert any(key[6].startswith("[") for key in keys)  # the anonymous SPARQL constraint
    assert any(key[2] and key[2] != key[0] for key in keys)  # ?value bound by the query
    assert any("lignes" in key[7] for key in keys)  # {?first} and {?second} filled in


def test_one_plan_alone_gives_the_same_results(region):
    store = region["store"]
    for plan in region["plans"][:3]:
        alone = run_region(store, [plan]).results[plan]
        assert result_keys(alone) == result_keys(region["per_plan"][plan])


def test_reports_are_the_same_with_either_engine(region):
    store = region["store"]
    fast = validate_store(store)
    reference = validate_store(store, engine="pyshacl")
    assert [report.plan for report in fast] == [report.plan for report in reference]
    for ours, theirs in zip(fast, reference, strict=True):
        assert ours.findings == theirs.findings
        assert ours.score == theirs.score
        assert ours.requirements == theirs.requirements
        assert ours.conforms == theirs.conforms


def test_corpus_scores_are_unchanged(region):
    percent = {report.cpas: report.score.percent for report in validate_store(region["store"])}
    assert percent["CPAS d'Anderlues"] == 59
    assert percent["CPAS de Burdinne"] == 8
    assert percent["CPAS de Dinant"] == 2


@pytest.mark.skipif(
    importlib.util.find_spec("bench.synthetic") is None, reason="no bench/synthetic generator yet"
)
def test_same_results_on_a_synthetic_region(tmp_path):
    out = tmp_path / "region"
    subprocess.run(
        [sys.executable, "-m", "bench.synthetic", "--plans", "8", "--seed", "7", "--out", str(out)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with open_store(tmp_path / "store") as store:
        assert all(report.loaded for report in load_files(store, [out]))
        plans = plan_graphs(store)
        assert len(plans) == 8
        engine = validate_region(store)
        per_plan = pyshacl_per_plan(store)
        whole = pyshacl_whole_store_by_plan(store)
        for plan in plans:
            assert result_keys(engine[plan]) == result_keys(per_plan[plan]), plan
            assert result_keys(engine[plan]) == result_keys(whole[plan]), plan


# -- what the engine refuses ------------------------------------------------------------------

SHAPES_PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
"""


def compile_text(turtle: str):
    return compile_shapes(Graph().parse(data=SHAPES_PREFIXES + turtle, format="turtle"))


def test_an_unsupported_component_is_named_with_its_shape():
    with pytest.raises(UnsupportedShapeError, match=r"shape <http://example.org/P>: sh:maxCount"):
        compile_text(
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
            "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:maxCount 1 ; sh:message 'm' ."
        )


def test_a_sparql_constraint_that_cannot_run_for_all_focus_nodes_is_refused():
    with pytest.raises(
        UnsupportedShapeError, match=r"example.org/S>: sh:sparql: .*GROUP BY \$this"
    ):
        compile_text(
            'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select """'
            'SELECT $this (COUNT(?x) AS ?n) WHERE { $this ex:p ?x }""" ] .'
        )


def test_the_shapes_of_the_project_all_compile():
    checks = compile_shapes(load_rules().graph)
    assert len(checks) == 28
    assert {check.severity for check in checks} == {SH.Violation, SH.Warning, SH.Info}


# -- SPARQL text ------------------------------------------------------------------------------


def test_focus_nodes_join_the_outer_group_itself():
    query = 'SELECT $this WHERE { FILTER NOT EXISTS { $this <p> "{" } } # }'
    assert inject_into_where(query, "FOCUS") == (
        'SELECT $this WHERE {\nFOCUS\n FILTER NOT EXISTS { $this <p> "{" } } # }'
    )
    nested = "SELECT $this WHERE { SELECT $this WHERE { $this <p> ?o } }"
    assert inject_into_where(nested, "FOCUS") == (
        "SELECT $this WHERE {\nFOCUS\n{  SELECT $this WHERE { $this <p> ?o }  }\n}"
    )


def test_path_substitution_leaves_strings_and_iris_alone():
    query = 'SELECT $this WHERE { $this $PATH ?v FILTER (?v != "$PATH") }'
    assert substitute_variable(query, "PATH", "(<a>|<b>)") == (
        'SELECT $this WHERE { $this (<a>|<b>) ?v FILTER (?v != "$PATH") }'
    )


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { ?x <p> ?o }",
        "SELECT $this WHERE { { SELECT ?o WHERE { $this <p> ?o } } }",
        "SELECT $this WHERE { $this <p> ?o } LIMIT 1",
        "SELECT $this WHERE { MINUS { $this <p> ?o } }",
        "SELECT $this WHERE { GRAPH ?g { $this <p> ?o } }",
    ],
)
def test_queries_that_pre_binding_and_a_join_would_answer_differently_are_refused(query):
    with pytest.raises(SparqlTextError):
        check_runs_for_all_focus_nodes(query)
