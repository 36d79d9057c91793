"""Where plans are kept: one named graph per plan, behind the :class:`PlanStore` interface."""

from __future__ import annotations

import os
from pathlib import Path

from pstkg.store.base import ExportFormat, PlanStore, QueryResult, SelectResult
from pstkg.store.embedded import EmbeddedStore

__all__ = [
    "ExportFormat",
    "PlanStore",
    "QueryResult",
    "SelectResult",
    "default_store_path",
    "open_store",
]


def default_store_path() -> Path:
    """``$PST_STORE``, else ``$XDG_DATA_HOME/pst-kg/store`` (``~/.local/share/pst-kg/store``)."""
    if os.environ.get("PST_STORE"):
        return Path(os.environ["PST_STORE"]).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "pst-kg" / "store"


def open_store(location: Path | str | None = None, *, read_only: bool = False) -> PlanStore:
    """Open the store at ``location`` (a folder), or the default one."""
    path = Path(location).expanduser() if location else default_store_path()
    return EmbeddedStore(path, read_only=read_only)
