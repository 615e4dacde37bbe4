"""Deadlines before a workshop: a step with `lead_time_days` must happen that many days
before the start ("Forberedt case sendes ut … ca. en uke før").

Deadlines follow the workshop, not its form: every coming workshop that is not cancelled
(planned, moved online, postponed to a known date; in person, online or hybrid) keeps
them, on its page, in the calendar, in the open data and in `verksted frister`: to the
administration it is still coming, and the case papers must still go out. Once a workshop
is over (or cancelled) a date before it tells the reader nothing. Plain Python with `now`
passed in, so tests fix the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..language.dates import OSLO, as_moment, format_day
from ..language.i18n import current_language, tr_n
from . import model
from .problems import Problem

if TYPE_CHECKING:
    from .dataset import Dataset, Loaded


@dataclass(frozen=True)
class Deadline:
    day: date
    step: model.Step
    lead_time_days: int

    @property
    def step_name(self) -> str:
        return self.step.title


def start_day(record: model.Workshop) -> date:
    start = record.start
    return start.date() if isinstance(start, datetime) else start


# The statuses of a workshop that still comes (`postponed` with a start ahead is the new date).
COMING = frozenset({"planned", "moved-online", "postponed"})


def keeps_deadlines(status: str, start: date | datetime, now: datetime) -> bool:
    """The one rule for which workshops have deadlines: coming, not cancelled, still ahead
    (`model.starts_ahead`). The portal's views carry the answer (`WorkshopView.coming`)."""
    return status in COMING and model.starts_ahead(start, now)


def is_coming(record: model.Workshop, now: datetime | date) -> bool:
    """`keeps_deadlines` for a record, its status as the pages see it. A date alone for
    `now` means its first moment."""
    moment = as_moment(now)
    return keeps_deadlines(model.workshop_status(record.status, record.start, moment), record.start, moment)


def steps_of(record: model.Workshop, method: model.Method | None) -> list[model.Step]:
    """The workshop's own programme, or else its method's steps (as the page shows them)."""
    return list(record.agenda) if record.agenda else list(method.steps if method else [])


def deadlines(record: model.Workshop, steps: Iterable[model.Step]) -> list[Deadline]:
    """Every step with a lead time, as a date before the start; soonest first."""
    first = start_day(record)
    found = [Deadline(first - timedelta(days=s.lead_time_days), s, s.lead_time_days)
             for s in steps if s.lead_time_days is not None]
    return sorted(found, key=lambda d: (d.day, -d.lead_time_days))


@dataclass(frozen=True)
class Upcoming:
    """One line of `verksted frister`."""

    deadline: Deadline
    workshop_id: str
    workshop: model.Workshop


def upcoming(dataset: Dataset, now: datetime | date) -> list[Upcoming]:
    """The coming deadlines of every coming workshop, soonest first (drafts included:
    the administration plans those too). A date alone for `now` means its first moment."""
    today = as_moment(now).astimezone(OSLO).date()
    found = [Upcoming(d, item.id, item.record)
             for item in dataset.workshops.values() if is_coming(item.record, now)
             for d in deadlines(item.record, _steps(dataset, item))
             if d.day >= today]
    return sorted(found, key=lambda u: (u.deadline.day, u.workshop_id, -u.deadline.lead_time_days))


def overdue_warnings(dataset: Dataset, now: datetime | date) -> Iterator[Problem]:
    """A deadline has passed for a coming workshop that still has no documents."""
    moment = as_moment(now)
    today = moment.astimezone(OSLO).date()
    for item in dataset.workshops.values():
        record = item.record
        # Only while the workshop is ahead: afterwards its deadlines are moot.
        if record.draft or record.documents or not is_coming(record, moment):
            continue
        passed = [d for d in deadlines(record, _steps(dataset, item)) if d.day < today]
        if passed:
            last = passed[-1]
            # A reminder, not a warning: only the calendar changed (problems.Severity).
            yield item.source.problem(
                ("documents",), tr_n("warn_deadline_passed", last.lead_time_days,
                                     step=last.step_name, day=format_day(last.day, current_language())),
                "reminder")


def _steps(dataset: Dataset, item: Loaded[model.Workshop]) -> list[model.Step]:
    method = dataset.methods.get(item.record.method) if item.record.method else None
    return steps_of(item.record, method.record if method else None)


@dataclass(frozen=True)
class ActivityDeadline:
    """One participation deadline in `verksted frister`: the last day (`end`) of an open or
    upcoming activity. The citizens' deadline, not a task of the administration's: once
    it has passed nothing is overdue, so it gives no reminder."""

    day: date
    activity_id: str
    activity: model.Activity
    status: str  # open or upcoming (model.activity_status)


def activity_deadlines(dataset: Dataset, now: datetime | date) -> list[ActivityDeadline]:
    """Every activity still open or to come that has an `end`, the soonest first (drafts
    included, as the administration plans those too). A date alone for `now` means its
    first moment, as for the workshops."""
    today = as_moment(now).astimezone(OSLO).date()
    found = [ActivityDeadline(item.record.end, item.id, item.record,
                              model.activity_status(item.record, today))
             for item in dataset.activities.values()
             if item.record.end is not None and item.record.end >= today]
    return sorted(found, key=lambda d: (d.day, d.activity_id))
