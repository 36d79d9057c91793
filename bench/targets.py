"""The targets of issues #7, #13, #14 and #15, checked against a run's results: met, missed, or not
measured."""

from __future__ import annotations

from typing import Any

QUERY_SPEEDUP = 20.0
QUERY_MEDIAN_MS = 100.0
API_OVERHEAD = 1.20
VALIDATION_SPEEDUP = 10.0
SINGLE_PLAN_SECONDS = 1.0
BUSY_SPEEDUP = 10.0
FIRST_PAGE_MS = 100.0


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per target: what it asks, what was measured, and whether it was met."""
    return [
        _query_speed(results),
        _query_latency(results),
        _api_overhead(results),
        _validation_speed(results),
        _single_plan(results),
        _memory(results),
        _load_with_reader(results),
        _busy_service(results),
        _first_page(results, "warm_first_page", "asked again, or after the first page"),
        _first_page(results, "cold_first_page", "the first request after a start"),
    ]


def _entry(target: str, measured: str, met: bool | None) -> dict[str, Any]:
    return {"target": target, "measured": measured, "met": met}


def _queries_at(results: dict[str, Any], size: str) -> dict[str, Any] | None:
    return (results.get("queries") or {}).get(size)


def _query_speed(results: dict[str, Any]) -> dict[str, Any]:
    target = f"every named query ≥ {QUERY_SPEEDUP:g}× faster than rdflib (250 plans)"
    at_250 = _queries_at(results, "250")
    if not at_250:
        return _entry(target, "–", None)
    speedups = {}
    for name, ours in at_250["pst_kg"]["queries"].items():
        theirs = (at_250["rdflib"].get("queries") or {}).get(name, {})
        if "error" in theirs or not theirs or "median_ms" not in ours:
            continue
        slow_ms = (
            theirs["timed_out_after_s"] * 1000
            if "timed_out_after_s" in theirs
            else theirs["median_ms"]
        )
        speedups[name] = slow_ms / ours["median_ms"]
    worst = min(speedups, key=speedups.__getitem__)
    missed = sorted(name for name, value in speedups.items() if value < QUERY_SPEEDUP)
    measured = f"slowest gain {speedups[worst]:.1f}× ({worst})"
    if missed:
        measured += f"; below target: {', '.join(missed)}"
    return _entry(target, measured, not missed)


def _query_latency(results: dict[str, Any]) -> dict[str, Any]:
    target = f"every named query < {QUERY_MEDIAN_MS:g} ms median (250 plans)"
    at_250 = _queries_at(results, "250")
    if not at_250:
        return _entry(target, "–", None)
    medians = {name: entry["median_ms"] for name, entry in at_250["pst_kg"]["queries"].items()}
    slowest = max(medians, key=medians.__getitem__)
    missed = sorted(name for name, value in medians.items() if value >= QUERY_MEDIAN_MS)
    measured = f"slowest {medians[slowest]:.1f} ms ({slowest})"
    if missed:
        measured += f"; over: {', '.join(missed)}"
    return _entry(target, measured, not missed)


def _api_overhead(results: dict[str, Any]) -> dict[str, Any]:
    target = f"the API adds ≤ {(API_OVERHEAD - 1) * 100:.0f} % to a direct call (median)"
    api = results.get("api")
    if not api:
        return _entry(target, "–", None)
    overheads = {
        f"{route} {name}": entry[f"{route}_overhead"]
        for name, entry in api["latency"].items()
        for route in ("rest", "sparql")
    }
    worst = max(overheads, key=overheads.__getitem__)
    missed = sorted(name for name, value in overheads.items() if value > API_OVERHEAD)
    measured = f"worst +{(overheads[worst] - 1) * 100:.0f} % ({worst})"
    if missed:
        measured += f"; {len(missed)} of {len(overheads)} calls over"
    return _entry(target, measured, not missed)


def _validation_speed(results: dict[str, Any]) -> dict[str, Any]:
    target = (
        f"whole-region validation ≥ {VALIDATION_SPEEDUP:g}× faster than one pyshacl run,"
        " same findings"
    )
    validation = results.get("validation")
    if not validation:
        return _entry(target, "–", None)
    gain = validation["speedup"]
    same = validation["identical_findings"]
    findings = "identical" if same else "DIFFER"
    measured = f"{gain:.1f}× on {validation['reference_plans']} plans; findings {findings}"
    return _entry(target, measured, gain >= VALIDATION_SPEEDUP and same)


def _single_plan(results: dict[str, Any]) -> dict[str, Any]:
    target = f"a single plan validated in < {SINGLE_PLAN_SECONDS:g} s"
    validation = results.get("validation")
    if not validation:
        return _entry(target, "–", None)
    seconds = validation["single_plan_seconds"]
    return _entry(target, f"{seconds} s (largest plan)", seconds < SINGLE_PLAN_SECONDS)


def _memory(results: dict[str, Any]) -> dict[str, Any]:
    target = "the 1,000-plan region in less memory than rdflib needs for 250"
    queries = results.get("queries") or {}
    load = results.get("load") or {}
    if "1000" not in queries or "250" not in queries:
        return _entry(target, "–", None)
    loading = (load.get("1000") or {}).get("pst_kg", {})
    # The loading process and its reading workers, counted as if all peaked at once.
    load_total = loading.get("peak_rss_mb", 0) + loading.get("workers", 0) * loading.get(
        "workers_peak_rss_mb", 0
    )
    ours = max(queries["1000"]["pst_kg"]["peak_rss_mb"], load_total)
    theirs = queries["250"]["rdflib"]["peak_rss_mb"]
    measured = (
        f"pst-kg {ours:,.0f} MiB for 1,000 plans (the larger of: queries; loading, with its"
        f" reading workers); rdflib {theirs:,.0f} MiB for 250"
    )
    return _entry(target, measured, ours < theirs)


def _load_with_reader(results: dict[str, Any]) -> dict[str, Any]:
    """Issue #13: the general reader keeps loading within the time of the parsers it replaced."""
    reader = results.get("reader") or {}
    target = (
        f"loading with the general reader takes no longer than with the layout parsers of "
        f"{reader.get('baseline') or 'the baseline'} (same documents, same run)"
    )
    sizes = [label for label in reader if label not in ("baseline", "corpus")]
    load = (reader.get(sizes[0]) or {}).get("load") if sizes else None
    if not load:
        return _entry(target, "–", None)
    ours, theirs = load["pst_kg"]["seconds"], load["baseline"]["seconds"]
    reading = reader[sizes[0]]
    per_page = reading["pst_kg"]["ms_per_page"] / reading["baseline"]["ms_per_page"]
    measured = (
        f"{sizes[0]} plans: {ours} s against {theirs} s ({ours / theirs:.2f}×); reading "
        f"alone {per_page:.2f}× per page"
    )
    return _entry(target, measured, ours <= theirs)


def _busy_service(results: dict[str, Any]) -> dict[str, Any]:
    """Issue #14: a trivial query answers fast while runaway queries hold the workers."""
    busy = results.get("busy") or {}
    target = (
        f"a trivial /sparql query beside three runaway ones answers ≥ {BUSY_SPEEDUP:g}× sooner "
        f"than at {busy.get('baseline_revision') or 'the baseline'} (median, same run)"
    )
    gain = (busy.get("ratios") or {}).get("baseline_busy_over_busy")
    if gain is None:
        return _entry(target, "–", None)
    ours, theirs = busy["pst_kg"]["busy"]["median_ms"], busy["baseline"]["busy"]["median_ms"]
    measured = f"{ours:,.0f} ms against {theirs:,.0f} ms ({gain:,.0f}×)"
    return _entry(target, measured, gain >= BUSY_SPEEDUP)


def _first_page(results: dict[str, Any], key: str, when: str) -> dict[str, Any]:
    pages = results.get("pages") or {}
    target = (
        f"the first page of every call of bench/pages.toml < {FIRST_PAGE_MS:g} ms median at "
        f"{pages.get('plans', 1000)} plans, {when}"
    )
    calls = pages.get("calls")
    if not calls:
        return _entry(target, "–", None)
    medians = {label: entry[key]["median_ms"] for label, entry in calls.items()}
    slow = sorted(label for label, ms in medians.items() if ms >= FIRST_PAGE_MS)
    slowest = max(medians.values())
    measured = f"{len(medians) - len(slow)} of {len(medians)} calls; slowest {slowest:,.1f} ms"
    if slow:
        measured += f" (over: {'; '.join(slow)})"
    return _entry(target, measured, not slow)
