"""An earlier revision's ``pstkg`` package, importable beside the current one, for side-by-side
timings: the reader of issue #13 against the four layout parsers it replaced, in one run.

The revision's files are taken from git (``git archive``) and arranged as the package its
``pyproject.toml`` describes (``[tool.setuptools] package-dir``: ``loaders/`` is
``pstkg.loaders``, and so on), with symbolic links. A task run with that folder first on
``PYTHONPATH`` imports the earlier ``pstkg``; the installed dependencies are shared.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
READER_BASELINE = "db85172"
"""The last revision with one parser per layout (loaders/layouts/), before issue #13."""


def baseline_package(revision: str, work: Path) -> Path | None:
    """A folder to put first on PYTHONPATH to import ``revision``'s ``pstkg``; None without git
    history (a copy of the project that is not a clone)."""
    target = work / f"baseline-{revision}"
    package_root = target / "path"
    if (package_root / "pstkg").exists():
        return package_root
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision],
            cwd=PROJECT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    tree = target / "tree"
    tree.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    mapping = tomllib.loads((tree / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    for package, folder in sorted(mapping["package-dir"].items(), key=lambda item: item[0]):
        link = package_root.joinpath(*package.split("."))
        if link.exists():
            continue
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to((tree / folder).resolve(), target_is_directory=True)
    return package_root
