"""The table of political objectives (OP): each OP, the OS it maps to, and their titles.

The table lists the objectives of the déclaration de politique communale or sociale: each
row is an OP ("1   Des logements de qualité et abordables."), followed by the OS it maps
to ("200 -Être un CPAS …", "-" for none) and the observation that led to it ("Constat …").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pstkg.loaders.model import PoliticalObjective, Span
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.markers import markers
from pstkg.loaders.reader.regions import Region
from pstkg.loaders.reader.wrapping import join_texts
from pstkg.loaders.text import Line


@dataclass
class OpTable:
    """The OP, the OS each maps to, and the OS titles as the table writes them."""

    political_objectives: list[PoliticalObjective] = field(default_factory=list)
    os_of_op: dict[str, list[str]] = field(default_factory=dict)
    os_titles: list[tuple[str, str, Span]] = field(default_factory=list)


def read_op_table(reading: Reading, region: Region) -> OpTable:
    """Read the table: OP rows, each followed by the OS it maps to ("-" for none).

    OP rows are numbered 1, 2, 3 …: a row is only taken when it carries the next number, so a
    "Constat" line wrapped before a digit cannot pass for one. An OP title runs from its row
    to the first OS line, "-" or "Constat"; an OS line's title runs to the next of those.
    """
    table = markers()
    result = OpTable()
    op_lines: list[Line] = []
    os_lines: list[Line] = []
    for line in reading.lines[region.start + 1 : region.end]:
        row = table.op_row.match(line.text)
        if row is not None and row.group("code") == str(len(result.os_of_op) + 1):
            _close_row(op_lines, result)
            _close_os(os_lines, result)
            op_lines, os_lines = [line], []
            result.os_of_op[row.group("code")] = []
            continue
        if table.chapter_numbered.match(line.text):
            break
        reference = table.op_os_reference.match(line.text)
        if (
            reference is not None
            or table.op_none.match(line.text)
            or table.op_comment.match(line.text)
        ):
            _close_row(op_lines, result)
            _close_os(os_lines, result)
            op_lines, os_lines = [], []
            if reference is not None and result.os_of_op:
                result.os_of_op[list(result.os_of_op)[-1]].append(reference.group("code"))
                os_lines = [line]
        elif op_lines:
            op_lines.append(line)
        elif os_lines:
            os_lines.append(line)
    _close_row(op_lines, result)
    _close_os(os_lines, result)
    if result.political_objectives:
        reading.used("objectifs politiques (OP)")
    return result


def _close_row(lines: Sequence[Line], result: OpTable) -> None:
    if not lines:
        return
    row = markers().op_row.match(lines[0].text)
    code, title = (row.group("code"), row.group("title")) if row else ("", lines[0].text)
    text = join_texts([title, *(line.text for line in lines[1:])])
    span = Span(lines[0].number, lines[-1].number)
    result.political_objectives.append(PoliticalObjective(code, text, span))


def _close_os(lines: Sequence[Line], result: OpTable) -> None:
    if not lines:
        return
    reference = markers().op_os_reference.match(lines[0].text)
    code = reference.group("code") if reference else ""
    title = join_texts(line.text for line in lines).removeprefix(code).lstrip(" -")
    result.os_titles.append((code, title, Span(lines[0].number, lines[-1].number)))
