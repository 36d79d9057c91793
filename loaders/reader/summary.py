"""What the load report says about a document's layout: the markers the reader used.

A layout is the set of markers a plan uses. ``layout_style`` names it in a few words, level
by level ("O.S. n / O.O. n / bullet -", "OS n / OO n / unmarked", "n / n.n / n.n.n",
"n00 / nxx / unmarked + fiches"); ``describe_markers`` lists every marker with its count.
"""

from __future__ import annotations

from collections import Counter

_LEVEL_NAMES = {"os": "OS", "oo": "OO", "action": "actions"}


def _styles(used: Counter[str], level: str) -> list[tuple[str, int]]:
    return [
        (marker.split(": ", 1)[1], count)
        for marker, count in used.most_common()
        if marker.startswith(f"{level}: ")
    ]


def _short(style: str) -> str:
    """ "«O.S.» + code" -> "O.S. n"; "code n.n" -> "n.n"; "bullet «-»" -> "bullet -"."""
    if style.startswith("«"):
        keyword = style[1 : style.index("»")]
        return f"{keyword} n" if style.endswith("+ code") else keyword
    if style.startswith("code "):
        return style[5:]
    if style.startswith("bullet "):
        return "bullet " + style[8:-1]
    if style == "unmarked line":
        return "unmarked"
    return style


def layout_style(used: Counter[str]) -> str:
    """The plan's layout in a few words: the most used marker of each level, and its fiches."""
    parts = []
    for level in ("os", "oo", "action"):
        styles = _styles(used, level)
        parts.append(_short(styles[0][0]) if styles else "-")
    style = " / ".join(parts)
    if any(marker.startswith("fiche «") for marker in used):
        style += " + fiches"
    elif any(marker.startswith("field «") for marker in used):
        style += " + fields"
    if any(marker.startswith("table columns") for marker in used):
        style += " (table)"
    return style


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def describe_markers(used: Counter[str]) -> str:
    """The markers used, most used first per level, with the lines each was read on.

    "OS «O.S.» + code (5 lines); OO «O.O.» + code (8 lines); …"
    """
    parts: list[str] = []
    for level, name in _LEVEL_NAMES.items():
        styles = _styles(used, level)
        if styles:
            described = ", ".join(f"{style} ({_lines(count)})" for style, count in styles)
            parts.append(f"{name} {described}")
    others = [
        f"{marker} ({_lines(count)})"
        for marker, count in sorted(used.items())
        if marker.split(": ", 1)[0] not in _LEVEL_NAMES
    ]
    return "; ".join(parts + others)
