"""The bounds on what a loader accepts, in one place, and reading a file within them.

Every bound is far above what a real plan needs (the four corpus plans: 136 KB of text at
most, lines of 140 characters, titles of 220, fiche fields of 1,700), and far below what
would hurt the machine or the pages that show a plan. docs/reader.md ("Limits on input")
says what happens at each: a file over its size is refused unread; a line, title or fiche
field over its length is cut, with a warning naming the line and the field.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from pstkg.errors import InputError

KIB = 1024
MIB = 1024 * KIB

MAX_FILE_SIZE: dict[str, int] = {
    ".txt": 16 * MIB,
    ".text": 16 * MIB,
    ".md": 16 * MIB,
    "": 16 * MIB,
    ".csv": 16 * MIB,
    ".xml": 32 * MIB,
    ".xlsx": 32 * MIB,
    ".docx": 64 * MIB,  # a word processor's package holds its images too
    ".odt": 64 * MIB,
    ".pdf": 64 * MIB,  # a scanned plan: a page image per page
}
"""The largest file of each kind read at all (a plan's text is a few MiB at most)."""
SIDECAR_MAX_SIZE = 64 * KIB
"""A ``.meta.toml`` sidecar holds a few keys."""

MAX_LINES = 100_000
"""Lines (or a word processor's paragraphs, a template's rows) of one document: a 500-page
plan has 25,000; millions of empty lines would take minutes and gigabytes to read."""
MAX_ITEMS = 20_000
"""Objectives and actions of one plan (the corpus: 96 at most): each becomes a few dozen
triples, and every page that shows the plan lists them."""
MAX_LINE_LENGTH = 20_000
"""Characters of one line of text (a word processor's paragraph, a PDF's line) read; the
rest of the line is cut with a warning."""
MAX_TITLE_LENGTH = 1_000
"""Characters of a title (plan, OP, OS, OO, action, step), a code, a name (CPAS, service,
partner); longer ones are cut at a word with a warning."""
MAX_FIELD_LENGTH = 20_000
"""Characters of a fiche's text field (description, means, risks…); cut likewise."""
MAX_CPAS_NAME = 200
"""Characters of a CPAS name given with ``--cpas`` or in a sidecar: longer is refused."""

# Zip packages (.xlsx, .docx, .odt): loaders/archives.py checks these before inflating.
MAX_ARCHIVE_MEMBERS = 10_000
"""Parts of one package (a plan's workbook or document has a few dozen)."""
MAX_MEMBER_SIZE = 64 * MIB
"""No part may inflate to more than this."""
MAX_TOTAL_SIZE = 256 * MIB
"""Nor all parts together (they are held in memory while the document is read)."""
MAX_RATIO = 100
RATIO_FROM = 16 * MIB
"""Above this total, parts may inflate to at most MAX_RATIO times their compressed size:
text and XML compress about 10:1, a zip bomb 1000:1."""


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The bytes of ``path``, or an InputError saying why they cannot be read.

    The size is checked before reading (``limit``, default the bound of the file's kind) and
    again while reading, so a file that grows meanwhile or a device is never read past it.
    """
    if limit is None:
        limit = MAX_FILE_SIZE.get(path.suffix.lower(), min(MAX_FILE_SIZE.values()))
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InputError(path, "a folder, not a file")
        if not stat.S_ISREG(status.st_mode):  # a pipe or a device: opening it could wait forever
            raise InputError(path, "not a regular file")
        if status.st_size > limit:
            raise InputError(path, _too_big(status.st_size, limit))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(path, unreadable(error)) from None
    if len(data) > limit:  # it grew while being read
        raise InputError(path, _too_big(len(data), limit))
    return data


def check_line_count(path: Path, count: int) -> None:
    """Refuse a document of more than :data:`MAX_LINES` lines."""
    if count > MAX_LINES:
        raise InputError(
            path, f"the document has {count:,} lines (limit {MAX_LINES:,}): not a plan's text"
        )


def unreadable(error: OSError) -> str:
    """Why a file could not be opened or read, in a user's words."""
    reasons = {
        errno.ENOENT: "no such file",
        errno.EISDIR: "a folder, not a file",
        errno.ELOOP: "a loop of symbolic links, not a file",
        errno.EACCES: "not readable (permission denied)",
        errno.EPERM: "not readable (permission denied)",
        errno.ENAMETOOLONG: "the file name is too long",
    }
    return reasons.get(error.errno or 0, f"cannot read the file ({error.strerror or error})")


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is too large to be a plan ({size:,} bytes; limit {limit:,} for this kind "
        "of file)"
    )
