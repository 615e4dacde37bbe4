""""Sist oppdatert": the day each record file last changed, from git or else the file system.

The dates come from `ModifiedTimes`, which reads the data folder's git history once per
build (shared with the calendars and feeds), so the cost does not grow per page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from ..language.dates import OSLO, format_day
from ..language.labels import Labels
from ..records.modified import ModifiedTimes
from .generated import GeneratedPage


def record_dates(modified: ModifiedTimes, data_dir: Path) -> dict[str, date]:
    """The day (in Oslo) every file under `data_dir` last changed, keyed like `Source.file`.

    Paths are taken as written, not resolved, as the loader names them: a data folder that
    is a link (to a shared drive, say) is followed like the loader follows it. A link inside
    it that leads out of the data folder is left out: the loader refuses such a record, and
    no date on the site may come from a file elsewhere on the machine.
    """
    inside = data_dir.resolve()
    dates: dict[str, date] = {}
    for path in sorted(data_dir.rglob("*")):
        try:
            if not path.is_file() or not path.resolve().is_relative_to(inside):
                continue
        except (OSError, RuntimeError):  # a link loop
            continue
        key = _shown(path, modified.root)
        dates[key] = modified.of(key).astimezone(OSLO).date()
    return dates


def _shown(path: Path, root: Path) -> str:
    """The path as `load._Collector.display` writes it (relative to the site, or whole)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


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
