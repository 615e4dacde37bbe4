""""Sist oppdatert": the day each record file last changed, from git or else the file system.

One `git log` over the whole data folder gives every file's last commit at once, so the
cost grows with the history's size once, not once per page.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup

from .dates import OSLO, format_day
from .labels import Labels
from .pages import GeneratedPage

_RECORD = "\x1e"  # separates commits in the log output


def record_dates(root: Path, data_dir: Path) -> dict[str, date]:
    """Every file under `data_dir`, keyed by its path relative to `root` (posix)."""
    dates: dict[str, date] = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            key = _relative(path, root)
            dates[key] = datetime.fromtimestamp(path.stat().st_mtime, OSLO).date()
    dates.update((key, day) for key, day in _git_dates(root, data_dir).items() if key in dates)
    return dates


def _git_dates(root: Path, data_dir: Path) -> dict[str, date]:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--relative",
             f"--format={_RECORD}%cI", "--name-only", "--", _relative(data_dir, root)],
            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:  # not a git checkout: modification dates it is
        return {}
    dates: dict[str, date] = {}
    for commit in result.stdout.split(_RECORD)[1:]:
        stamp, *names = commit.strip().splitlines()
        day = datetime.fromisoformat(stamp.strip()).astimezone(OSLO).date()
        for name in names:
            if name.strip():
                dates.setdefault(name.strip(), day)  # newest commit comes first
    return dates


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def stamp_pages(pages: list[GeneratedPage], dates: dict[str, date], language: str
                ) -> list[GeneratedPage]:
    """Add "Sist oppdatert" to each page: its record's date, or for an overview the newest."""
    if not dates:
        return pages
    newest = max(dates.values())
    t = Labels(language)
    stamped = []
    for page in pages:
        day = dates.get(page.record_file, newest) if page.record_file else newest
        line = Markup('<p class="verksted-updated">{}</p>').format(t(
            "last_updated", date=Markup('<time datetime="{}">{}</time>').format(
                day.isoformat(), format_day(day, language))))
        stamped.append(replace(page, markdown=f"{page.markdown.rstrip()}\n\n{line}\n"))
    return stamped
