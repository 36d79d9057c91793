"""Run mypy on the project's modules under their real names (``make test`` runs it).

The folders are mapped to sub-packages by pyproject's [tool.setuptools] package-dir
(``loaders/text.py`` is ``pstkg.loaders.text``), and the editable install resolves them with
an import hook that mypy cannot follow; given the files, mypy would name them after their
folders (``loaders.text``) and find no ``pstkg.loaders``. So this hands mypy each file with
its module name (mypy's BuildSource), read from the same mapping as the import graph's, with
the configuration of pyproject's [tool.mypy]: no link tree nor install mode to keep in step,
a new module is checked as soon as it exists, and errors name the files as they are.

    python -m tests.typecheck
"""

from __future__ import annotations

import os
import sys

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

from tests.import_graph import ROOT, package_dirs, project_modules


def main() -> int:
    """Type-check every module of the mapped packages; mypy's exit status (0: no error)."""
    modules = project_modules(package_dirs(ROOT))
    config = ["--config-file", str(ROOT / "pyproject.toml")]
    _, options = process_options(config, require_targets=False)
    sources = [BuildSource(os.path.relpath(path), module) for module, path in modules.items()]
    messages: list[str] = []

    def report(_file: str | None, new_messages: list[str], _serious: bool) -> None:
        messages.extend(new_messages)
        for message in new_messages:
            print(message)

    try:
        build.build(sources, options, flush_errors=report)
    except CompileError:  # a blocking error (syntax, a module found twice), reported already
        blocked = True
    else:
        blocked = False
    errors = sum(": error:" in message for message in messages)
    if errors or blocked:
        print(f"mypy: {errors} error(s) in {len(modules)} modules", file=sys.stderr)
        return 1
    print(f"mypy: no issue in {len(modules)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
