"""Sizes in bytes as people write them (``4G``, ``512MiB``) and as messages show them."""

from __future__ import annotations

import re

_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from ``text``: a number with an optional binary unit (K, M, G, T; ``MiB``, ``MB``
    and ``M`` all mean 2**20). ValueError, naming the text, if it is not one."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a size: {text!r} (write e.g. 4G, 512M, 1MiB or a number of bytes)")
    number, unit = match.groups()
    return int(float(number) * _UNITS[unit.upper()])


def format_size(size: int) -> str:
    """``size`` in the largest binary unit that keeps it whole or to one decimal: ``3 GiB``."""
    for unit, factor in (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
