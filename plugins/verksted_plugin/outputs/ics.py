"""iCalendar (RFC 5545) files of workshops: one for all, one per committee, one per workshop.
The calendar of all also holds each participation activity's last day (its deadline)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache, lru_cache

from icalendar import Calendar, Event, Timezone

from .. import speedups
from ..language.dates import OSLO, format_day
from ..portal.views import ActivityView, WorkshopView
from ..records import model
from ..records.deadlines import deadlines
from .context import FeedContext
from .event_cache import EVENTS
from .text import ics_line, ics_text, to_plain

PRODID = "-//verksted//politiske verksteder//NO"
_END = b"END:VCALENDAR\r\n"

# RFC 5545 has no "moved online" status: the event still takes place, so it is CONFIRMED.
STATUS = {
    "planned": "CONFIRMED",
    "held": "CONFIRMED",
    "moved-online": "CONFIRMED",
    "cancelled": "CANCELLED",
    "postponed": "TENTATIVE",
}


class Calendars:
    """Writes a site's calendars; each event and the time zone are serialised only once,
    since every workshop appears in three calendars (all, its committee's, its own)."""

    def __init__(self, ctx: FeedContext) -> None:
        self.ctx = ctx
        self._events: dict[str, bytes] = {}
        self._timezone = oslo_timezone(*_years(ctx)).to_ical()

    def calendar(self, name: str, workshops: Iterable[WorkshopView],
                 activities: Iterable[ActivityView] = ()) -> bytes:
        """A VCALENDAR with one VEVENT per workshop and per activity's last day; still valid
        when there are none. `name` is plain text (`Labels.plain`): icalendar escapes it once."""
        head = _calendar_head(ics_line(name))
        # The time zone is always there, so even an empty calendar holds a component
        # as RFC 5545 requires.
        parts = [self._timezone, *(self._event(w) for w in workshops),
                 *(activity_event(self.ctx, a).to_ical() for a in activities
                   if a.deadline is not None)]
        return head[:-len(_END)] + b"".join(parts) + _END

    def _event(self, workshop: WorkshopView) -> bytes:
        if workshop.id not in self._events:
            self._events[workshop.id] = EVENTS.get(
                self.ctx, workshop, lambda: event(self.ctx, workshop).to_ical())
        return self._events[workshop.id]


@lru_cache(maxsize=8192)
def _calendar_head(name: str) -> bytes:
    """The calendar's properties, which depend on its name only: made once per name and
    process (`mkdocs serve` rebuilds in the same process)."""
    if not speedups.enabled():
        return _whole_head(name)
    # Every workshop's calendar has a name of its own: only that line is serialised anew
    # (by icalendar, as in the whole calendar), the others are the same for all.
    before, after = _head_around_name()
    cal = Calendar()
    cal.add("x-wr-calname", name)
    line = cal.content_line("X-WR-CALNAME", cal["X-WR-CALNAME"]).to_ical()
    return before + line + b"\r\n" + after


_PLACEHOLDER = "verksted-calendar-name"


@cache
def _head_around_name() -> tuple[bytes, bytes]:
    line = f"X-WR-CALNAME:{_PLACEHOLDER}\r\n".encode()
    before, after = _whole_head(_PLACEHOLDER).split(line)
    return before, after


def _whole_head(name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    head = cal.to_ical()
    assert head.endswith(_END)
    return head


def calendar(ctx: FeedContext, name: str, workshops: Iterable[WorkshopView],
             activities: Iterable[ActivityView] = ()) -> bytes:
    return Calendars(ctx).calendar(name, workshops, activities)


@cache
def oslo_timezone(first_year: int, last_year: int) -> Timezone:
    """Europe/Oslo's rules for the years the site's workshops span, computed once a build:
    the full 1970–2038 table would cost milliseconds and kilobytes per calendar."""
    return Timezone.from_tzid("Europe/Oslo", first_date=date(first_year, 1, 1),
                              last_date=date(last_year + 1, 12, 31))


def _years(ctx: FeedContext) -> tuple[int, int]:
    """The same span for every calendar of a site, so an empty calendar gets it too."""
    years = [moment.year for w in ctx.portal.workshops.values()
             for moment in (w.start, w.end) if moment is not None]
    if not years:
        years = [ctx.portal.now.year]
    return min(years), max(years)


def event(ctx: FeedContext, workshop: WorkshopView) -> Event:
    record, t = workshop.record, ctx.builder.t
    url = ctx.page_url(workshop)
    changed = ctx.modified(workshop)
    item = Event()
    item.add("uid", ctx.uid(workshop))
    # DTSTAMP of a published calendar is when the event's information last changed.
    item.add("dtstamp", changed)
    item.add("last-modified", changed)
    if workshop.has_time:
        item.add("dtstart", workshop.start.astimezone(OSLO))
        if workshop.end:
            item.add("dtend", workshop.end.astimezone(OSLO))
    else:
        # All-day: DTEND is the day after the last day (RFC 5545, 3.6.1).
        last: date = (workshop.end or workshop.start).date()
        item.add("dtstart", workshop.start.date())
        item.add("dtend", last + timedelta(days=1))
    # Plain text, cleaned of control characters: icalendar escapes it once.
    item.add("summary", ics_line(record.title))
    parts = [to_plain(record.status_note)] if record.status_note else []
    if workshop.excerpt:
        parts.append(to_plain(workshop.excerpt))
    if deadline_lines := workshop_deadlines(ctx, workshop):
        parts.append("\n".join([t.plain("deadlines_calendar"), *deadline_lines]))
    parts.append(t.plain("feeds_read_more", url=url))
    item.add("description", ics_text("\n\n".join(parts)))
    location = where(workshop)
    if location:
        item.add("location", ics_line(location))
    item.add("url", url)
    item.add("status", STATUS[workshop.status])
    return item


def where(workshop: WorkshopView) -> str | None:
    """The place, or the address to join online when nobody meets in a room."""
    record = workshop.record
    if workshop.attendance == "online":
        return record.online_url
    if record.location:
        return record.location.one_line() or record.online_url
    return record.online_url


def workshop_deadlines(ctx: FeedContext, workshop: WorkshopView) -> list[str]:
    """"– 2. februar 2027: Forberedt case sendes ut" for each deadline of a coming workshop.

    In DESCRIPTION, which every calendar program shows: alarms (VALARM) are dropped from
    subscribed calendars by most programs, and separate events would fill the citizens'
    calendars with the administration's chores.
    """
    if not workshop.coming:
        return []
    language = ctx.portal.language
    return [f"– {format_day(d.day, language)}: {d.step_name}"
            for d in deadlines(workshop.record, workshop.agenda) if d.lead_time_days > 0]




def activity_event(ctx: FeedContext, activity: ActivityView) -> Event:
    """The activity's last day (`end`) as an all-day event: the date a citizen must not miss.

    Only the last day, not the whole span: an event of weeks would cover the citizens'
    calendars; the page tells when it opens. Activities are never cancelled, so the status
    is always CONFIRMED. Few per site: made on every build, not kept like workshop events.
    Made for an activity with an `end` (`Calendars.calendar` picks them).
    """
    record, t = activity.record, ctx.builder.t
    deadline = record.last_day  # `end`
    url = ctx.page_url(activity)
    changed = ctx.modified(activity)
    item = Event()
    item.add("uid", ctx.activity_uid(activity))
    item.add("dtstamp", changed)
    item.add("last-modified", changed)
    # All-day: DTEND is the day after (RFC 5545, 3.6.1).
    item.add("dtstart", deadline)
    item.add("dtend", deadline + timedelta(days=1))
    label = "feeds_activity_deadline" if record.kind in model.ANSWERED_BY_END else "feeds_activity_last_day"
    # Plain text, cleaned of control characters: icalendar escapes it once.
    item.add("summary", ics_line(t.plain(label, title=record.title)))
    parts = [to_plain(text) for text in (record.how_to_take_part, record.description) if text]
    if record.url:
        parts.append(t.plain("feeds_activity_take_part", url=record.url))
    parts.append(t.plain("feeds_read_more", url=url))
    description = "\n\n".join(filter(None, parts))  # a field of markup only is empty text
    item.add("description", ics_text(description))
    # Where a meeting is; for input the address is where to post it, no place to go to.
    if record.address and record.kind not in model.ANSWERED_BY_END:
        item.add("location", ics_line(record.address))
    item.add("url", url)
    item.add("status", "CONFIRMED")
    return item
