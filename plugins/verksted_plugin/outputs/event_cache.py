"""Calendar events kept between the rebuilds of one `mkdocs serve`.

Serialising every workshop's VEVENT was a large part of each preview rebuild, although a
saved file changes one workshop. An event is a function of what `ics.event` reads: the
workshop's record and summary, its method's record (the programme's deadlines), its
derived status, its page address, its change date, its UID and the language's labels. The
records are compared by identity (record_cache.py hands back the very same objects for
unchanged files; a changed file gives a new object), the rest by value; the entry holds
them, so an identity is never reused by another object.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..kept import Kept
from ..portal.views import WorkshopView
from .context import FeedContext


def _inputs(ctx: FeedContext, workshop: WorkshopView) -> tuple[list[Any], tuple[Any, ...]]:
    """(objects compared by identity, values compared by equality) that the event reads."""
    method = workshop.method.record if workshop.method else None
    changed: datetime = ctx.modified(workshop)
    same = [workshop.record, method, ctx.builder.t.texts]
    equal = (workshop.summary, workshop.status, workshop.start, workshop.end,
             workshop.has_time, ctx.page_url(workshop), changed, ctx.uid(workshop),
             ctx.portal.language)
    return same, equal


class EventCache:
    def __init__(self) -> None:
        self._events: Kept[bytes] = Kept()

    def get(self, ctx: FeedContext, workshop: WorkshopView,
            make: Callable[[], bytes]) -> bytes:
        same, equal = _inputs(ctx, workshop)
        return self._events.get(workshop.id, make, same=same, equal=equal)


# One per process, like the compiled templates: `mkdocs serve` rebuilds in the same process.
EVENTS = EventCache()
