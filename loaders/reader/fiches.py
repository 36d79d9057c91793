"""Fiches: the labelled fields that describe an item, under it or in an annex.

A fiche is a run of fields of the marker table ("Description", "Partenaires : …", "Priorité
des projets …"). Under an item of the tree, they describe that item. In an annex, a fiche
opens with a header ("Projet <title>") and names its objectives in its first fields; it is
read first, because its title, delimited by labels, is exact whatever the wrapping, and the
reader then finds its item by that title (pstkg.loaders.reader.assemble).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.loaders.model import Fiche, Span, Step
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.items import split_items
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.mentions import FieldBlock, Mention
from pstkg.loaders.reader.regions import Region, is_fiche_start
from pstkg.loaders.reader.wrapping import join_texts
from pstkg.loaders.text import fold_for_matching
from pstkg.loaders.titles import tokens_match

# "- OP 3. Une politique …", "OS 100. Etre …", "101. Maintenir …", "1.1 - Développer …".
_CODE_IN_FIELD = re.compile(
    r"^(?:-\s*)?(?:O[PSO]\s*|O\.[PSO]\.\s*)?(?:N°\s*)?(\d+(?:\.\d+)*)\s*[.\-:]?\s*(.*)$"
)
_NUMBER = re.compile(r"\b(\d{1,2})\b")
_ITEM_SEPARATOR = re.compile(r"\s*[,;]\s*")
_LIST_SEPARATOR = re.compile(r"\s+;\s+")  # " ; " parts a list written on one line
_LIST_ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")
_RANGES = {"sdgs": (1, 17), "enjeux": (1, 4)}


@dataclass
class DetachedFiche:
    """A fiche of the annex: its title, where it is, its fields."""

    title: str
    header_line: int
    title_lines: list[int]
    blocks: list[FieldBlock] = field(default_factory=list)

    @property
    def span(self) -> Span:
        """From the header to the last line of its last field."""
        last = max([*self.title_lines, *(block.span.last_line for block in self.blocks)])
        return Span(self.header_line, last)


def cut_detached(reading: Reading, region: Region) -> list[DetachedFiche]:
    """Cut the annex into fiches and their fields (bare labels read, as the template writes)."""
    fiches: list[DetachedFiche] = []
    for index in range(region.start, region.end):
        line, cue = reading.lines[index], reading.cues[index]
        if is_fiche_start(reading, index):
            assert cue.fiche_title is not None
            fiches.append(DetachedFiche(cue.fiche_title, line.number, [line.number]))
            reading.used("fiche «Projet …» (annex)")
            continue
        fiche = fiches[-1]
        if cue.field is not None and (cue.field.colon or cue.field.spec.bare):
            value = cue.field.value
            label = line.text[: len(line.text) - len(value)].rstrip() if value else line.text
            pieces = [reading.piece(line, value)] if value else []
            fiche.blocks.append(FieldBlock(cue.field.spec, label.rstrip(" :"), line.number, pieces))
        elif fiche.blocks:
            block = fiche.blocks[-1]
            paragraph = (
                reading.source.paragraphs and line.number not in reading.source.continuations
            )
            if paragraph and block.pieces:
                reading.skip(Span(line.number, line.number), "a paragraph after a fiche's field")
                continue
            block.pieces.append(reading.piece(line))
        else:
            fiche.title = join_texts([fiche.title, line.text])
            fiche.title_lines.append(line.number)
    return fiches


def check_last_fiche(reading: Reading, fiches: Sequence[DetachedFiche]) -> None:
    """A file cut inside its last fiche: the fiche lacks the field every other fiche ends with."""
    if len(fiches) < 2:
        return
    closing = Counter(fiche.blocks[-1].spec.attribute for fiche in fiches[:-1] if fiche.blocks)
    attribute, count = closing.most_common(1)[0]
    everywhere = all(
        any(block.spec.attribute == attribute for block in fiche.blocks) for fiche in fiches[:-1]
    )
    last = fiches[-1]
    complete = any(block.spec.attribute == attribute for block in last.blocks)
    if everywhere and count * 10 >= (len(fiches) - 1) * 9 and not complete:
        label = next(b.label for f in fiches for b in f.blocks if b.spec.attribute == attribute)
        reading.cut_short(
            f"the file ends inside the fiche of '{last.title}' (no '{label}', which every "
            "other fiche has)",
            last.span.last_line,
        )


def fiche_mentions(reading: Reading, fiches: Sequence[DetachedFiche]) -> list[Mention]:
    """One action mention per detached fiche, naming its objectives and holding its fiche."""
    expected = _expected_fields(fiches)
    mentions = []
    for order, raw in enumerate(fiches):
        blocks = choose_blocks(reading, raw.blocks, raw.title)
        missing = [label for attribute, label in expected if attribute not in blocks]
        if missing:
            reading.warn(
                raw.span, f"the fiche of '{raw.title}' lacks the field(s): {', '.join(missing)}"
            )
        fiche = build_fiche(reading, blocks, raw.span, raw.title)
        mention = Mention(
            level="action",
            code=None,
            lines=[],
            first_text=raw.title,
            marker="fiche",
            order=10**9 + order,
            origin="fiche",
            fixed_title=raw.title,
            fixed_span=raw.span,
        )
        mention.fiche = fiche
        for level in ("op", "os", "oo"):
            block = blocks.get(level)
            if block is not None:
                mention.references[level] = objective_reference(block.text())
        mentions.append(mention)
    return mentions


def _expected_fields(fiches: Sequence[DetachedFiche]) -> list[tuple[str, str]]:
    """The fields every fiche is expected to have: those at least half of them have.

    Optional fields (the steps of a project) are in few fiches; a field most fiches have
    and one lacks is a gap worth a warning.
    """
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for fiche in fiches:
        for attribute in {block.spec.attribute for block in fiche.blocks}:
            counts[attribute] += 1
        for block in fiche.blocks:
            labels.setdefault(block.spec.attribute, block.label)
    order = {spec.attribute: i for i, spec in enumerate(markers().fields)}
    expected = [attribute for attribute, n in counts.items() if n * 2 > len(fiches)]
    return [(a, _label_text(labels[a])) for a in sorted(expected, key=lambda a: order[a])]


def _label_text(label: str) -> str:
    """A label as a report names it: "Objectif de développement durable -" -> its words."""
    return label.rstrip(" -:")


def choose_blocks(
    reading: Reading, blocks: Sequence[FieldBlock], title: str
) -> dict[str, FieldBlock]:
    """One block per field; a repeated field is reported, never silently merged.

    The first block that has a value is kept (a repeat comes from a damaged fiche whose fields
    were extracted twice).
    """
    chosen: dict[str, FieldBlock] = {}
    for block in blocks:
        attribute = block.spec.attribute
        kept = chosen.get(attribute)
        if kept is None:
            chosen[attribute] = block
            continue
        reading.warn(
            block.span,
            f"repeated field '{_label_text(block.label)}' at line {block.line} in the fiche of "
            f"'{title}' (first at line {kept.line}); the first value given is kept",
        )
        if not kept.text() and block.text():
            chosen[attribute] = block
    return chosen


def _empty(text: str) -> bool:
    """A value that says the field is empty ("Néant", "Aucun", "-")."""
    return fold_for_matching(text) in markers().empty_values or text.strip() in ("-", "/")


def objective_reference(text: str) -> tuple[str | None, str | None]:
    """Code and title of an objective a fiche names ("- OP 3. Une politique …")."""
    match = _CODE_IN_FIELD.match(text)
    if match is None:
        return None, text.strip(" -") or None
    return match.group(1), match.group(2).strip() or None


def build_fiche(
    reading: Reading, blocks: dict[str, FieldBlock], span: Span, title: str | None = None
) -> Fiche:
    """A :class:`Fiche` from its fields, each value read as its kind says."""

    def value(attribute: str) -> str | None:
        block = blocks.get(attribute)
        return (block.text() or None) if block is not None else None

    def items(attribute: str) -> list[tuple[str, Span]]:
        block = blocks.get(attribute)
        if block is None or _empty(block.text()):
            return []
        found = split_items(block.pieces, reading.width)
        if block.pieces and _LIST_ITEM_NUMBER.match(block.pieces[0].text):
            found = [(_LIST_ITEM_NUMBER.sub("", text), span) for text, span in found]
        # "Nombre de plaintes ; Délai de réponse": items one line apart, or on one line.
        return [
            (part, span)
            for text, span in found
            for part in _LIST_SEPARATOR.split(text)
            if part.strip()
        ]

    def separated(attribute: str) -> list[str]:
        text = value(attribute) or ""
        if _empty(text):
            return []
        return [part for part in _ITEM_SEPARATOR.split(text) if part.strip()]

    def numbers(attribute: str) -> list[int]:
        block = blocks.get(attribute)
        if block is None:
            return []
        if block.spec.kind == "enjeux":
            found = markers().enjeu_in_text.findall(block.text())
            return sorted({int(number) for number in found})
        low, high = _RANGES[attribute]
        found = [int(n) for n in _NUMBER.findall(block.text()) if low <= int(n) <= high]
        return sorted(set(found))

    return Fiche(
        span=span,
        title_as_written=title,
        description=value("description"),
        volet=value("volet"),
        synergies=value("synergies"),
        risks=[text for text, _ in items("risks")],
        indicators=[text for text, _ in items("indicators")],
        priority=value("priority"),
        status=_status(blocks, reading),
        services=separated("services"),
        partners=separated("partners"),
        enjeux=numbers("enjeux"),
        sdgs=numbers("sdgs"),
        political_objective=objective_reference(value("op") or "")[0] if "op" in blocks else None,
        strategic_objective=objective_reference(value("os") or "")[0] if "os" in blocks else None,
        operational_objective=objective_reference(value("oo") or "")[0] if "oo" in blocks else None,
        steps=[Step(text, item_span) for text, item_span in items("steps")],
        deadline=value("deadline"),
        responsible=value("responsible"),
        human_means=value("human_means"),
        financial_means=value("financial_means"),
    )


def _status(blocks: dict[str, FieldBlock], reading: Reading) -> str | None:
    """A status; a numbered list of states (one per indicator) is kept as written, joined."""
    block = blocks.get("status")
    if block is None:
        return None
    if block.pieces and _LIST_ITEM_NUMBER.match(block.pieces[0].text):
        states = [
            _LIST_ITEM_NUMBER.sub("", text) for text, _ in split_items(block.pieces, reading.width)
        ]
        return " ; ".join(states) or None
    return block.text() or None


def known_fiche_titles(mentions: Sequence[Mention]) -> list[list[str]]:
    """The detached fiches' titles, folded, once each: the dictionary that cuts the lists."""
    titles: list[list[str]] = []
    for mention in mentions:
        tokens = fold_for_matching(mention.title or "").split()
        if tokens and not any(tokens_match(tokens, other) for other in titles):
            titles.append(tokens)
    return titles
