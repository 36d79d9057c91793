"""`pst reason`: HermiT per plan; the inferences, in graphs of their own, change nothing counted."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from pstkg.cli import main
from pstkg.inference import inferred_graph_iri
from pstkg.namespaces import GRAPH, PST
from pstkg.store import open_store

from .conftest import CORPUS
from .conftest import run_cli as run

pytestmark = pytest.mark.slow  # HermiT: a JVM and about 1.5 s per plan

PLAN = "https://w3id.org/pst-kg/id/plan/"
ANDERLUES = URIRef(PLAN + "anderlues/2019-2024")
DINANT = URIRef(PLAN + "dinant/2019-2024")


def graph(store_dir: Path, name: URIRef) -> Graph:
    with open_store(store_dir, read_only=True) as store:
        result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, Graph)
    return result


def names(store_dir: Path) -> list[URIRef]:
    with open_store(store_dir, read_only=True) as store:
        return store.graph_names()


@pytest.fixture(scope="module")
def reasoned(tmp_path_factory):
    """The corpus loaded, what the counting commands print, then `pst reason` run over it."""
    store_dir = tmp_path_factory.mktemp("reason") / "store"
    assert main(["load", str(CORPUS), "--store", str(store_dir)]) == 0
    before = {
        "plans": _output(["plans", "--store", str(store_dir)]),
        "summary": _output(["query", "plan-summary", "--format", "csv", "--store", str(store_dir)]),
        "validate": _output(
            ["validate", str(DINANT), "--format", "json", "--store", str(store_dir)]
        ),
        "anderlues": set(graph(store_dir, ANDERLUES)),
    }
    reason = _run_collecting(["reason", "--store", str(store_dir)])
    return store_dir, before, reason


def _run_collecting(argv: list[str]) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    return code, buffer.getvalue()


def _output(argv: list[str]) -> str:
    code, out = _run_collecting(argv)
    assert code == 0
    return out


def test_reason_stores_one_inferred_graph_per_plan(reasoned):
    store_dir, _, (code, out) = reasoned
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4 and all(line.startswith("reasoned pstid:plan/") for line in lines)
    assert all(": consistent; " in line for line in lines)
    inferred = [name for name in names(store_dir) if str(name).startswith(str(GRAPH["inferred/"]))]
    assert URIRef(str(GRAPH) + "inferred/dinant/2019-2024") in inferred
    assert len(inferred) == 4
    anderlues = graph(store_dir, inferred_graph_iri(ANDERLUES))
    assert (inferred_graph_iri(ANDERLUES), PROV.wasDerivedFrom, ANDERLUES) in anderlues
    # Every project whose fiche names a partner is a pst:PartneredProjectOrAction, and only those.
    asserted = graph(store_dir, ANDERLUES)
    partnered = {
        item
        for item, fiche in asserted.subject_objects(PST.hasFiche)
        if (fiche, PST.partner, None) in asserted
    }
    assert (
        partnered and set(anderlues.subjects(RDF.type, PST.PartneredProjectOrAction)) == partnered
    )
    assert f"{len(partnered)} partnered" in next(line for line in lines if "anderlues" in line)
    # Items are placed in their plan by the property chains.
    assert (URIRef(PLAN + "anderlues/2019-2024/oo/101"), PST.inPlan, ANDERLUES) in anderlues


def test_inferences_change_nothing_that_is_counted(reasoned):
    store_dir, before, (code, _) = reasoned
    assert code == 0
    assert set(graph(store_dir, ANDERLUES)) == before["anderlues"]  # the plan graph is untouched
    assert _output(["plans", "--store", str(store_dir)]) == before["plans"]
    summary = _output(["query", "plan-summary", "--format", "csv", "--store", str(store_dir)])
    assert summary == before["summary"]
    assert "CPAS d'Anderlues,2019-2024,5,24,67" in summary
    validate = _output(["validate", str(DINANT), "--format", "json", "--store", str(store_dir)])
    assert validate == before["validate"]


def test_reloading_a_changed_plan_drops_its_inferences(capsys, tmp_path):
    store_dir = tmp_path / "store"
    document = tmp_path / "dinant-2019.txt"
    shutil.copy(CORPUS / "dinant-2019.txt", document)
    assert main(["load", str(document), "--store", str(store_dir)]) == 0
    assert main(["reason", "pstid:plan/dinant/2019-2024", "--store", str(store_dir)]) == 0
    capsys.readouterr()
    target = inferred_graph_iri(DINANT)
    assert target in names(store_dir)
    # The same document again: nothing changed, the inferences stay.
    assert main(["load", str(document), "--store", str(store_dir)]) == 0
    assert target in names(store_dir)
    # A new version of the plan: the inferences were about the old one.
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Créer un logement d", "Créer deux logements d"), "utf-8")
    assert main(["load", str(document), "--store", str(store_dir)]) == 0
    capsys.readouterr()
    assert target not in names(store_dir)


def test_an_inconsistent_plan_fails_clearly(capsys, tmp_path):
    store_dir = tmp_path / "store"
    fixture = (
        Path(__file__).parent / "fixtures" / "ontology" / "inconsistent-objective-as-fiche.ttl"
    )
    plan = URIRef(PLAN + "incoherent/2019-2024")
    with open_store(store_dir) as store:
        store.replace_graph(plan, Graph().parse(fixture, format="turtle"))
    code, out, _ = run(capsys, "reason", "--store", str(store_dir))
    assert code == 1
    assert out.startswith("FAILED pstid:plan/incoherent/2019-2024: le graphe des plans contredit")
    assert inferred_graph_iri(plan) not in names(store_dir)


def test_reason_on_an_unknown_plan(capsys, tmp_path):
    store_dir = tmp_path / "store"
    assert main(["load", str(CORPUS / "burdinne-2019-2024.txt"), "--store", str(store_dir)]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, "reason", "pstid:plan/nowhere/2019-2024", "--store", str(store_dir))
    assert code == 1
    assert (
        err == f"pst: error: no plan {PLAN}nowhere/2019-2024 in the store (pst plans lists them)\n"
    )
