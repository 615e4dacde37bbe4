"""The whole site's data, ready to show: references resolved, drafts dropped, facts derived."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from ..language.dates import OSLO, as_moment
from ..records import model
from ..records.dataset import Dataset, Loaded, Source
from ..records.deadlines import keeps_deadlines
from ..records.parties import Party
from ..records.reproducible import now as clock_now
from .themes import ThemeView, collect_themes


@dataclass(eq=False)
class PlanView:
    id: str
    record: model.Plan
    source: Source
    committees: list[CommitteeView] = field(default_factory=list)
    current_phase: int | None = None
    activities: list[ActivityView] = field(default_factory=list)  # by start

    @property
    def workshops(self) -> list[WorkshopView]:
        return [w for c in self.committees for w in c.workshops]


@dataclass(eq=False)
class CommitteeView:
    id: str
    record: model.Committee
    source: Source
    plan: PlanView
    contact: model.Contact
    workshops: list[WorkshopView] = field(default_factory=list)


def first_paragraph(summary: str) -> str:
    """A summary's first paragraph (a workshop's excerpt)."""
    return summary.split("\n\n", 1)[0].strip()


@dataclass(eq=False)
class MethodView:
    id: str
    record: model.Method
    source: Source
    workshops: list[WorkshopView] = field(default_factory=list)


@dataclass(eq=False)
class WorkshopView:
    id: str
    record: model.Workshop
    source: Source
    summary: str
    committee: CommitteeView
    method: MethodView | None
    status: str
    start: datetime
    end: datetime | None
    has_time: bool
    coming: bool  # keeps its deadlines (deadlines.keeps_deadlines), whatever its form
    previous: WorkshopView | None = None
    next: WorkshopView | None = None
    knowledge: list[ActivityView] = field(default_factory=list)  # `knowledge_from`, as written

    @property
    def attendance(self) -> str:
        """How people take part, as the page, calendar and JSON-LD tell it: a workshop moved
        online is online, whatever `attendance` still says (its place is then not shown)."""
        return "online" if self.status == "moved-online" else self.record.attendance

    def iso(self, moment: datetime) -> str:
        """`moment` in ISO 8601 for JSON-LD and open data: with the time and Oslo's offset,
        or the day alone for a workshop without a time."""
        return moment.astimezone(OSLO).isoformat() if self.has_time else moment.date().isoformat()

    @property
    def agenda(self) -> list[model.Step]:
        """The workshop's own programme, or else its method's steps."""
        if self.record.agenda:
            return self.record.agenda
        return self.method.record.steps if self.method else []

    @property
    def excerpt(self) -> str:
        """The first paragraph of the summary: enough for a list, the rest is one click away."""
        return first_paragraph(self.summary)

    @property
    def inputs_by_theme(self) -> list[tuple[str | None, list[str]]]:
        groups: dict[str | None, list[str]] = {}
        for item in self.record.inputs:
            groups.setdefault(item.theme, []).append(item.text)
        # Themes in the order first written; input without a theme comes last.
        return sorted(groups.items(), key=lambda group: group[0] is None)


@dataclass(eq=False)
class ActivityView:
    """A participation activity: how residents have their say, and where it went."""

    id: str
    record: model.Activity
    source: Source
    plan: PlanView
    status: str  # upcoming, open or finished: from the dates (model.activity_status)
    used_in: list[WorkshopView] = field(default_factory=list)  # workshops built on it, by start

    @property
    def deadline(self) -> date | None:
        """The last day to take part: `end` (required for input and consultations)."""
        return self.record.end


@dataclass
class Portal:
    municipality: model.Municipality
    municipality_source: Source
    parties: dict[str, Party]
    plans: dict[str, PlanView]
    committees: dict[str, CommitteeView]
    methods: dict[str, MethodView]
    workshops: dict[str, WorkshopView]
    now: datetime
    activities: dict[str, ActivityView] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.municipality.language

    @cached_property
    def themes(self) -> dict[str, ThemeView[WorkshopView]]:
        """Every theme of the published workshops and activities, by `theme_key`, sorted
        by name."""
        return collect_themes(self.workshops.values(), self.activities.values())

    def open_activities(self) -> list[ActivityView]:
        """Open now, the soonest deadline first."""
        return sorted((a for a in self.activities.values() if a.status == "open"),
                      key=lambda a: (a.record.last_day, a.record.start, a.id))

    def upcoming_activities(self) -> list[ActivityView]:
        """Not open yet, the soonest first."""
        return sorted((a for a in self.activities.values() if a.status == "upcoming"),
                      key=lambda a: (a.record.start, a.id))

    def finished_activities(self) -> list[ActivityView]:
        """Closed, the newest first."""
        return sorted((a for a in self.activities.values() if a.status == "finished"),
                      key=lambda a: (a.record.last_day, a.record.start, a.id), reverse=True)

    def upcoming(self) -> list[WorkshopView]:
        """Soonest first."""
        return sorted((w for w in self.workshops.values() if self.is_ahead(w)), key=_start_order)

    def past(self) -> list[WorkshopView]:
        """Most recent first."""
        return sorted((w for w in self.workshops.values() if not self.is_ahead(w)),
                      key=_start_order, reverse=True)

    def is_ahead(self, workshop: WorkshopView) -> bool:
        """Whether the workshop is listed as upcoming (`model.starts_ahead`)."""
        return model.starts_ahead(workshop.record.start, self.now)


def build_portal(dataset: Dataset, now: datetime | None = None, *,
                 include_drafts: bool = False) -> Portal:
    """Resolve references and derive what the pages show. Drafts are left out entirely,
    unless `include_drafts` (the preview)."""
    moment = (now or clock_now()).astimezone(OSLO)

    def shown(item: Loaded[Any]) -> bool:
        return include_drafts or not item.record.draft

    plans = {key: PlanView(key, item.record, item.source,
                           current_phase=current_phase(item.record.phases, moment.date()))
             for key, item in dataset.plans.items() if shown(item)}
    committees: dict[str, CommitteeView] = {}
    for key, item in dataset.committees.items():
        if not shown(item):
            continue
        plan = plans[item.record.plan]
        committee = CommitteeView(key, item.record, item.source, plan,
                                  item.record.contact or plan.record.contact)
        committees[key] = committee
        plan.committees.append(committee)
    methods = {key: MethodView(key, item.record, item.source)
               for key, item in dataset.methods.items() if shown(item)}
    workshops = {key: _workshop_view(item, committees, methods, moment)
                 for key, item in dataset.workshops.items() if shown(item)}
    # One pass to group, one sort per group: the cost stays linear in the workshops.
    for workshop in workshops.values():
        workshop.committee.workshops.append(workshop)
        if workshop.method:
            workshop.method.workshops.append(workshop)
    for committee in committees.values():
        committee.workshops.sort(key=_series_order)
        series = committee.workshops
        for earlier, later in zip(series, series[1:], strict=False):
            earlier.next, later.previous = later, earlier
    for method in methods.values():
        method.workshops.sort(key=_start_order)
    activities = {key: ActivityView(key, item.record, item.source, plans[item.record.plan],
                                    model.activity_status(item.record, moment.date()))
                  for key, item in sorted(dataset.activities.items(),
                                          key=lambda pair: (pair[1].record.start, pair[0]))
                  if shown(item)}
    for activity in activities.values():
        activity.plan.activities.append(activity)
    for workshop in sorted(workshops.values(), key=_start_order):
        for wanted in workshop.record.knowledge_from:
            if wanted in activities:  # a draft left out of the preview's build is not named
                workshop.knowledge.append(activities[wanted])
                activities[wanted].used_in.append(workshop)
    return Portal(dataset.municipality.record, dataset.municipality.source, dataset.parties,
                  plans, committees, methods, workshops, moment, activities)


def _workshop_view(item: Loaded[model.Workshop], committees: dict[str, CommitteeView],
                   methods: dict[str, MethodView], now: datetime) -> WorkshopView:
    record = item.record
    start = as_moment(record.start)
    has_time = isinstance(record.start, datetime)
    end_value = record.end_datetime
    end = as_moment(end_value) if isinstance(end_value, date) else None
    status = model.workshop_status(record.status, record.start, now)
    return WorkshopView(
        id=item.id, record=record, source=item.source, summary=item.body,
        committee=committees[record.committee],
        method=methods.get(record.method) if record.method else None,
        status=status, start=start, end=end, has_time=has_time,
        coming=keeps_deadlines(status, record.start, now))


def current_phase(phases: Iterable[model.Phase], today: date) -> int | None:
    """`current: true` wins; otherwise the phase whose dates include today.

    A phase without `end` lasts until the next dated phase starts (the last one until the
    plan is done), so "vi er her" moves on by itself when phases are written as start dates.
    """
    phases = list(phases)
    for index, phase in enumerate(phases):
        if phase.current:
            return index
    for index, phase in enumerate(phases):
        if phase.current is False or not phase.start or today < phase.start:
            continue
        if today <= (phase.end or _day_before_next_start(phases[index + 1:]) or date.max):
            return index
    return None


def _day_before_next_start(later: list[model.Phase]) -> date | None:
    starts = [phase.start for phase in later if phase.start]
    return starts[0] - timedelta(days=1) if starts else None


def _start_order(workshop: WorkshopView) -> tuple[datetime, str]:
    return workshop.start, workshop.id


def _series_order(workshop: WorkshopView) -> tuple[int, datetime, str]:
    number = workshop.record.number
    return (number if number is not None else 10**6, workshop.start, workshop.id)
