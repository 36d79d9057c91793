"""Where plans are kept: one named graph per plan, behind the :class:`PlanStore` interface."""

from __future__ import annotations

import os
from pathlib import Path

from pstkg.store.base import (
    USER_PROLOGUE,
    CappedResult,
    ExportFormat,
    GraphContent,
    PlanStore,
    QueryDataset,
    QueryPrologue,
    QueryResult,
    SelectResult,
)
from pstkg.store.embedded import EmbeddedStore
from pstkg.store.remote import RemoteStore, is_store_url, redact

__all__ = [
    "USER_PROLOGUE",
    "CappedResult",
    "ExportFormat",
    "GraphContent",
    "PlanStore",
    "QueryDataset",
    "QueryPrologue",
    "QueryResult",
    "SelectResult",
    "default_store_path",
    "describe_store",
    "open_store",
]


def default_store_path() -> Path:
    """``$PST_STORE``, else ``$XDG_DATA_HOME/pst-kg/store`` (``~/.local/share/pst-kg/store``)."""
    if os.environ.get("PST_STORE"):
        return Path(os.environ["PST_STORE"]).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "pst-kg" / "store"


def open_store(location: Path | str | None = None, *, read_only: bool = False) -> PlanStore:
    """Open the store at ``location`` (a folder or a server's URL), or the default one.

    A URL (``http://host:port``, from ``--store`` or ``$PST_STORE``) opens a
    :class:`~pstkg.store.remote.RemoteStore`; anything else is a folder for the embedded store.
    """
    # Checked before Path(): Path("http://host") would fold the "//" and lose the URL.
    target = str(location) if location else os.environ.get("PST_STORE", "")
    if is_store_url(target):
        return RemoteStore.from_url(target, read_only=read_only)
    path = Path(location).expanduser() if location else default_store_path()
    return EmbeddedStore(path, read_only=read_only)


def describe_store(location: Path | str | None = None) -> str:
    """Where ``open_store(location)`` keeps the plans, for messages (passwords hidden)."""
    target = str(location) if location else os.environ.get("PST_STORE", "")
    if is_store_url(target):
        return redact(target)
    return str(location or default_store_path())
