"""The moment a build stands for, so two builds of one commit give the same bytes.

`SOURCE_DATE_EPOCH` (reproducible-builds.org) wins when set; it is also what MkDocs uses
for the sitemap and the gzip header. Without it, what the open data calls `generated` is
the time of the project's last commit, not the clock.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def source_date_epoch() -> datetime | None:
    """`SOURCE_DATE_EPOCH` as a moment, or None when unset or not a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC)


def last_commit(root: Path) -> datetime | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                                capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return datetime.fromtimestamp(int(stamp), UTC) if result.returncode == 0 and stamp.isdigit() \
        else None


def generated_moment(root: Path) -> datetime:
    """SOURCE_DATE_EPOCH, else the last commit, else (outside git) now."""
    return source_date_epoch() or last_commit(root) or datetime.now(UTC)
