"""The moment a build stands for, so two builds of one commit give the same bytes, and the
one clock every "now" and "today" of the build and the command line is read from.

`SOURCE_DATE_EPOCH` (reproducible-builds.org) wins when set; it is also what MkDocs uses
for the sitemap and the gzip header. Without it, what the open data calls `generated` is
the time of the last commit that changed the data folder (read with the one `git log` the
build already makes, modified.py), not the clock.

`now()` is the clock: which workshops are ahead, the current plan phase, which deadlines
have passed (`mkdocs build`, `verksted check`, `verksted frister`) and the date `verksted
new` fills in all ask it, so they never disagree. `VERKSTED_NOW` stands in for the wall
clock (tests pin it, so the suite passes in any year; an editor can see the site as on a
coming day); `SOURCE_DATE_EPOCH` still wins over it, as it always did for the pages.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from ..language.dates import OSLO
from ..language.i18n import tr
from .modified import ModifiedTimes

NOW_ENV = "VERKSTED_NOW"


class ClockError(ValueError):
    """`VERKSTED_NOW` is not a date: a pinned clock must never fall back to the real one."""


def source_date_epoch() -> datetime | None:
    """`SOURCE_DATE_EPOCH` as a moment, or None when unset or not a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC)


def pinned_now() -> datetime | None:
    """`VERKSTED_NOW` (`2026-06-01` or `2026-06-01T12:00`, Oslo time unless it says),
    or None when unset."""
    value = os.environ.get(NOW_ENV, "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ClockError(tr("clock_bad_value", name=NOW_ENV, value=value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=OSLO)


def now() -> datetime:
    """The build's one clock, in Oslo time: SOURCE_DATE_EPOCH, else VERKSTED_NOW, else the
    wall clock."""
    return (source_date_epoch() or pinned_now() or datetime.now(UTC)).astimezone(OSLO)


def today() -> date:
    """Oslo's date on the clock of `now()`."""
    return now().date()


def generated_moment(modified: ModifiedTimes) -> datetime:
    """SOURCE_DATE_EPOCH, else the data's last commit, else (outside git) the clock."""
    return source_date_epoch() or modified.latest_commit() or now().astimezone(UTC)
