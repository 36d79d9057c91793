"""``python -m bench``: every measurement of issue #7, side by side, in one run.

Steps, each printed as it starts:
  1. regions: the corpus, and synthetic regions of each size (bench/synthetic), generated once
     per seed into the work folder and reused;
  2. load: each region's documents into a new store (pst-kg), and the same quads parsed into an
     rdflib in-memory Dataset;
  3. queries: every named query (bench/workload.toml) on each synthetic region, embedded store
     against rdflib's SPARQL engine over the same quads;
  4. api: the service's latency against the direct store call, and its throughput with 8
     concurrent clients, with and without a slow query (bench/api_bench.py);
  5. validation: the whole region, pst-kg's engine against one pyshacl run over the whole graph,
     with the findings compared (bench/validation_bench.py);
  6. reader: reading the documents alone (no graph), per page, against the reader of the
     revision before issue #13 (bench/baseline.py) on the same documents; and the whole load
     of the same documents by each revision in turn;
  7. busy: the service beside three runaway /sparql queries, and a worker's memory under a
     sorted one, at this revision and at the one before issue #14 (bench/busy_bench.py);
  8. pages: the named-query API's first page (cold and warm), next and last pages, against
     the whole result, on the largest region (bench/pages_bench.py, issue #15);
  9. the results: JSON, a Markdown table and a PNG chart in the results folder.
Each engine is measured in a process of its own, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.baseline import READER_BASELINE, baseline_package
from bench.machine import describe_machine
from bench.workload import read_workload, region_placeholders, resolve_calls
from pstkg.store import open_store

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "data" / "corpus"
DEFAULT_SIZES = (250, 1000)
DEFAULT_SEED = 2026
PARSE_FIGURES = (
    "parse_complete", "parse_seconds", "quads", "quads_in_file", "quads_per_s", "peak_rss_mb",
)  # fmt: skip
"""What the load table takes of rdflib's parse, timed in the query step."""


@dataclass
class Settings:
    """What a run measures, and how hard it tries."""

    sizes: tuple[int, ...] = DEFAULT_SIZES
    seed: int = DEFAULT_SEED
    work: Path = PROJECT / "bench" / "data"
    out: Path = PROJECT / "bench" / "results"
    steps: tuple[str, ...] = ("load", "queries", "api", "validation", "reader", "busy", "pages")
    reader_rounds: int = 3
    load_rounds: int = 3
    """Loads of each region by each revision, for the reader step's side-by-side load time."""
    reader_baseline: str = READER_BASELINE
    embedded_repetitions: int = 30
    embedded_budget: float = 3.0
    """Seconds of runs per query on the store, roughly: at least one run after the warm-up."""
    rdflib_repetitions: int = 5
    rdflib_budget: float = 8.0
    """Seconds of rdflib runs per query, roughly: at least one run, at most the repetitions."""
    rdflib_limit: float = 5.0
    """Seconds one rdflib run may take; past it the run is stopped (a lower bound is kept)."""
    rdflib_parse_budget: dict[int, float | None] = field(
        default_factory=lambda: {250: None, 1000: 60.0}
    )
    """Seconds rdflib may spend parsing a region (None: all of it); a region it could not
    parse in time gets lower bounds (quads parsed, seconds, memory) and no query timings."""
    api_size: int = 250
    pages_size: int = 1000
    validation_size: int = 250
    validation_reference_plans: int = 16
    """Plans in the one pyshacl run over a whole graph: its time grows faster than the region
    (bench/README.md), so a run over 250 plans would take hours."""


class Progress:
    """One line per step on stderr, with the time since the run started."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:6.0f} s] {message}", file=sys.stderr, flush=True)


def run_task(module: str, *arguments: object, path: Path | None = None) -> dict[str, Any]:
    """Run ``python -m bench.tasks.MODULE ARGS`` and return the JSON it printed.

    With ``path``, that folder comes first on PYTHONPATH (an earlier revision's package).
    """
    command = [sys.executable, "-m", f"bench.tasks.{module}", *map(str, arguments)]
    env = {**os.environ, "PYTHONPATH": f"{path}{os.pathsep}{PROJECT}"} if path else None
    # `python -m` puts its working folder first on the path: the baseline's, so that its
    # `pstkg` is the one imported, and `bench` comes from the project after it.
    completed = subprocess.run(
        command, cwd=path or PROJECT, capture_output=True, text=True, env=env
    )
    if completed.returncode != 0:
        failure = completed.stderr.strip()
        raise SystemExit(f"bench: task {module} failed (exit {completed.returncode}):\n{failure}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def region_documents(settings: Settings, size: int, progress: Progress) -> Path:
    """The folder of a synthetic region's documents, generated on first use."""
    folder = settings.work / f"region-{size}-seed{settings.seed}"
    if not (folder / "manifest.json").exists():
        progress(f"generating a synthetic region of {size} plans (seed {settings.seed})")
        command = [
            sys.executable, "-m", "bench.synthetic",
            "--plans", str(size), "--seed", str(settings.seed), "--out", str(folder),
        ]  # fmt: skip
        completed = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
        if completed.returncode != 0:
            raise SystemExit(f"bench: generating the region failed:\n{completed.stderr.strip()}")
    return folder


def measure_load(settings: Settings, regions: dict[str, Path], progress: Progress) -> dict:
    """Documents → store (pst-kg) against N-Quads → rdflib Dataset, for each region.

    Where the query step runs, rdflib's parse is timed there (it parses the same file before
    its queries): parsing 1,000 plans twice would double the longest part of the run.
    """
    results = {}
    for label, documents in regions.items():
        store, nquads = settings.work / f"store-{label}", settings.work / f"{label}.nq"
        progress(f"load {label}: documents into a new store")
        results[label] = {"pst_kg": run_task("load", documents, store, "--nquads", nquads)}
        if label == "corpus" or "queries" not in settings.steps:
            progress(f"load {label}: the same quads into an rdflib Dataset")
            results[label]["rdflib"] = run_task("rdflib_queries", nquads, "-", "--parse-only")
    return results


def measure_queries(settings: Settings, progress: Progress) -> dict:
    """Every named query, embedded store against rdflib, on each synthetic region."""
    workload = read_workload()
    results = {}
    for size in settings.sizes:
        label = str(size)
        store, nquads = settings.work / f"store-{label}", settings.work / f"{label}.nq"
        with open_store(store, read_only=True) as opened:
            calls = resolve_calls(workload, region_placeholders(opened))
        calls_file = settings.work / f"calls-{label}.json"
        calls_file.write_text(
            json.dumps([{**call.as_dict(), "sparql": call.sparql} for call in calls], indent=1),
            encoding="utf-8",
        )
        progress(f"queries on {size} plans: embedded store ({len(calls)} named queries)")
        embedded = run_task(
            "embedded_queries", store, calls_file,
            "--repetitions", settings.embedded_repetitions,
            "--budget", settings.embedded_budget,
        )  # fmt: skip
        progress(f"queries on {size} plans: rdflib (parse, then each query)")
        parse_budget = settings.rdflib_parse_budget.get(size)
        rdflib = run_task(
            "rdflib_queries", nquads, calls_file,
            "--repetitions", settings.rdflib_repetitions,
            "--budget", settings.rdflib_budget,
            "--limit", settings.rdflib_limit,
            *(["--parse-budget", parse_budget] if parse_budget is not None else []),
        )  # fmt: skip
        results[label] = {
            "calls": [call.as_dict() for call in calls],
            "pst_kg": embedded,
            "rdflib": rdflib,
        }
    return results


def measure_reader(settings: Settings, regions: dict[str, Path], progress: Progress) -> dict:
    """This revision's reader against the baseline's, on the same documents: reading alone,
    per page; and the whole load (reading, building, storing), each revision in turn."""
    baseline = baseline_package(settings.reader_baseline, settings.work)
    results: dict[str, Any] = {"baseline": settings.reader_baseline if baseline else None}
    for label in ("corpus", str(min(settings.sizes))):
        documents = regions[label]
        progress(f"reader on {label}: this revision")
        entry = {"pst_kg": run_task("reader", documents, "--rounds", settings.reader_rounds)}
        if baseline is not None:
            progress(f"reader on {label}: revision {settings.reader_baseline}")
            entry["baseline"] = run_task(
                "reader", documents, "--rounds", settings.reader_rounds, path=baseline
            )
            entry["load"] = _load_both(settings, label, documents, baseline, progress)
        results[label] = entry
    return results


def _load_both(
    settings: Settings, label: str, documents: Path, baseline: Path, progress: Progress
) -> dict[str, Any]:
    """The fastest of a few loads into a new store by each revision, taken in turn so that a
    slow spell of the machine falls on both."""
    store = settings.work / f"store-reader-{label}"
    best: dict[str, dict[str, Any]] = {}
    for round_index in range(settings.load_rounds):
        for side, path in (("pst_kg", None), ("baseline", baseline)):
            progress(f"load {label}, round {round_index + 1}: {side}")
            run = run_task("load", documents, store, path=path)
            if side not in best or run["seconds"] < best[side]["seconds"]:
                best[side] = run
    return {
        side: {key: run[key] for key in ("seconds", "plans", "quads")} for side, run in best.items()
    } | {"rounds": settings.load_rounds}


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmarks and write the results."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure pst-kg at regional scale against rdflib and pyshacl (issue #7).",
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="synthetic region sizes, in plans (default: 250,1000)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--work", type=Path, default=Settings.work, help="regions and stores")
    parser.add_argument("--out", type=Path, default=Settings.out, help="results folder")
    parser.add_argument(
        "--steps",
        default=",".join(Settings.steps),
        help=f"which measurements to run (default: all of {','.join(Settings.steps)})",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="no time budgets for rdflib and pyshacl: every run to its end (takes far longer)",
    )
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(","))
    steps = tuple(step.strip() for step in args.steps.split(",") if step.strip())
    unknown = set(steps) - set(Settings.steps)
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    settings = Settings(sizes=sizes, seed=args.seed, work=args.work, out=args.out, steps=steps)
    settings.api_size = settings.validation_size = min(sizes)
    settings.pages_size = max(sizes)
    if args.full:
        settings.rdflib_limit = 3600.0
        settings.rdflib_parse_budget = {}
        settings.validation_reference_plans = 40
    settings.work.mkdir(parents=True, exist_ok=True)
    progress = Progress()
    results: dict[str, Any] = {
        "machine": describe_machine(),
        "settings": {
            "sizes": list(sizes),
            "seed": settings.seed,
            "steps": list(steps),
            "api_size": settings.api_size,
            "pages_size": settings.pages_size,
            "validation_size": settings.validation_size,
            "full": args.full,
            "rdflib_limit_s": settings.rdflib_limit,
            "rdflib_parse_budget_s": {
                str(size): settings.rdflib_parse_budget.get(size) for size in sizes
            },
        },
    }
    regions = {"corpus": CORPUS}
    if set(steps) - {"busy"}:  # the busy step serves the corpus alone
        regions |= {str(size): region_documents(settings, size, progress) for size in sizes}
    measurements: dict[str, Callable[[], dict]] = {
        "load": lambda: measure_load(settings, regions, progress),
        "queries": lambda: measure_queries(settings, progress),
        "api": lambda: _api(settings, progress),
        "validation": lambda: _validation(settings, progress),
        "reader": lambda: measure_reader(settings, regions, progress),
        "busy": lambda: _busy(settings, progress),
        "pages": lambda: _pages(settings, regions, progress),
    }
    for step in Settings.steps:
        if step in steps:
            results[step] = measurements[step]()
    add_parse_to_load(results)
    results["wall_seconds"] = round(time.perf_counter() - progress.started, 1)
    from bench.report import write_results

    written = write_results(results, settings.out)
    progress("results: " + ", ".join(os.path.relpath(path) for path in written))
    return 0


def add_parse_to_load(results: dict[str, Any]) -> None:
    """Give the load table rdflib's parse of each region, timed by the query step's process."""
    for label, entry in (results.get("queries") or {}).items():
        if label in results.get("load", {}):
            parsed = entry["rdflib"]
            results["load"][label]["rdflib"] = {key: parsed[key] for key in PARSE_FIGURES}


def _api(settings: Settings, progress: Progress) -> dict:
    from bench.api_bench import measure_api

    return measure_api(settings.work / f"store-{settings.api_size}", settings, progress)


def _pages(settings: Settings, regions: dict[str, Path], progress: Progress) -> dict:
    from bench.pages_bench import measure_pages

    store = settings.work / f"store-{settings.pages_size}"
    if not store.exists():  # the load step makes it; run alone, the step loads the region
        progress(f"pages: the region of {settings.pages_size} plans into a new store")
        run_task("load", regions[str(settings.pages_size)], store)
    return measure_pages(store, progress) | {"plans": settings.pages_size}


def _validation(settings: Settings, progress: Progress) -> dict:
    return run_task("validation", settings.work / f"store-{settings.validation_size}") | {
        "plans": settings.validation_size
    }


def _busy(settings: Settings, progress: Progress) -> dict:
    from bench.busy_bench import measure_busy

    store = settings.work / "store-busy"
    progress("busy: the corpus into a new store")
    loaded = run_task("load", CORPUS, store)
    return measure_busy(store, settings.work, progress) | {
        "store": {key: loaded[key] for key in ("plans", "quads")}
    }
