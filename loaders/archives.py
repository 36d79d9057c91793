"""Checking a zip package (.xlsx, .docx, .odt) before any parser reads it.

A zip bomb is a small file whose parts inflate to gigabytes; a part's declared size can lie;
an XML part can declare entities that expand a billion times or name a file to include. So,
before openpyxl, python-docx or odfdo sees a package:

1. its directory is read and checked: how many parts, each part's declared size, the total,
   and the ratio of inflated to compressed bytes (limits in loaders/limits.py);
2. every part is inflated once through a stream that counts what it really gives, refused as
   soon as it passes its declared size or the limits, and every XML part is searched for a
   document type declaration (``<!DOCTYPE``, ``<!ENTITY``), which no spreadsheet or word
   processor writes: such a package is refused, so no entity is ever expanded or fetched.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.limits import (
    MAX_ARCHIVE_MEMBERS,
    MAX_MEMBER_SIZE,
    MAX_RATIO,
    MAX_TOTAL_SIZE,
    RATIO_FROM,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The compound file of the older binary formats (.doc, .xls) and of encrypted Office files."""
_CHUNK = 1024 * 1024
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
_DOCTYPE = tuple("<!DOCTYPE".encode(encoding) for encoding in _ENCODINGS)
_ENTITY = tuple("<!ENTITY".encode(encoding) for encoding in _ENCODINGS)
_BARE_DOCTYPE_PARTS = frozenset({"META-INF/manifest.xml"})
_OVERLAP = max(map(len, _DOCTYPE)) - 1
"""Bytes kept from one chunk to the next, so a declaration cut in two is still seen."""
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # a part encrypted with a password
    OSError,
)


def refuse_compound_file(path: Path, data: bytes, kind: str, suffix: str) -> None:
    """Refuse an Office file saved encrypted, or in the older binary format (.doc, .xls)."""
    if not data.startswith(OLE_MAGIC):
        return
    if "EncryptionInfo".encode("utf-16-le") in data:
        raise InputError(path, "the document is encrypted; save it without a password")
    older = ".xls" if suffix == ".xlsx" else ".doc"
    raise InputError(path, f"not {kind} but an older binary format ({older}?); save it as {suffix}")


def check_archive(path: Path, data: bytes, kind: str) -> list[zipfile.ZipInfo]:
    """The parts of the zip package ``data`` once checked as the module says; InputError
    naming the part and the bound otherwise. ``kind`` names what the file should be ("an
    XLSX workbook") in the messages."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            _check_directory(path, members)
            if any(member.flag_bits & 0x1 for member in members):
                raise InputError(path, "the document is encrypted; save it without a password")
            inflated = 0
            for member in members:
                try:
                    inflated += _inflate(path, package, member, MAX_TOTAL_SIZE - inflated)
                except _ZIP_ERRORS as error:
                    raise InputError(
                        path, f"not {kind}: part {member.filename} cannot be inflated ({error})"
                    ) from None
    except _ZIP_ERRORS as error:
        raise InputError(path, f"not {kind}: not a valid zip package ({error})") from None
    return members


def _check_directory(path: Path, members: Sequence[zipfile.ZipInfo]) -> None:
    """The bounds on the number of parts and their declared sizes, before inflating any."""
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise InputError(
            path, f"the package holds {len(members):,} parts (limit {MAX_ARCHIVE_MEMBERS:,})"
        )
    for member in members:
        if member.file_size > MAX_MEMBER_SIZE:
            raise InputError(
                path,
                f"refused unread: part {member.filename} would inflate to "
                f"{member.file_size:,} bytes (limit {MAX_MEMBER_SIZE:,}; a zip bomb?)",
            )
    total = sum(member.file_size for member in members)
    compressed = max(1, sum(member.compress_size for member in members))
    if total > MAX_TOTAL_SIZE or (total > RATIO_FROM and total > MAX_RATIO * compressed):
        raise InputError(
            path,
            f"refused unread: {compressed:,} bytes would inflate to {total:,} "
            f"(ratio {total / compressed:,.0f}:1; limits {MAX_TOTAL_SIZE:,} bytes, and "
            f"{MAX_RATIO}:1 above {RATIO_FROM:,}; a zip bomb?)",
        )


def _inflate(path: Path, package: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> int:
    """Inflate one part through a counting stream; its size, or InputError as soon as it gives
    more than it declared or than ``budget`` (what the total limit leaves), or an XML part
    declares a document type."""
    cap = min(member.file_size, MAX_MEMBER_SIZE, budget)
    marks: tuple[bytes, ...] = ()
    if member.filename.lower().endswith((".xml", ".rels", ".vml")):
        marks = _ENTITY if member.filename in _BARE_DOCTYPE_PARTS else _DOCTYPE + _ENTITY
    size = 0
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise InputError(
                    path,
                    f"part {member.filename} inflates past {cap:,} bytes (it declares "
                    f"{member.file_size:,}; a zip bomb?)",
                )
            window = tail + chunk
            if any(mark in window for mark in marks):
                raise InputError(
                    path,
                    f"part {member.filename} declares a document type or entities "
                    "(<!DOCTYPE …>), which no spreadsheet or word processor writes; refused "
                    "so that no entity is expanded or fetched",
                )
            tail = window[-_OVERLAP:]
    return size
