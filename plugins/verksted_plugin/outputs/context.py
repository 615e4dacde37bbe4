"""What every feed needs to know about the site: absolute page URLs, the host, change dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..pages.feed_addresses import FeedLinks
from ..pages.generated import PageBuilder, View
from ..portal.views import ActivityView, Portal, WorkshopView
from ..records.modified import ModifiedTimes


@dataclass
class FeedContext:
    portal: Portal
    builder: PageBuilder
    links: FeedLinks
    modified_times: ModifiedTimes

    @property
    def host(self) -> str:
        return self.links.host

    def page_url(self, target: View | str) -> str:
        """The absolute address of a record's (or an overview's) page."""
        return self.links.absolute(self.builder.url(target))

    def modified(self, view: View) -> datetime:
        return self.modified_times.of(view.source.file)

    def uid(self, workshop: WorkshopView) -> str:
        """The same on every build, so a subscribed calendar updates instead of duplicating."""
        return f"{workshop.id}@{self.host}"

    def activity_uid(self, activity: ActivityView) -> str:
        """Stable like `uid`; ids never hold a dot, so no workshop's UID can be the same."""
        return f"{activity.id}.medvirkning@{self.host}"

    def workshops(self) -> list[WorkshopView]:
        """Every published workshop, in date order (drafts never reach the portal)."""
        return sorted(self.portal.workshops.values(), key=lambda w: (w.start, w.id))

    def activities(self) -> list[ActivityView]:
        """Every published participation activity, by start (drafts never reach the portal)."""
        return sorted(self.portal.activities.values(), key=lambda a: (a.record.start, a.id))
