"""Read a folder of plan documents, timed: ``python -m bench.tasks.reader DOCS [--rounds N]``.

Reading only: decoding, normalising, and the reader that recognises the plan's tree and
fiches (``read_document``), not building the graph or storing it. The figures are per page
and per thousand lines. A page is a page of the source where the text marks it (a form feed,
as PDF extractions write one per page), else 50 lines, a typical page of extracted plan text.
The whole folder is read ``--rounds`` times; the fastest round is kept (the others were
slowed by something else on the machine).

The runner also runs this task with the package of an earlier revision first on the path
(bench/baseline.py): the same code times that revision's reader on the same documents.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path
from typing import Any

import pstkg
from bench.tasks.common import run_task
from pstkg.loaders.read import read_document

LINES_PER_PAGE = 50
SUFFIXES = (".txt",)


def pages_of(lines: int, page_starts: int) -> int:
    """Pages of a document: its form-feed pages, else one per 50 lines."""
    if page_starts:
        return page_starts + 1
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def read_folder(documents: Path, rounds: int) -> dict[str, Any]:
    """The fastest of ``rounds`` readings of every document of the folder."""
    documents = documents.resolve()
    files = sorted(path for path in documents.iterdir() if path.suffix in SUFFIXES)
    if not files:
        raise SystemExit(f"{documents}: no documents")
    lines = pages = 0
    best = math.inf
    failed: list[str] = []
    for round_index in range(rounds):
        started = time.perf_counter()
        for path in files:
            try:
                document = read_document(path)
            except Exception as error:
                if round_index == 0:
                    failed.append(f"{path.name}: {error}")
                continue
            if round_index == 0:
                source = document.source
                lines += len(source.lines)
                pages += pages_of(len(source.lines), len(getattr(source, "page_starts", ())))
        best = min(best, time.perf_counter() - started)
    return {
        "package": str(Path(pstkg.__file__).resolve().parent),  # which revision's reader ran
        "documents": len(files),
        "refused": failed,
        "lines": lines,
        "pages": pages,
        "seconds": round(best, 3),
        "ms_per_page": round(best * 1000 / pages, 3),
        "us_per_line": round(best * 1e6 / lines, 2),
        "rounds": rounds,
    }


def main() -> None:
    """Command line: the folder, the rounds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", type=Path, help="a folder of plan documents (.txt)")
    parser.add_argument("--rounds", type=int, default=3, help="readings of the folder")
    args = parser.parse_args()
    run_task(lambda: read_folder(args.documents, args.rounds))


if __name__ == "__main__":
    main()
