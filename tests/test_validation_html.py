"""The HTML validation report as a browser shows it: headless Chromium renders the corpus report.

The screenshots stay in test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pstkg.loading import load_files
from pstkg.store import open_store
from pstkg.validation import validate_store
from pstkg.validation.html_report import render_html

from .conftest import CHROMIUM_ARGS, CORPUS, ROOT, unavailable

pytestmark = pytest.mark.slow  # a browser start per page

ARTIFACTS = ROOT / "test-artifacts"
WINDOW = (1280, 2000)


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        unavailable("chromium is not installed (Debian package chromium)")
    return path


def browse(page: Path, *action: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local page, offline, with a throw-away profile."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                chromium(),
                "--headless",
                *CHROMIUM_ARGS,
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                *action,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )


class _Page(HTMLParser):
    """The rendered DOM as text lines per element of interest."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self._heading: list[str] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._style = False

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "h5"):
            self._heading = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "style":
            self._style = True

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "h5") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            return
        self.text.append(data)
        for part in (self._heading, self._cell):
            if part is not None:
                part.append(data)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    """The whole corpus's HTML report, written where the screenshots go."""
    with open_store(tmp_path_factory.mktemp("html") / "store") as store:
        load_files(store, [CORPUS])
        reports = validate_store(store)
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / "validation-report.html"
    page.write_text(render_html(reports), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def dom(report_page) -> _Page:
    parsed = _Page()
    parsed.feed(browse(report_page, "--dump-dom").stdout)
    return parsed


def test_the_page_reads_as_a_french_report(dom):
    assert dom.headings[0] == "Rapport de validation des PST — 4 plans"
    assert "Classement des plans" in dom.headings
    assert "PST du CPAS de Dinant (2019-2024)" in dom.headings
    assert dom.headings.count("Exigences du décret") == 4
    text = " ".join(" ".join(dom.text).split())
    assert "https://" not in text  # IRIs only in links and tooltips
    assert "Comment le score de complétude est calculé" in text


def test_the_ranking_lists_every_plan_with_its_score(dom):
    ranking = [row for row in dom.rows if row and row[0].isdigit() and "%" in " ".join(row)]
    assert [row[0] for row in ranking] == ["1", "2", "3", "4"]
    assert ranking[0][1].startswith("PST du CPAS d'Anderlues (2019-2024)")
    assert ranking[0][2] == "Non"
    scores = [int(row[3].rstrip(" %")) for row in ranking]
    assert scores == sorted(scores, reverse=True)
    assert ranking[-1][1].startswith("PST du CPAS de Dinant") and ranking[-1][4] == "7"


def test_findings_are_grouped_under_their_objectives(dom):
    headings = dom.headings
    os2 = headings.index(
        "Objectif stratégique 2 — Etre un CPAS qui développe le vivre-ensemble "
        "(ligne 101 de dinant-2019.txt)"
    )
    assert headings[os2 + 1] == (
        "Objectif opérationnel 2.1 — Développer la solidarité pour tous et plus particulièrement "
        "pour les personnes plus fragiles (ligne 138 de dinant-2019.txt)"
    )
    assert "Objectif opérationnel 3.1 (ligne 424 de dinant-2019.txt)" in headings
    text = " ".join(" ".join(dom.text).split())
    assert (
        "Fiche incomplète (ligne 1903 de anderlues-2019-2024.txt) — rubriques absentes : "
        "description, partenaires, échéance" in text
    )
    gaps = [row for row in dom.rows if row[:1] == ["échéance"]]
    assert gaps == [["échéance", "68"]]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshots(report_page):
    shot = ARTIFACTS / "validation-report.png"
    shot.unlink(missing_ok=True)
    browse(report_page, f"--screenshot={shot}")
    assert _png_size(shot) == WINDOW
    # A blank page compresses to about 10 kB; the report's first screen is text-dense.
    assert shot.stat().st_size > 100_000
