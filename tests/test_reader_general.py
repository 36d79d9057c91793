"""The general reader's honest reports, and rules no corpus plan or generated style shows alone.

Each document here is a few lines written for the rule under test: what the reader says when
a document is not a whole plan (a table of contents only, a list of OS only, a text that speaks
of a PST without any heading it can read), the table of contents checked against the body,
items numbered again under each parent told apart, and what ``pst load`` reports.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from pstkg.builder import build_plan_graph
from pstkg.cli import main
from pstkg.errors import InputError
from pstkg.identity import resolve_identity
from pstkg.loaders.read import read_document
from pstkg.loaders.reader import read_plan
from pstkg.loaders.text import read_source

from .conftest import CORPUS_FILES

COVER = "CPAS DE FONTAINE-SUR-MAQUETTE\nPROGRAMME STRATÉGIQUE TRANSVERSAL 2019-2024\n\n"
BODY = """Objectif stratégique 1 : Être un CPAS accessible à tous
Objectif opérationnel 1.1 : Améliorer l'accueil
Action 1.1.1 : Réaménager la salle d'attente
Action 1.1.2 : Former les agents d'accueil
Objectif opérationnel 1.2 : Informer la population
Action 1.2.1 : Publier un guide des aides
Objectif stratégique 2 : Être un employeur attentif
Objectif opérationnel 2.1 : Former le personnel
Action 2.1.1 : Établir un plan de formation
"""


def read(text: str, name: str = "plan.txt", strict: bool = True):
    return read_plan(read_source(Path(name), text.encode("utf-8")), strict)


def test_a_whole_plan_reads_with_its_markers():
    plan = read(COVER + BODY)
    assert [os_.title for os_ in plan.strategic_objectives] == [
        "Être un CPAS accessible à tous",
        "Être un employeur attentif",
    ]
    assert [a.code for a in plan.actions()] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    assert plan.layout == "Objectif stratégique n / Objectif opérationnel n / Action n"
    assert "OS «Objectif stratégique» + code (2 lines)" in plan.markers
    assert plan.cpas is not None and plan.cpas.value == "Fontaine-sur-Maquette"


# --------------------------------------------------------------------------- honest refusals


def test_a_table_of_contents_alone_says_so():
    toc = """Table des matières
Objectif stratégique 1 : Être un CPAS accessible à tous ........ 4
Objectif opérationnel 1.1 : Améliorer l'accueil ................ 5
Objectif stratégique 2 : Être un employeur attentif ........... 9
Objectif opérationnel 2.1 : Former le personnel ............... 10
"""
    with pytest.raises(InputError) as error:
        read(COVER + toc)
    message = error.value.reason
    assert "a table of contents (lines 4-8) lists 2 objectif(s) stratégique(s)" in message
    assert "2 objectif(s) opérationnel(s)" in message
    assert "table of contents only" in message
    assert "not a PST plan" not in message


def test_objectives_without_anything_under_them_say_what_was_found():
    listing = "Objectif stratégique 1 : Être accessible\nObjectif stratégique 2 : Être attentif\n"
    with pytest.raises(InputError) as error:
        read(COVER + listing)
    assert "2 objectif(s) stratégique(s) found (lines 4-5)" in error.value.reason
    assert "no objectif opérationnel nor action" in error.value.reason
    assert error.value.line == 5


def test_a_text_speaking_of_a_pst_without_a_heading_says_it_could_not_read_one():
    text = "Le programme stratégique transversal du CPAS\nsera présenté au Conseil.\n"
    with pytest.raises(InputError) as error:
        read(text)
    reason = error.value.reason
    assert "the text speaks of a PST" in reason and "line 1" in reason
    assert "pst draft" in reason  # what to do about it


def test_a_text_that_is_no_plan_says_so():
    with pytest.raises(InputError, match="not a PST plan"):
        read("Liste des courses\nDu pain\nDu lait\n")


def test_an_oo_without_action_in_the_middle_is_a_warning():
    text = COVER + BODY.replace("Action 1.2.1 : Publier un guide des aides\n", "")
    plan = read(text)
    assert [(oo.code, len(oo.actions)) for oo in plan.operational_objectives()] == [
        ("1.1", 2),
        ("1.2", 0),
        ("2.1", 1),
    ]
    assert any(w.message == "OO 1.2 lists no action" for w in plan.warnings)


def test_a_plan_cut_after_an_os_heading_is_refused_or_drafted():
    text = COVER + BODY + "Objectif stratégique 3 : Être un CPAS durable\n"
    with pytest.raises(InputError, match="OS 3 has no objectif opérationnel nor action") as error:
        read(text)
    assert error.value.line == 13
    drafted = read(text, strict=False)
    assert len(drafted.strategic_objectives) == 3
    assert any("truncated" in w.message for w in drafted.warnings)


# --------------------------------------------------------------------------- the table of contents


def test_the_table_of_contents_is_checked_against_the_body():
    toc = """Sommaire
Objectif stratégique 1 : Être un CPAS accessible à tous ........ 4
Objectif stratégique 2 : Être un employeur attentif et juste ... 9
Objectif stratégique 3 : Être un CPAS durable ................. 12
"""
    plan = read(COVER + toc + "\n" + BODY)
    assert len(plan.strategic_objectives) == 2  # the entries are no items
    messages = [w.message for w in plan.warnings]
    assert (
        "the table of contents lists OS 3 ('Être un CPAS durable'), which the body does not have"
        in messages
    )
    assert (
        "the table of contents spells OS 2 'Être un employeur attentif et juste', the body "
        "'Être un employeur attentif'" in messages
    )
    assert any(s.message.startswith("table of contents") for s in plan.skipped)


# --------------------------------------------------------------------------- codes


def test_actions_numbered_again_under_each_oo_are_told_apart(tmp_path: Path):
    text = COVER + (
        "O.S.1. Être un CPAS accessible à tous\n"
        "O.O.1. Améliorer l'accueil\n"
        "Action 1 - Réaménager la salle d'attente\n"
        "Action 2 - Former les agents d'accueil\n"
        "O.O.2. Informer la population\n"
        "Action 1 - Publier un guide des aides\n"
        "O.S.2. Être un employeur attentif\n"
        "O.O.1. Former le personnel\n"
        "Action 1 - Établir un plan de formation\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    parsed = document.parsed
    assert [a.code for a in parsed.actions()] == ["1", "2", "1", "1"]  # as written
    assert [a.path for a in parsed.actions()] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    built = build_plan_graph(parsed, document.source, resolve_identity(parsed, path))
    actions = sorted(
        str(s)
        for s in built.graph.subjects(predicate=None, object=None)
        if "/action/" in str(s) and "/fiche/" not in str(s)
    )
    assert [a.rsplit("/", 1)[1] for a in dict.fromkeys(actions)] == [
        "1-1-1",
        "1-1-2",
        "1-2-1",
        "2-1-1",
    ]


# --------------------------------------------------------------------------- pst load's report


def test_pst_load_names_the_markers_and_lists_what_it_skipped(tmp_path: Path):
    path = next(p for p in CORPUS_FILES if p.name.startswith("burdinne"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["load", str(path), "--store", str(tmp_path / "store"), "-v"]) == 0
    text = out.getvalue()
    assert "[layout O.S. n / O.O. n / bullet -]" in text
    assert (
        "markers: OS «O.S.» + code (5 lines); OO «O.O.» + code (8 lines); "
        "actions bullet «-» (32 lines)"
    ) in text
    assert "skipped lines 1-79: method text (facts read)" in text


def test_pst_load_json_report_has_the_markers(tmp_path: Path):
    path = next(p for p in CORPUS_FILES if p.name.startswith("ville"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["load", str(path), "--store", str(tmp_path / "store"), "--report", "json"])
    report = json.loads(out.getvalue())[0]
    assert report["layout"] == "OS n / OO n / unmarked"
    assert report["markers"].startswith("OS «OS» + code (10 lines); OO «OO» + code (17 lines)")
    assert {"lines": [42, 43], "reason": "page footer (council and date)"} in report["skipped"]


def test_a_markdown_file_is_read_without_its_heading_marks(tmp_path: Path):
    """A plan kept as Markdown (a wiki page): "## Objectif stratégique 1 : …" is the OS."""
    marked = "\n".join(
        ("#" * (1 + min(line.count(".") + 1, 3)) + " " + line) if "Objectif" in line else line
        for line in BODY.splitlines()
    )
    path = tmp_path / "plan.md"
    path.write_text("# " + COVER + marked, encoding="utf-8")
    plan = read_document(path).parsed
    assert [os_.title for os_ in plan.strategic_objectives] == [
        "Être un CPAS accessible à tous",
        "Être un employeur attentif",
    ]
    assert [a.title for a in plan.actions()][:2] == [
        "Réaménager la salle d'attente",
        "Former les agents d'accueil",
    ]
    assert "Markdown headings (# marks dropped)" in plan.markers


def test_a_folder_load_skips_its_markdown_notes(tmp_path: Path):
    """`pst load FOLDER` reads the plans, not the folder's README.md (Markdown is read when a
    file is named)."""
    from pstkg.loading import expand_paths

    (tmp_path / "plan.txt").write_text(COVER + BODY, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Plans PST\nOrigine des documents.\n", "utf-8")
    (tmp_path / "plan-wiki.md").write_text("## " + BODY, encoding="utf-8")
    assert [path.name for path in expand_paths([tmp_path])] == ["plan.txt"]
    assert [path.name for path in expand_paths([tmp_path / "plan-wiki.md"])] == ["plan-wiki.md"]
