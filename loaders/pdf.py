"""Reading a plan published as a PDF with a text layer.

The text pypdf extracts, page after page, becomes the document's lines; provenance line
numbers refer to that extracted text (``pst load`` reports them as such). A PDF without a
usable text layer (a scanned document) raises :class:`NoTextLayerError`: loaders/ocr.py reads it.
"""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

from pypdf import PdfReader

from pstkg.errors import InputError
from pstkg.loaders.limits import check_line_count, read_limited
from pstkg.loaders.text import Line, SourceText, cut_long_lines, normalise_line, split_lines

# A page of a plan holds far more than this; less means an image-only (scanned) PDF.
_MIN_CHARACTERS_PER_PAGE = 20


class NoTextLayerError(InputError):
    """A readable PDF whose pages are images: its text must be recognised (OCR)."""


def read_pdf(path: Path) -> SourceText:
    """Extract and normalise the text layer of a PDF."""
    data = read_limited(path)
    if not data.startswith(b"%PDF"):
        raise InputError(path, "not a PDF file (it does not start with %PDF)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on harmless quirks
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many published PDFs are encrypted with an empty password, only to forbid editing:
        # pypdf opens those (AES needs the cryptography package); others need a password.
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "the PDF is encrypted; publish or export it without a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(path, f"the PDF cannot be read ({reason[:200]})") from None
    if not pages:
        raise InputError(path, "the PDF has no pages")
    characters = sum(len(page.strip()) for page in pages)
    if characters < _MIN_CHARACTERS_PER_PAGE * len(pages):
        raise NoTextLayerError(path, "the PDF has no usable text layer (a scanned document?)")
    raw_lines, cut = cut_long_lines([line for page in pages for line in split_lines(page)])
    check_line_count(path, len(raw_lines))
    lines = tuple(
        Line(number, normalise_line(text)) for number, text in enumerate(raw_lines, start=1)
    )
    return SourceText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="pdf",
        lines=lines,
        warnings=cut,
    )
