"""Open data: every published record in one JSON document (with its JSON Schema) and a CSV.

The schema is generated from the record models themselves, extended with what the export
adds (id, page address, derived status), so it cannot drift from the record contract.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import model
from ..dates import OSLO
from ..portal import WorkshopView
from ..reproducible import generated_moment
from .context import FeedContext
from .paths import (
    ATOM_FEED,
    CALENDAR_ALL,
    OPEN_DATA_CSV,
    OPEN_DATA_SCHEMA,
    committee_calendar,
    workshop_calendar,
)

FORMAT_VERSION = "1.0"
LICENCE = {
    "name": "Norsk lisens for offentlige data (NLOD) 2.0",
    "identifier": "NLOD-2.0",
    "url": "https://data.norge.no/nlod/no/2.0",
}
CSV_COLUMNS = ("id", "title", "number", "committee", "committee_name", "start", "end",
               "all_day", "status", "attendance", "location", "online_url", "politicians",
               "administration", "residents", "themes", "url", "calendar")


# The export's own models: only for the JSON Schema; the document is built as plain dicts.
class Licence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    identifier: Literal["NLOD-2.0"]
    url: str = Field(json_schema_extra={"format": "uri"})


class Links(BaseModel):
    model_config = ConfigDict(extra="forbid")
    site: str = Field(description="Portalens forside", json_schema_extra={"format": "uri"})
    calendar: str = Field(description="Alle verkstedene som iCalendar",
                          json_schema_extra={"format": "uri"})
    feed: str = Field(description="Atom-strøm med referater", json_schema_extra={"format": "uri"})
    csv: str = Field(description="Verkstedene som CSV", json_schema_extra={"format": "uri"})
    schema_: str = Field(alias="schema", description="Dette dokumentets JSON Schema",
                         json_schema_extra={"format": "uri"})


class Identified(BaseModel):
    id: str = Field(description="Postens id: filnavnet uten endelse")
    url: str = Field(description="Adressen til postens side", json_schema_extra={"format": "uri"})


class PlanItem(model.Plan, Identified):
    pass


class CommitteeItem(model.Committee, Identified):
    calendar: str = Field(description="Utvalgets verksteder som iCalendar",
                          json_schema_extra={"format": "uri"})


class MethodItem(model.Method, Identified):
    pass


class WorkshopItem(model.Workshop, Identified):
    start: str = Field(description="ISO 8601: dato (hele dagen) eller tidspunkt med tidssone")
    end: str | None = Field(None, description="ISO 8601, som start")
    all_day: bool = Field(description="true når verkstedet bare har dato, uten klokkeslett")
    status: model.WorkshopStatus = Field(  # type: ignore[assignment]
        description="Status; når filen ikke sier noe, utledet av datoen")
    summary: str | None = Field(None, description="Referatet (Markdown)",
                                json_schema_extra={"format": "markdown"})
    calendar: str = Field(description="Verkstedet som iCalendar",
                          json_schema_extra={"format": "uri"})


class OpenData(BaseModel):
    """Alle publiserte poster i portalen. Utkast er aldri med."""

    model_config = ConfigDict(extra="forbid", title="Politiske verksteder: åpne data")
    version: Literal["1.0"] = Field(description="Dokumentformatets versjon")
    licence: Licence
    generated: datetime = Field(description="Når dokumentet ble laget")
    links: Links
    municipality: model.Municipality
    plans: list[PlanItem]
    committees: list[CommitteeItem]
    methods: list[MethodItem]
    workshops: list[WorkshopItem]


def schema(ctx: FeedContext) -> dict[str, Any]:
    generated = OpenData.model_json_schema(mode="serialization", by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": ctx.links.absolute(OPEN_DATA_SCHEMA), **generated}


def document(ctx: FeedContext) -> dict[str, Any]:
    portal, links = ctx.portal, ctx.links
    generated = generated_moment(ctx.modified_times)  # not the clock: builds reproduce
    return {
        "version": FORMAT_VERSION,
        "licence": LICENCE,
        "generated": generated.astimezone(OSLO).isoformat(timespec="seconds"),
        "links": {
            "site": links.absolute(""),
            "calendar": links.absolute(CALENDAR_ALL),
            "feed": links.absolute(ATOM_FEED),
            "csv": links.absolute(OPEN_DATA_CSV),
            "schema": links.absolute(OPEN_DATA_SCHEMA),
        },
        "municipality": _dump(portal.municipality),
        "plans": [{"id": p.id, "url": ctx.page_url(p), **_dump(p.record)}
                  for p in portal.plans.values()],
        "committees": [{"id": c.id, "url": ctx.page_url(c), **_dump(c.record),
                        "calendar": links.absolute(committee_calendar(c.id))}
                       for c in portal.committees.values()],
        "methods": [{"id": m.id, "url": ctx.page_url(m), **_dump(m.record)}
                    for m in portal.methods.values()],
        "workshops": [_workshop(ctx, w) for w in ctx.workshops()],
    }


def document_json(ctx: FeedContext) -> str:
    return json.dumps(document(ctx), ensure_ascii=False, indent=2) + "\n"


def schema_json(ctx: FeedContext) -> str:
    return json.dumps(schema(ctx), ensure_ascii=False, indent=2) + "\n"


def workshops_csv(ctx: FeedContext) -> str:
    """One row per workshop; UTF-8 with a byte-order mark so spreadsheets read æøå right."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for workshop in ctx.workshops():
        item = _workshop(ctx, workshop)
        record = workshop.record
        counts = record.participants
        writer.writerow({
            "id": workshop.id, "title": record.title, "number": record.number or "",
            "committee": workshop.committee.id, "committee_name": workshop.committee.record.name,
            "start": item["start"], "end": item.get("end", ""),
            "all_day": "true" if item["all_day"] else "false", "status": workshop.status,
            "attendance": record.attendance,
            "location": ", ".join(p for p in (record.location.name, record.location.room,
                                              record.location.address) if p)
            if record.location else "",
            "online_url": record.online_url or "",
            "politicians": _count(counts, "politicians"),
            "administration": _count(counts, "administration"),
            "residents": _count(counts, "residents"),
            "themes": "; ".join(record.themes), "url": item["url"], "calendar": item["calendar"],
        })
    return "\ufeff" + out.getvalue()


def _workshop(ctx: FeedContext, workshop: WorkshopView) -> dict[str, Any]:
    data = _dump(workshop.record)
    data.pop("draft", None)  # always false here: drafts never reach the portal
    data.update(id=workshop.id, url=ctx.page_url(workshop), status=workshop.status,
                all_day=not workshop.has_time, start=_iso(workshop, workshop.start),
                calendar=ctx.links.absolute(workshop_calendar(workshop.id)))
    if workshop.end:
        data["end"] = _iso(workshop, workshop.end)
    else:
        data.pop("end", None)
    if workshop.summary.strip():
        data["summary"] = workshop.summary
    return data


def _iso(workshop: WorkshopView, moment: datetime) -> str:
    if workshop.has_time:
        return moment.astimezone(OSLO).isoformat()
    return moment.date().isoformat()


def _dump(record: model.Record) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


def _count(counts: model.Participants | None, group: str) -> str:
    value = getattr(counts, group) if counts else None
    return "" if value is None else str(value)
