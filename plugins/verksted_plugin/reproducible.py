"""The moment a build stands for, so two builds of one commit give the same bytes.

`SOURCE_DATE_EPOCH` (reproducible-builds.org) wins when set; it is also what MkDocs uses
for the sitemap and the gzip header. Without it, what the open data calls `generated` is
the time of the last commit that changed the data folder (read with the one `git log` the
build already makes, modified.py), not the clock.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .modified import ModifiedTimes


def source_date_epoch() -> datetime | None:
    """`SOURCE_DATE_EPOCH` as a moment, or None when unset or not a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC)


def generated_moment(modified: ModifiedTimes) -> datetime:
    """SOURCE_DATE_EPOCH, else the data's last commit, else (outside git) now."""
    return source_date_epoch() or modified.latest_commit() or datetime.now(UTC)
