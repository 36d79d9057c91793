"""Plans written in Word (.docx) and OpenDocument text (.odt): read as one line per paragraph.

The documents are written here, with python-docx and odfdo, as a CPAS would write them: a
cover, headings, bulleted and numbered lists, a fiche as a two-column table, a plan as a
multi-column table. A person reading them finds the tree and the fiche asserted below.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from odfdo import Document as OdfDocument
from odfdo import Header, List, PageBreak, Paragraph, Table
from pypdf import PdfWriter

from pstkg.cli import main
from pstkg.errors import InputError
from pstkg.loaders.limits import MAX_MEMBER_SIZE
from pstkg.loaders.office import read_office
from pstkg.loaders.read import SUPPORTED_SUFFIXES, read_document
from pstkg.reading import read_file

COVER = "Programme stratégique transversal 2019-2024 du CPAS de Fontaine-sur-Maquette"
OS_TITLES = ["Être un CPAS accessible à tous", "Être un CPAS qui favorise l'insertion"]
OO_TITLES = [
    ("1.1", "Améliorer l'accueil"),
    ("1.2", "Simplifier les démarches administratives"),
    ("2.1", "Accompagner vers l'emploi"),
]
ACTIONS = [
    "Réaménager la salle d'attente",
    "Former les agents d'accueil",
    "Créer un guichet unique",
    "Publier les formulaires en ligne",
    "Organiser des ateliers de recherche d'emploi",
]
FICHE = [("Responsable", "Service social"), ("Échéance", "2022"), ("Partenaires", "Forem, Commune")]
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def write_docx(path: Path) -> Path:
    """The fictional plan as Word writes it: cover, page break, headings, lists, a fiche table."""
    document = docx.Document()
    document.add_paragraph(COVER, style="Title")  # paragraph 1
    document.add_paragraph("Adopté par le conseil de l'action sociale du 14 octobre 2019.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # 3: the page ends here
    document.add_heading(f"Objectif stratégique 1 : {OS_TITLES[0]}", level=1)  # 4
    document.add_heading(f"Objectif opérationnel 1.1 : {OO_TITLES[0][1]}", level=2)
    document.add_paragraph(ACTIONS[0], style="List Bullet")  # 6
    document.add_paragraph(ACTIONS[1], style="List Bullet")
    document.add_heading(f"Objectif opérationnel 1.2 : {OO_TITLES[1][1]}", level=2)  # 8
    document.add_paragraph(ACTIONS[2], style="List Number")  # 9: "1."
    document.add_paragraph(ACTIONS[3], style="List Number")  # 10: "2."
    document.add_heading(f"Objectif stratégique 2 : {OS_TITLES[1]}", level=1)  # 11
    document.add_heading(f"Objectif opérationnel 2.1 : {OO_TITLES[2][1]}", level=2)
    document.add_paragraph(ACTIONS[4], style="List Bullet")  # 13
    table = document.add_table(rows=len(FICHE), cols=2)  # 14-16: one line per row
    for row, (label, value) in zip(table.rows, FICHE, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
    document.save(path)
    return path


def write_odt(path: Path) -> Path:
    """The same plan as LibreOffice writes it, headings numbered by the outline ("1.", "1.1.")."""
    document = OdfDocument("text")
    body = document.body
    body.clear()
    document.add_page_break_style()
    body.append(Paragraph(COVER, style="Title"))  # 1
    body.append(Paragraph("Adopté par le conseil de l'action sociale du 14 octobre 2019."))
    body.append(PageBreak())  # 3: an empty paragraph breaking the page after it
    body.append(Header(1, OS_TITLES[0], style="Heading_20_1"))  # 4: "1. Être ..."
    body.append(Header(2, OO_TITLES[0][1], style="Heading_20_2"))  # 5: "1.1. Améliorer ..."
    body.append(List(ACTIONS[0:2], style="List_20_1"))  # 6-7: bullets
    body.append(Header(2, OO_TITLES[1][1], style="Heading_20_2"))  # 8
    body.append(List(ACTIONS[2:4], style="List_20_1"))
    body.append(Header(1, OS_TITLES[1], style="Heading_20_1"))  # 11
    body.append(Header(2, OO_TITLES[2][1], style="Heading_20_2"))
    body.append(List(ACTIONS[4:5], style="List_20_1"))  # 13
    table = Table("Fiche", width=2, height=len(FICHE))  # 14-16
    for row, (label, value) in enumerate(FICHE):
        table.set_value((0, row), label)
        table.set_value((1, row), value)
    body.append(table)
    document.save(path)
    return path


@pytest.fixture(params=["docx", "odt"])
def plan_file(request, tmp_path: Path) -> Path:
    write = write_docx if request.param == "docx" else write_odt
    return write(tmp_path / f"fontaine-2019-2024.{request.param}")


def test_the_suffixes_are_supported():
    assert {".docx", ".odt"} <= SUPPORTED_SUFFIXES


def test_a_plan_reads_as_a_person_reads_it(plan_file: Path):
    document = read_document(plan_file)
    parsed = document.parsed
    assert document.source.encoding == plan_file.suffix[1:]
    assert parsed.cpas is not None and parsed.cpas.value == "CPAS de Fontaine-sur-Maquette"
    assert parsed.legislature is not None and parsed.legislature.value == "2019-2024"
    assert parsed.cpas.span.first_line == 1  # the cover, paragraph 1

    assert [os_.title for os_ in parsed.strategic_objectives] == OS_TITLES
    assert [os_.code for os_ in parsed.strategic_objectives] == ["1", "2"]
    assert [(oo.code, oo.title) for oo in parsed.operational_objectives()] == OO_TITLES
    assert [len(oo.actions) for oo in parsed.operational_objectives()] == [2, 2, 1]
    assert [action.title for action in parsed.actions()] == ACTIONS

    fiche = parsed.actions()[4].fiches[0]
    assert fiche.responsible == "Service social"
    assert fiche.deadline == "2022"
    assert fiche.partners == ["Forem", "Commune"]


def test_lines_are_paragraphs(plan_file: Path):
    """Provenance "line N" is the document's Nth paragraph; a table row is one line."""
    document = read_document(plan_file)
    source, parsed = document.source, document.parsed
    text = {line.number: line.text for line in source.lines}
    assert len(source.lines) == 16
    assert text[3] == ""  # the paragraph holding the page break
    assert source.page_starts == frozenset({4})
    assert [os_.span.first_line for os_ in parsed.strategic_objectives] == [4, 11]
    assert [oo.span.first_line for oo in parsed.operational_objectives()] == [5, 8, 12]
    assert [action.span.first_line for action in parsed.actions()] == [6, 7, 9, 10, 13]
    assert text[7] == "• Former les agents d'accueil"
    assert text[14] == "Responsable : Service social"
    assert text[16] == "Partenaires : Forem, Commune"
    if plan_file.suffix == ".docx":
        assert text[9] == "1. Créer un guichet unique"  # Word's "List Number", computed
        assert text[4] == f"Objectif stratégique 1 : {OS_TITLES[0]}"
    else:
        assert text[4] == f"1. {OS_TITLES[0]}"  # LibreOffice's outline numbering, computed
        assert text[5] == f"1.1. {OO_TITLES[0][1]}"
        assert text[12] == f"2.1. {OO_TITLES[2][1]}"


def test_pst_load_reads_the_documents(tmp_path: Path, capsys):
    docx_file = write_docx(tmp_path / "fontaine-2019-2024.docx")
    report = read_file(docx_file).report
    assert report.loaded, report.error
    assert report.note is None  # nothing to warn about: the text is the document's own
    counts = report.counts
    assert (counts["strategic_objectives"], counts["operational_objectives"]) == (2, 3)
    assert counts["actions"] == 5
    assert main(["load", str(docx_file), "--store", str(tmp_path / "store")]) == 0
    out = capsys.readouterr().out
    assert "loaded fontaine-2019-2024.docx" in out and "source:" not in out


# --------------------------------------------------------------------------- Word's structure


def _add_numbering(document, xml: str) -> None:
    """Add numbering definitions (abstractNum first, as the schema orders them)."""
    numbering = document.part.numbering_part.element
    for element in reversed(parse_xml(f"<w:numbering {W_NS}>{xml}</w:numbering>")):
        if element.tag.endswith("abstractNum"):
            numbering.insert(0, element)
        else:
            numbering.append(element)


def _numbered(paragraph, num_id: int, level: int = 0) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_word_numbering_is_computed(tmp_path: Path):
    """Headings numbered by a multi-level list linked to their styles, a list that restarts
    (startOverride), letters and roman numerals, a format not computed (a bullet then)."""
    document = docx.Document()
    _add_numbering(
        document,
        """
        <w:abstractNum w:abstractNumId="90">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
            <w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
            <w:lvlText w:val="%1.%2."/><w:suff w:val="space"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
            <w:lvlText w:val="%3)"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="91">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
            <w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="ordinal"/>
            <w:lvlText w:val="%2"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
        <w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
        <w:num w:numId="92"><w:abstractNumId w:val="91"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        """,
    )
    for style, level in (("Heading 1", 0), ("Heading 2", 1)):
        _numbered_style = document.styles[style].element.get_or_add_pPr()
        _numbered_style.append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.add_heading("Être un CPAS accessible", level=1)
    document.add_heading("Améliorer l'accueil", level=2)
    document.add_heading("Simplifier les démarches", level=2)
    _numbered(document.add_paragraph("Un sous-point"), 90, 2)
    _numbered(document.add_paragraph("Un autre"), 90, 2)
    document.add_heading("Favoriser l'insertion", level=1)
    document.add_heading("Accompagner vers l'emploi", level=2)
    _numbered(document.add_paragraph("Premier"), 91)
    _numbered(document.add_paragraph("Deuxième"), 91)
    _numbered(document.add_paragraph("Troisième, en ordinal"), 91, 1)
    _numbered(document.add_paragraph("Encore, la même liste"), 91)
    _numbered(document.add_paragraph("Recommencée"), 92)
    _numbered(document.add_paragraph("Sans numéro"), 0)
    path = tmp_path / "numbering.docx"
    document.save(path)
    assert [line.text for line in read_office(path).lines] == [
        "1. Être un CPAS accessible",
        "1.1. Améliorer l'accueil",
        "1.2. Simplifier les démarches",
        "a) Un sous-point",
        "b) Un autre",
        "2. Favoriser l'insertion",
        "2.1. Accompagner vers l'emploi",
        "I. Premier",
        "II. Deuxième",
        "• Troisième, en ordinal",
        "III. Encore, la même liste",
        "I. Recommencée",
        "Sans numéro",
    ]


def test_word_page_breaks_text_boxes_and_table_of_contents(tmp_path: Path):
    document = docx.Document()
    toc = document.styles.add_style("toc 1", 1)  # Word's built-in name of a TOC entry style
    document.add_paragraph("Table des matières")
    for title, page in (("Introduction", 2), ("Objectifs stratégiques", 3), ("Annexes", 9)):
        paragraph = document.add_paragraph(style=toc)
        paragraph.add_run(title)
        paragraph.add_run().add_tab()
        paragraph.add_run(str(page))
    paragraph = document.add_paragraph("Fin de la page")  # 5: text, break, text
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("suite sur la page suivante")
    paragraph = document.add_paragraph("Couverture")  # 6, its text box after it
    paragraph._p.append(
        parse_xml(
            f'<w:r {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
            "<v:textbox><w:txbxContent><w:p><w:r><w:t>CPAS de Fontaine-sur-Maquette</w:t>"
            "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.add_paragraph("Après la boîte").paragraph_format.page_break_before = True  # 8
    path = tmp_path / "structure.docx"
    document.save(path)
    source = read_office(path)
    assert [line.text for line in source.lines] == [
        "Table des matières",
        "Introduction ... 2",  # the tab leading to the page number, as a PDF shows it
        "Objectifs stratégiques ... 3",
        "Annexes ... 9",
        "Fin de la page suite sur la page suivante",
        "Couverture",
        "CPAS de Fontaine-sur-Maquette",
        "Après la boîte",
    ]
    assert source.page_starts == frozenset({5, 8})


def test_a_plan_written_as_a_table(tmp_path: Path):
    """Columns OS | OO | Actions | Responsable | Échéance, merged cells: the header names the
    columns, so each cell comes out with the marker its column implies."""
    rows = [
        ("Objectif stratégique", "Objectif opérationnel", "Actions", "Responsable", "Échéance"),
        (f"OS 1 : {OS_TITLES[0]}", f"1.1 {OO_TITLES[0][1]}", ACTIONS[0], "Service social", "2022"),
        ("", "", ACTIONS[1], "Direction générale", "2023"),
        ("", f"1.2 {OO_TITLES[1][1]}", ACTIONS[2], "Service social", "2021"),
        (f"OS 2 : {OS_TITLES[1]}", f"2.1 {OO_TITLES[2][1]}", ACTIONS[4], "Service insertion", ""),
    ]
    document = docx.Document()
    document.add_paragraph(COVER)
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    path = tmp_path / "tableau.docx"
    document.save(path)
    document_read = read_document(path)
    lines = [line.text for line in document_read.source.lines]
    assert lines[1] == " ; ".join(rows[0])  # the header row: one line
    assert lines[2:8] == [
        f"OS 1 : {OS_TITLES[0]}",
        f"Objectif opérationnel 1.1 : {OO_TITLES[0][1]}",
        f"• {ACTIONS[0]}",
        "Responsable : Service social",
        "Échéance : 2022",
        f"• {ACTIONS[1]}",
    ]
    parsed = document_read.parsed
    assert [os_.title for os_ in parsed.strategic_objectives] == OS_TITLES
    assert [(oo.code, oo.title) for oo in parsed.operational_objectives()] == OO_TITLES
    assert [a.title for a in parsed.actions()] == [ACTIONS[i] for i in (0, 1, 2, 4)]
    fiches = [(a.fiches[0].responsible, a.fiches[0].deadline) for a in parsed.actions()]
    assert fiches == [
        ("Service social", "2022"),
        ("Direction générale", "2023"),
        ("Service social", "2021"),
        ("Service insertion", None),
    ]


def test_odt_numbered_lists_and_page_break_styles(tmp_path: Path):
    document = OdfDocument("text")
    body = document.body
    body.clear()
    document.add_page_break_style()
    numbered = List(["Créer un guichet unique", "Publier les formulaires"], style="Numbering_20_1")
    body.append(numbered)
    body.append(PageBreak())
    body.append(Paragraph("Suite"))
    body.append(List(["Sans style de liste"]))
    path = tmp_path / "listes.odt"
    document.save(path)
    source = read_office(path)
    assert [line.text for line in source.lines] == [
        "1. Créer un guichet unique",
        "2. Publier les formulaires",
        "",
        "Suite",
        "• Sans style de liste",
    ]
    assert source.page_starts == frozenset({4})


def test_the_paragraph_after_a_fiche_is_not_part_of_its_last_field(tmp_path: Path):
    """A word processor's paragraph is never a wrapped line of the field above it."""
    document = docx.Document()
    document.add_paragraph(COVER)
    document.add_paragraph(f"Objectif stratégique 1 : {OS_TITLES[0]}")
    document.add_paragraph(f"Objectif opérationnel 1.1 : {OO_TITLES[0][1]}")
    document.add_paragraph(ACTIONS[0], style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Partenaires"
    table.rows[0].cells[1].text = "Forem, Commune"
    document.add_paragraph("Le plan sera évalué à mi-législature.")
    path = tmp_path / "suite.docx"
    document.save(path)
    parsed = read_document(path).parsed
    fiche = parsed.actions()[0].fiches[0]
    assert fiche.partners == ["Forem", "Commune"]
    assert parsed.evaluations[0].value == "mid-term"  # the paragraph is method text, read


def test_a_list_numbered_from_1_under_a_numbered_heading_lists_its_actions(tmp_path: Path):
    """Headings numbered "1.", "1.1." and, under each OO, a Word list numbered 1, 2 …: the
    list's numbers are its own counter, not OS codes."""
    document = docx.Document()
    document.add_paragraph(COVER)
    document.add_paragraph(f"1. {OS_TITLES[0]}", style="Heading 1")
    document.add_paragraph(f"1.1. {OO_TITLES[0][1]}", style="Heading 2")
    for action in ACTIONS[:2]:
        document.add_paragraph(action, style="List Number")
    document.add_paragraph(f"1.2. {OO_TITLES[1][1]}", style="Heading 2")
    document.add_paragraph(ACTIONS[2], style="List Number")
    path = tmp_path / "listes.docx"
    document.save(path)
    parsed = read_document(path).parsed
    assert [os_.code for os_ in parsed.strategic_objectives] == ["1"]
    assert [oo.code for oo in parsed.operational_objectives()] == ["1.1", "1.2"]
    assert [[a.title for a in oo.actions] for oo in parsed.operational_objectives()] == [
        ACTIONS[:2],
        ACTIONS[2:3],
    ]


# --------------------------------------------------------------------------- refusals


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path)
    return caught.value.reason


def test_a_renamed_text_file_is_refused(tmp_path: Path):
    path = tmp_path / "plan.docx"
    path.write_text(f"{COVER}\nObjectif stratégique 1 : {OS_TITLES[0]}\n", encoding="utf-8")
    assert "not a Word (.docx) document: not a valid zip package" in _refusal(path)
    odt = tmp_path / "plan.odt"
    odt.write_bytes(path.read_bytes())
    assert "not an OpenDocument (.odt) document" in _refusal(odt)


def test_a_zip_without_the_document_part_is_refused(tmp_path: Path):
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    assert "has no word/document.xml" in _refusal(path)


def test_a_spreadsheet_renamed_odt_is_refused(tmp_path: Path):
    path = tmp_path / "plan.odt"
    OdfDocument("spreadsheet").save(path)
    assert "not an OpenDocument text but a spreadsheet document" in _refusal(path)


def _bomb(path: Path, size: int) -> Path:
    """A .docx whose document.xml inflates to ``size`` bytes of one repeated character."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<" + b" " * size)
    return path


def test_zip_bombs_are_refused_unread(tmp_path: Path, monkeypatch):
    def no_inflating(*_args, **_kwargs):
        raise AssertionError("a part was inflated")

    big = _bomb(tmp_path / "bombe.docx", MAX_MEMBER_SIZE + 1024)
    dense = _bomb(tmp_path / "dense.docx", 20 * 1024 * 1024)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    reason = _refusal(big)
    assert "word/document.xml would inflate to 67,109,889 bytes (limit 67,108,864" in reason
    reason = _refusal(dense)
    assert "bytes would inflate to 20,971,529 (ratio 1," in reason
    assert "100:1 above 16,777,216" in reason


def test_declared_sizes_that_lie_are_not_believed(tmp_path: Path):
    """A part holding more than it declares: zipfile inflates only the declared size."""
    valid = zipfile.ZipFile(write_docx(tmp_path / "vrai.docx"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in valid.namelist():
            if name != "word/document.xml":
                package.writestr(name, valid.read(name))
        # 8 MiB of white space after the root element: well-formed, and inflating far more
        # than the 1,000 bytes the sizes will declare.
        package.writestr("word/document.xml", valid.read("word/document.xml") + b" " * 2**23)
        offset = package.getinfo("word/document.xml").header_offset
    data = bytearray(buffer.getvalue())
    data[offset + 22 : offset + 26] = (1000).to_bytes(4, "little")  # the local header's size
    central = data.rfind(b"PK\x01\x02")  # the last part's entry in the central directory
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    path = tmp_path / "menteur.docx"
    path.write_bytes(bytes(data))
    reason = _refusal(path)
    assert "not a Word (.docx) document: part word/document.xml cannot be inflated" in reason
    assert "Bad CRC-32" in reason  # it stopped at the declared size


def test_an_xml_bomb_is_refused(tmp_path: Path):
    """Entities nested to a billion "lol"s: the XML parser refuses to expand them."""
    entities = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    content = (
        f'<?xml version="1.0"?><!DOCTYPE office:document-content [{entities}]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>&a9;</text:p></office:text></office:body></office:document-content>"
    )
    valid = zipfile.ZipFile(write_odt(tmp_path / "vrai.odt"))
    path = tmp_path / "rires.odt"
    with zipfile.ZipFile(path, "w") as package:
        for name in valid.namelist():
            package.writestr(name, content if name == "content.xml" else valid.read(name))
    assert "part content.xml declares a document type or entities" in _refusal(path)


def test_encrypted_documents_are_refused(tmp_path: Path):
    # Word encrypts a .docx into a compound file holding an EncryptionInfo stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
    path = tmp_path / "protege.docx"
    path.write_bytes(ole + b"\0" * 1024)
    assert "the document is encrypted" in _refusal(path)
    doc = tmp_path / "ancien.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    assert "older binary format (.doc?)" in _refusal(doc)
    odt = tmp_path / "protege.odt"
    with zipfile.ZipFile(odt, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", b"\x8f\x12 not XML: encrypted")
        package.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
            'xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
            "</manifest:file-entry></manifest:manifest>",
        )
    assert "the document is encrypted" in _refusal(odt)


def test_an_encrypted_pdf_is_still_refused_as_such(tmp_path: Path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    path = tmp_path / "protege.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "the PDF is encrypted" in _refusal(path)
