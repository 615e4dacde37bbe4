"""An Atom feed (RFC 4287) of workshop summaries and participation activities, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from ..pages.feed_addresses import ATOM_FEED
from ..portal.views import ActivityView, WorkshopView
from .context import FeedContext
from .text import ATOM_NS, to_html, to_plain, xml_bytes, xml_child


def published(ctx: FeedContext) -> list[WorkshopView]:
    """Workshops whose summary is written, the most recently changed first."""
    with_summary = [w for w in ctx.workshops() if w.summary.strip()]
    return sorted(with_summary, key=lambda w: (ctx.modified(w), w.start, w.id), reverse=True)


def feed_entries(ctx: FeedContext) -> list[WorkshopView | ActivityView]:
    """The summaries and every published activity, the most recently changed first: an
    activity is news when it is announced (and again when its result is written)."""
    found: list[WorkshopView | ActivityView] = [*published(ctx), *ctx.activities()]
    return sorted(found, key=lambda v: (ctx.modified(v), _start(v), v.id), reverse=True)


def _start(view: WorkshopView | ActivityView) -> str:
    """A sortable start: a workshop's moment and an activity's day are not comparable."""
    return view.start.isoformat() if isinstance(view, WorkshopView) else \
        view.record.start.isoformat()


def feed(ctx: FeedContext) -> bytes:
    t, portal = ctx.builder.t, ctx.portal
    entries = feed_entries(ctx)
    self_url = ctx.links.absolute(ATOM_FEED)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": portal.language})
    xml_child(root, "id", self_url)
    # Plain labels: ElementTree escapes them once, where the XML is written.
    xml_child(root, "title", t.plain("feeds_atom_title", municipality=portal.municipality.name))
    xml_child(root, "subtitle", t.plain("feeds_atom_subtitle"))
    # The newest change among the entries: the same on every build of one checkout.
    newest = max((ctx.modified(v) for v in entries),
                 default=ctx.modified_times.of(portal.municipality_source.file))
    xml_child(root, "updated", _stamp(newest))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml",
                                 "href": self_url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html",
                                 "href": ctx.page_url("workshops")})
    author = ET.SubElement(root, "author")
    xml_child(author, "name", portal.municipality.name)
    if portal.municipality.website:
        xml_child(author, "uri", portal.municipality.website)
    xml_child(root, "generator", "verksted")
    for view in entries:
        root.append(_entry(ctx, view) if isinstance(view, WorkshopView)
                    else _activity_entry(ctx, view))
    return xml_bytes(root)


def _entry(ctx: FeedContext, workshop: WorkshopView) -> ET.Element:
    url = ctx.page_url(workshop)
    entry = ET.Element("entry")
    # The page address: stable across builds, unique per workshop.
    xml_child(entry, "id", url)
    xml_child(entry, "title", workshop.record.title)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    xml_child(entry, "updated", _stamp(ctx.modified(workshop)))
    ET.SubElement(entry, "category", {"term": workshop.committee.id,
                                      "label": workshop.committee.record.name})
    xml_child(entry, "summary", to_plain(workshop.excerpt))
    content = ET.SubElement(entry, "content", {"type": "html"})
    content.text = to_html(workshop.summary)
    return entry


def _activity_entry(ctx: FeedContext, activity: ActivityView) -> ET.Element:
    record, url = activity.record, ctx.page_url(activity)
    entry = ET.Element("entry")
    xml_child(entry, "id", url)  # the page address, as for workshops: never the same
    xml_child(entry, "title", record.title)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    xml_child(entry, "updated", _stamp(ctx.modified(activity)))
    # The plan, as a workshop's entry names its committee: what it is part of.
    ET.SubElement(entry, "category", {"term": activity.plan.id,
                                      "label": activity.plan.record.title})
    if record.description:
        xml_child(entry, "summary", to_plain(record.description))
        content = ET.SubElement(entry, "content", {"type": "html"})
        # What came of it, once written: the reason to read the entry again.
        content.text = to_html("\n\n".join(filter(None, (record.description, record.result))))
    return entry


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
