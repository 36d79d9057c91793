"""Reading a scanned plan: a PDF whose pages are images, its text recognised by Tesseract.

Some CPAS publish the plan the council signed, scanned. Each page is rendered to an image
with pdfium (pypdfium2, no poppler needed) at :data:`DPI` dots per inch and its text
recognised by Tesseract in French (pytesseract runs the ``tesseract`` program). The
recognised text, page after page, becomes the document's lines, and goes through the same
reader as any other text: provenance line numbers refer to that recognised text, and each
page's first line starts a page (:attr:`SourceText.page_starts`), so running headers and page
numbers are set aside as in a PDF's text. The load report says the text was recognised
(:attr:`SourceText.note`): OCR makes mistakes a text layer does not.

OCR takes one to a few seconds a page: pages are rendered one after the other (pdfium is not
thread-safe) and recognised by one Tesseract process per core, each on one thread (Tesseract's
own OpenMP threads made it four times slower on a two-core machine). The work is bounded:
at most :data:`MAX_PAGES` pages, and a page larger than A3 is rendered at a lower resolution
so that no image exceeds :data:`MAX_PIXELS`.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.limits import read_limited
from pstkg.loaders.text import Line, SourceText, normalise_line, split_lines

LANGUAGE = "fra"
DPI = 300
"""Tesseract reads body text best at about 300 dpi."""
MAX_PAGES = 200
"""A plan is 10 to 150 pages; a longer scan is something else (or hours of OCR)."""
MAX_PIXELS = 20_000_000
"""An A3 page at 300 dpi is 17.4 million pixels: a larger page is rendered at fewer dpi."""
# Tesseract's French model reads a bullet "•" at a line's start as "+", "°", "®", "©" or "¢":
# such a glyph followed by a space is a bullet, as the reader knows it.
_MISREAD_BULLET = re.compile(r"^\s*[+°®©¢](?=\s)")
_INSTALL = "install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra)"


def read_scanned_pdf(path: Path) -> SourceText:
    """Recognise the text of an image-only PDF, page by page (see the module docstring)."""
    import pypdfium2 as pdfium
    import pytesseract

    data = read_limited(path)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise InputError(path, f"the PDF cannot be rendered for OCR ({error})") from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise InputError(
                path,
                f"the PDF has no text layer and {pages} pages: OCR is limited to {MAX_PAGES} "
                f"pages at {DPI} dpi; publish or export it with its text",
            )
        version = _tesseract(path, pytesseract)
        texts = _recognise_all(path, document, pytesseract)
    except pdfium.PdfiumError as error:  # a damaged page, found as it is rendered
        raise InputError(path, f"a page of the PDF cannot be rendered for OCR ({error})") from None
    finally:
        document.close()
    lines: list[Line] = []
    page_starts: set[int] = set()
    for text in texts:
        for index, piece in enumerate(split_lines(text.rstrip("\f\n"))):
            if index == 0:
                page_starts.add(len(lines) + 1)
            lines.append(Line(len(lines) + 1, normalise_line(_MISREAD_BULLET.sub("•", piece))))
    if not any(line.text for line in lines):
        raise InputError(
            path, f"the PDF has no text layer and OCR found no text in its {pages} page(s)"
        )
    return SourceText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="pdf-ocr",
        lines=tuple(lines),
        page_starts=frozenset(page_starts),
        note=f"read by OCR (Tesseract {version}, {LANGUAGE}) from {pages} page image(s)",
    )


def _tesseract(path: Path, pytesseract) -> str:
    """Tesseract's version, once it is known to be installed with its French data."""
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError):
        raise InputError(
            path, f"the PDF has no text layer and OCR needs Tesseract, not installed: {_INSTALL}"
        ) from None
    if LANGUAGE not in languages:
        raise InputError(
            path,
            f"the PDF has no text layer and OCR needs Tesseract's French data "
            f"({LANGUAGE!r}, not installed): {_INSTALL}",
        )
    return version


def _recognise_all(path: Path, document, pytesseract) -> list[str]:
    """Every page's text, in order: rendered here, recognised by a Tesseract per core."""
    # Inside a worker of `pst load`'s pool, the other cores have their own documents.
    workers = 1 if multiprocessing.parent_process() is not None else _cores()
    texts: list[str] = []
    waiting: deque[Future[str]] = deque()
    with _one_thread_per_tesseract(), ThreadPoolExecutor(workers) as pool:
        for index in range(len(document)):
            image = _render(document[index])
            waiting.append(pool.submit(_recognise, path, index + 1, image, pytesseract))
            if len(waiting) >= 2 * workers:  # a few images ahead, not the whole document
                texts.append(waiting.popleft().result())
        texts += [future.result() for future in waiting]
    return texts


def _render(page):
    """A page as a grey image at DPI (less for a page larger than A3)."""
    try:
        width, height = page.get_size()  # in points, 72 an inch
        scale = DPI / 72
        pixels = width * height * scale * scale
        if pixels > MAX_PIXELS:
            scale *= (MAX_PIXELS / pixels) ** 0.5
        return page.render(scale=scale, grayscale=True).to_pil()
    finally:
        page.close()


def _recognise(path: Path, number: int, image, pytesseract) -> str:
    """One page image's text."""
    try:
        return pytesseract.image_to_string(image, lang=LANGUAGE)
    except pytesseract.TesseractError as error:
        raise InputError(path, f"OCR failed on page {number} ({error.message})") from None
    finally:
        image.close()


@contextmanager
def _one_thread_per_tesseract() -> Iterator[None]:
    """OMP_THREAD_LIMIT=1 for the Tesseract processes started meanwhile (pytesseract passes
    them this process's environment), unless the user chose a limit."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
