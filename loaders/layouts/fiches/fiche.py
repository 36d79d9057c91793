"""Fiches: cut the fiche section into fiches and labelled fields, and read each one.

The fiches are read first: their titles are delimited by labels, so they are exact whatever
the wrapping, and they become the dictionary that cuts the OO lists and the enjeu lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.loaders.layouts.fiches.context import Context
from pstkg.loaders.layouts.fiches.items import Piece, split_items
from pstkg.loaders.layouts.fiches.rules import (
    CODE_IN_FIELD,
    EXPECTED_LABELS,
    LABEL_TEXT,
    enjeux_in,
    is_fiche_start,
    match_fiche_header,
    match_field_label,
)
from pstkg.loaders.layouts.fiches.segments import join_words
from pstkg.loaders.model import Fiche, Span, Step
from pstkg.loaders.text import Line, fold_for_matching
from pstkg.loaders.titles import tokens_match


@dataclass
class _Block:
    """One labelled field of a fiche: its label line and the value's pieces."""

    label: str
    line: int
    pieces: list[Piece]

    def text(self) -> str:
        return join_words(piece.text for piece in self.pieces)

    @property
    def span(self) -> Span:
        return Span(self.line, max(piece.line for piece in self.pieces))


@dataclass
class _RawFiche:
    """A fiche as cut from the text: its title pieces and its labelled blocks, in order."""

    header_line: int
    title_pieces: list[Piece]
    blocks: list[_Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return join_words(piece.text for piece in self.title_pieces)

    @property
    def span(self) -> Span:
        last = max([p.line for p in self.title_pieces] + [b.span.last_line for b in self.blocks])
        return Span(self.header_line, last)


@dataclass
class ParsedFiche:
    """A fiche, with its title and the objective titles it states (for title variants)."""

    fiche: Fiche
    title: str
    os_title: str | None
    oo_title: str | None


def _cut_fiches(lines: Sequence[Line], start: int) -> list[_RawFiche]:
    """Cut the fiche section into fiches and their labelled blocks."""
    fiches: list[_RawFiche] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if is_fiche_start(lines, index):
            title = match_fiche_header(line.text) or ""
            fiches.append(_RawFiche(line.number, [Piece(title, line.number, line.text)]))
            continue
        fiche = fiches[-1]
        label = match_field_label(line.text)
        if label is not None:
            name, value = label
            fiche.blocks.append(_Block(name, line.number, [Piece(value, line.number, line.text)]))
        elif fiche.blocks:
            fiche.blocks[-1].pieces.append(Piece(line.text, line.number, line.text))
        else:
            fiche.title_pieces.append(Piece(line.text, line.number, line.text))
    return fiches


def read_fiches(ctx: Context, lines: Sequence[Line], start: int | None) -> list[ParsedFiche]:
    """All fiches, in document order; a file cut inside its last fiche is an error."""
    if start is None:
        return []
    raw_fiches = _cut_fiches(lines, start)
    last = raw_fiches[-1]
    if not {block.label for block in last.blocks} & {"services", "partners"}:
        raise ctx.truncated(
            f"the file ends inside the fiche of '{last.title}' (no 'Services impliqués' nor "
            "'Partenaires')",
            last.span.last_line,
        )
    return [_build_fiche(ctx, raw) for raw in raw_fiches]


def _choose_blocks(ctx: Context, raw: _RawFiche) -> dict[str, _Block]:
    """One block per label; a repeated label is reported, never silently merged.

    The first block that has a value is kept (a repeat comes from a damaged fiche whose
    fields were extracted twice).
    """
    chosen: dict[str, _Block] = {}
    for block in raw.blocks:
        kept = chosen.get(block.label)
        if kept is None:
            chosen[block.label] = block
            continue
        ctx.warn(
            block.span,
            f"repeated field '{LABEL_TEXT[block.label]}' at line {block.line} in the fiche of "
            f"'{raw.title}' (first at line {kept.line}); the first value given is kept",
        )
        if not kept.text() and block.text():
            chosen[block.label] = block
    return chosen


def _objective_code(block: _Block | None) -> tuple[str | None, str | None]:
    """Code and title of an objective field ("- OP 3. Une politique ...")."""
    match = CODE_IN_FIELD.match(block.text()) if block is not None else None
    if match is None:
        return None, None
    return match.group(1), match.group(2).strip() or None


def _build_fiche(ctx: Context, raw: _RawFiche) -> ParsedFiche:
    """Turn a cut fiche into a :class:`Fiche`; report missing and repeated fields."""
    blocks = _choose_blocks(ctx, raw)
    missing = [LABEL_TEXT[label] for label in EXPECTED_LABELS if label not in blocks]
    if missing:
        ctx.warn(raw.span, f"the fiche of '{raw.title}' lacks the field(s): {', '.join(missing)}")

    def value(label: str) -> str | None:
        block = blocks.get(label)
        return (block.text() or None) if block is not None else None

    def items(label: str) -> list[tuple[str, Span]]:
        block = blocks.get(label)
        return split_items(block.pieces, ctx.width) if block is not None else []

    def comma_list(label: str) -> list[str]:
        return [part.strip() for part in (value(label) or "").split(",") if part.strip()]

    op_code, _ = _objective_code(blocks.get("political_objective"))
    os_code, os_title = _objective_code(blocks.get("strategic_objective"))
    oo_code, oo_title = _objective_code(blocks.get("operational_objective"))
    fiche = Fiche(
        span=raw.span,
        title_as_written=raw.title,
        description=value("description"),
        volet=value("volet"),
        synergies=value("synergies"),
        risks=[text for text, _ in items("risks")],
        indicators=[text for text, _ in items("indicators")],
        priority=value("priority"),
        status=value("status"),
        services=comma_list("services"),
        partners=comma_list("partners"),
        enjeux=enjeux_in(value("enjeux") or ""),
        political_objective=op_code,
        strategic_objective=os_code,
        operational_objective=oo_code,
        steps=[Step(text, span) for text, span in items("steps")],
    )
    return ParsedFiche(fiche, raw.title, os_title, oo_title)


def fiche_titles(fiches: Sequence[ParsedFiche]) -> list[list[str]]:
    """The fiches' titles, folded, once each: the dictionary that cuts the lists."""
    titles: list[list[str]] = []
    for parsed in fiches:
        tokens = fold_for_matching(parsed.title).split()
        if not any(tokens_match(tokens, other) for other in titles):
            titles.append(tokens)
    return titles


def fiche_oo_titles(fiches: Sequence[ParsedFiche]) -> dict[str, list[str]]:
    """The OO titles the fiches write, by OO code."""
    titles: dict[str, list[str]] = defaultdict(list)
    for parsed in fiches:
        if parsed.fiche.operational_objective and parsed.oo_title:
            titles[parsed.fiche.operational_objective].append(parsed.oo_title)
    return titles
