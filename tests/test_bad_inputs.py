"""Bad inputs get one line naming the file and the reason (issue #14, items 8 and 9).

Each case here crashed with a traceback, or loaded garbage with exit 0, before.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from pstkg.cli import main
from pstkg.errors import InputError
from pstkg.loaders.read import read_document

from .conftest import CORPUS

ANDERLUES = CORPUS / "anderlues-2019-2024.txt"
DINANT = CORPUS / "dinant-2019.txt"
PROSE_LINE = 38
"""Anderlues' line 38, "déclaration de politique sociale. En effet…": prose, no title."""


def _titles(path: Path) -> list[str | None]:
    parsed = read_document(path).parsed
    return [
        *(os_.title for os_ in parsed.strategic_objectives),
        *(oo.title for oo in parsed.operational_objectives()),
        *(action.title for action in parsed.actions()),
        *(fiche.description for action in parsed.actions() for fiche in action.fiches),
    ]


def test_one_invalid_byte_does_not_turn_utf8_into_windows_1252(tmp_path: Path):
    lines = ANDERLUES.read_bytes().split(b"\n")
    assert lines[PROSE_LINE - 1].startswith("déclaration de politique".encode())
    lines[PROSE_LINE - 1] = lines[PROSE_LINE - 1].replace(b" En effet", b" En\xff effet")
    path = tmp_path / "anderlues-2019-2024.txt"
    path.write_bytes(b"\n".join(lines))

    document = read_document(path)
    assert document.source.encoding == "utf-8"
    assert _titles(path) == _titles(ANDERLUES)
    assert len(read_document(path).parsed.actions()) == 67
    (warning,) = [w for w in document.parsed.warnings if "not UTF-8" in w.message]
    assert (warning.span.first_line, warning.message) == (
        PROSE_LINE,
        "byte(s) 0xFF are not UTF-8 in a text that is UTF-8 elsewhere: read as \ufffd",
    )


def test_a_windows_1252_text_is_still_read_as_such(tmp_path: Path):
    path = tmp_path / "dinant-2019.txt"
    path.write_bytes(DINANT.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    document = read_document(path)
    assert document.source.encoding == "windows-1252"
    assert _titles(path) == _titles(DINANT)
    assert not [w for w in document.parsed.warnings if "UTF-8" in w.message]


def test_a_utf16_text_is_read_as_such(tmp_path: Path):
    """Notepad's and Excel's "Unicode" text: UTF-16 with a byte order mark (NUL bytes)."""
    path = tmp_path / "dinant-2019.txt"
    path.write_bytes(DINANT.read_text(encoding="utf-8").encode("utf-16"))
    assert read_document(path).source.encoding == "utf-16"
    assert _titles(path) == _titles(DINANT)


def _aes_pdf(path: Path, user_password: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in DINANT.read_text(encoding="utf-8").splitlines()[:40]:
        pdf.cell(
            0, 6, line.encode("latin-1", "replace").decode("latin-1"), new_x="LMARGIN", new_y="NEXT"
        )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_an_aes_pdf_is_read_when_it_opens_without_a_password(tmp_path: Path):
    """Published PDFs are often encrypted only to forbid editing: they open with no password."""
    source = read_document_source(_aes_pdf(tmp_path / "ouvert.pdf", ""))
    assert source.lines[1].text == "Programme Stratégique Transversal du CPAS de DINANT (2019)"
    with pytest.raises(InputError) as caught:
        read_document(_aes_pdf(tmp_path / "ferme.pdf", "secret"))
    assert str(caught.value) == (
        "ferme.pdf: the PDF is encrypted; publish or export it without a password"
    )


def read_document_source(path: Path):
    from pstkg.loaders.pdf import read_pdf

    return read_pdf(path)


def _sidecar_folder(folder: Path) -> Path:
    (folder / "dinant-2019.txt").write_bytes(DINANT.read_bytes())
    (folder / "dinant-2019.meta.toml").mkdir()
    return folder / "dinant-2019.txt"


def _sidecar_pipe(folder: Path) -> Path:
    (folder / "dinant-2019.txt").write_bytes(DINANT.read_bytes())
    os.mkfifo(folder / "dinant-2019.meta.toml")  # opening it would wait for a writer forever
    return folder / "dinant-2019.txt"


def _link_loop(folder: Path) -> Path:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return folder / "a.txt"


def _csv_cell(folder: Path) -> Path:
    path = folder / "plan.csv"
    path.write_text(f'os_titre,oo_titre,action_titre\nA,B,"{"x" * 200_000}"\n', encoding="utf-8")
    return path


def _written(name: str, data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return write


# Each: how to make the bad input, the --cpas option, and the one line `pst load` must print.
CASES = {
    "cpas-bang": (
        _written("dinant-2019.txt", DINANT.read_bytes()),
        "!!!",
        "FAILED dinant-2019.txt: dinant-2019.txt: --cpas gives the CPAS as '!!!', which has no "
        "letter or digit",
    ),
    "sidecar-folder": (
        _sidecar_folder,
        None,
        "FAILED dinant-2019.txt: dinant-2019.meta.toml: a folder, not a file",
    ),
    "sidecar-pipe": (
        _sidecar_pipe,
        None,
        "FAILED dinant-2019.txt: dinant-2019.meta.toml: not a regular file",
    ),
    "link-loop": (_link_loop, None, "FAILED a.txt: a.txt: a loop of symbolic links, not a file"),
    "csv-cell": (
        _csv_cell,
        None,
        "FAILED plan.csv: plan.csv:2: not a readable CSV file (field larger than field limit "
        "(131072))",
    ),
    "empty": (_written("vide.txt", b""), None, "FAILED vide.txt: vide.txt: the file is empty"),
    "binary-txt": (
        _written("image.txt", bytes(range(256)) * 40),
        None,
        "FAILED image.txt: image.txt: the file holds binary data (NUL bytes), not text",
    ),
    "truncated-pdf": (
        _written("coupe.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
        None,
        "FAILED coupe.pdf: coupe.pdf: the PDF cannot be read (Stream has ended unexpectedly)",
    ),
    "truncated-zip": (
        _written("coupe.docx", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
        None,
        "FAILED coupe.docx: coupe.docx: not a Word (.docx) document: not a valid zip package "
        "(File is not a zip file)",
    ),
    "odd-superscript": (
        _written("plan.csv", "os_titre,oo_titre,action_titre,odd\nA,B,C,²\n".encode()),
        None,
        "FAILED plan.csv: plan.csv:2: column odd: '²' is not a number from 1 to 17",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_pst_load_says_one_line_and_loads_the_others(case: str, tmp_path: Path, capsys):
    make, cpas, expected = CASES[case]
    folder = tmp_path / "docs"
    folder.mkdir()
    bad = make(folder)
    good = tmp_path / "burdinne-2019-2024.txt"
    good.write_bytes((CORPUS / good.name).read_bytes())
    (tmp_path / "burdinne-2019-2024.meta.toml").write_bytes(
        (CORPUS / "burdinne-2019-2024.meta.toml").read_bytes()
    )
    options = ["--cpas", cpas] if cpas else []
    store = str(tmp_path / "store")
    code = main(["load", str(bad), str(good), *options, "--store", store])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert expected in out.splitlines()
    if cpas is None:  # with --cpas '!!!', Burdinne (which names no CPAS) fails too
        assert "loaded burdinne-2019-2024.txt" in out
        assert "1 of 2 file(s) loaded" in out


def test_pst_draft_of_a_folder_says_so(tmp_path: Path, capsys):
    (tmp_path / "plan.pdf").mkdir()
    code = main(["draft", str(tmp_path / "plan.pdf")])
    out, err = capsys.readouterr()
    assert (code, out, err) == (1, "", "pst: error: plan.pdf: a folder, not a file\n")


def test_pst_draft_to_an_output_that_cannot_be_written_says_so(tmp_path: Path, capsys):
    (tmp_path / "modele.csv").mkdir()
    code = main(["draft", str(DINANT), "--output", str(tmp_path / "modele.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[-1] == f"pst: error: {tmp_path / 'modele.csv'}: Is a directory"


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch):
    """As root every file is readable: the refusal of the system is played here."""
    path = tmp_path / "secret.txt"
    path.write_bytes(DINANT.read_bytes())
    opened = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self == path:
            raise PermissionError(13, os.strerror(13), str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == "secret.txt: not readable (permission denied)"


def test_an_unforeseen_error_fails_only_its_file(tmp_path: Path, monkeypatch, capsys):
    """The last net: a bug reading one file is its one-line failure, the batch goes on."""
    import pstkg.reading

    real = pstkg.reading.read_document

    def buggy(path: Path, *args, **kwargs):
        if path.name == "dinant-2019.txt":
            raise RuntimeError("boom\nsecond line")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pstkg.reading, "read_document", buggy)
    burdinne = CORPUS / "burdinne-2019-2024.txt"
    code = main(["load", str(DINANT), str(burdinne), "--store", str(tmp_path / "store")])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "FAILED dinant-2019.txt: dinant-2019.txt: pst-kg failed to read it (RuntimeError: boom); "
        "this is a bug, please report it with the file"
    ) in out.splitlines()
    assert "1 of 2 file(s) loaded" in out
