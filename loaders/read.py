"""Reading any supported source document into a :class:`ParsedPlan`.

Every document goes through :func:`read_document`, whatever its format (text, PDF — by OCR
when it has no text layer —, Word or OpenDocument text, fill-in template) and layout. That
is where the steps that do not depend on the layout run, once for all of them: the
organisations named in the actions' texts are found here
(:func:`pstkg.loaders.organisations.mention_organisations`) rather than in each layout, so
that a new layout or format gets them without having to remember to.
"""

from __future__ import annotations

from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.bounds import bound_plan
from pstkg.loaders.ecomptes import read_ecomptes
from pstkg.loaders.limits import unreadable
from pstkg.loaders.model import ParsedPlan, ReadDocument
from pstkg.loaders.organisations import mention_organisations
from pstkg.loaders.reader import read_plan
from pstkg.loaders.template import read_template
from pstkg.loaders.text import SourceText, read_source

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}  # Markdown: its "#" heading marks are dropped
PDF_SUFFIXES = {".pdf"}
OFFICE_SUFFIXES = {".docx", ".odt"}  # word processors' documents: one line per paragraph
TEMPLATE_SUFFIXES = {".csv", ".xlsx"}
XML_SUFFIXES = {".xml"}  # the region's eComptes PST XML
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | PDF_SUFFIXES | OFFICE_SUFFIXES | TEMPLATE_SUFFIXES | XML_SUFFIXES
)


def read_document(path: Path, strict: bool = True) -> ReadDocument:
    """Read a plan from a text, PDF, .docx/.odt, fill-in template or eComptes XML file;
    InputError if not.

    With ``strict`` false, a text the reader finds cut short is read as far as it goes (see
    :func:`pstkg.loaders.reader.read_plan`): ``pst draft`` makes a template of it.
    """
    document = _read(path, strict)
    parsed = document.parsed
    # What reading the file found (bad bytes, lines cut) comes first, as it came first.
    parsed.warnings[:0] = document.source.warnings
    mention_organisations(bound_plan(parsed, path))
    return document


def _read(path: Path, strict: bool) -> ReadDocument:
    """The document as its format's loader reads it."""
    suffix = path.suffix.lower()
    if not path.is_file():
        try:
            path.stat()
        except OSError as error:
            raise InputError(path, unreadable(error)) from None
        reason = "a folder, not a file" if path.is_dir() else "not a regular file"
        raise InputError(path, reason)
    if suffix in PDF_SUFFIXES:  # pypdf and the OCR's libraries imported only for a PDF
        from pstkg.loaders.pdf import NoTextLayerError, read_pdf

        try:
            source = read_pdf(path)
        except NoTextLayerError:
            from pstkg.loaders.ocr import read_scanned_pdf

            source = read_scanned_pdf(path)
    elif suffix in OFFICE_SUFFIXES:
        from pstkg.loaders.office import read_office

        source = read_office(path)
    elif suffix in TEMPLATE_SUFFIXES:
        return read_template(path)
    elif suffix in XML_SUFFIXES:
        return read_ecomptes(path)
    elif suffix in TEXT_SUFFIXES:
        source = read_source(path)
    else:
        raise InputError(
            path,
            f"unsupported file type {suffix!r} "
            f"(supported: {', '.join(sorted(s for s in SUPPORTED_SUFFIXES if s))})",
        )
    return ReadDocument(source, read_plan(source, strict))


def parse_text(source: SourceText, strict: bool = True) -> ParsedPlan:
    """Read a decoded text with the general reader; find the organisations it names."""
    return mention_organisations(read_plan(source, strict))
