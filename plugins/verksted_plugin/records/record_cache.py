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
from pathlib import Path
from typing import Any

from ..kept import Kept


class RecordCache:
    """Records by file (and the name they are shown under), kept with the SHA-256 of the
    bytes they were parsed from and what they were read with (kept.py)."""

    def __init__(self) -> None:
        self._kept: Kept[Any] = Kept()  # dataset.Loaded

    @property
    def hits(self) -> int:
        return self._kept.hits

    @property
    def misses(self) -> int:
        return self._kept.misses

    def get(self, path: Path, name: str, context: str, raw: bytes) -> Any | None:
        """The record parsed before from these very bytes of this file, with this `context`."""
        return self._kept.find((str(path), name), equal=(context, hashlib.sha256(raw).digest()))

    def put(self, path: Path, name: str, context: str, raw: bytes, loaded: Any) -> None:
        """Keep `loaded`, parsed from `raw` (the bytes read, not the file as it is now)."""
        self._kept.keep((str(path), name), loaded, equal=(context, hashlib.sha256(raw).digest()))
