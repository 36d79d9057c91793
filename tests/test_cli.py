"""The `pst` command end to end on the bundled corpus, as the README runs it."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from pstkg.cli import main

from .conftest import CORPUS

# Counted by reading each document (see tests/test_layout_*.py for the detail per objective).
EXPECTED_SUMMARY = {
    "CPAS d'Anderlues": (5, 24, 67),
    "CPAS de Burdinne": (5, 8, 32),
    "CPAS de Dinant": (3, 14, 70),
    "CPAS non nommé (conseil conjoint Ville/CPAS du 24 septembre 2019)": (5, 17, 56),
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> Path:
    """A store with the four corpus plans, loaded once for the read-only tests."""
    store = tmp_path_factory.mktemp("corpus") / "store"
    assert main(["load", str(CORPUS), "--store", str(store)]) == 0
    return store


def export(capsys, store: Path, fmt: str = "trig") -> str:
    code, out, _ = run(capsys, "export", "--format", fmt, "--store", str(store))
    assert code == 0
    return out


def test_load_reports_each_file(capsys, store_dir: Path):
    code, out, err = run(capsys, "load", str(CORPUS), "--store", str(store_dir))
    assert code == 0, out + err
    assert "[1/4] reading anderlues-2019-2024.txt" in err
    assert [line.split()[1] for line in out.splitlines() if line.startswith("loaded ")] == [
        "anderlues-2019-2024.txt",
        "burdinne-2019-2024.txt",
        "dinant-2019.txt",
        "ville-cpas-conseil-conjoint-2019-2024.txt",
    ]
    assert "4 of 4 file(s) loaded" in out
    assert "CPAS: Dinant (from dinant-2019.txt, line 3)" in out
    assert "CPAS: Burdinne (from burdinne-2019-2024.meta.toml)" in out
    # the markers the reader used for each level (the deck's slides, Anderlues' lists)
    assert "[layout OS n / OO n / unmarked]" in out
    assert "[layout n00 / nxx / unmarked + fiches]" in out


def test_count_query_answers(capsys, loaded_store: Path):
    code, out, _ = run(
        capsys,
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        str(loaded_store),
        "--format",
        "json",
    )
    assert code == 0
    count = int(json.loads(out)["results"]["bindings"][0]["n"]["value"])
    assert count > 5000


def test_plan_summary_csv_counts_what_a_reader_counts(capsys, loaded_store: Path):
    code, out, _ = run(
        capsys, "query", "plan-summary", "--format", "csv", "--store", str(loaded_store)
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert set(rows[0]) >= {
        "plan",
        "cpas",
        "legislature",
        "objectifs_strategiques",
        "objectifs_operationnels",
        "actions",
    }
    summary = {
        row["cpas"]: (
            int(row["objectifs_strategiques"]),
            int(row["objectifs_operationnels"]),
            int(row["actions"]),
        )
        for row in rows
    }
    assert summary == EXPECTED_SUMMARY
    assert {row["legislature"] for row in rows} == {"2019-2024"}


def test_plan_summary_for_one_plan(capsys, loaded_store: Path):
    plan = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
    code, out, _ = run(
        capsys,
        "query",
        "plan-summary",
        "--param",
        f"plan={plan}",
        "--format",
        "csv",
        "--store",
        str(loaded_store),
    )
    assert code == 0
    assert [row["plan"] for row in csv.DictReader(io.StringIO(out))] == [plan]


def test_bad_query_parameters_are_clear_errors(capsys, loaded_store: Path):
    code, _, err = run(
        capsys, "query", "plan-summary", "--param", "plan=not an iri", "--store", str(loaded_store)
    )
    assert code == 1 and "parameter plan: 'not an iri' is not an IRI" in err
    code, _, err = run(
        capsys, "query", "plan-summary", "--param", "colour=red", "--store", str(loaded_store)
    )
    assert code == 1 and "unknown parameter 'colour'" in err
    code, _, err = run(capsys, "query", "no-such-query", "--store", str(loaded_store))
    assert code == 1 and "no named query 'no-such-query'" in err
    code, _, err = run(capsys, "sparql", "SELECT WHERE {", "--store", str(loaded_store))
    assert code == 1 and "malformed SPARQL" in err
    assert err.count("\n") == 1


def test_plans_lists_the_four_plans(capsys, loaded_store: Path):
    code, out, _ = run(capsys, "plans", "--format", "csv", "--store", str(loaded_store))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(row["source"] for row in rows) == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_loading_twice_leaves_the_store_identical(capsys, store_dir: Path):
    assert run(capsys, "load", str(CORPUS), "--store", str(store_dir))[0] == 0
    first = export(capsys, store_dir)
    assert run(capsys, "load", str(CORPUS), "--store", str(store_dir))[0] == 0
    assert export(capsys, store_dir) == first


def test_export_trig_round_trips(capsys, loaded_store: Path, tmp_path: Path):
    target = tmp_path / "all.trig"
    code, _, err = run(
        capsys, "export", "--format", "trig", "--output", str(target), "--store", str(loaded_store)
    )
    assert code == 0 and "bytes to" in err
    dataset = Dataset()
    dataset.parse(target, format="trig")
    # Re-load the export into a second store: every plan graph comes back the same.
    second = tmp_path / "second"
    from pstkg.store import open_store

    with open_store(second) as store:
        for graph in dataset.graphs():
            if len(graph):
                store.replace_graph(graph.identifier, graph)
    again = Dataset()
    again.parse(data=export(capsys, second), format="trig")
    for graph in dataset.graphs():
        if len(graph):
            assert isomorphic(graph, again.graph(graph.identifier)), graph.identifier


# -- bad input ------------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    truncated = (CORPUS / "dinant-2019.txt").read_text(encoding="utf-8").split("\n")[:120]
    files = {
        "empty": b"",
        "random": bytes((i * 7919) % 256 for i in range(4096)),
        "not a plan": "Compte rendu du conseil communal.\nLe budget est approuvé.\n".encode(),
        "truncated": "\n".join(truncated).encode(),
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / f"{name.replace(' ', '-')}.txt"
        path.write_bytes(data)
        paths[name] = path
    return paths


def test_bad_files_fail_clearly_and_leave_the_store_as_it_was(
    capsys, store_dir: Path, tmp_path: Path
):
    assert run(capsys, "load", str(CORPUS / "dinant-2019.txt"), "--store", str(store_dir))[0] == 0
    before = export(capsys, store_dir)
    for name, path in bad_inputs(tmp_path).items():
        code, out, _ = run(capsys, "load", str(path), "--store", str(store_dir))
        assert code == 1, name
        assert f"FAILED {path.name}: {path.name}" in out, (name, out)
        assert export(capsys, store_dir) == before, name


def test_a_batch_loads_the_good_files_and_names_the_bad(capsys, store_dir: Path, tmp_path: Path):
    bad = bad_inputs(tmp_path)
    code, out, _ = run(
        capsys,
        "load",
        str(bad["random"]),
        str(CORPUS / "dinant-2019.txt"),
        str(bad["not a plan"]),
        "--store",
        str(store_dir),
    )
    assert code == 1
    assert "1 of 3 file(s) loaded" in out
    assert "failed: random.txt, not-a-plan.txt" in out


def test_a_document_that_does_not_name_its_cpas_needs_it_said(
    capsys, store_dir: Path, tmp_path: Path
):
    deck = tmp_path / "deck.txt"
    shutil.copy(CORPUS / "ville-cpas-conseil-conjoint-2019-2024.txt", deck)
    code, out, _ = run(capsys, "load", str(deck), "--store", str(store_dir))
    assert code == 1
    assert "does not state its CPAS: give --cpas or write it in deck.meta.toml" in out
    code, out, _ = run(capsys, "load", str(deck), "--cpas", "Exemple", "--store", str(store_dir))
    assert code == 0 and "CPAS: Exemple (from --cpas)" in out


def test_json_report(capsys, store_dir: Path):
    code, out, _ = run(
        capsys,
        "load",
        str(CORPUS / "dinant-2019.txt"),
        "--report",
        "json",
        "--store",
        str(store_dir),
    )
    assert code == 0
    (report,) = json.loads(out)
    assert report["loaded"] and report["layout"] == "n / n.n / n.n.n"  # Dinant's three lists
    assert report["counts"]["strategic_objectives"] == 3
    assert all({"lines", "message"} <= set(w) for w in report["warnings"])


def test_missing_path_and_missing_store(capsys, tmp_path: Path):
    code, _, err = run(capsys, "load", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s"))
    assert code == 1 and "nope.txt: no such file or folder" in err
    code, _, err = run(capsys, "plans", "--store", str(tmp_path / "empty"))
    assert code == 1 and "no store at" in err


def test_help_for_every_command(capsys):
    for command in ("load", "plans", "query", "sparql", "export"):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0
        assert "usage: pst " + command in capsys.readouterr().out


def test_prefixed_names_as_tables_print_them_are_accepted(capsys, loaded_store: Path):
    code, out, _ = run(
        capsys,
        "query",
        "plan-summary",
        "--param",
        "plan=pstid:plan/dinant/2019-2024",
        "--format",
        "csv",
        "--store",
        str(loaded_store),
    )
    assert code == 0
    assert [row["cpas"] for row in csv.DictReader(io.StringIO(out))] == ["CPAS de Dinant"]
    code, out, _ = run(
        capsys, "export", "pstid:plan/dinant/2019-2024", "--store", str(loaded_store)
    )
    assert code == 0 and "taxi social" in out


def test_a_reader_that_stops_early_is_not_an_error(loaded_store: Path):
    # `pst query … | head`: head closes the pipe after a line; pst stops quietly. The corpus's
    # themed projects make ~110 kB, more than a pipe holds, so pst is still writing then.
    import subprocess
    import sys

    command = [sys.executable, "-m", "pstkg.cli", "query", "projects-by-theme"]
    command += ["--store", str(loaded_store)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first_line = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read().decode()
        code = process.wait()
    assert first_line.split()[:2] == [b"theme", b"theme_label"]
    assert code == 0, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors


def test_queries_warn_when_derived_graphs_were_made_by_another_version(
    capsys, loaded_store: Path, tmp_path: Path
):
    from pstkg.namespaces import SPARQL_PREFIXES
    from pstkg.store import open_store

    store = tmp_path / "store"
    shutil.copytree(loaded_store, store)
    code, _, err = run(capsys, "query", "plans", "--store", str(store))
    assert code == 0 and "warning" not in err
    # As an earlier pst-kg would have left it: one plan's derived graph made by another method.
    with open_store(store) as opened:
        opened.update(
            SPARQL_PREFIXES
            + """DELETE { GRAPH ?g { ?g pst:inputDigest ?d } }
            INSERT { GRAPH ?g { ?g pst:inputDigest "old" } }
            WHERE { GRAPH ?g { ?g a pst:DerivedGraph ; pst:inputDigest ?d }
                    FILTER(STRENDS(STR(?g), "/derived/burdinne/2019-2024")) }"""
        )
    code, out, err = run(capsys, "query", "plans", "--store", str(store))
    assert code == 0 and "CPAS de Burdinne" in out
    assert "1 derived graph(s) were made by another version" in err
    # Loading any plan remakes it.
    assert run(capsys, "load", str(CORPUS / "dinant-2019.txt"), "--store", str(store))[0] == 0
    code, _, err = run(capsys, "query", "plans", "--store", str(store))
    assert code == 0 and "warning" not in err


def test_serve_on_a_port_in_use_is_one_line_and_exit_1(capsys, tmp_path: Path) -> None:
    """Issue #15: it printed its URL as if running, then uvicorn's error, and exited with 3."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--store", str(tmp_path / "store")])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert captured.err == (
        f"pst: error: cannot listen on 127.0.0.1:{port}: Address already in use "
        "(another pst serve? choose another --port)\n"
    )
    assert not (tmp_path / "store").exists()  # refused before the store is opened or filled
