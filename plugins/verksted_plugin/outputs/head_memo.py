"""Each workshop page's JSON-LD kept between the rebuilds of one `mkdocs serve`.

The `<head>` of every workshop page holds a schema.org `Event` (outputs/jsonld.py), made on
every rebuild for all of them although a save changes one. The script is a function of
what `jsonld.event` reads: the workshop's record and its committee's record (compared as
objects: record_cache.py hands back the very same objects for unchanged files, a changed
file gives a new one), and by value the first paragraph of the summary, the status, the
times, the two page addresses and the municipality's record (read afresh every rebuild). The entry holds the objects,
so an identity is never reused by another. With VERKSTED_NO_SPEEDUPS=1 nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import speedups
from ..kept import Kept

if TYPE_CHECKING:
    from ..portal.views import WorkshopView
    from .context import FeedContext


def _inputs(ctx: FeedContext, workshop: WorkshopView) -> tuple[list[Any], tuple[Any, ...]]:
    """(objects compared by identity, values compared by equality) that the event reads."""
    same = [workshop.record, workshop.committee.record]
    equal = (workshop.excerpt, workshop.status, workshop.start, workshop.end, workshop.has_time,
             ctx.page_url(workshop), ctx.page_url(workshop.committee), ctx.portal.municipality)
    return same, equal


class WorkshopHeads:
    def __init__(self) -> None:
        self._kept: Kept[Markup] = Kept()

    def get(self, ctx: FeedContext, workshop: WorkshopView, make: Callable[[], Markup]
            ) -> Markup:
        if not speedups.enabled():
            return make()
        same, equal = _inputs(ctx, workshop)
        return self._kept.get(workshop.id, make, same=same, equal=equal)


# One per process, like the calendar events: `mkdocs serve` rebuilds in the same process.
WORKSHOP_HEADS = WorkshopHeads()
