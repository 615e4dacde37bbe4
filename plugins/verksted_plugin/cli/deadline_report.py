"""`verksted frister`: the coming deadlines of every planned workshop, for the
administration's own planning (date, workshop, step), soonest first."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

from ..adapter.siteconfig import SiteSettings
from ..language.dates import format_day
from ..language.i18n import tr, tr_n
from ..records.deadlines import upcoming
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
    if fmt == "json":
        print(json.dumps([{"date": u.deadline.day.isoformat(), "workshop": u.workshop_id,
                           "title": u.workshop.title, "step": u.deadline.step_name,
                           "lead_time_days": u.deadline.lead_time_days,
                           "draft": u.workshop.draft} for u in found],
                         ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(tr("deadlines_none", day=format_day(today, language)))
    width = max((len(format_day(u.deadline.day, language)) for u in found), default=0)
    for u in found:
        draft = tr("deadlines_draft") if u.workshop.draft else ""
        print(f"{format_day(u.deadline.day, language):<{width}}  {u.workshop.title}{draft}"
              f" [{u.workshop_id}]  –  {u.deadline.step_name}"
              f" ({tr_n('deadlines_days_before', u.deadline.lead_time_days)})")
    # Deadlines already passed without documents: the same reminders `check` shows.
    for problem in sorted(p for p in dataset.warnings if p.severity == "reminder"):
        print(f"{severity_label(problem)}: {problem}")
    return 0
