"""The synthetic region generator (bench/synthetic, issue #7).

What the generator says it wrote (manifest.json) must be what pst-kg reads back: every plan
loads, with the counts and titles the manifest gives. The region is deterministic, and its
plans are shaped like the corpus plan of their layout.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from bench.synthetic.__main__ import main
from bench.synthetic.model import draw_plan
from bench.synthetic.names import place_names
from bench.synthetic.profile import CORPUS_LAYOUTS, LAYOUTS, corpus_profile
from bench.synthetic.rdf import CHECKED_COUNTS, RdfResult, export_nquads, load_region
from bench.synthetic.region import MANIFEST, generate_region, plan_slots
from bench.synthetic.render import RENDERERS
from pstkg.builder import cpas_label
from pstkg.identity import SIDECAR_SUFFIX, resolve_identity
from pstkg.loaders.read import read_document
from pstkg.named_queries import run_named_query
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import PlanStore, SelectResult, open_store
from tests.conftest import CORPUS

SEED = 2026
PLANS = 8  # CPAS k has plans 2k and 2k + 1, in one layout: two plans per layout
READ_AS = {
    "fiches": "n00 / nxx / unmarked + fiches",
    "dotted-codes": "O.S. n / O.O. n / bullet -",
    "three-lists": "n / n.n / n.n.n",
    "slide-deck": "OS n / OO n / unmarked",
}
"""The markers the reader reads each style of the generator with (its corpus plan's)."""


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synthetic") / "region"
    return out, generate_region(PLANS, SEED, out)


@pytest.fixture(scope="module")
def loaded(region, tmp_path_factory: pytest.TempPathFactory):
    out, _ = region
    store = open_store(tmp_path_factory.mktemp("synthetic-store") / "store")
    reports = load_region(store, out)
    yield store, reports
    store.close()


def entries(manifest: dict) -> dict[str, dict]:
    return {entry["file"]: entry for entry in manifest["plans"]}


def select(store: PlanStore, sparql: str) -> list[dict[str, str]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return [{k: str(v) for k, v in row.items() if v is not None} for row in result.as_dicts()]


# -- what the manifest says is what pst-kg reads ----------------------------------------------


def test_the_region_has_every_layout_and_both_legislatures(region) -> None:
    _, manifest = region
    plans = manifest["plans"]
    assert len(plans) == PLANS
    assert sorted({plan["layout"] for plan in plans}) == sorted(LAYOUTS) == sorted(READ_AS)
    assert {plan["legislature"] for plan in plans} == {"2019-2024", "2024-2030"}
    assert len({(plan["cpas"], plan["legislature"]) for plan in plans}) == PLANS


def test_every_plan_loads_with_the_counts_the_manifest_states(region, loaded) -> None:
    _, manifest = region
    _, reports = loaded
    written = entries(manifest)
    assert len(reports) == PLANS
    for report in reports:
        assert report.loaded, report.error
        entry = written[Path(report.file).name]
        assert report.layout == READ_AS[entry["layout"]], report.file
        assert report.cpas == entry["cpas"]
        assert report.legislature == entry["legislature"]
        read = {key: report.counts[key] for key in CHECKED_COUNTS}
        intended = {key: entry["counts"][key] for key in CHECKED_COUNTS}
        assert read == intended, report.file


def test_each_style_is_read_with_the_markers_of_the_corpus_plan_it_imitates() -> None:
    assert sorted(CORPUS_LAYOUTS.values()) == sorted(LAYOUTS)
    for name, style in CORPUS_LAYOUTS.items():
        assert read_document(CORPUS / name).parsed.layout == READ_AS[style], name


def test_plan_summary_gives_the_manifest_counts(region, loaded) -> None:
    _, manifest = region
    store, _ = loaded
    result = run_named_query(store, "plan-summary")
    assert isinstance(result, SelectResult)
    summary = {(str(row["cpas"]), str(row["legislature"])): row for row in result.as_dicts()}
    assert len(summary) == PLANS
    for entry in manifest["plans"]:
        row = summary[(cpas_label(entry["cpas"]), entry["legislature"])]
        counts = entry["counts"]
        assert int(row["objectifs_strategiques"]) == counts["strategic_objectives"]
        assert int(row["objectifs_operationnels"]) == counts["operational_objectives"]
        assert int(row["actions"]) == counts["actions"]


def test_objective_titles_are_read_as_written(region, loaded) -> None:
    _, manifest = region
    store, reports = loaded
    plan_of = {Path(report.file).name: report.plan for report in reports}
    for entry in manifest["plans"]:
        graph = plan_of[entry["file"]]
        os_titles = select(
            store,
            f"""{SPARQL_PREFIXES}
            SELECT ?title WHERE {{ GRAPH <{graph}> {{
              <{graph}> pst:hasStrategicObjective ?os . ?os dcterms:title ?title }} }}""",
        )
        assert sorted(row["title"] for row in os_titles) == sorted(
            entry["titles"]["strategic_objectives"]
        )


def test_the_region_as_nquads_holds_every_plan_graph(loaded, tmp_path) -> None:
    store, reports = loaded
    path = tmp_path / "region.nq"
    quads = export_nquads(store, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    stored = store.select_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert quads == len(lines) == int(stored[0][0]) > 0
    graphs = {line.rsplit(" ", 2)[-2] for line in lines}
    assert {f"<{report.plan}>" for report in reports} <= graphs


def test_a_count_the_load_does_not_give_is_reported(region, loaded) -> None:
    _, manifest = region
    _, reports = loaded
    result = RdfResult(Path("region.nq"), 0, reports)
    assert result.mismatches(manifest) == []
    altered = json.loads(json.dumps(manifest))
    altered["plans"][0]["counts"]["actions"] += 1
    assert result.mismatches(altered) == [
        f"{altered['plans'][0]['file']}: actions read "
        f"{manifest['plans'][0]['counts']['actions']}, "
        f"written {altered['plans'][0]['counts']['actions']}"
    ]


def test_values_identity_and_sidecars(region) -> None:
    out, manifest = region
    for entry in manifest["plans"]:
        document = out / entry["file"]
        parsed = read_document(document).parsed
        assert len(parsed.values) == entry["counts"]["values"]
        identity = resolve_identity(parsed, document)
        assert (identity.cpas_name, identity.legislature) == (entry["cpas"], entry["legislature"])
        states_identity = RENDERERS[entry["layout"]].STATES_IDENTITY
        assert (entry["sidecar"] is None) == states_identity
        if not states_identity:
            assert (out / f"{document.stem}{SIDECAR_SUFFIX}").read_text().count("bench/synthetic")


# -- determinism ------------------------------------------------------------------------------


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_plan_i_does_not_depend_on_the_size(region, tmp_path) -> None:
    out, manifest = region
    small = tmp_path / "small"
    small_manifest = generate_region(4, SEED, small)
    again = generate_region(4, SEED, tmp_path / "again")
    assert folder_bytes(small) == folder_bytes(tmp_path / "again")
    assert small_manifest == again
    big = folder_bytes(out)
    for name, data in folder_bytes(small).items():
        if name != MANIFEST:
            assert big[name] == data, name
    assert manifest["plans"][:4] == small_manifest["plans"]


def test_different_seeds_give_different_regions(tmp_path) -> None:
    first = generate_region(2, SEED, tmp_path / "a")
    second = generate_region(2, SEED + 1, tmp_path / "b")
    assert [p["cpas"] for p in first["plans"]] != [p["cpas"] for p in second["plans"]]
    assert folder_bytes(tmp_path / "a") != folder_bytes(tmp_path / "b")


# -- shaped like the corpus -------------------------------------------------------------------


def test_plans_are_shaped_like_their_layouts_corpus_plan() -> None:
    profile = corpus_profile()
    drawn: dict[str, list] = {layout: [] for layout in LAYOUTS}
    for slot in plan_slots(SEED, 40):
        accepts = RENDERERS[slot.layout].accepts
        drawn[slot.layout].append(
            draw_plan(profile, slot.layout, accepts, slot.index, SEED, slot.cpas, slot.legislature)
        )
    for layout, plans in drawn.items():
        measured = profile.layouts[layout]
        corpus_actions = sum(measured.actions_per_oo)
        mean_actions = statistics.mean(len(plan.actions()) for plan in plans)
        assert 0.6 * corpus_actions <= mean_actions <= 1.4 * corpus_actions, layout
        mean_os = statistics.mean(len(plan.objectives) for plan in plans)
        assert abs(mean_os - measured.os_count) <= 1, layout


def test_names_are_fictional_and_distinct() -> None:
    names = place_names(SEED, 500)
    assert len(set(names)) == 500
    real = {path.stem.split("-")[0] for path in CORPUS.glob("*.txt")}
    registry = (Path(CORPUS).parent / "registry" / "nis.csv").read_text(encoding="utf-8")
    real |= {line.split(",")[1].lower() for line in registry.splitlines()[1:] if line}
    assert not {name.lower() for name in names} & real


# -- the command ------------------------------------------------------------------------------


def test_command_writes_a_region_and_refuses_a_foreign_folder(tmp_path, capsys) -> None:
    out = tmp_path / "cli"
    for _ in range(2):  # a region folder may be written again
        assert main(["--plans", "2", "--seed", str(SEED), "--out", str(out)]) == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["seed"] == SEED and len(manifest["plans"]) == 2
    assert "generated 2/2 plans" in capsys.readouterr().err
    other = tmp_path / "other"
    other.mkdir()
    (other / "mine.txt").write_text("my own plan", encoding="utf-8")
    assert main(["--plans", "2", "--out", str(other)]) == 2
    assert "mine.txt" in capsys.readouterr().err
    assert sorted(path.name for path in other.iterdir()) == ["mine.txt"]
