"""Parsed records kept between the rebuilds of one `mkdocs serve`.

Saving one workshop in the editor rebuilds the whole preview; reading and validating every
other record again is most of the data's cost. A record is taken from here when its file
has the same modification time and size as when it was read, or, if those changed, the same
bytes (SHA-256): the very same objects, so nothing downstream can tell. Records that did
not validate are never kept: their problems are found and reported afresh every time.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Only what load.py would read: a bigger file is reported by the loader, never taken from here.
_MAX_BYTES = 1_000_000


@dataclass
class _Entry:
    stamp: tuple[int, int]  # modification time (ns) and size
    digest: str
    context: str
    loaded: Any  # load.Loaded


def _stamp(path: Path) -> tuple[int, int] | None:
    """The file's time and size; None for anything but a plain file (links go the long way)."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if stat.S_ISREG(info.st_mode) else None


def _digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.sha256(handle.read(_MAX_BYTES + 1)).hexdigest()
    except OSError:
        return None


class RecordCache:
    """Records by file (and the name they are shown under), with what they were read with."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}
        self.hits = 0
        self.misses = 0

    def get(self, path: Path, name: str, context: str) -> Any | None:
        """The record read from this file before, if the file and `context` are unchanged."""
        entry = self._entries.get((str(path), name))
        stamp = _stamp(path)
        if entry is None or stamp is None or stamp[1] > _MAX_BYTES or entry.context != context:
            self.misses += 1
            return None
        if stamp != entry.stamp:
            if _digest(path) != entry.digest:
                self.misses += 1
                return None
            entry.stamp = stamp  # touched, not changed
        self.hits += 1
        return entry.loaded

    def put(self, path: Path, name: str, context: str, loaded: Any) -> None:
        stamp, digest = _stamp(path), _digest(path)
        if stamp is not None and digest is not None:
            self._entries[(str(path), name)] = _Entry(stamp, digest, context, loaded)

    def forget_missing(self, seen: set[str]) -> None:
        """Drop the records of files that are gone, so the cache never outgrows the data."""
        for key in [key for key in self._entries if key[0] not in seen]:
            del self._entries[key]
