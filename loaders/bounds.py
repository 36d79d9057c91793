"""Bounding what a document states before it becomes a graph: lengths and identifiers.

Whatever read a document (the general reader, the template, the eComptes XML), its plan goes
through :func:`bound_plan` once:

- a title, code or name longer than :data:`MAX_TITLE_LENGTH`, a fiche field longer than
  :data:`MAX_FIELD_LENGTH`, is cut at a word, with a warning naming the line and the field:
  one pasted megabyte must not reach every page that shows the plan;
- IRIs are made of codes and titles (pstkg/iris.py): a code with no letter or digit ("—",
  "???") is dropped with a warning, and so is a service, partner or value named by
  punctuation only; an item left with neither a code nor a title to name it is refused.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.limits import MAX_FIELD_LENGTH, MAX_ITEMS, MAX_TITLE_LENGTH
from pstkg.loaders.model import Fiche, Finding, ParsedPlan, Span, Stated
from pstkg.loaders.text import fold_for_matching

_NAME_FIELDS = frozenset({"services", "partners"})
"""Fiche fields that name organisations (IRIs are made of them): bounded as titles."""
_CODE_FIELDS = frozenset({"political_objective", "strategic_objective", "operational_objective"})
"""Fiche fields holding the code of the objective the fiche names (IRIs are made of them)."""
_NOT_TEXT = frozenset({"span", "enjeux", "sdgs", "steps"})
_ELLIPSIS = "…"


def bound_plan(parsed: ParsedPlan, path: Path) -> ParsedPlan:
    """Cut over-long texts and drop unusable codes and names, warning in ``parsed``; refuse an
    item nothing identifies (see the module's docstring)."""
    items = len(parsed.strategic_objectives) + len(parsed.operational_objectives())
    items += len(parsed.actions())
    if items > MAX_ITEMS:
        raise InputError(
            path, f"the document holds {items:,} objectives and actions (limit {MAX_ITEMS:,})"
        )
    bounding = _Bounding(parsed.warnings, path)
    for name in ("cpas", "legislature", "title", "council_date", "nis_code"):
        stated = getattr(parsed, name)
        if stated is not None:
            setattr(parsed, name, bounding.stated(stated, f"the plan's {name}"))
    parsed.values = [
        value
        for value in (bounding.stated(value, "a value") for value in parsed.values)
        if bounding.named(value.value, value.span, "a value")
    ]
    parsed.evaluations = [bounding.stated(item, "an evaluation") for item in parsed.evaluations]
    for op in parsed.political_objectives:
        op.title = bounding.cut(op.title, op.span, f"the title of OP {op.code}")
        op.code = bounding.cut(op.code, op.span, "an OP's code")
    areas = {id(os_.policy_area): os_.policy_area for os_ in parsed.strategic_objectives}
    for area in areas.values():  # one area heads several OS: bounded once
        if area is not None:
            bounding.item(area, "domaine")
    for os_ in parsed.strategic_objectives:
        bounding.item(os_, "OS")
        for oo in os_.operational_objectives:
            bounding.item(oo, "OO")
            for action in oo.actions:
                bounding.item(action, "action")
                action.mentioned_organisations = [
                    bounding.cut(name, action.span, "an organisation's name")
                    for name in action.mentioned_organisations
                    if bounding.named(name, action.span, "an organisation")
                ]
                for fiche in action.fiches:
                    bounding.fiche(fiche, "the action's fiche")
                    for step in fiche.steps:
                        step.title = bounding.cut(step.title, step.span, "a step's title")
    return parsed


class _Bounding:
    """The cuts and drops for one plan, each warned about in ``warnings``."""

    def __init__(self, warnings: list[Finding], path: Path) -> None:
        self.warnings = warnings
        self.path = path

    def cut(self, text: str, span: Span, what: str, limit: int = MAX_TITLE_LENGTH) -> str:
        """``text`` cut at a word to ``limit`` characters, with a warning, if longer."""
        if len(text) <= limit:
            return text
        kept = text[: limit - len(_ELLIPSIS)]
        at_word = kept.rsplit(" ", 1)[0]
        kept = at_word if len(at_word) > limit // 2 else kept
        self.warnings.append(
            Finding(
                span,
                f"{what}: {len(text):,} characters, cut to {len(kept):,} (limit {limit:,})",
            )
        )
        return kept + _ELLIPSIS

    def stated(self, stated: Stated[str], what: str) -> Stated[str]:
        """A stated value, cut like a title."""
        return Stated(self.cut(stated.value, stated.span, what), stated.span)

    def named(self, name: str, span: Span, what: str) -> bool:
        """Whether a name has a letter or digit to make an identifier of; warn if not."""
        if fold_for_matching(name):
            return True
        self.warnings.append(
            Finding(span, f"{what} named {name[:40]!r} has no letter or digit: ignored")
        )
        return False

    def item(self, item, level: str) -> None:
        """An objective's or action's code, title, variants and own fiche; InputError for an
        item left with nothing to identify it."""
        span = item.span
        if item.code is not None:
            item.code = self.cut(item.code, span, f"the code of an {level}")
            if not self.named(item.code, span, f"the {level} code"):
                item.code = None
        called = f"{level} {item.code}" if item.code else level
        if item.title is not None:
            item.title = self.cut(item.title, span, f"the title of {called}")
        if not item.code and not (item.title and fold_for_matching(item.title)):
            raise InputError(
                self.path,
                f"this {level} has neither a code nor a title with a letter or digit "
                f"({(item.title or '')[:40]!r}): nothing to identify it by",
                line=span.first_line,
            )
        if hasattr(item, "title_variants"):
            item.title_variants = [
                self.cut(variant, span, f"another spelling of {called}")
                for variant in item.title_variants
            ]
        if getattr(item, "fiche", None) is not None:
            self.fiche(item.fiche, f"the {level}'s fiche")

    def fiche(self, fiche: Fiche, what: str) -> None:
        """Every text field of a fiche, cut to its limit; names with no letter dropped."""
        for spec in fields(fiche):
            name = spec.name
            value = getattr(fiche, name)
            if name in _NOT_TEXT or not value:
                continue
            limit = MAX_TITLE_LENGTH if name in _NAME_FIELDS | _CODE_FIELDS else MAX_FIELD_LENGTH
            label = f"{what}, field {name}"
            if name in _CODE_FIELDS and not self.named(value, fiche.span, label):
                setattr(fiche, name, None)
            elif isinstance(value, str):
                setattr(fiche, name, self.cut(value, fiche.span, label, limit))
            elif isinstance(value, list):
                values = [self.cut(text, fiche.span, label, limit) for text in value]
                if name in _NAME_FIELDS:
                    values = [text for text in values if self.named(text, fiche.span, label)]
                setattr(fiche, name, values)
