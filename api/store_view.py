"""A query worker's read-only view of the store, opened again whenever the store has changed.

A pyoxigraph read-only store is a snapshot taken when it is opened (see query_runner), so a
worker that keeps one open must notice writes. Two signals, checked before every job:

- the service's generation counter, bumped by its own write routes (exact, costs nothing);
- a fingerprint of the store folder: the names of its files, with the size and modification
  time of the write-ahead logs, the manifest and CURRENT. Every commit appends to a
  write-ahead log (a new size) and every flush, compaction or bulk load adds or removes files
  (new names), so any writer's commit changes it, whichever process made it. The info logs
  (LOG, LOG.old.*) are left out: opening the store rewrites them without changing any data.
  It costs one directory read and a few ``stat`` calls (≈ 0.1-0.3 ms here, see the report in
  issue #7), far less than reading every file's metadata.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pstkg.store import PlanStore, open_store
from pstkg.store.remote import is_store_url

Fingerprint = frozenset[str | tuple[str, int, int]]


def folder_fingerprint(location: Path | str) -> Fingerprint | None:
    """What changes in the store folder when data is committed; None for a remote store."""
    if is_store_url(str(location)):
        return None  # a remote store is read live: nothing to reopen
    folder = os.fspath(Path(location).expanduser())
    try:
        names = os.listdir(folder)
    except OSError:
        return frozenset()  # no store (yet): opening it reports the error
    parts: list[str | tuple[str, int, int]] = []
    for name in names:
        if name.endswith(".log") or name.startswith("MANIFEST") or name == "CURRENT":
            try:
                status = os.stat(os.path.join(folder, name))
            except FileNotFoundError:
                continue  # removed by a compaction meanwhile: its absence is the change
            parts.append((name, status.st_size, status.st_mtime_ns))
        elif name != "LOG" and not name.startswith("LOG.old"):
            parts.append(name)
    return frozenset(parts)


class StoreView:
    """The read-only store a worker answers from, reopened when the store changed."""

    def __init__(self) -> None:
        self._store: PlanStore | None = None
        self._key: tuple[str, int, Fingerprint | None] | None = None

    def get(self, location: Path | str, generation: int, attempts: int = 7) -> PlanStore:
        """The store at ``location`` as of now (opened again if it changed since last time)."""
        for attempt in range(1, attempts + 1):
            # The fingerprint is read before opening: a commit that lands in between changes
            # the next fingerprint, so the worker reopens again rather than keep a stale view.
            key = (str(location), generation, folder_fingerprint(location))
            if self._store is not None and key == self._key:
                return self._store
            self.close()
            try:
                self._store = open_store(location, read_only=True)
            except Exception:
                # The writer's compaction may remove a file between RocksDB reading the
                # manifest and opening the file ("Corruption: ... No such file"): the next
                # manifest no longer lists it. Measured: one retry after a write, at times
                # more while compactions follow one another; 0.01 s doubling, ≈ 0.6 s at most.
                if attempt == attempts:
                    raise
                time.sleep(0.01 * 2 ** (attempt - 1))
                continue
            self._key = key
            return self._store
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Release the store handle, if one is open."""
        if self._store is not None:
            store, self._store, self._key = self._store, None, None
            store.close()
