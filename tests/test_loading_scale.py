"""Loading at regional scale writes what loading one plan at a time writes.

The loader reads documents in worker processes, writes new graphs through the store's bulk
path, derives each plan's links as it reads it, and updates the similarity graph by
difference: every one of these must leave the store as the plain path does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pstkg.linking import derive_links
from pstkg.linking.graphs import SIMILARITY_GRAPH
from pstkg.loading import VOCABULARY_GRAPH, load_files
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import ExportFormat, PlanStore, open_store

from .conftest import CORPUS, CORPUS_FILES


def graphs(store: PlanStore) -> dict[str, bytes]:
    """Each named graph's N-Quads, but the vocabulary's (its blank nodes differ per store)."""
    return {
        str(name): store.export(ExportFormat.NQUADS, name)
        for name in store.graph_names()
        if name != VOCABULARY_GRAPH
    }


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The corpus loaded in this process, one transaction per graph."""
    with open_store(tmp_path_factory.mktemp("plain") / "store") as store:
        load_files(store, [CORPUS], workers=1, bulk=False)
        return graphs(store)


def test_workers_and_the_bulk_path_write_the_same_store(
    plain: dict[str, bytes], tmp_path: Path
) -> None:
    with open_store(tmp_path / "store") as store:
        reports = load_files(store, [CORPUS], workers=2, bulk=True)
        assert all(report.loaded for report in reports)
        assert graphs(store) == plain


def test_a_plan_loaded_after_the_others_gives_the_same_store(
    plain: dict[str, bytes], tmp_path: Path
) -> None:
    first, *others = CORPUS_FILES
    with open_store(tmp_path / "store") as store:
        load_files(store, others, workers=2, bulk=True)
        load_files(store, [first])  # the similarity graph is updated by difference
        assert graphs(store) == plain


def test_an_interrupted_similarity_graph_is_written_again(
    plain: dict[str, bytes], tmp_path: Path
) -> None:
    with open_store(tmp_path / "store") as store:
        load_files(store, [CORPUS])
        # As if writing had stopped half-way: some links, and the description (written last).
        store.update(
            SPARQL_PREFIXES
            + f"""DELETE {{ GRAPH <{SIMILARITY_GRAPH}> {{ ?s ?p ?o }} }}
            WHERE {{ GRAPH <{SIMILARITY_GRAPH}> {{ ?s ?p ?o
              FILTER(?s = <{SIMILARITY_GRAPH}> || CONTAINS(STR(?s), "/burdinne/")) }} }}"""
        )
        derive_links(store)
        assert graphs(store) == plain


def test_a_plan_read_twice_in_one_batch_is_written_as_it_reads_last(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    for path in CORPUS_FILES:
        shutil.copy(path, folder)
    for sidecar in CORPUS.glob("*.meta.toml"):
        shutil.copy(sidecar, folder)
    # A second extraction of Burdinne's plan, read after the first, with one title changed.
    original = folder / "burdinne-2019-2024.txt"
    text = original.read_text(encoding="utf-8")
    (folder / "burdinne-2019-2024.v2.txt").write_text(
        text.replace("Mettre à jour", "Instaurer", 1), encoding="utf-8"
    )
    shutil.copy(folder / "burdinne-2019-2024.meta.toml", folder / "burdinne-2019-2024.v2.meta.toml")
    stored = []
    for workers, bulk in ((1, False), (2, True)):
        with open_store(tmp_path / f"store-{workers}") as store:
            reports = load_files(store, [folder], workers=workers, bulk=bulk)
            assert [report.loaded for report in reports] == [True] * 5
            stored.append(graphs(store))
    assert stored[0] == stored[1]
    burdinne = "https://w3id.org/pst-kg/id/plan/burdinne/2019-2024"
    assert b"Instaurer" in stored[1][burdinne]
