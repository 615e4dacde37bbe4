"""Every file the feeds add to a site, and the `<head>` additions of the pages that link them."""

from __future__ import annotations

from markupsafe import Markup

from ..pages.feed_addresses import (
    ATOM_FEED,
    CALENDAR_ALL,
    OPEN_DATA_ACTIVITIES_CSV,
    OPEN_DATA_CSV,
    OPEN_DATA_JSON,
    OPEN_DATA_SCHEMA,
    committee_calendar,
    workshop_calendar,
)
from ..pages.render import relative_url
from . import atom, ics, jsonld, opendata
from .context import FeedContext
from .head_memo import WORKSHOP_HEADS


def feed_files(ctx: FeedContext) -> dict[str, str | bytes]:
    """Site path → content, for every calendar, feed and open-data file. Labels go in as plain
    text (`t.plain`): each file's serializer escapes them once for its format."""
    t, portal = ctx.builder.t, ctx.portal
    calendars = ics.Calendars(ctx)
    items = opendata.workshop_items(ctx)  # the JSON's and the CSV's rows, made once
    activities = opendata.activity_items(ctx)
    files: dict[str, str | bytes] = {
        # The site's calendar also holds each activity's deadline; the committees' and the
        # workshops' own calendars stay the committees' and the workshops'.
        CALENDAR_ALL: calendars.calendar(t.plain("feeds_calendar_all",
                                                 municipality=portal.municipality.name),
                                         ctx.workshops(), ctx.activities()),
        ATOM_FEED: atom.feed(ctx),
        OPEN_DATA_JSON: opendata.document_json(ctx, items, activities),
        OPEN_DATA_SCHEMA: opendata.schema_json(ctx),
        OPEN_DATA_CSV: opendata.workshops_csv(ctx, items),
        OPEN_DATA_ACTIVITIES_CSV: opendata.activities_csv(ctx, activities),
    }
    for committee in portal.committees.values():
        name = t.plain("feeds_calendar_committee", committee=committee.record.name)
        files[committee_calendar(committee.id)] = calendars.calendar(name, committee.workshops)
    for workshop in ctx.workshops():
        files[workshop_calendar(workshop.id)] = calendars.calendar(workshop.record.title,
                                                                   [workshop])
    return files


def head_html(ctx: FeedContext) -> dict[str, Markup]:
    """Page source path → what its `<head>` gains: JSON-LD and the Atom feed's link.

    Material reads every `<link rel="alternate">` as another language version of the site
    and fetches `sitemap.xml` beside it. Only the Atom feed, at the site's root where
    MkDocs writes `sitemap.xml`, is linked that way (feed readers look for exactly that).
    Calendars and open-data files are not pages: the page body links them, and the Åpne
    data page describes them as a schema.org `Dataset` for search engines and catalogues.
    """
    builder, t = ctx.builder, ctx.builder.t
    heads: dict[str, Markup] = {}

    def atom_link(here: str) -> Markup:
        return Markup('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">'
                      ).format(t.plain("feeds_atom_link_title"), relative_url(ATOM_FEED, here))

    for workshop in ctx.workshops():
        heads[builder.src_uri(workshop)] = WORKSHOP_HEADS.get(  # serve: kept while the same
            ctx, workshop, lambda w=workshop: jsonld.script(jsonld.event(ctx, w)))
    for activity in ctx.activities():  # a few per site: made on every build, not kept
        heads[builder.src_uri(activity)] = jsonld.script(jsonld.activity_event(ctx, activity))
    for committee in ctx.portal.committees.values():
        heads[builder.src_uri(committee)] = Markup("\n").join([
            jsonld.script(jsonld.organization(ctx, committee)),
            atom_link(builder.url(committee)),
        ])
    heads[builder.src_uri("workshops")] = atom_link(builder.url("workshops"))
    # The overview of participation: the feed carries the activities too.
    heads[builder.src_uri("activities")] = atom_link(builder.url("activities"))
    heads[builder.src_uri("open_data")] = Markup("\n").join([
        jsonld.script(jsonld.dataset(ctx)),
        atom_link(builder.url("open_data")),
    ])
    return heads
