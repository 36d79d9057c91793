"""Validation reports kept between requests: SHACL over a plan takes about half a second."""

from __future__ import annotations

import threading

from rdflib import URIRef

from pstkg.store import PlanStore
from pstkg.validation import PlanReport, validate_store
from pstkg.validation.run import plan_graphs


class ValidationCache:
    """One :class:`PlanReport` per plan, computed on first use and forgotten on any write."""

    def __init__(self) -> None:
        self._reports: dict[URIRef, PlanReport] = {}
        self._lock = threading.Lock()

    def report(self, store: PlanStore, plan: URIRef) -> PlanReport:
        """The report of one plan (StoreError if the store has no such plan)."""
        with self._lock:
            if plan not in self._reports:
                (self._reports[plan],) = validate_store(store, str(plan))
            return self._reports[plan]

    def all_reports(self, store: PlanStore) -> dict[URIRef, PlanReport]:
        """The reports of every plan in the store, by plan IRI."""
        return {plan: self.report(store, plan) for plan in plan_graphs(store)}

    def clear(self) -> None:
        """Forget every report (the store changed)."""
        with self._lock:
            self._reports.clear()
