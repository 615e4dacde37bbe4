"""Deadlines before a workshop: a step with `lead_time_days` must happen that many days
before the start ("Forberedt case sendes ut … ca. en uke før").

Deadlines are shown for planned workshops only: once a workshop is held (or cancelled,
or postponed without a new date) a date before it tells the reader nothing. Plain
Python with `today` passed in, so tests fix the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from . import model
from .dates import OSLO, as_moment
from .i18n import tr_n
from .problems import Problem

if TYPE_CHECKING:
    from .load import Dataset, Loaded


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


def is_planned(record: model.Workshop, now: datetime | date) -> bool:
    """`status: planned`, or no status and a start still ahead (`model.workshop_status`:
    the portal's pages and feeds ask the same). A date alone means its first moment."""
    return model.workshop_status(record.status, record.start, as_moment(now)) == "planned"


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
    """The coming deadlines of every planned workshop, soonest first (drafts included:
    the administration plans those too). A date alone for `now` means its first moment."""
    today = as_moment(now).astimezone(OSLO).date()
    found = [Upcoming(d, item.id, item.record)
             for item in dataset.workshops.values() if is_planned(item.record, now)
             for d in deadlines(item.record, _steps(dataset, item))
             if d.day >= today]
    return sorted(found, key=lambda u: (u.deadline.day, u.workshop_id, -u.deadline.lead_time_days))


def overdue_warnings(dataset: Dataset, now: datetime | date) -> Iterator[Problem]:
    """A deadline has passed for a planned workshop that still has no documents."""
    moment = as_moment(now)
    today = moment.astimezone(OSLO).date()
    for item in dataset.workshops.values():
        record = item.record
        # Only while the workshop is ahead: afterwards its deadlines are moot.
        if record.draft or record.documents or not is_planned(record, moment) \
                or not model.starts_ahead(record.start, moment):
            continue
        passed = [d for d in deadlines(record, _steps(dataset, item)) if d.day < today]
        if passed:
            last = passed[-1]
            yield item.source.problem(
                ("documents",), tr_n("warn_deadline_passed", last.lead_time_days,
                                     step=last.step_name, day=last.day.isoformat()), "warning")


def _steps(dataset: Dataset, item: Loaded[model.Workshop]) -> list[model.Step]:
    method = dataset.methods.get(item.record.method) if item.record.method else None
    return steps_of(item.record, method.record if method else None)
