"""When each record file last changed: its last git commit, or else the file's mtime.

Both are the same on every build of one checkout, so calendars and feeds do not churn.
A file with uncommitted changes uses its mtime: the commit date would be too old.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path


class ModifiedTimes:
    """Change dates of files under `root`, addressed by their path relative to `root`."""

    def __init__(self, root: Path, scope: str = ".") -> None:
        self.root = root
        self.scope = scope  # only this folder's history is read: the data folder
        self._committed: dict[str, datetime] | None = None

    def of(self, relative: str) -> datetime:
        """The moment the file at `relative` last changed, in UTC."""
        if self._committed is None:
            self._committed = _read_git_dates(self.root, self.scope)
        committed = self._committed.get(relative)
        if committed is not None:
            return committed
        path = self.root / relative
        stamp = path.stat().st_mtime if path.exists() else 0.0
        return datetime.fromtimestamp(int(stamp), UTC)


    def latest_commit(self) -> datetime | None:
        """The newest commit that changed the folder (None outside git): no extra git call."""
        if self._committed is None:
            self._committed = _read_git_dates(self.root, self.scope)
        return max(self._committed.values(), default=None)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root,
                                capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _read_git_dates(root: Path, scope: str) -> dict[str, datetime]:
    """One `git log` for the folder; the newest commit touching a file comes first."""
    where = _git(root, "rev-parse", "--show-prefix", "--git-dir", "HEAD")
    if where is None:
        return {}
    prefix, git_dir, head = (where.split("\n") + ["", ""])[:3]
    log = _logged(root, scope, head.strip(), _shallow_mark(root / git_dir.strip()))
    if log is None:
        return {}
    # `status --porcelain` names files from the repository root, `log --relative` from here.
    status = _git(root, "status", "--porcelain", "--untracked-files=no", "--", scope) or ""
    changed = {line[3:].strip().removeprefix(prefix) for line in status.splitlines()}
    dates: dict[str, datetime] = {}
    for block in log.split("\x00")[1:]:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        moment = datetime.fromisoformat(lines[0]).astimezone(UTC)
        for name in lines[1:]:
            if name not in changed:
                dates.setdefault(name, moment)
    return dates


# `git log` of the data folder by (folder, scope, HEAD commit): the history under one
# commit never changes, so `mkdocs serve` reads it again only after a commit or checkout.
# (Uncommitted changes come from `git status`, which runs on every build.)
# A shallow clone deepened (`git fetch --deepen`) keeps its HEAD but gains history: the
# time of its `shallow` file is part of the key.
_LOGS: dict[tuple[str, str, str, int | None], str] = {}


def _shallow_mark(git_dir: Path) -> int | None:
    try:
        return (git_dir / "shallow").stat().st_mtime_ns
    except OSError:
        return None  # a full clone


def _logged(root: Path, scope: str, head: str, shallow: int | None) -> str | None:
    key = (str(root.resolve()), scope, head, shallow)
    if key not in _LOGS:
        log = _git(root, "log", "--format=%x00%cI", "--name-only", "--relative", "--", scope)
        if log is None:
            return None
        _LOGS.clear()  # only the newest history is worth keeping
        _LOGS[key] = log
    return _LOGS[key]
