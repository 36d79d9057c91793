"""Projects: one per title of the OO lists, given their fiches and their enjeux."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.loaders.layouts.fiches.context import Context
from pstkg.loaders.layouts.fiches.fiche import ParsedFiche
from pstkg.loaders.layouts.fiches.objectives import ListedOS, distinct, list_items
from pstkg.loaders.layouts.fiches.rules import ENJEU_LIST_HEADING, match_enjeu_heading
from pstkg.loaders.layouts.fiches.segments import known_titles, words_of
from pstkg.loaders.model import Action, OperationalObjective, ParsedPlan, Span, StrategicObjective
from pstkg.loaders.text import Line, fold_for_matching
from pstkg.loaders.titles import tokens_match


@dataclass
class _Project:
    """A project being assembled from the OO list, the fiches and the per-enjeu lists."""

    action: Action
    oo: OperationalObjective
    os_code: str | None
    listed: bool
    spellings: list[tuple[Span, str]] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)  # the spellings, folded
    lengths: set[int] = field(default_factory=set)  # how many words the spellings have
    enjeux: set[int] = field(default_factory=set)

    def add_spelling(self, span: Span, text: str) -> None:
        self.spellings.append((span, text))
        self.tokens.append(fold_for_matching(text).split())
        self.lengths.add(len(self.tokens[-1]))

    def matches(self, folded: list[str]) -> bool:
        """Whether one of the project's spellings matches a folded title."""
        # Titles of another length never match (tokens_match): most projects stop here.
        return len(folded) in self.lengths and any(
            tokens_match(tokens, folded) for tokens in self.tokens
        )


class Registry:
    """The plan's projects, found by title whatever their spelling."""

    def __init__(self) -> None:
        self.projects: list[_Project] = []

    def find(self, title: str, oo_code: str | None = None) -> _Project | None:
        """The project of that title, preferring one under ``oo_code``."""
        folded = fold_for_matching(title).split()
        found = [project for project in self.projects if project.matches(folded)]
        preferred = [project for project in found if project.oo.code == oo_code]
        return (preferred or found or [None])[0]

    def add(
        self, title: str, span: Span, oo: OperationalObjective, os_code: str | None, listed: bool
    ) -> _Project:
        """A new project under ``oo``, first spelt ``title`` at ``span``."""
        action = Action(title=title, span=span, kind="project")
        project = _Project(action, oo, os_code, listed)
        project.add_spelling(span, title)
        oo.actions.append(action)
        self.projects.append(project)
        return project


def register_listed(ctx: Context, listed: Sequence[ListedOS], registry: Registry) -> None:
    """One project per title of the OO lists; a repeat under the same OO is reported."""
    for os_ in listed:
        for listed_oo in os_.oos:
            oo = listed_oo.objective
            for item in listed_oo.items:
                existing = registry.find(item.text)
                if existing is None:
                    registry.add(item.text, item.span, oo, os_.objective.code, listed=True)
                elif existing.oo is oo:
                    ctx.warn(
                        item.span,
                        f"'{item.text}' is listed twice under OO {oo.code}; the repeat is ignored",
                    )
                else:  # the same project listed under another OO: a transversal project
                    existing.action.also_serves.append(oo.code or "")
                    existing.add_spelling(item.span, item.text)


def attach_fiches(
    ctx: Context, plan: ParsedPlan, fiches: Sequence[ParsedFiche], registry: Registry
) -> None:
    """Give each fiche to its project; a fiche no list names makes a project under its own OO.

    Two fiches of one title (a conflicting copy) both go to the same project.
    """
    for parsed in fiches:
        fiche = parsed.fiche
        project = registry.find(parsed.title, fiche.operational_objective)
        if project is None:
            project = _project_from_fiche(ctx, plan, parsed, registry)
        else:
            project.add_spelling(fiche.span, parsed.title)
            listed_under = (project.os_code, project.oo.code)
            if (fiche.strategic_objective, fiche.operational_objective) != listed_under:
                ctx.warn(
                    fiche.span,
                    f"the fiche of '{parsed.title}' names OS {fiche.strategic_objective} / OO "
                    f"{fiche.operational_objective}, but the project is listed under OS "
                    f"{project.os_code} / OO {project.oo.code}",
                )
        project.action.fiches.append(fiche)


def _project_from_fiche(
    ctx: Context, plan: ParsedPlan, parsed: ParsedFiche, registry: Registry
) -> _Project:
    """A project only a fiche names: placed under the OS and OO the fiche names."""
    fiche = parsed.fiche
    os_code = fiche.strategic_objective
    oo_code = fiche.operational_objective
    os_ = next((o for o in plan.strategic_objectives if o.code == os_code), None)
    if os_ is None:
        os_ = StrategicObjective(os_code, parsed.os_title, fiche.span)
        plan.strategic_objectives.append(os_)
    oo = next((o for o in os_.operational_objectives if o.code == oo_code), None)
    if oo is None:
        oo = OperationalObjective(oo_code, parsed.oo_title, fiche.span)
        os_.operational_objectives.append(oo)
    ctx.warn(
        fiche.span,
        f"the fiche of '{parsed.title}' names a project no OO list names; "
        f"it is placed under OS {os_code} / OO {oo_code} as the fiche says",
    )
    return registry.add(parsed.title, fiche.span, oo, os_code, listed=False)


def require_fiche_coverage(ctx: Context, registry: Registry) -> None:
    """A file cut between two fiches leaves most listed projects without one: an error.

    A few projects without a fiche are reported as warnings; fewer fiches than half the
    listed projects is not a plan in this layout but what is left of one.
    """
    listed = [project for project in registry.projects if project.listed]
    covered = [project for project in listed if project.action.fiches]
    if len(covered) * 2 < len(listed):
        last = max(f.span.last_line for p in registry.projects for f in p.action.fiches)
        raise ctx.truncated(
            f"only {len(covered)} of the {len(listed)} projects of the OO lists have a fiche, "
            f"and the fiches stop at line {last}",
            last,
        )


def _enjeu_lists(lines: Sequence[Line]) -> tuple[list[tuple[int, list[Line]]], list[Line]]:
    """Each enjeu's project list (the lines after "Nom du projet ou action").

    Also returns the headings of enjeux that have no list heading.
    """
    lists: list[tuple[int, list[Line]]] = []
    without_list: list[Line] = []
    current: list[Line] | None = None
    for line in lines:
        number = match_enjeu_heading(line.text)
        if number is not None:
            lists.append((number, []))
            without_list.append(line)
            current = None
        elif ENJEU_LIST_HEADING.match(line.text) and lists and current is None:
            current = lists[-1][1]
            without_list.pop()
        elif current is not None:
            current.append(line)
    return lists, without_list


def read_enjeu_lists(ctx: Context, lines: Sequence[Line], registry: Registry) -> None:
    """Record, for each project, the enjeux whose list names it; report unknown titles."""
    lists, without_list = _enjeu_lists(lines)
    for heading in without_list:
        ctx.warn(Span(heading.number, heading.number), f"'{heading.text}' has no project list")
    known: list[list[str]] = []
    owners: list[_Project] = []
    for project in registry.projects:
        for tokens in project.tokens:
            known.append(tokens)
            owners.append(project)
    indexed = known_titles(known)
    for number, list_lines in lists:
        for item in list_items(ctx, words_of(list_lines), indexed):
            if item.known is None:
                message = f"'{item.text}' in the project list of enjeu {number} matches no project"
                ctx.warn(item.span, message)
                continue
            owners[item.known].enjeux.add(number)
            owners[item.known].add_spelling(item.span, item.text)


def finish_projects(ctx: Context, registry: Registry) -> None:
    """Set each project's first span, title variants and enjeux; report gaps.

    The canonical title is the spelling of the OO list (first listing) when the project is
    listed there, else the spelling of its first fiche: the OO list is the plan's structure,
    and in the reference document it also has the careful spellings ("plateforme",
    "méthodologie", "situations") where the fiches and the enjeu lists have typos. Titles
    are words joined by one space (``join_words``), so the choice does not depend on line
    wrapping. Variants are the other spellings, in document order.
    """
    for project in registry.projects:
        action = project.action
        ordered = sorted(project.spellings, key=lambda spelling: spelling[0].first_line)
        action.span = ordered[0][0]
        action.title_variants = distinct(action.title, [(s.first_line, t) for s, t in ordered])
        action.enjeux_from_lists = sorted(project.enjeux)
        if project.listed and not action.fiches:
            ctx.warn(action.span, f"'{action.title}' (OO {project.oo.code}) has no fiche")
        stated = {enjeu for fiche in action.fiches for enjeu in fiche.enjeux}
        if action.fiches and stated != project.enjeux:
            ctx.warn(
                action.fiches[0].span,
                f"the fiche(s) of '{action.title}' give enjeux {sorted(stated)} but the "
                f"per-enjeu lists give {sorted(project.enjeux)}",
            )


def report_empty_oos(ctx: Context, plan: ParsedPlan) -> None:
    """Warn about each OO left without any project."""
    for oo in plan.operational_objectives():
        if not oo.actions:
            ctx.warn(oo.span, f"OO {oo.code} lists no project and no fiche names it")
