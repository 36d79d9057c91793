"""The region "as RDF": what pst-kg's loaders make of its documents, as N-Quads.

The documents are loaded with ``pstkg.loading.load_files`` (plan graphs, the vocabulary
graph, derived links) into a temporary on-disk store, which is exported the way
``pst export --format nq`` does it, so the benchmark can parse the same quads with rdflib.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from pstkg.loading import LoadReport, load_files
from pstkg.store import ExportFormat, open_store

NQUADS = "region.nq"


@dataclass(frozen=True)
class RdfResult:
    """What loading the region gave: the N-Quads file, its size and the load reports."""

    path: Path
    quads: int
    reports: list[LoadReport]

    @property
    def failed(self) -> list[LoadReport]:
        """The documents that did not load."""
        return [report for report in self.reports if not report.loaded]


def write_nquads(region: Path, out: Path | None = None) -> RdfResult:
    """Load the region's documents into a fresh store and write the store as N-Quads."""
    out = out or region / NQUADS
    with tempfile.TemporaryDirectory(prefix="pst-synthetic-") as folder:
        store = open_store(Path(folder) / "store")
        try:
            reports = load_files(store, [region])
            data = store.export(ExportFormat.NQUADS)
        finally:
            store.close()
    out.write_bytes(data)
    return RdfResult(out, data.count(b"\n"), reports)
