"""Zip packages checked before any parser reads them (issue #14, item 6), and XLSX read whole.

Every package here is built in the test: a few KiB on disk, however much it inflates to.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from pstkg.errors import InputError
from pstkg.loaders.limits import MAX_MEMBER_SIZE
from pstkg.loaders.read import read_document

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["os_titre", "oo_titre", "action_titre"]


def workbook(rows: list[list[str]]) -> bytes:
    """A real XLSX (openpyxl's) holding ``rows``."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def repack(data: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    """The package with each part passed through ``edit(name, content)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name in source.namelist():
            package.writestr(name, edit(name, source.read(name)))
    return buffer.getvalue()


def _sheet_padded(size: int) -> Callable[[str, bytes], bytes]:
    """Pad the sheet with white space after its data, up to ``size`` bytes: well-formed XML."""

    def edit(name: str, content: bytes) -> bytes:
        if name != SHEET:
            return content
        return content.replace(b"</sheetData>", b"</sheetData>" + b" " * (size - len(content)))

    return edit


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path)
    return str(caught.value)


def test_an_xlsx_whose_sheet_inflates_past_the_cap_is_refused_unread(tmp_path: Path, monkeypatch):
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(
        repack(workbook([HEADER, ["A", "B", "C"]]), _sheet_padded(MAX_MEMBER_SIZE + 1))
    )
    assert path.stat().st_size < 200_000  # a zip bomb: small on disk

    def no_inflating(*_args, **_kwargs):
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    assert _refusal(path) == (
        f"bombe.xlsx: refused unread: part {SHEET} would inflate to 67,108,865 bytes "
        "(limit 67,108,864; a zip bomb?)"
    )


def test_an_xlsx_inflating_a_thousandfold_is_refused_unread(tmp_path: Path):
    path = tmp_path / "dense.xlsx"
    path.write_bytes(repack(workbook([HEADER, ["A", "B", "C"]]), _sheet_padded(20 * 2**20)))
    reason = _refusal(path)
    assert reason.startswith("dense.xlsx: refused unread: ")
    assert "would inflate to 20,9" in reason and "100:1 above 16,777,216" in reason


def test_a_part_that_lies_about_its_size_is_stopped_while_inflating(tmp_path: Path):
    """The sheet declares 1,000 bytes and holds 8 MiB: never read past what it declares."""
    data = bytearray(repack(workbook([HEADER, ["A", "B", "C"]]), _sheet_padded(2**23)))
    offset = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET).header_offset
    data[offset + 22 : offset + 26] = (1000).to_bytes(4, "little")  # the local header's size
    entry = data.find(b"PK\x01\x02")  # the central directory: the sheet's entry there too
    while data[entry + 46 : entry + 46 + len(SHEET)] != SHEET.encode():
        entry = data.find(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    path = tmp_path / "menteur.xlsx"
    path.write_bytes(bytes(data))
    reason = _refusal(path)
    assert reason.startswith(f"menteur.xlsx: not a readable XLSX workbook: part {SHEET} cannot")
    assert "Bad CRC-32" in reason  # zipfile stopped at the declared 1,000 bytes


@pytest.mark.parametrize(
    "part, declaration",
    [
        (SHEET, b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'),
        ("xl/workbook.xml", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
        ("[Content_Types].xml", '<!DOCTYPE x [<!ENTITY e "e">]>'.encode("utf-16-le")),
    ],
    ids=["billion-laughs", "external-entity", "utf-16"],
)
def test_an_xlsx_declaring_entities_is_refused_before_parsing(
    tmp_path: Path, part: str, declaration: bytes
):
    def declare(name: str, content: bytes) -> bytes:
        if name != part:
            return content
        content = re.sub(rb"^<\?xml[^>]*\?>", b"", content)
        return declaration + content.replace(b">C<", b">&b;<")

    path = tmp_path / "entites.xlsx"
    path.write_bytes(repack(workbook([HEADER, ["A", "B", "C"]]), declare))
    assert _refusal(path) == (
        f"entites.xlsx: part {part} declares a document type or entities (<!DOCTYPE …>), "
        "which no spreadsheet or word processor writes; refused so that no entity is expanded "
        "or fetched"
    )


def test_xlsx_rows_past_the_declared_dimension_are_read(tmp_path: Path):
    rows = [HEADER, *(["Aider", "Soutenir", f"Action {n}"] for n in range(1, 8))]

    def shrink(name: str, content: bytes) -> bytes:
        if name != SHEET:
            return content
        shrunk = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:C2"/>', content)
        assert shrunk != content
        return shrunk

    path = tmp_path / "plan.xlsx"
    path.write_bytes(repack(workbook(rows), shrink))
    parsed = read_document(path).parsed
    assert [action.title for action in parsed.actions()] == [f"Action {n}" for n in range(1, 8)]


def test_an_old_binary_workbook_is_named(tmp_path: Path):
    path = tmp_path / "ancien.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    assert _refusal(path) == (
        "ancien.xlsx: not an XLSX workbook but an older binary format (.xls?); save it as .xlsx"
    )
