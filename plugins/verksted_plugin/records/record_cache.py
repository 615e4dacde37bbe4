"""Parsed records kept between the rebuilds of one `mkdocs serve`.

Saving one workshop in the editor rebuilds the whole preview; reading and validating every
other record again is most of the data's cost. A record is taken from here when its file's
bytes, as the loader read them this time, have the same SHA-256 as the bytes it was parsed
from: the very same objects, so nothing downstream can tell. The key is the bytes that were
parsed, never the file as it is afterwards (its time and size, or a second read), so a
save while the old text is being validated is seen on the next rebuild. Records that did
not validate are never kept: their problems are found and reported afresh every time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


@dataclass
class _Entry:
    digest: bytes  # SHA-256 of the bytes the record was parsed from
    context: str
    loaded: Any  # load.Loaded


def _digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()


class RecordCache:
    """Records by file (and the name they are shown under), with what they were read with."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}
        self.hits = 0
        self.misses = 0

    def get(self, path: Path, name: str, context: str, raw: bytes) -> Any | None:
        """The record parsed before from these very bytes of this file, with this `context`."""
        entry = self._entries.get((str(path), name))
        if entry is None or entry.context != context or entry.digest != _digest(raw):
            self.misses += 1
            return None
        self.hits += 1
        return entry.loaded

    def put(self, path: Path, name: str, context: str, raw: bytes, loaded: Any) -> None:
        """Keep `loaded`, parsed from `raw` (the bytes read, not the file as it is now)."""
        self._entries[(str(path), name)] = _Entry(_digest(raw), context, loaded)

    def forget_missing(self, seen: set[str]) -> None:
        """Drop the records of files that are gone, so the cache never outgrows the data."""
        for key in [key for key in self._entries if key[0] not in seen]:
            del self._entries[key]
