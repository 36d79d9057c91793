"""Findings arranged as a reader walks the plan: the plan as a whole, then OS → OO → items.

The text and HTML reports print this outline. On each item, the warnings about missing fiche
fields are gathered into one line ("rubriques absentes : description, échéance"), since a
fiche missing four fields is one thing to fix, not four.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pstkg.validation.findings import Finding, Place
from pstkg.validation.rules import Severity


@dataclass
class FicheGaps:
    """The empty fields of one fiche."""

    fiche: Place
    fields: list[str]


@dataclass
class ItemFindings:
    """The findings about one project or action and its fiches."""

    place: Place
    findings: list[Finding] = field(default_factory=list)

    @property
    def fiche_gaps(self) -> list[FicheGaps]:
        """Per fiche, the fields the completeness warnings say are empty, in fiche order."""
        gaps: dict[str, FicheGaps] = {}
        for finding in self.findings:
            if finding.field:
                gaps.setdefault(finding.item.iri, FicheGaps(finding.item, [])).fields.append(
                    finding.field
                )
        return list(gaps.values())

    @property
    def other_findings(self) -> list[Finding]:
        """Every finding that is not about a missing fiche field."""
        return [f for f in self.findings if not f.field]

    @property
    def severity(self) -> Severity:
        """The most serious severity among the item's findings."""
        return min((f.severity for f in self.findings), key=lambda s: s.rank)


@dataclass
class OperationalGroup:
    """An objectif opérationnel (or none, for items directly under an OS) and its findings."""

    place: Place | None
    own: list[Finding] = field(default_factory=list)
    items: dict[str, ItemFindings] = field(default_factory=dict)


@dataclass
class StrategicGroup:
    """An objectif stratégique and the findings under it."""

    place: Place | None
    own: list[Finding] = field(default_factory=list)
    operational: dict[str, OperationalGroup] = field(default_factory=dict)


@dataclass
class Outline:
    """The findings of one plan, grouped."""

    plan: list[Finding] = field(default_factory=list)
    strategic: dict[str, StrategicGroup] = field(default_factory=dict)


def outline(findings: list[Finding]) -> Outline:
    """Group findings (already in reading order) by objective and item."""
    result = Outline()
    for finding in findings:
        item = finding.item
        if item.kind in ("plan", "op", "autre") or finding.strategic is None:
            result.plan.append(finding)
            continue
        strategic = result.strategic.setdefault(
            finding.strategic.iri, StrategicGroup(finding.strategic)
        )
        if item.kind == "os":
            strategic.own.append(finding)
            continue
        key = finding.operational.iri if finding.operational else ""
        operational = strategic.operational.setdefault(key, OperationalGroup(finding.operational))
        if item.kind == "oo":
            operational.own.append(finding)
            continue
        # A fiche's findings go with the project or action it describes.
        subject = finding.described or item
        operational.items.setdefault(subject.iri, ItemFindings(subject)).findings.append(finding)
    return result
