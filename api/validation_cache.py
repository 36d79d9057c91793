"""Validation reports kept between requests: SHACL over a plan takes about half a second."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from rdflib import URIRef

from pstkg.store import PlanStore
from pstkg.validation import PlanReport, resolve_plan
from pstkg.validation.report import plan_report
from pstkg.validation.store_engine import run_region


class ValidationCache:
    """One :class:`PlanReport` per plan, computed on first use and forgotten on any write."""

    def __init__(self) -> None:
        self._reports: dict[URIRef, PlanReport] = {}
        self._lock = threading.Lock()

    def report(self, store: PlanStore, plan: URIRef) -> PlanReport:
        """The report of one plan (StoreError if the store has no such plan)."""
        with self._lock:
            if plan not in self._reports:
                resolve_plan(store, str(plan))  # a plan the store does not hold: StoreError
                self._reports.update(_validated(store, [plan]))
            return self._reports[plan]

    def warm(self, store: PlanStore, plans: Iterable[URIRef]) -> None:
        """Validate together the ``plans`` not validated yet.

        One run over many plans costs far less than one run per plan (40 plans of a 1,000-plan
        region: 12 s together, 40 s one by one, on a busy 2-core machine), which a page listing
        the region's plans needs. If the run fails, nothing is kept: :meth:`report` then tells,
        plan by plan, which one fails.
        """
        with self._lock:
            missing = list(dict.fromkeys(p for p in plans if p not in self._reports))
            if len(missing) < 2:
                return
            try:
                reports = _validated(store, missing)
            except Exception:  # a plan that cannot be validated: report() finds which
                return
            self._reports.update(reports)

    def clear(self) -> None:
        """Forget every report (the store changed)."""
        with self._lock:
            self._reports.clear()


def _validated(store: PlanStore, plans: list[URIRef]) -> dict[URIRef, PlanReport]:
    """The reports of ``plans``, validated together by the store engine (as ``pst validate``)."""
    region = run_region(store, plans)
    return {
        plan: plan_report(region.plan_graph(plan), plan, region.results[plan]) for plan in plans
    }
