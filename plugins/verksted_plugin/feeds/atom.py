"""An Atom feed (RFC 4287) of workshop summaries, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from ..portal import WorkshopView
from .context import FeedContext
from .paths import ATOM_FEED
from .text import to_html, to_plain, xml_bytes

ATOM_NS = "http://www.w3.org/2005/Atom"


def published(ctx: FeedContext) -> list[WorkshopView]:
    """Workshops whose summary is written, the most recently changed first."""
    with_summary = [w for w in ctx.workshops() if w.summary.strip()]
    return sorted(with_summary, key=lambda w: (ctx.modified(w), w.start, w.id), reverse=True)


def feed(ctx: FeedContext) -> bytes:
    t, portal = ctx.builder.t, ctx.portal
    entries = published(ctx)
    self_url = ctx.links.absolute(ATOM_FEED)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": portal.language})
    _text(root, "id", self_url)
    # Plain labels: ElementTree escapes them once, where the XML is written.
    _text(root, "title", t.plain("feeds_atom_title", municipality=portal.municipality.name))
    _text(root, "subtitle", t.plain("feeds_atom_subtitle"))
    # The newest change among the entries: the same on every build of one checkout.
    newest = max((ctx.modified(w) for w in entries),
                 default=ctx.modified_times.of(portal.municipality_source.file))
    _text(root, "updated", _stamp(newest))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml",
                                 "href": self_url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html",
                                 "href": ctx.page_url("workshops")})
    author = ET.SubElement(root, "author")
    _text(author, "name", portal.municipality.name)
    if portal.municipality.website:
        _text(author, "uri", portal.municipality.website)
    _text(root, "generator", "verksted")
    for workshop in entries:
        root.append(_entry(ctx, workshop))
    return xml_bytes(root)


def _entry(ctx: FeedContext, workshop: WorkshopView) -> ET.Element:
    url = ctx.page_url(workshop)
    entry = ET.Element("entry")
    # The page address: stable across builds, unique per workshop.
    _text(entry, "id", url)
    _text(entry, "title", workshop.record.title)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    _text(entry, "updated", _stamp(ctx.modified(workshop)))
    ET.SubElement(entry, "category", {"term": workshop.committee.id,
                                      "label": workshop.committee.record.name})
    _text(entry, "summary", to_plain(workshop.excerpt))
    content = ET.SubElement(entry, "content", {"type": "html"})
    content.text = to_html(workshop.summary)
    return entry


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
