"""Bad documents through the API: a 422 naming the reason, never a 500, the store unchanged."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pstkg.loaders.limits import MAX_MEMBER_SIZE
from tests.conftest import CORPUS
from tests.test_archives import HEADER, _sheet_padded, repack, workbook

from .conftest import TOKEN

DINANT = (CORPUS / "dinant-2019.txt").read_bytes()
BOMB = repack(workbook([HEADER, ["A", "B", "C"]]), _sheet_padded(MAX_MEMBER_SIZE + 1))

UPLOADS = {
    "zip-bomb": (("bombe.xlsx", BOMB), {}, "bombe.xlsx: refused unread: part xl/worksheets"),
    "cpas-bang": (
        ("dinant-2019.txt", DINANT),
        {"cpas": "!!!"},
        "dinant-2019.txt: --cpas gives the CPAS as '!!!', which has no letter or digit",
    ),
    "dot-dot-name": (("..", b"\x01\x00\x02" * 100), {}, "document.txt: the file holds"),
    "long-name": (
        ("p" * 300 + ".csv", b"os_titre,oo_titre,action_titre\n"),
        {},
        "document.csv: the template has a header but no filled row",
    ),
}


@pytest.mark.parametrize("case", list(UPLOADS))
def test_a_bad_upload_is_a_422_and_changes_nothing(writer: TestClient, case: str) -> None:
    (name, data), form, expected = UPLOADS[case]
    auth = {"authorization": f"Bearer {TOKEN}"}
    before = writer.get("/api/queries/plan-summary").json()
    refused = writer.post("/api/plans", files={"document": (name, data)}, data=form, headers=auth)
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"]["error"].startswith(expected)
    assert writer.get("/api/queries/plan-summary").json() == before
