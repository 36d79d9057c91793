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
from pstkg.store import ExportFormat, PlanStore, open_store

NQUADS = "region.nq"
CHECKED_COUNTS = (
    "political_objectives",
    "strategic_objectives",
    "operational_objectives",
    "actions",
    "fiches",
    "steps",
)
"""The manifest's counts that the load report also gives (pstkg.builder counts them)."""


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

    def mismatches(self, manifest: dict) -> list[str]:
        """Where what pst-kg read differs from what the manifest says the generator wrote."""
        written = {entry["file"]: entry for entry in manifest["plans"]}
        found = []
        for report in self.reports:
            entry = written.get(Path(report.file).name)
            if entry is None or not report.loaded:
                continue
            for key in CHECKED_COUNTS:
                if report.counts.get(key) != entry["counts"][key]:
                    found.append(
                        f"{entry['file']}: {key} read {report.counts.get(key)}, "
                        f"written {entry['counts'][key]}"
                    )
        return found


def load_region(store: PlanStore, region: Path) -> list[LoadReport]:
    """Load every document of a region folder, as ``pst load DIR`` does."""
    return load_files(store, [region])


def export_nquads(store: PlanStore, out: Path) -> int:
    """Write the store's named graphs as N-Quads (as ``pst export --format nq``); the quads."""
    data = store.export(ExportFormat.NQUADS)
    out.write_bytes(data)
    return data.count(b"\n")


def write_nquads(region: Path, out: Path | None = None) -> RdfResult:
    """Load the region's documents into a fresh store and write the store as N-Quads."""
    out = out or region / NQUADS
    with tempfile.TemporaryDirectory(prefix="pst-synthetic-") as folder:
        store = open_store(Path(folder) / "store")
        try:
            reports = load_region(store, region)
            quads = export_nquads(store, out)
        finally:
            store.close()
    return RdfResult(out, quads, reports)
