"""Validation reports kept between requests: SHACL over a plan takes about half a second."""

from __future__ import annotations

import threading

from rdflib import URIRef

from pstkg.store import PlanStore
from pstkg.validation import PlanReport, validate_store


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

    def clear(self) -> None:
        """Forget every report (the store changed)."""
        with self._lock:
            self._reports.clear()
