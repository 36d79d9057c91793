"""A store held by another process (issue #14, item 10): writing commands say what to do.

``pst serve`` keeps the store open for writing; ``pst load`` on the same folder must not
print RocksDB's lock message but one line saying to stop the server or to load through the
API, with exit status 1, and leave the store as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pstkg.cli import main
from pstkg.store import open_store

from .conftest import CORPUS

HOLD = (
    "import sys; from pstkg.store import open_store\n"
    "store = open_store(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "sys.stdin.read()\n"
    "store.close()\n"
)
"""Opens the store for writing, as ``pst serve`` does, until its stdin is closed."""


def test_load_while_another_process_holds_the_store(capsys, tmp_path: Path):
    path = tmp_path / "store"
    assert main(["load", str(CORPUS / "dinant-2019.txt"), "--store", str(path)]) == 0
    with open_store(path, read_only=True) as store:
        before = store.graph_names()
    capsys.readouterr()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        code = main(["load", str(CORPUS / "burdinne-2019-2024.txt"), "--store", str(path)])
        out, err = capsys.readouterr()
    finally:
        holder.communicate("", timeout=60)
    assert code == 1
    assert err.splitlines() == [
        f"pst: error: the store at {path} is in use by another process (a running `pst serve`?):"
        ' stop it, or load through the API: curl -H "Authorization: Bearer TOKEN"'
        " -F document=@FILE http://HOST:PORT/api/plans"
    ]
    assert "LOCK" not in err and out == ""
    with open_store(path, read_only=True) as store:
        assert store.graph_names() == before
