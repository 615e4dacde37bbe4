"""`verksted frister`: the coming deadlines of every planned workshop, for the
administration's own planning (date, workshop, step), soonest first; then the residents'
deadlines: the last day of each open or upcoming participation activity.

An activity's deadline is the citizens', not a task of the administration's: it is listed
while it is ahead, and once passed it is neither listed nor a reminder (nothing is overdue).
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..adapter.siteconfig import SiteSettings
from ..language.dates import format_day
from ..language.i18n import tr, tr_n
from ..records.deadlines import ActivityDeadline, Upcoming, activity_deadlines, upcoming
from ..records.load import load_dataset
from ..records.problems import DataError
from ..records.report import severity_label
from ..records.reproducible import now as clock_now


def run_deadlines(settings: SiteSettings, *, today: date | None = None,
                  fmt: str = "text") -> int:
    # The build's clock, to the minute, so a workshop earlier today is held here as on its
    # page; `--today` means that day's first moment.
    moment = today or clock_now()
    today = moment.date() if isinstance(moment, datetime) else moment
    docs_dir = settings.docs_dir if settings.docs_dir.is_dir() else None
    try:
        dataset = load_dataset(settings.data_dir, docs_dir, display_root=Path.cwd(),
                               today=moment)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print(tr("deadlines_fix_first"), file=sys.stderr)
        return 1
    language = dataset.municipality.record.language
    found = upcoming(dataset, moment)
    residents = activity_deadlines(dataset, moment)
    if fmt == "json":
        print(json.dumps(_json_items(found, residents), ensure_ascii=False, indent=2))
        return 0
    if not found and not residents:
        print(tr("deadlines_none", day=format_day(today, language)))
    days = [u.deadline.day for u in found] + [d.day for d in residents]
    width = max((len(format_day(day, language)) for day in days), default=0)
    for u in found:
        draft = tr("deadlines_draft") if u.workshop.draft else ""
        print(f"{format_day(u.deadline.day, language):<{width}}  {u.workshop.title}{draft}"
              f" [{u.workshop_id}]  –  {u.deadline.step_name}"
              f" ({tr_n('deadlines_days_before', u.deadline.lead_time_days)})")
    if residents:
        # A heading of their own: these are not the administration's tasks.
        if found:
            print()
        print(tr("deadlines_activities"))
    for d in residents:
        draft = tr("deadlines_draft") if d.activity.draft else ""
        when = tr("deadlines_activity_open") if d.status == "open" else \
            tr("deadlines_activity_opens", day=format_day(d.activity.start, language))
        print(f"{format_day(d.day, language):<{width}}  {d.activity.title}{draft}"
              f" [{d.activity_id}]  –  {when}")
    # Deadlines already passed without documents: the same reminders `check` shows.
    for problem in sorted(p for p in dataset.warnings if p.severity == "reminder"):
        print(f"{severity_label(problem)}: {problem}")
    return 0


def _json_items(found: list[Upcoming], residents: list[ActivityDeadline]
                ) -> list[dict[str, Any]]:
    """One list by date: a workshop's step has `workshop` (as before activities existed),
    an activity's deadline `activity`, so a reader tells them apart by key."""
    items: list[tuple[date, dict[str, Any]]] = [
        (u.deadline.day, {"date": u.deadline.day.isoformat(), "workshop": u.workshop_id,
                          "title": u.workshop.title, "step": u.deadline.step_name,
                          "lead_time_days": u.deadline.lead_time_days,
                          "draft": u.workshop.draft}) for u in found]
    items += [(d.day, {"date": d.day.isoformat(), "activity": d.activity_id,
                       "title": d.activity.title, "kind": d.activity.kind, "status": d.status,
                       "start": d.activity.start.isoformat(), "draft": d.activity.draft})
              for d in residents]
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]
