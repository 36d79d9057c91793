"""Validation reports kept between requests: SHACL over a plan takes about half a second."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date

from rdflib import URIRef

from pstkg.store import PlanStore
from pstkg.validation import PlanReport, resolve_plan
from pstkg.validation.report import plan_report
from pstkg.validation.run import store_timelines
from pstkg.validation.store_engine import run_region


class ValidationCache:
    """One :class:`PlanReport` per plan, computed on first use and forgotten on any write.

    The reports are those of the day (the evaluation duties and the échéances are checked as of
    today, as ``pst validate`` does): they are forgotten when the date changes.
    """

    def __init__(self) -> None:
        self._reports: dict[URIRef, PlanReport] = {}
        self._day = date.today()
        self._lock = threading.Lock()

    def _forget_yesterday(self) -> None:
        """Called with the lock held: a new day, reports to check again."""
        if self._day != date.today():
            self._reports.clear()
            self._day = date.today()

    def report(self, store: PlanStore, plan: URIRef) -> PlanReport:
        """The report of one plan (StoreError if the store has no such plan)."""
        with self._lock:
            self._forget_yesterday()
            if plan not in self._reports:
                resolve_plan(store, str(plan))  # a plan the store does not hold: StoreError
                self._reports.update(_validated(store, [plan], self._day))
            return self._reports[plan]

    def warm(self, store: PlanStore, plans: Iterable[URIRef]) -> None:
        """Validate together the ``plans`` not validated yet.

        One run over many plans costs far less than one run per plan (40 plans of a 1,000-plan
        region: 12 s together, 40 s one by one, on a busy 2-core machine), which a page listing
        the region's plans needs. If the run fails, nothing is kept: :meth:`report` then tells,
        plan by plan, which one fails.
        """
        with self._lock:
            self._forget_yesterday()
            missing = list(dict.fromkeys(p for p in plans if p not in self._reports))
            if len(missing) < 2:
                return
            try:
                reports = _validated(store, missing, self._day)
            except Exception:  # a plan that cannot be validated: report() finds which
                return
            self._reports.update(reports)

    def clear(self) -> None:
        """Forget every report (the store changed)."""
        with self._lock:
            self._reports.clear()


def _validated(store: PlanStore, plans: list[URIRef], as_of: date) -> dict[URIRef, PlanReport]:
    """The reports of ``plans``, validated together by the store engine (as ``pst validate``)."""
    region = run_region(store, plans)
    timelines = store_timelines(store, plans, as_of)
    return {
        plan: plan_report(region.plan_graph(plan), plan, region.results[plan], timelines[plan])
        for plan in plans
    }
