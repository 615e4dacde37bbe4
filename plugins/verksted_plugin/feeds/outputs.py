"""Every file the feeds add to a site, and the `<head>` additions of the pages that link them."""

from __future__ import annotations

from markupsafe import Markup

from ..render import relative_url
from . import atom, ics, jsonld, opendata
from .context import FeedContext
from .paths import (
    ATOM_FEED,
    CALENDAR_ALL,
    OPEN_DATA_CSV,
    OPEN_DATA_JSON,
    OPEN_DATA_SCHEMA,
    committee_calendar,
    workshop_calendar,
)


def feed_files(ctx: FeedContext) -> dict[str, str | bytes]:
    """Site path → content, for every calendar, feed and open-data file."""
    t, portal = ctx.builder.t, ctx.portal
    calendars = ics.Calendars(ctx)
    files: dict[str, str | bytes] = {
        CALENDAR_ALL: calendars.calendar(str(t("feeds_calendar_all",
                                               municipality=portal.municipality.name)),
                                         ctx.workshops()),
        ATOM_FEED: atom.feed(ctx),
        OPEN_DATA_JSON: opendata.document_json(ctx),
        OPEN_DATA_SCHEMA: opendata.schema_json(ctx),
        OPEN_DATA_CSV: opendata.workshops_csv(ctx),
    }
    for committee in portal.committees.values():
        name = str(t("feeds_calendar_committee", committee=committee.record.name))
        files[committee_calendar(committee.id)] = calendars.calendar(name, committee.workshops)
    for workshop in ctx.workshops():
        files[workshop_calendar(workshop.id)] = calendars.calendar(workshop.record.title,
                                                                   [workshop])
    return files


def head_html(ctx: FeedContext) -> dict[str, Markup]:
    """Page source path → what its `<head>` gains: JSON-LD and alternate links."""
    builder, t = ctx.builder, ctx.builder.t
    heads: dict[str, Markup] = {}

    def alternate(here: str, kind: str, title: str, path: str) -> Markup:
        return Markup('<link rel="alternate" type="{}" title="{}" href="{}">').format(
            kind, title, relative_url(path, here))

    def atom_link(here: str) -> Markup:
        return alternate(here, "application/atom+xml", str(t("feeds_atom_link_title")),
                         ATOM_FEED)

    for workshop in ctx.workshops():
        here = builder.url(workshop)
        heads[builder.src_uri(workshop)] = Markup("\n").join([
            jsonld.script(jsonld.event(ctx, workshop)),
            alternate(here, "text/calendar", str(t("feeds_add_to_calendar")),
                      workshop_calendar(workshop.id)),
        ])
    for committee in ctx.portal.committees.values():
        here = builder.url(committee)
        heads[builder.src_uri(committee)] = Markup("\n").join([
            jsonld.script(jsonld.organization(ctx, committee)),
            atom_link(here),
            alternate(here, "text/calendar", str(t("feeds_committee_calendar")),
                      committee_calendar(committee.id)),
        ])
    here = builder.url("workshops")
    heads[builder.src_uri("workshops")] = Markup("\n").join([
        atom_link(here),
        alternate(here, "text/calendar", str(t("feeds_subscribe_title")), CALENDAR_ALL),
    ])
    here = builder.url("open_data")
    heads[builder.src_uri("open_data")] = Markup("\n").join([
        alternate(here, "application/json", "JSON", OPEN_DATA_JSON),
        alternate(here, "text/csv", "CSV", OPEN_DATA_CSV),
        atom_link(here),
    ])
    return heads
