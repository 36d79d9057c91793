"""Writing a run's results: ``results.json``, ``results.md`` (tables) and ``results.png``."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from bench.stats import ratio
from bench.targets import check_targets


def write_results(results: dict[str, Any], out: Path) -> list[Path]:
    """Write the three files into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    results["targets"] = check_targets(results)
    paths = [out / "results.json", out / "results.md", out / "results.png"]
    paths[0].write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    paths[1].write_text(markdown(results), encoding="utf-8")
    if not write_chart(results, paths[2]):
        paths.pop()
    return paths


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables, with the machine they were measured on."""
    machine = results["machine"]
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    lines = [
        "# pst-kg at regional scale",
        "",
        f"Measured {machine['date']} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB, Python {machine['python']} ({machine['system']}); "
        f"{packages}. Seed {results['settings']['seed']}; whole run "
        f"{results.get('wall_seconds', '?')} s. Produced by `python -m bench` (bench/README.md).",
        "",
    ]
    sections = (_targets, _load, _queries, _api, _validation, _memory, _reader, _busy, _pages)
    for section in sections:
        lines += section(results)
    return "\n".join(lines) + "\n"


def _targets(results: dict[str, Any]) -> list[str]:
    rows = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for target in results["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        rows.append(f"| {target['target']} | {target['measured']} | {met} |")
    return [*rows, ""]


def _load(results: dict[str, Any]) -> list[str]:
    load = results.get("load")
    if not load:
        return []
    rows = [
        "## Load: documents into the store, against parsing the same quads into rdflib",
        "",
        "| region | plans | quads | pst-kg load (s) | plans/s | quads/s | rdflib parse (s) "
        "| quads/s | rdflib ÷ pst-kg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, entry in load.items():
        ours, theirs = entry["pst_kg"], entry.get("rdflib") or {}
        parse_seconds = theirs.get("parse_seconds", "–")
        gain: float | str | None = ratio(theirs.get("parse_seconds"), ours["seconds"])
        if theirs and not theirs.get("parse_complete", True):
            # Stopped at its time budget: the time is a lower bound, and so is the ratio.
            parse_seconds = (
                f"> {parse_seconds} (stopped at {theirs['quads']:,} of "
                f"{theirs['quads_in_file']:,} quads)"
            )
            gain = f"≥{gain:.1f}" if gain else None
        rows.append(
            f"| {label} | {ours['plans']} | {ours['quads']:,} | {ours['seconds']} "
            f"| {ours['plans_per_s']} | {ours['quads_per_s']:,} "
            f"| {parse_seconds} | {_thousands(theirs.get('quads_per_s'))} "
            f"| {_times(gain)} |"
        )
    rows += [
        "",
        "pst-kg's figure is the whole of `pst load`: reading each document, building its graph, "
        "storing it and deriving the links (themes, partners, ODD, similarity); rdflib's is "
        "parsing the N-Quads of the result, nothing else.",
        "",
    ]
    return rows


def _queries(results: dict[str, Any]) -> list[str]:
    queries = results.get("queries")
    if not queries:
        return []
    sizes = list(queries)
    header = "| named query | " + " | ".join(
        f"{size}: pst-kg median / p95 (ms) | {size}: rdflib median / p95 (ms) | {size}: ×"
        for size in sizes
    )
    rows = [
        "## Named queries: embedded store against rdflib's SPARQL engine, same quads",
        "",
        header + " |",
        "|---|" + "---:|---:|---:|" * len(sizes),
    ]
    names = sorted(queries[sizes[0]]["pst_kg"]["queries"])
    for name in names:
        cells = []
        for size in sizes:
            ours = queries[size]["pst_kg"]["queries"][name]
            theirs = (queries[size]["rdflib"].get("queries") or {}).get(name)
            if theirs is None:
                cells += [_timing(ours), "not run: rdflib's parse was stopped", "–"]
                continue
            cells += [_timing(ours), _timing(theirs), _times(query_speedup(ours, theirs))]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += [
        "",
        "pst-kg: the direct store call (`PlanStore.query`, rdflib terms out), after one warm-up "
        "run. rdflib: `Dataset.query` over the parsed quads, a few runs within a time budget "
        "(n given when below 5); a run past the limit is stopped, and the speed-up is then a "
        "lower bound (≥).",
        "",
    ]
    return rows


def query_speedup(ours: dict[str, Any], theirs: dict[str, Any]) -> float | str | None:
    """rdflib's median ÷ pst-kg's; "≥N" when rdflib was stopped at its limit."""
    if "error" in theirs or "error" in ours:
        return None
    if "timed_out_after_s" in theirs:
        bound = ratio(theirs["timed_out_after_s"] * 1000, ours.get("median_ms"))
        return f"≥{bound:,.0f}" if bound else None
    return ratio(theirs.get("median_ms"), ours.get("median_ms"))


def _api(results: dict[str, Any]) -> list[str]:
    api = results.get("api")
    if not api:
        return []
    rows = [
        f"## The service against the direct store call ({results['settings'].get('api_size', '')}"
        " plans)",
        "",
        "| named query | direct median (ms) | /api/queries median (ms) | added "
        "| /sparql median (ms) | added |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, entry in sorted(api["latency"].items()):
        rows.append(
            f"| {name} | {entry['direct']['median_ms']} | {entry['rest']['median_ms']} "
            f"| {_added(entry['rest_overhead'])} | {entry['sparql']['median_ms']} "
            f"| {_added(entry['sparql_overhead'])} |"
        )
    through = api["throughput"]
    rows += [
        "",
        f"Throughput, {through['clients']} concurrent clients on 127.0.0.1 cycling through the "
        "named queries:",
        "",
        "| | answers/s | median latency (ms) | p95 (ms) |",
        "|---|---:|---:|---:|",
    ]
    for label, key in (("alone", "alone"), ("beside one slow query", "with_slow_query")):
        entry = through[key]
        latency = entry.get("latency") or {}
        rows.append(
            f"| {label} | {entry['answers_per_s']} | {latency.get('median_ms', '–')} "
            f"| {latency.get('p95_ms', '–')} |"
        )
    return [*rows, ""]


def _validation(results: dict[str, Any]) -> list[str]:
    validation = results.get("validation")
    if not validation:
        return []
    rows = [
        f"## Validation of the whole region ({validation.get('plans')} plans)",
        "",
        "| | seconds | findings |",
        "|---|---:|---:|",
    ]
    for label, entry in validation["runs"].items():
        rows.append(f"| {label} | {entry['seconds']} | {entry.get('findings', '–')} |")
    same = "yes" if validation.get("identical_findings") else "**no**"
    rows += [
        "",
        f"Same findings on the {validation.get('reference_plans')} plans of the side-by-side "
        f"run: {same} ({validation.get('only_pst_kg')} only in pst-kg's, "
        f"{validation.get('only_pyshacl')} only in pyshacl's); speed-up "
        f"{validation.get('speedup')}×. The time of one pyshacl run over a whole graph grows "
        "faster than the region (bench/README.md): over all the region's plans it would take "
        "hours, so the side-by-side run is made on its first plans.",
        "",
    ]
    return rows


def _reader(results: dict[str, Any]) -> list[str]:
    reader = results.get("reader")
    if not reader:
        return []
    baseline = reader.get("baseline")
    rows = [
        f"## Reading: the general reader against the layout parsers of {baseline or '–'}",
        "",
        "| documents | pages | reading, ms/page | before, ms/page | ratio "
        "| load (s) | before, load (s) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, entry in reader.items():
        if label == "baseline":
            continue
        ours, theirs = entry["pst_kg"], entry.get("baseline") or {}
        load = entry.get("load") or {}
        load_ours = (load.get("pst_kg") or {}).get("seconds")
        load_theirs = (load.get("baseline") or {}).get("seconds")
        name = "corpus" if label == "corpus" else f"{label} plans"
        rows.append(
            f"| {name} ({ours['documents']}) | {ours['pages']:,} | {ours['ms_per_page']} "
            f"| {theirs.get('ms_per_page', '–')} "
            f"| {_ratio(ours['ms_per_page'], theirs.get('ms_per_page'))} "
            f"| {load_ours or '–'} | {load_theirs or '–'} | {_ratio(load_ours, load_theirs)} |"
        )
    rows += [
        "",
        "Reading is decoding, normalising and recognising the tree and fiches, without building "
        "the graph; a page is a form-feed page, else 50 lines. The load is `pst load` into a new "
        "store (reading, building, storing, linking), each revision in turn, the fastest of "
        "its rounds. A ratio above 1 means this revision takes longer.",
        "",
    ]
    return rows


def _busy(results: dict[str, Any]) -> list[str]:
    busy = results.get("busy")
    if not busy:
        return []
    baseline = busy.get("baseline_revision")
    sides = [("this revision", busy["pst_kg"])]
    if baseline:
        sides.append((baseline, busy["baseline"]))
    rows = [
        f"## The service beside runaway queries: this revision against {baseline or '–'}",
        "",
        "| revision | trivial query alone, median (ms) | beside 3 runaways, median (ms) "
        "| p95 (ms) | samples | busy ÷ alone | runaways ended with |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, side in sides:
        during = side["busy"] or {}
        statuses = sorted(
            {status for entry in side["rounds"] for status in entry["runaway_statuses"]}
        )
        rows.append(
            f"| {name} | {side['alone']['median_ms']} | {during.get('median_ms', '–')} "
            f"| {during.get('p95_ms', '–')} | {during.get('n', 0)} "
            f"| {_times(ratio(during.get('median_ms'), side['alone']['median_ms']))} "
            f"| {', '.join(map(str, statuses))} ({_reason(side['rounds'][0]['runaway_message'])}) |"
        )
    rows += [
        "",
        "| revision | sorted runaway ended with | after (s) | workers at rest (MiB) "
        "| worker peak (MiB) |",
        "|---|---|---:|---:|---:|",
    ]
    for name, side in sides:
        memory = side["memory"]
        ended = f"{memory['status']} ({_reason(memory['message'])})" + (
            ", stopped by the bench" if memory["stopped_by_bench"] else ""
        )
        rows.append(
            f"| {name} | {ended} | {memory['seconds']} | {memory['workers_at_rest_mib']:,} "
            f"| {memory['worker_peak_mib']:,} |"
        )
    ratios = busy["ratios"]
    store = busy.get("store") or {}
    rows += [
        "",
        f"Ratios: beside the runaways, the trivial query takes {_times(ratios['busy_over_alone'])} "
        f"its time alone at this revision, {_times(ratios['baseline_busy_over_alone'])} at "
        f"{baseline or '–'}; {baseline or '–'} takes {_times(ratios['baseline_busy_over_busy'])} "
        f"as long as this revision beside them. A worker's peak memory under the sorted runaway: "
        f"{_times(ratios['baseline_worker_peak_over_peak'])} at {baseline or '–'}, which has no "
        "cap: there, only the time limit stops its growth.",
        "",
        f"`pst serve --query-timeout {busy['query_timeout_s']:g}` on the corpus "
        f"({store.get('plans', '?')} plans, {store.get('quads', 0):,} quads), other options at "
        "their defaults, each revision in turn on the same store. The trivial query "
        f"(`{busy['queries']['trivial']}`) is timed only while all three runaways "
        f"(`{busy['queries']['runaway']}`, one each from "
        f"{', '.join(busy['runaway_clients'])}) still run: the earlier revision answers it only "
        "once a runaway ends, so it gives one sample a round. The memory is the largest VmHWM "
        "of the service's child processes, read from /proc every 50 ms while "
        f"`{busy['queries']['memory_runaway']}` runs.",
        "",
    ]
    return rows


def _pages(results: dict[str, Any]) -> list[str]:
    pages = results.get("pages")
    if not pages:
        return []
    rows = [
        f"## Pages of the named-query API ({pages['plans']} plans, {pages['page_rows']} rows a "
        "page)",
        "",
        "| call | rows | whole, direct (ms) | first page, cold (ms) | first page, warm (ms) "
        "| next page (ms) | last page (ms) | whole ÷ cold | whole ÷ warm |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, entry in pages["calls"].items():
        rows.append(
            f"| {label} | {entry['rows']:,} | {entry['whole']['median_ms']:,.1f} "
            f"| {entry['cold_first_page']['median_ms']:,.1f} "
            f"| {entry['warm_first_page']['median_ms']:,.1f} "
            f"| {entry['next_page']['median_ms']:,.1f} | {entry['last_page']['median_ms']:,.1f} "
            f"| {_times(entry['ratios']['whole_over_cold_first_page'])} "
            f"| {_times(entry['ratios']['whole_over_warm_first_page'])} |"
        )
    rows += [
        "",
        "whole: the direct store call reading every row (rdflib terms), median of up to 5 "
        "runs after a warm-up, within 10 s. The pages are "
        "`GET /api/queries/NAME?limit=100&offset=N` on `pst serve` over 127.0.0.1, JSON read. "
        f"Cold: the first request for the call after a start of the service (median of "
        f"{pages['cold_starts']} starts): the query is evaluated whole, its first 10,000 rows "
        "kept and the rest counted. Warm, next: answered from the rows kept. Last: past the "
        "rows kept when the result has more than 10,000, the query is read again.",
        "",
    ]
    return rows


def _reason(message: str) -> str:
    """Why the service stopped a query, from its message: the English part, before the
    advice."""
    return message.split(" / ")[-1].split(":")[0]


def _ratio(ours: float | None, theirs: float | None) -> str:
    return "–" if not ours or not theirs else f"{ours / theirs:.2f}"


def _memory(results: dict[str, Any]) -> list[str]:
    rows = ["## Peak memory (RSS)", "", "| region | process | MiB |", "|---|---|---:|"]
    for label, process, mib in memory_rows(results):
        rows.append(f"| {label} | {process} | {mib:,.0f} |")
    return [*rows, ""] if len(rows) > 4 else []


def memory_rows(results: dict[str, Any]) -> list[tuple[str, str, float]]:
    """(region, process, peak MiB) for every process measured."""
    rows = []
    for label, entry in (results.get("load") or {}).items():
        rows.append((label, "pst-kg: pst load", entry["pst_kg"]["peak_rss_mb"]))
        if entry["pst_kg"].get("workers_peak_rss_mb"):
            rows.append(
                (label, "pst-kg: pst load, each reading worker (at most)",
                 entry["pst_kg"]["workers_peak_rss_mb"])
            )  # fmt: skip
    for label, entry in (results.get("queries") or {}).items():
        rows.append((label, "pst-kg: store open, every query", entry["pst_kg"]["peak_rss_mb"]))
        rows.append((label, _rdflib_process(entry["rdflib"]), entry["rdflib"]["peak_rss_mb"]))
    return rows


def _rdflib_process(parsed: dict[str, Any]) -> str:
    """What the rdflib process held when its memory was read."""
    if parsed.get("parse_complete", True):
        return "rdflib: Dataset parsed, every query"
    share = parsed["quads"] / max(parsed["quads_in_file"], 1)
    return (
        f"rdflib: parse stopped after {parsed['parse_seconds']:.0f} s with {share:.0%} of the"
        " quads (a lower bound)"
    )


def write_chart(results: dict[str, Any], path: Path) -> bool:
    """A PNG: median time of each named query per engine and size (log scale), and memory."""
    queries = results.get("queries")
    if not queries:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = list(queries)
    names = sorted(queries[sizes[0]]["pst_kg"]["queries"])
    figure, axes = plt.subplots(len(sizes), 1, figsize=(12, 4.5 * len(sizes)), squeeze=False)
    for axis, size in zip(axes[:, 0], sizes, strict=True):
        ours = [
            queries[size]["pst_kg"]["queries"][name].get("median_ms", math.nan) for name in names
        ]
        answered = queries[size]["rdflib"].get("queries") or {}
        theirs = [_rdflib_ms(answered.get(name, {})) for name in names]
        positions = range(len(names))
        axis.bar([p - 0.2 for p in positions], ours, width=0.4, label="pst-kg (Oxigraph)")
        axis.bar([p + 0.2 for p in positions], theirs, width=0.4, label="rdflib")
        axis.set_yscale("log")
        axis.set_ylabel("median (ms, log)")
        title = f"Named queries on {size} plans"
        if not answered:
            title += " (rdflib: parse stopped at its time budget, no query run)"
        elif any("timed_out_after_s" in entry for entry in answered.values()):
            limit = max(entry.get("timed_out_after_s", 0) for entry in answered.values())
            title += f" (an rdflib bar at {limit:g} s: stopped there, a lower bound)"
        axis.set_title(title)
        axis.set_xticks(list(positions), names, rotation=40, ha="right", fontsize=8)
        axis.axhline(100, color="grey", linestyle="--", linewidth=0.8)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return True


def _rdflib_ms(entry: dict[str, Any]) -> float:
    if "timed_out_after_s" in entry:
        return entry["timed_out_after_s"] * 1000  # drawn at its lower bound
    return entry.get("median_ms", math.nan)  # an error or no run: no bar


def _timing(entry: dict[str, Any]) -> str:
    if "error" in entry:
        return f"error: {entry['error'][:60]}"
    if "timed_out_after_s" in entry:
        return f"> {entry['timed_out_after_s'] * 1000:,.0f} (stopped)"
    text = f"{entry['median_ms']:,.1f} / {entry['p95_ms']:,.1f}"
    return text + (f" (n={entry['n']})" if entry["n"] < 5 else "")


def _times(value: float | str | None) -> str:
    if value is None:
        return "–"
    return (
        f"{value}×"
        if isinstance(value, str)
        else f"{value:,.0f}×"
        if value >= 10
        else f"{value:.1f}×"
    )


def _added(overhead: float | None) -> str:
    return "–" if overhead is None else f"{(overhead - 1) * 100:+.0f} %"


def _thousands(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"
