"""schema.org JSON-LD for workshop and participation activity pages (`Event`), committee
pages (`Organization`) and the Åpne data page (`Dataset`)."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from ..pages.feed_addresses import (
    CALENDAR_ALL,
    OPEN_DATA_ACTIVITIES_CSV,
    OPEN_DATA_CSV,
    OPEN_DATA_JSON,
)
from ..portal.views import ActivityView, CommitteeView, WorkshopView
from .context import FeedContext
from .opendata import LICENCE
from .text import to_plain

SCHEMA = "https://schema.org/"

EVENT_STATUS = {
    "planned": "EventScheduled",
    "held": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "moved-online": "EventMovedOnline",
}
ATTENDANCE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
# "Hasselveien 6, 1470 Lørenskog": street, postcode and place, the Norwegian way.
_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<postcode>[0-9]{4})\s+(?P<city>.+)$")


def event(ctx: FeedContext, workshop: WorkshopView) -> dict[str, Any]:
    record = workshop.record
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": ctx.page_url(workshop) + "#event",
        "name": record.title,
        "startDate": workshop.iso(workshop.start),
        "eventStatus": SCHEMA + EVENT_STATUS[workshop.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE[workshop.attendance],
        "url": ctx.page_url(workshop),
        "organizer": [committee_reference(ctx, workshop.committee), municipality(ctx)],
    }
    if workshop.end:
        data["endDate"] = workshop.iso(workshop.end)
    description = to_plain(workshop.excerpt) if workshop.excerpt else None
    if description:
        data["description"] = description
    locations = _locations(workshop)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    return data


def activity_event(ctx: FeedContext, activity: ActivityView) -> dict[str, Any]:
    """An activity as an `Event` of whole days, organised by the municipality. Activities
    are never cancelled or moved, so they are always scheduled."""
    record, url = activity.record, ctx.page_url(activity)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url + "#event",
        "name": record.title,
        "startDate": record.start.isoformat(),
        "endDate": record.last_day.isoformat(),  # a one-day meeting ends on its day
        "eventStatus": SCHEMA + "EventScheduled",
        "url": url,
        "organizer": municipality(ctx),
    }
    if record.description and (description := to_plain(record.description)):
        data["description"] = description
    # In person where there is an address, online where there is only a web address.
    places: list[dict[str, Any]] = []
    if record.address:
        places.append({"@type": "Place", "address": postal_address(record.address)})
    if record.url:
        places.append({"@type": "VirtualLocation", "url": record.url})
    if places:
        mode = "hybrid" if len(places) == 2 else "in-person" if record.address else "online"
        data["eventAttendanceMode"] = SCHEMA + ATTENDANCE[mode]
        data["location"] = places[0] if len(places) == 1 else places
    return data


def organization(ctx: FeedContext, committee: CommitteeView) -> dict[str, Any]:
    t, language = ctx.builder.t, ctx.portal.language
    members = []
    for member in committee.record.members:
        person: dict[str, Any] = {"@type": "Person", "name": member.name}
        party = ctx.portal.parties.get(member.party) if member.party else None
        if member.party:
            person["affiliation"] = {"@type": "Organization",
                                     "name": party.name(language) if party else member.party,
                                     "alternateName": member.party}
        members.append({"@type": "OrganizationRole", "roleName": t.plain(f"role_{member.role}"),
                        "member": person})
    return {
        "@context": "https://schema.org",
        **committee_reference(ctx, committee),
        "description": to_plain(committee.record.purpose),
        "parentOrganization": municipality(ctx),
        "member": members,
    }


def committee_reference(ctx: FeedContext, committee: CommitteeView) -> dict[str, Any]:
    url = ctx.page_url(committee)
    return {"@type": "Organization", "@id": url + "#organization",
            "name": committee.record.name, "url": url}


def municipality(ctx: FeedContext) -> dict[str, Any]:
    record = ctx.portal.municipality
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": record.name}
    if record.website:
        data["url"] = record.website
    return data


def script(data: dict[str, Any]) -> Markup:
    """A `<script type="application/ld+json">` that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">\n{}\n</script>').format(Markup(text))


def _locations(workshop: WorkshopView) -> list[dict[str, Any]]:
    record, attendance = workshop.record, workshop.attendance
    found: list[dict[str, Any]] = []
    if attendance != "online" and record.location:
        place: dict[str, Any] = {"@type": "Place"}
        name = ", ".join(p for p in (record.location.name, record.location.room) if p)
        if name:
            place["name"] = name
        if record.location.address:
            place["address"] = postal_address(record.location.address)
        found.append(place)
    if attendance != "in-person" and record.online_url:
        found.append({"@type": "VirtualLocation", "url": record.online_url})
    return found


def postal_address(text: str) -> dict[str, Any]:
    match = _ADDRESS.match(text.strip())
    if not match:
        return {"@type": "PostalAddress", "streetAddress": text, "addressCountry": "NO"}
    return {"@type": "PostalAddress", "streetAddress": match["street"],
            "postalCode": match["postcode"], "addressLocality": match["city"],
            "addressCountry": "NO"}


def dataset(ctx: FeedContext) -> dict[str, Any]:
    """The Åpne data page's files as a schema.org `Dataset`, so catalogues find them."""
    t, links, name = ctx.builder.t, ctx.links, ctx.portal.municipality.name
    url = ctx.page_url("open_data")

    def download(path: str, media_type: str) -> dict[str, str]:
        return {"@type": "DataDownload", "contentUrl": links.absolute(path),
                "encodingFormat": media_type}

    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": url + "#dataset",
        "name": f"{t.plain('feeds_open_data_link')} – {name}",
        "description": t.plain("open_data_json_text"),
        "url": url,
        "inLanguage": ctx.portal.language,
        "license": LICENCE["url"],
        "creator": municipality(ctx),
        "distribution": [download(OPEN_DATA_JSON, "application/json"),
                         download(OPEN_DATA_CSV, "text/csv"),
                         download(OPEN_DATA_ACTIVITIES_CSV, "text/csv"),
                         download(CALENDAR_ALL, "text/calendar")],
    }
