"""No import cycle among the project's modules, nor among its layers (sub-packages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_graph import ROOT, ImportGraph, import_cycles, import_graph, layer_graph


@pytest.fixture(scope="module")
def graph() -> ImportGraph:
    return import_graph()


def _message(cycles: list[list[str]]) -> str:
    return "import cycles: " + "; ".join(" → ".join(cycle) for cycle in cycles)


def test_the_graph_reads_every_module_under_its_package_name(graph: ImportGraph) -> None:
    sources = [
        *ROOT.glob("pstkg/**/*.py"),
        *ROOT.glob("loaders/**/*.py"),
        *ROOT.glob("api/**/*.py"),
    ]
    assert len([m for m in graph if m.startswith("pstkg")]) >= len(sources)
    assert "pstkg.loaders.reader.cues" in graph
    assert "pstkg.api.routes.sparql" in graph
    # a module-level import, and one deferred into a function (the PDF reader's)
    assert "pstkg.loaders.template" in graph["pstkg.loaders.read"]
    assert "pstkg.loaders.pdf" in graph["pstkg.loaders.read"]


def test_no_import_cycle_among_the_modules(graph: ImportGraph) -> None:
    cycles = import_cycles(graph)
    assert not cycles, _message(cycles)


def test_no_import_cycle_among_the_layers(graph: ImportGraph) -> None:
    cycles = import_cycles(layer_graph(graph))
    assert not cycles, _message(cycles)


def _project(root: Path, files: dict[str, str]) -> Path:
    (root / "pyproject.toml").write_text(
        '[tool.setuptools]\npackage-dir = { "pstkg" = "pstkg", "pstkg.loaders" = "loaders" }\n',
        encoding="utf-8",
    )
    for name, text in {"pstkg/__init__.py": "", "loaders/__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "module_cycle", "layer_cycle"),
    [
        pytest.param(
            {
                "loaders/read.py": "from .template import read_template\n",
                "loaders/model.py": "from . import text\n",  # text → model: only typing
                "loaders/template.py": "def f():\n    from pstkg.loaders import read\n",
                "loaders/text.py": (
                    "import typing\nif typing.TYPE_CHECKING:\n    from . import model\n"
                ),
            },
            ["pstkg.loaders.read", "pstkg.loaders.template", "pstkg.loaders.read"],
            None,
            id="relative, deferred and type-checking-only imports",
        ),
        pytest.param(
            {
                "loaders/ecomptes.py": "from pstkg.reference import municipality_name\n",
                "pstkg/reference.py": "from pstkg.iris import slug\n",
                "pstkg/iris.py": "from pstkg.loaders.text import fold_for_matching\n",
                "loaders/text.py": "",
            },
            None,
            ["pstkg.iris", "pstkg.loaders", "pstkg.reference", "pstkg.iris"],
            id="between layers",
        ),
    ],
)
def test_a_deliberate_cycle_is_named(
    tmp_path: Path,
    files: dict[str, str],
    module_cycle: list[str] | None,
    layer_cycle: list[str] | None,
) -> None:
    graph = import_graph(_project(tmp_path, files))
    assert import_cycles(graph) == ([module_cycle] if module_cycle else [])
    assert import_cycles(layer_graph(graph)) == ([layer_cycle] if layer_cycle else [])
