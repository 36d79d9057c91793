"""The region's ranking: every plan by completeness and non-conformities, with its place.

The ranking is the one of ``pst validate --format html`` (pstkg.validation.report.rank): the
most complete plan first, ties going to fewer non-conformités. The province and arrondissement
come from the CPAS's NIS code (data/registry/arrondissements.csv); a plan without a code is
kept, under « province inconnue ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef

from pstkg.api.routes.plans import PlanSummary
from pstkg.api.validation_cache import ValidationCache
from pstkg.reference import arrondissement_of, arrondissements, provinces
from pstkg.store import PlanStore
from pstkg.validation.rules import Severity

UNKNOWN_PROVINCE = "inconnue"
"""The ``province`` filter's value for plans without a (Walloon) NIS code."""


@dataclass(frozen=True)
class RankedPlan:
    """A plan's row in the ranking."""

    rank: int | None
    """Its place in the ranking shown (None: the plan could not be validated)."""
    summary: PlanSummary
    province: str | None
    arrondissement: str | None
    violations: int | None
    warnings: int | None

    def as_row(self) -> dict[str, object]:
        """The row as the export writes it (keys of :data:`EXPORT_COLUMNS`)."""
        plan = self.summary
        return {
            "rank": self.rank,
            "cpas": plan.cpas,
            "legislature": plan.legislature,
            "province": self.province or "inconnue",
            "arrondissement": self.arrondissement or "inconnu",
            "nis_code": plan.nis_code,
            "completeness": None if plan.error else plan.completeness_percent,
            "violations": self.violations,
            "warnings": self.warnings,
            "conforms": None if plan.error else plan.conforms,
            "actions": plan.actions,
            "error": plan.error,
            "plan": plan.plan,
        }


EXPORT_COLUMNS = [
    ("rank", "Rang"),
    ("cpas", "CPAS"),
    ("legislature", "Législature"),
    ("province", "Province"),
    ("arrondissement", "Arrondissement"),
    ("nis_code", "Code INS"),
    ("completeness", "Complétude (%)"),
    ("violations", "Non-conformités"),
    ("warnings", "Avertissements"),
    ("conforms", "Conforme au décret"),
    ("actions", "Projets et actions"),
    ("error", "Erreur de validation"),
    ("plan", "IRI du plan"),
]


@dataclass(frozen=True)
class RegionFilter:
    """The plans asked for: a province (or « inconnue »), an arrondissement, or all."""

    province: str | None = None
    arrondissement: str | None = None

    def keeps(self, plan: RankedPlan) -> bool:
        """Whether ``plan`` is in the selection."""
        if self.province == UNKNOWN_PROVINCE:
            if plan.province is not None:
                return False
        elif self.province and plan.province != self.province:
            return False
        return not self.arrondissement or plan.arrondissement == self.arrondissement


class FilterError(ValueError):
    """A filter value the table does not know; the message lists the allowed values (French)."""


def province_choices() -> list[str]:
    """The values of the ``province`` filter: the provinces, then « inconnue »."""
    return [*provinces(), UNKNOWN_PROVINCE]


def arrondissement_choices() -> dict[str, list[str]]:
    """The values of the ``arrondissement`` filter, by province."""
    choices: dict[str, list[str]] = {}
    for place in arrondissements().values():
        choices.setdefault(place.province, []).append(place.name)
    return choices


def parse_filter(province: str | None, arrondissement: str | None) -> RegionFilter:
    """The filter from the query's values (an empty value: no filter), matched without regard
    to case; :class:`FilterError` for a value not in the table."""
    return RegionFilter(
        _choice("province", province, province_choices()),
        _choice(
            "arrondissement",
            arrondissement,
            [name for names in arrondissement_choices().values() for name in names],
        ),
    )


def _choice(field: str, value: str | None, allowed: Sequence[str]) -> str | None:
    if value is None or not value.strip():
        return None
    for choice in allowed:
        if choice.casefold() == value.strip().casefold():
            return choice
    raise FilterError(
        f"Valeur « {value} » inconnue pour « {field} » : valeurs possibles : {', '.join(allowed)}."
    )


def ranking(
    store: PlanStore, validation: ValidationCache, summaries: Sequence[PlanSummary]
) -> list[RankedPlan]:
    """Every plan of ``summaries`` ranked (the plans that could not be validated last)."""
    rows = []
    for summary in summaries:
        place = arrondissement_of(summary.nis_code)
        counts = None if summary.error else validation.report(store, URIRef(summary.plan)).counts
        rows.append(
            RankedPlan(
                rank=None,
                summary=summary,
                province=place.province if place else None,
                arrondissement=place.name if place else None,
                violations=counts[Severity.VIOLATION] if counts else None,
                warnings=counts[Severity.WARNING] if counts else None,
            )
        )
    rows.sort(
        key=lambda row: (
            row.summary.error is not None,
            -row.summary.completeness_percent,
            row.violations or 0,
            row.summary.cpas,
            row.summary.legislature,
        )
    )
    return rows


def numbered(rows: Sequence[RankedPlan]) -> list[RankedPlan]:
    """The rows with their place among them (1, 2, …), the plans in error unnumbered."""
    return [
        RankedPlan(
            None if row.summary.error else index,
            row.summary,
            row.province,
            row.arrondissement,
            row.violations,
            row.warnings,
        )
        for index, row in enumerate(rows, start=1)
    ]


def completeness_bins() -> list[tuple[float, float]]:
    """The histogram's bins: 0–9 %, 10–19 %, …, 90–100 %."""
    return [(low, low + 10) for low in range(0, 100, 10)]


def bin_label(low: float, high: float) -> str:
    """ "0–9 %", …, "90–100 %" (the last bin holds 100)."""
    return f"{int(low)}–{int(high) if high >= 100 else int(high) - 1} %"
