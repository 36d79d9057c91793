"""The count tables of /couverture and /comparer: items per ODD or theme and plan, each count
with its share of the plan's projects and actions, and a link to the items behind it.

The links go to the named-query pages (``/requetes/projects-by-theme?theme=…&plan=…``,
``/requetes/projects-by-odd?odd=…&plan=…&source=…``). The same tables feed the exports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from pstkg.api.charts import Datum, Group, grouped_bar_chart

MEASURES = {"nombre": "nombres", "part": "part du plan (%)"}
"""The ``mesure`` toggle of the tables: raw counts, or shares of each plan's size."""

COVERAGE_TABLES = {"odd": ("ODD", "Objectif"), "themes": ("Code du thème", "Thème")}
"""The tables of /couverture (``tableau=``), with the headings of their code and label."""

SOURCES = ("document", "dérivé")
"""The ODD's two sources: stated by the plan, or suggested by pst-kg from the themes."""


def theme_items_url(theme: str, plan: str) -> str:
    """The page listing the plan's projects and actions under a theme."""
    return "/requetes/projects-by-theme?" + urlencode({"theme": theme, "plan": plan})


def odd_items_url(odd: str, plan: str, source: str) -> str:
    """The page listing the plan's projects and actions linked to an ODD by ``source``."""
    return "/requetes/projects-by-odd?" + urlencode({"odd": odd, "plan": plan, "source": source})


def share(count: int, size: int) -> float | None:
    """``count`` as a percentage of ``size`` (None for a plan without projects or actions)."""
    return 100 * count / size if size else None


def format_share(value: float | None) -> str:
    """ "12 %", "0,5 %" (one decimal under 1 %), "–" for no share."""
    if value is None:
        return "–"
    if 0 < value < 1:
        return f"{value:.1f} %".replace(".", ",")
    return f"{value:.0f} %"


@dataclass(frozen=True)
class Cell:
    """One count of a table: how many items, their share of the plan, where they are listed."""

    count: int
    size: int
    url: str

    @property
    def share(self) -> float | None:
        """The count as a share of the plan's projects and actions (%)."""
        return share(self.count, self.size)

    def shown(self, measure: str) -> str:
        """What the cell prints under ``measure`` ("" for none, so that gaps show)."""
        if not self.count:
            return ""
        return format_share(self.share) if measure == "part" else str(self.count)

    def exported(self, measure: str) -> float | int | None:
        """The cell's value in an export under ``measure`` (a share to one decimal)."""
        if measure != "part":
            return self.count
        value = self.share
        return None if value is None else round(value, 1)


@dataclass(frozen=True)
class Column:
    """A column of counts: a plan (and, for the ODD, a source)."""

    key: str
    heading: str
    plan: str
    cpas: str
    source: str | None = None


@dataclass(frozen=True)
class CountTable:
    """Rows (an ODD, a theme) × columns (plans), each cell a :class:`Cell`."""

    columns: list[Column]
    rows: list[tuple[str, str, list[Cell]]]
    """(code, label, cells in the columns' order)."""

    def export(
        self, code_heading: str, label_heading: str
    ) -> tuple[list[tuple[str, str]], list[dict[str, object]]]:
        """The table as columns and rows for :func:`pstkg.api.table_export.table_response`:
        the code, the label, then per column its count and its share of the plan (%)."""
        columns = [("code", code_heading), ("label", label_heading)]
        for column in self.columns:
            columns += [
                (f"{column.key} n", f"{column.heading} (nombre)"),
                (f"{column.key} %", f"{column.heading} (% du plan)"),
            ]
        rows = []
        for code, label, cells in self.rows:
            row: dict[str, object] = {"code": code, "label": label}
            for column, cell in zip(self.columns, cells, strict=True):
                row[f"{column.key} n"] = cell.exported("nombre")
                row[f"{column.key} %"] = cell.exported("part")
            rows.append(row)
        return columns, rows

    def maximum(self, measure: str) -> float:
        """The largest value shown (for the heat-map's shades), at least 1."""
        values = [
            (cell.share or 0.0) if measure == "part" else cell.count
            for _, _, cells in self.rows
            for cell in cells
        ]
        return max([1.0, *values])


def plan_sizes(summary_rows: Iterable[Mapping[str, object]]) -> dict[str, int]:
    """Plan IRI → its projects and actions, from the rows of the plan-summary query."""
    return {str(row["plan"]): int(str(row["actions"])) for row in summary_rows}


def plans_in(summary_rows: Sequence[Mapping[str, object]], offset: int, limit: int) -> set[str]:
    """The IRIs of the plans of a page: ``limit`` plans from ``offset``, in the order of the
    plan-summary query (by CPAS)."""
    return {str(row["plan"]) for row in summary_rows[offset : offset + limit]}


def keep_plans(
    rows: Sequence[Mapping[str, object]], plans: set[str] | None
) -> list[Mapping[str, object]]:
    """The rows of ``plans`` (every row for None)."""
    return [row for row in rows if plans is None or str(row["plan"]) in plans]


def odd_table(
    odd_rows: Sequence[Mapping[str, object]],
    goal_names: Mapping[str, str],
    sizes: Mapping[str, int],
) -> CountTable:
    """ODD × (plan, source), from the rows of the odd-coverage query (one per plan and source,
    columns ``odd_1`` … ``odd_17``)."""
    plans = sorted({(str(r["plan"]), str(r["cpas"])) for r in odd_rows}, key=lambda p: p[1])
    columns = [
        Column(f"{plan} {source}", f"{cpas} — {source}", plan, cpas, source)
        for plan, cpas in plans
        for source in SOURCES
    ]
    counts = {
        (str(r["plan"]), str(r["source"]), odd): int(str(r[f"odd_{odd}"]))
        for r in odd_rows
        for odd in goal_names
    }
    rows = [
        (
            odd,
            name,
            [
                Cell(
                    counts.get((c.plan, c.source or "", odd), 0),
                    sizes.get(c.plan, 0),
                    odd_items_url(odd, c.plan, c.source or ""),
                )
                for c in columns
            ],
        )
        for odd, name in goal_names.items()
    ]
    return CountTable(columns, rows)


def theme_table(theme_rows: Sequence[Mapping[str, object]], sizes: Mapping[str, int]) -> CountTable:
    """Theme × plan, from the rows of the theme-coverage query (one per theme and plan)."""
    plans = sorted({(str(r["plan"]), str(r["cpas"])) for r in theme_rows}, key=lambda p: p[1])
    columns = [Column(plan, cpas, plan, cpas) for plan, cpas in plans]
    counts = {(str(r["plan"]), str(r["theme"])): int(str(r["items"])) for r in theme_rows}
    themes = sorted({(str(r["theme"]), str(r["theme_label"])) for r in theme_rows})
    rows = [
        (
            code,
            label,
            [
                Cell(
                    counts.get((c.plan, code), 0),
                    sizes.get(c.plan, 0),
                    theme_items_url(code, c.plan),
                )
                for c in columns
            ],
        )
        for code, label in themes
    ]
    return CountTable(columns, rows)


def comparison_table(
    compare_rows: Sequence[Mapping[str, object]],
    plans: Sequence[tuple[str, str]],
    sizes: Mapping[str, int],
) -> CountTable:
    """Theme × the two plans, from the rows of the compare-plans query (``items_a``,
    ``items_b``); ``plans`` is ((IRI, CPAS) of plan A, of plan B)."""
    columns = [Column(plan, cpas, plan, cpas) for plan, cpas in plans]
    rows = [
        (
            str(r["theme"]),
            str(r["theme_label"]),
            [
                Cell(
                    int(str(r[key] or 0)),
                    sizes.get(c.plan, 0),
                    theme_items_url(str(r["theme"]), c.plan),
                )
                for key, c in zip(("items_a", "items_b"), columns, strict=True)
            ],
        )
        for r in compare_rows
    ]
    return CountTable(columns, rows)


def comparison_chart(table: CountTable) -> Markup:
    """The two plans' counts per theme as grouped bars, each bar a link to its items."""
    groups = [
        Group(
            label,
            [
                Datum(
                    column.cpas,
                    cell.count,
                    shown=f"{cell.count} ({format_share(cell.share)})",
                    tooltip=f"{label} — {column.cpas} : {cell.count} projet(s) ou action(s), "
                    f"{format_share(cell.share)} du plan",
                    url=cell.url,
                )
                for column, cell in zip(table.columns, cells, strict=True)
            ],
        )
        for _, label, cells in table.rows
    ]
    return grouped_bar_chart(
        groups,
        title="Projets et actions par thème, les deux plans côte à côte",
        series=[column.cpas for column in table.columns],
    )
