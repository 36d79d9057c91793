"""The import graph of the project's modules, read from their source with ``ast``.

Module names follow pyproject's [tool.setuptools] package-dir (``loaders/text.py`` is
``pstkg.loaders.text``). Every import of a project module counts, those deferred into a
function too: deferring an import hides a cycle from the interpreter, not from the design.
Imports under ``if TYPE_CHECKING:`` do not count (they never run). An import names its most
specific project module (``from pstkg.loaders import text`` is ``pstkg.loaders.text``;
``from pstkg.api import create_app`` is the package ``pstkg.api``); the implicit import of
parent packages is not an edge, as in import-linter, so a package's ``__init__`` re-exporting
its submodules is no cycle.

Two graphs are checked: the modules', and the layers' (:func:`layer_graph`), where each
sub-package (``pstkg.loaders``, ``pstkg.store`` …) is one node, so that the loaders, say,
never use a module that uses the loaders.

Run ``python -m tests.import_graph`` to list the cycles of both.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ImportGraph = dict[str, set[str]]


def package_dirs(root: Path = ROOT) -> dict[str, Path]:
    """The package-dir mapping of ``root``'s pyproject.toml: package name → folder."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = pyproject["tool"]["setuptools"]["package-dir"]
    return {package: root / folder for package, folder in mapping.items()}


def project_modules(dirs: dict[str, Path]) -> dict[str, Path]:
    """Every module of the mapped packages, by dotted name → source file.

    A folder mapped to its own package (``loaders`` → ``pstkg.loaders``) is walked under that
    name; its sub-folders that another entry maps are left to that entry.
    """
    mapped = {folder.resolve() for folder in dirs.values()}
    modules: dict[str, Path] = {}
    for package, folder in dirs.items():
        for source in sorted(folder.rglob("*.py")):
            inner = source.relative_to(folder)
            if any(
                (folder / Path(*inner.parts[: depth + 1])).resolve() in mapped
                for depth in range(len(inner.parts) - 1)
            ):
                continue
            parts = [package, *inner.with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = source
    return modules


def _project_imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements under ``node``, wherever they are, but for type checking's."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for branch in child.orelse:
                yield from _project_imports(branch)
        else:
            yield from _project_imports(child)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_modules(
    node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]
) -> Iterator[str]:
    """The project modules one import statement of ``module`` names."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield from _closest_known(alias.name, known)
        return
    base = node.module or ""
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield from [submodule] if submodule in known else _closest_known(base, known)


def _closest_known(name: str, known: set[str]) -> Iterator[str]:
    """``name`` or its nearest enclosing package that is a project module, if any."""
    while name:
        if name in known:
            yield name
            return
        name = name.rpartition(".")[0]


def import_graph(root: Path = ROOT) -> ImportGraph:
    """Module → the project modules it imports."""
    modules = project_modules(package_dirs(root))
    known = set(modules)
    graph: ImportGraph = {}
    for module, source in modules.items():
        tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
        is_package = source.name == "__init__.py"
        graph[module] = {
            imported
            for node in _project_imports(tree)
            for imported in _imported_modules(node, module, is_package, known)
            if imported != module
        }
    return graph


def layer_graph(graph: ImportGraph) -> ImportGraph:
    """The import graph with each sub-package of ``pstkg`` (nested ones within) as one node."""

    def layer(module: str) -> str:
        parts = module.split(".")
        return module if len(parts) < 2 or ".".join(parts[:2]) not in graph else ".".join(parts[:2])

    layers: ImportGraph = {layer(module): set() for module in graph}
    for module, imported in graph.items():
        layers[layer(module)] |= {layer(other) for other in imported} - {layer(module)}
    return layers


def import_cycles(graph: ImportGraph) -> list[list[str]]:
    """One cycle per group of modules that import each other, as ``[a, b, …, a]``, sorted."""
    return sorted(_cycle_in(group, graph) for group in cyclic_groups(graph))


def cyclic_groups(graph: ImportGraph) -> set[frozenset[str]]:
    """The groups of modules that import each other, directly or not (strongly connected)."""
    reach = {module: _reachable(module, graph) for module in graph}
    return {
        frozenset(other for other in reach[module] if module in reach[other])
        for module in graph
        if module in reach[module]
    }


def _reachable(start: str, graph: ImportGraph) -> set[str]:
    """The modules ``start`` imports, directly or not (itself only through a cycle)."""
    seen: set[str] = set()
    pending = list(graph[start])
    while pending:
        module = pending.pop()
        if module not in seen:
            seen.add(module)
            pending.extend(graph.get(module, ()))
    return seen


def _cycle_in(group: frozenset[str], graph: ImportGraph) -> list[str]:
    """A shortest cycle through the group's first module, found breadth-first in the group."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for imported in sorted(graph[module] & group):
                if imported == start:
                    path = [module]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if imported not in came_from:
                    came_from[imported] = module
                    following.append(imported)
        frontier = following
    raise AssertionError(f"no cycle through {start} in {sorted(group)}")


def main() -> None:
    """Print the import cycles of the project's modules and layers, one a line."""
    graph = import_graph()
    for name, checked in (("modules", graph), ("layers", layer_graph(graph))):
        groups = sorted(sorted(group) for group in cyclic_groups(checked))
        print(f"{len(groups)} group(s) of {name} in an import cycle")
        for group in groups:
            print("  " + " → ".join(_cycle_in(frozenset(group), checked)))
            print("    (the group: " + ", ".join(group) + ")")


if __name__ == "__main__":
    main()
