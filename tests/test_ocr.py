"""Scanned plans: PDFs whose pages are images, read by OCR (Tesseract, French).

The scan is made here: the plan's text drawn with Pillow on two A4 pages at 200 dpi, saved as
an image-only PDF. Its tree must be the one its text gives (titles up to OCR noise), and the
load report must say the text was recognised. The tests that run Tesseract are slow (a few
seconds a page); where Tesseract is missing they are skipped, but not in CI (``CI`` set),
where they fail: CI installs it (.ci/run).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pstkg.cli import main
from pstkg.errors import InputError
from pstkg.loaders import ocr
from pstkg.loaders.read import read_document
from pstkg.loaders.titles import same_title
from pstkg.reading import read_file
from tests.conftest import unavailable

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGES = [
    [
        "Programme stratégique transversal 2019-2024 du CPAS de Fontaine-sur-Maquette",
        "",
        "Objectif stratégique 1 : Être un CPAS accessible à tous",
        "Objectif opérationnel 1.1 : Améliorer l'accueil",
        "• Réaménager la salle d'attente",
        "• Former les agents d'accueil",
        "Objectif opérationnel 1.2 : Simplifier les démarches administratives",
        "• Créer un guichet unique",
        "• Publier les formulaires en ligne",
    ],
    [
        "Objectif stratégique 2 : Être un CPAS qui favorise l'insertion",
        "Objectif opérationnel 2.1 : Accompagner vers l'emploi",
        "• Organiser des ateliers de recherche d'emploi",
        "Responsable : Service social",
        "Échéance : 2022",
        "Partenaires : Forem, Commune",
    ],
]


def scan(path: Path, pages: list[list[str]] = PAGES) -> Path:
    """An image-only PDF: each page's lines drawn in 12-point type on A4 at 200 dpi."""
    font = ImageFont.truetype(str(FONT), 33)
    images = []
    for lines in pages:
        image = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(image)
        for index, line in enumerate(lines):
            draw.text((150, 150 + 60 * index), line, font=font, fill=0)
        images.append(image)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    return path


def needs_tesseract() -> None:
    """Skip where Tesseract (with its French data) is missing; in CI, fail instead."""
    missing = shutil.which("tesseract") is None
    if not missing:
        import pytesseract

        missing = "fra" not in pytesseract.get_languages(config="")
    if missing:
        unavailable("Tesseract with French data is not installed (tesseract-ocr tesseract-ocr-fra)")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    return scan(tmp_path_factory.mktemp("scan") / "fontaine-2019-2024.pdf")


@pytest.mark.slow
def test_a_scanned_plan_reads_as_its_text(scanned: Path, tmp_path: Path):
    needs_tesseract()
    text = tmp_path / "fontaine-2019-2024.txt"
    text.write_text("\n".join(line for page in PAGES for line in page) + "\n", encoding="utf-8")
    expected = read_document(text).parsed
    document = read_document(scanned)
    parsed = document.parsed

    assert parsed.cpas is not None and parsed.cpas.value == expected.cpas.value
    assert parsed.legislature is not None and parsed.legislature.value == "2019-2024"
    assert [os_.code for os_ in parsed.strategic_objectives] == ["1", "2"]
    assert [oo.code for oo in parsed.operational_objectives()] == ["1.1", "1.2", "2.1"]
    assert len(parsed.actions()) == len(expected.actions()) == 5
    pairs = [
        *zip(parsed.strategic_objectives, expected.strategic_objectives, strict=True),
        *zip(parsed.operational_objectives(), expected.operational_objectives(), strict=True),
        *zip(parsed.actions(), expected.actions(), strict=True),
    ]
    for read, written in pairs:
        assert same_title(read.title, written.title), (read.title, written.title)
    fiche = parsed.actions()[4].fiches[0]
    assert same_title(fiche.responsible, "Service social")
    assert fiche.deadline == "2022"
    assert len(fiche.partners) == 2
    assert all(map(same_title, fiche.partners, ["Forem", "Commune"])), fiche.partners

    # Lines are the recognised text's, each page's first line starting a page.
    source = document.source
    assert source.encoding == "pdf-ocr"
    second = min(number for number in source.page_starts if number > 1)
    assert source.page_starts == frozenset({1, second})
    assert same_title(source.lines[second - 1].text, PAGES[1][0])
    assert parsed.strategic_objectives[1].span.first_line == second


@pytest.mark.slow
def test_the_load_report_says_the_text_was_recognised(scanned: Path, tmp_path: Path, capsys):
    needs_tesseract()
    report = read_file(scanned).report
    assert report.loaded, report.error
    assert report.note is not None
    assert report.note.startswith("read by OCR (Tesseract 5")
    assert report.note.endswith(", fra) from 2 page image(s)")
    assert main(["load", str(scanned), "--store", str(tmp_path / "store")]) == 0
    assert f"  source: {report.note}\n" in capsys.readouterr().out


def test_without_tesseract_the_error_says_how_to_install_it(tmp_path: Path, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "absent"))
    with pytest.raises(InputError) as caught:
        read_document(scan(tmp_path / "scan.pdf", PAGES[:1]))
    message = str(caught.value)
    assert "\n" not in message
    assert "OCR needs Tesseract, not installed" in message
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in message


def test_a_scan_too_long_is_refused_before_any_ocr(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    monkeypatch.setattr(ocr, "_recognise", lambda *_: pytest.fail("a page was recognised"))
    with pytest.raises(InputError) as caught:
        read_document(scan(tmp_path / "scan.pdf"))
    assert "no text layer and 2 pages: OCR is limited to 1 pages at 300 dpi" in str(caught.value)
