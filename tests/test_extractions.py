"""The graph of a plan does not depend on which extraction of the published PDF was loaded.

Each corpus plan is loaded as shipped and as another tool would have extracted it (CRLF and
Windows-1252 with straight quotes; lines wrapped at other places; a PDF made from the text
and read back); the items, their IRIs and every statement about them must be the same.
Only provenance (which file, which lines) may differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from rdflib import Graph
from rdflib.namespace import PROV

from pstkg.builder import build_plan_graph
from pstkg.identity import resolve_identity
from pstkg.loaders.read import read_document
from pstkg.namespaces import ID, PST

from .conftest import CORPUS, CORPUS_FILES, rewrap, windows_extraction

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_PROVENANCE = {PST.firstLine, PST.lastLine, PROV.wasDerivedFrom}


def statements(path: Path, identity_from: Path) -> Graph:
    """The plan graph of ``path`` without provenance, identity read as for ``identity_from``."""
    document = read_document(path)
    sidecar = identity_from.with_name(identity_from.stem + ".meta.toml")
    if sidecar.exists():
        path.with_name(path.stem + ".meta.toml").write_bytes(sidecar.read_bytes())
    identity = resolve_identity(document.parsed, path)
    graph = build_plan_graph(document.parsed, document.source, identity).graph
    kept = Graph()
    for triple in graph:
        subject, predicate, _ = triple
        if predicate not in _PROVENANCE and not str(subject).startswith(str(ID["source/"])):
            kept.add(triple)
    return kept


def make_pdf(text: str, target: Path) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=9)
    for line in text.split("\n"):
        pdf.multi_cell(0, 4, " ".join(line.split()) or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def assert_same_statements(original: Graph, variant: Graph) -> None:
    assert len(original), "no statement to compare: the plan was read empty"  # else vacuous
    missing = set(original) - set(variant)
    extra = set(variant) - set(original)
    assert not missing and not extra, (sorted(missing)[:5], sorted(extra)[:5])


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_windows_extraction_gives_the_same_graph(path: Path, tmp_path: Path):
    variant = tmp_path / path.name
    variant.write_bytes(windows_extraction(path.read_text(encoding="utf-8")))
    assert_same_statements(statements(path, path), statements(variant, path))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_rewrapped_lines_give_the_same_graph(path: Path, tmp_path: Path):
    variant = tmp_path / path.name
    variant.write_text(rewrap(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert_same_statements(statements(path, path), statements(variant, path))


@pytest.mark.slow
@pytest.mark.skipif(not FONT.exists(), reason="needs fonts-dejavu-core (installed by .ci/run)")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_a_pdf_made_from_the_text_gives_the_same_graph(path: Path, tmp_path: Path):
    pdf = make_pdf(path.read_text(encoding="utf-8"), tmp_path / (path.stem + ".pdf"))
    assert_same_statements(statements(path, path), statements(pdf, path))


def test_the_corpus_is_the_one_bundled():
    assert {p.name for p in CORPUS_FILES} == {
        "anderlues-2019-2024.txt",
        "burdinne-2019-2024.txt",
        "dinant-2019.txt",
        "ville-cpas-conseil-conjoint-2019-2024.txt",
    }
    assert CORPUS.is_dir()
