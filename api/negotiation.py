"""HTTP content negotiation: pick the media type a client prefers among those we can produce."""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their quality, best first (RFC 9110 §12.5.1).

    No header means ``*/*``. Ranges keep their header order among equal qualities.
    """
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate((header or "*/*").split(",")):
        fields = [field.strip() for field in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in fields[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, index))
    ranges.sort(key=lambda item: (-item[1], item[2]))
    return [(media, quality) for media, quality, _ in ranges]


def choose(header: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers, or None if it accepts none of them.

    Exact types win over ``type/*``, which wins over ``*/*``; with only wildcards the first
    offer (our default) is chosen.
    """
    best: tuple[float, int, int, str] | None = None
    for media, quality in parse_accept(header):
        if quality <= 0:
            continue
        for position, offer in enumerate(offers):
            specificity = _matches(media, offer)
            if specificity is None:
                continue
            candidate = (quality, specificity, -position, offer)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
    return best[3] if best else None


def _matches(media_range: str, offer: str) -> int | None:
    """2 for an exact match, 1 for ``type/*``, 0 for ``*/*``, None when it does not match."""
    if media_range == offer:
        return 2
    if media_range == "*/*":
        return 0
    if media_range.endswith("/*") and offer.startswith(media_range[:-1]):
        return 1
    return None


def prefers_html(header: str | None) -> bool:
    """True when a browser asks (text/html explicitly preferred to RDF or JSON)."""
    return choose(header, ["text/html", "text/turtle", "application/json"]) == "text/html" and (
        "text/html" in (header or "")
    )
