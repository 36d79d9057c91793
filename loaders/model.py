"""The plan as a loader reads it: a layout-independent tree with source line spans.

Every layout recogniser produces a :class:`ParsedPlan`; the graph builder turns it into
RDF. Nothing here knows about RDF, and nothing here interprets values (a priority is kept
as written; mapping it onto the SKOS concept scheme is the graph builder's job).
Line numbers are 1-based and refer to the original file, whatever normalisation did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

if TYPE_CHECKING:  # the text module builds on this one (its warnings are Findings)
    from pstkg.loaders.text import SourceText

T = TypeVar("T")


@dataclass(frozen=True)
class Span:
    """An inclusive range of source lines (1-based, in the original file)."""

    first_line: int
    last_line: int

    def __post_init__(self) -> None:
        if self.first_line < 1 or self.last_line < self.first_line:
            raise ValueError(f"invalid line span {self.first_line}-{self.last_line}")

    def cover(self, other: Span) -> Span:
        """The smallest span holding both spans."""
        return Span(min(self.first_line, other.first_line), max(self.last_line, other.last_line))


@dataclass(frozen=True)
class Stated(Generic[T]):
    """A value the document states, with where it states it."""

    value: T
    span: Span


@dataclass
class Step:
    """One ordered step ("étape du projet") of a project."""

    title: str
    span: Span


@dataclass
class Fiche:
    """A sheet of attributes describing one project or action, as written.

    Plans that only write marks next to an action ("Priorité élevée") get a fiche
    holding just those marks, spanning the lines of the marks. A structured source (the
    eComptes XML) also gives strategic and operational objectives a fiche of the same fields.
    """

    span: Span
    title_as_written: str | None = None
    description: str | None = None
    volet: str | None = None
    synergies: str | None = None
    risks: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    priority: str | None = None
    status: str | None = None
    services: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    enjeux: list[int] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    political_objective: str | None = None
    strategic_objective: str | None = None
    operational_objective: str | None = None
    steps: list[Step] = field(default_factory=list)
    deadline: str | None = None
    responsible: str | None = None
    human_means: str | None = None
    financial_means: str | None = None
    # Fields a structured source (the eComptes XML) states; numbers and dates as written there.
    fte: str | None = None
    progress_rate: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    mandatary: str | None = None
    sectoral_plans: list[str] = field(default_factory=list)
    status_remark: str | None = None


ItemKind = Literal["action", "project"]


@dataclass
class Action:
    """A project or action: a leaf of the plan's tree."""

    title: str
    span: Span
    code: str | None = None
    kind: ItemKind = "action"
    fiches: list[Fiche] = field(default_factory=list)
    title_variants: list[str] = field(default_factory=list)
    mentioned_organisations: list[str] = field(default_factory=list)
    enjeux_from_lists: list[int] = field(default_factory=list)
    also_serves: list[str] = field(default_factory=list)
    path: str | None = None
    """The code that identifies the item in its plan, where the code as written does not (the
    document numbers again under each OO: "Action 1" of OO 2.1 is "2.1.1"). None: the code."""


@dataclass
class OperationalObjective:
    """An objectif opérationnel; ``title`` is None where the document gives only a code."""

    code: str | None
    title: str | None
    span: Span
    actions: list[Action] = field(default_factory=list)
    title_variants: list[str] = field(default_factory=list)
    fiche: Fiche | None = None
    """The objective's own fields (status, rate, FTE, persons…), where the source states them."""
    path: str | None = None
    """The code that identifies the OO in its plan where the code as written does not."""


@dataclass
class PolicyArea:
    """A numbered policy area grouping strategic objectives (e.g. Burdinne's "1. Accueil, …")."""

    code: str | None
    title: str
    span: Span


def grouping_key(volet: str | None, area: PolicyArea | None) -> tuple[str, ...] | None:
    """What groups an OS (its volet and its policy area), or None for an OS in no group.

    Where a plan numbers its OS again in each group ("1." under each theme), the groups are
    numbered in the order their first OS appears, and an OS's ``path`` is that number and its
    code: the general reader and the template reader number them alike.
    """
    if volet is None and area is None:
        return None
    return (volet or "", area.code or "" if area else "", area.title if area else "")


@dataclass
class PoliticalObjective:
    """An objectif politique (OP) of the déclaration de politique, answered by OS."""

    code: str
    title: str
    span: Span


@dataclass
class StrategicObjective:
    """An objectif stratégique with its operational objectives."""

    code: str | None
    title: str | None
    span: Span
    volet: str | None = None
    policy_area: PolicyArea | None = None
    political_objectives: list[str] = field(default_factory=list)
    operational_objectives: list[OperationalObjective] = field(default_factory=list)
    title_variants: list[str] = field(default_factory=list)
    fiche: Fiche | None = None
    """The objective's own fields (status, rate, FTE, description…) where the source gives them."""
    path: str | None = None
    """The code that identifies the OS in its plan where the code as written does not (OS
    numbered again under each theme)."""


@dataclass
class Finding:
    """A warning or a skipped passage, for the load report."""

    span: Span
    message: str


@dataclass
class ParsedPlan:
    """Everything a layout recogniser read from one document."""

    layout: str
    """The layout in a few words: the markers of each level ("O.S. n / O.O. n / bullet -")."""
    cpas: Stated[str] | None = None
    legislature: Stated[str] | None = None
    title: Stated[str] | None = None
    council_date: Stated[str] | None = None
    nis_code: Stated[str] | None = None
    values: list[Stated[str]] = field(default_factory=list)
    evaluations: list[Stated[str]] = field(default_factory=list)
    political_objectives: list[PoliticalObjective] = field(default_factory=list)
    strategic_objectives: list[StrategicObjective] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    markers: str = ""
    """Every marker the reader used, with the lines it was read on: "OS «O.S.» + code (5 lines);
    …"."""

    def operational_objectives(self) -> list[OperationalObjective]:
        """All operational objectives, in document order."""
        return [oo for os_ in self.strategic_objectives for oo in os_.operational_objectives]

    def actions(self) -> list[Action]:
        """All projects and actions, in document order."""
        return [a for oo in self.operational_objectives() for a in oo.actions]


@dataclass(frozen=True)
class ReadDocument:
    """A source document and what its layout recogniser read from it."""

    source: SourceText
    parsed: ParsedPlan
