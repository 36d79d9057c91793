"""The SVG charts of api/charts.py, read back as XML: bar lengths, labels, links, bounds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pstkg.api.charts import MAX_BARS, Datum, Group, bar_chart, grouped_bar_chart, histogram

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def _bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == "#4d4d4d"]


def _texts(root: ET.Element) -> list[str]:
    return [text.text or "" for text in root.iter(f"{SVG}text")]


def test_bar_lengths_are_proportional_to_the_values() -> None:
    values = [59, 8, 2, 4, 0]
    root = _parse(bar_chart([Datum(f"plan {v}", v) for v in values], title="Complétude"))
    widths = [float(rect.get("width", "nan")) for rect in _bars(root)]
    assert len(widths) == len(values)
    unit = widths[0] / values[0]
    assert widths == pytest.approx([v * unit for v in values], abs=0.01)
    assert widths[-1] == 0


def test_a_given_maximum_sets_the_scale() -> None:
    root = _parse(bar_chart([Datum("a", 50)], title="t", maximum=100))
    half = float(_bars(root)[0].get("width", "nan"))
    full = float(
        _bars(_parse(bar_chart([Datum("a", 100)], title="t", maximum=100)))[0].get("width", "nan")
    )
    assert half == pytest.approx(full / 2, abs=0.01)


def test_labels_are_escaped_and_kept_whole_in_the_tooltip() -> None:
    nasty = (
        '<script>alert("x")</script> & CPAS d\'Anderlues — un titre bien trop long pour la marge'
    )
    svg = bar_chart([Datum(nasty, 3, url="/requetes/q?a=1&b=<2>")], title="T & <b>")
    assert "<script>" not in svg
    root = _parse(svg)  # well-formed XML: everything was escaped
    assert root.find(f"{SVG}title").text == "T & <b>"
    bar = root.find(f"{SVG}g")
    assert bar.find(f"{SVG}a").get("href") == "/requetes/q?a=1&b=<2>"
    assert bar.find(f"{SVG}a/{SVG}title").text == f"{nasty} : 3"
    label = _texts(bar)[0]
    assert label.endswith("…") and nasty.startswith(label[:-1])


def test_a_long_list_keeps_its_first_and_last_bars_and_says_how_many_are_left_out() -> None:
    data = [Datum(f"plan {n}", 1000 - n) for n in range(1000)]
    svg = bar_chart(data, title="t", omitted_label="autres plans")
    root = _parse(svg)
    assert len(_bars(root)) == MAX_BARS
    labels = _texts(root)
    assert "plan 0" in labels and "plan 999" in labels and "plan 500" not in labels
    assert f"… {1000 - MAX_BARS} autres plans …" in labels
    assert len(svg) < 20_000


def test_histogram_counts_values_per_bin() -> None:
    bins = [(0, 50), (50, 100)]
    root = _parse(
        histogram([0, 10, 49.9, 50, 100], title="t", bins=bins, bin_label=lambda a, b: f"{a}–{b}")
    )
    heights = [float(rect.get("height", "nan")) for rect in _bars(root)]
    assert heights[0] == pytest.approx(
        heights[1] * 3 / 2, abs=0.01
    )  # 3 values, then 2 (100 is in the last)
    assert _texts(root) == ["3", "0–50", "2", "50–100"]


def test_grouped_bars_have_one_bar_per_series_a_legend_and_links() -> None:
    groups = [
        Group("Logement", [Datum("A", 4, url="/a"), Datum("B", 2, url="/b")]),
        Group("Santé", [Datum("A", 0), Datum("B", 8)]),
    ]
    root = _parse(grouped_bar_chart(groups, title="t", series=["CPAS A", "CPAS B"]))
    rects = [
        r
        for g in root.iter(f"{SVG}g")
        if "bar" in (g.get("class") or "")
        for r in g.iter(f"{SVG}rect")
    ]
    widths = [float(r.get("width", "nan")) for r in rects]
    assert widths == pytest.approx([w * widths[3] / 8 for w in (4, 2, 0, 8)], abs=0.01)
    assert rects[0].get("fill") != rects[1].get("fill")  # the second series is hatched
    assert "hatch" in rects[1].get("fill", "")
    assert {"CPAS A", "CPAS B", "Logement", "Santé"} <= set(_texts(root))
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["/a", "/b"]


def test_two_charts_on_a_page_have_distinct_pattern_ids() -> None:
    groups = [Group("x", [Datum("A", 1), Datum("B", 1)])]
    ids = {
        _parse(grouped_bar_chart(groups, title="t", series=["a", "b"]))
        .find(f".//{SVG}pattern")
        .get("id")
        for _ in range(2)
    }
    assert len(ids) == 2
