"""The fill-in template (CSV or XLSX): one row per action, read as a CPAS filled it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from pstkg.errors import InputError
from pstkg.loaders.read import read_document
from pstkg.loaders.template import COLUMNS

from .conftest import TEMPLATES

EXAMPLE = TEMPLATES / "pst-exemple.csv"


def example_rows() -> list[list[str]]:
    with EXAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def test_the_example_reads_as_its_rows_say():
    parsed = read_document(EXAMPLE).parsed
    assert parsed.layout == "template"
    assert parsed.cpas.value == "Exempleville"
    assert parsed.legislature.value == "2019-2024"
    assert [(os_.code, os_.volet) for os_ in parsed.strategic_objectives] == [
        ("1", "Externe"),
        ("2", "Interne"),
    ]
    assert [oo.code for oo in parsed.operational_objectives()] == ["1.1", "2.1"]
    assert [a.code for a in parsed.actions()] == ["1.1.1", "1.1.2", "2.1.1"]
    first = parsed.actions()[0]
    assert first.title == "Conclure des conventions article 60 avec de nouveaux employeurs locaux"
    fiche = first.fiches[0]
    assert fiche.partners == ["Forem", "Commune"]
    assert fiche.services == ["Service insertion", "Service social"]
    assert fiche.indicators == ["Nombre de conventions signées", "Nombre de mises à l'emploi"]
    assert [step.title for step in fiche.steps] == [
        "Lister les employeurs",
        "Envoyer un courrier",
        "Rencontrer les employeurs",
    ]
    assert (fiche.priority, fiche.status, fiche.enjeux, fiche.sdgs) == (
        "Priorité élevée",
        "En cours de réalisation",
        [4],
        [8],
    )
    assert fiche.human_means == "1 ETP agent d'insertion"
    assert parsed.actions()[1].fiches[0].sdgs == [8, 1]
    assert parsed.actions()[2].kind == "project"
    assert first.span.first_line == 2  # row 2: the header is row 1


def test_xlsx_and_comma_separated_csv_read_the_same(tmp_path: Path):
    rows = example_rows()
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "plan.xlsx")
    comma = write_csv(tmp_path / "comma.csv", rows, delimiter=",")
    reference = read_document(EXAMPLE).parsed
    for path in (tmp_path / "plan.xlsx", comma):
        parsed = read_document(path).parsed
        assert parsed.strategic_objectives == reference.strategic_objectives


def test_headers_match_without_case_or_accents(tmp_path: Path):
    rows = example_rows()
    rows[0] = [name.upper().replace("_", " ").replace("PRIORITE", "Priorité") for name in rows[0]]
    parsed = read_document(write_csv(tmp_path / "caps.csv", rows)).parsed
    assert parsed.actions()[0].fiches[0].priority == "Priorité élevée"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rows: rows[2].__setitem__(23, "7"), "row 3|:3"),
        (lambda rows: rows[1].__setitem__(8, ""), "action_titre is empty"),
        (lambda rows: rows[0].__setitem__(3, "objectif"), "unknown column"),
        (lambda rows: rows[2].__setitem__(0, "Autreville"), "same on every row"),
        (lambda rows: rows[1].__setitem__(9, "tâche"), "neither action nor projet"),
    ],
)
def test_bad_cells_are_named(tmp_path: Path, edit, message: str):
    rows = example_rows()
    edit(rows)
    with pytest.raises(InputError, match=message) as caught:
        read_document(write_csv(tmp_path / "bad.csv", rows))
    assert "bad.csv" in str(caught.value)


def test_an_empty_template_is_refused():
    with pytest.raises(InputError, match=r"no filled row"):
        read_document(TEMPLATES / "pst-modele.csv")


def test_a_damaged_workbook_is_refused(tmp_path: Path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match=r"broken.xlsx: not a readable XLSX"):
        read_document(path)


def test_the_blank_sheet_has_every_column_a_person_fills():
    header = (TEMPLATES / "pst-modele.csv").read_text(encoding="utf-8").strip().split(";")
    assert header == [column for column in COLUMNS if column != "ligne_source"]
