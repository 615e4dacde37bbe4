"""Open data: every published record in one JSON document (with its JSON Schema) and two
CSVs, one of the workshops and one of the participation activities.

The schema is generated from the record models themselves, extended with what the export
adds (id, page address, derived status), so it cannot drift from the record contract.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..language.dates import OSLO
from ..pages.feed_addresses import (
    ATOM_FEED,
    CALENDAR_ALL,
    OPEN_DATA_ACTIVITIES_CSV,
    OPEN_DATA_CSV,
    OPEN_DATA_SCHEMA,
    committee_calendar,
    workshop_calendar,
)
from ..portal.participation import GROUPS, series
from ..portal.views import ActivityView, WorkshopView
from ..records import model
from ..records.deadlines import deadlines
from ..records.reproducible import generated_moment
from .context import FeedContext

# A new minor number adds fields, a new major one breaks (doc/outputs.md).
FORMAT_VERSION = "1.2"  # 1.1: themes, participation, deadlines (issue 10); 1.2: activities (issue 24)
LICENCE = {
    "name": "Norsk lisens for offentlige data (NLOD) 2.0",
    "identifier": "NLOD-2.0",
    "url": "https://data.norge.no/nlod/no/2.0",
}
CSV_COLUMNS = ("id", "title", "number", "committee", "committee_name", "start", "end",
               "all_day", "status", "attendance", "location", "online_url", "politicians",
               "administration", "residents", "themes", "url", "calendar")
ACTIVITY_CSV_COLUMNS = ("id", "title", "kind", "plan", "plan_title", "start", "end", "status",
                        "participants", "themes", "used_in", "url", "participation_url")
ActivityStatus = Literal["upcoming", "open", "finished"]  # model.activity_status


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
    csv: str = Field(description="Verkstedene som CSV. Hver celle står i anførselstegn; en celle som "
                     "begynner med =, +, -, @, tabulator eller linjeskift (også etter mellomrom) "
                     "har en apostrof (') foran, så et regneark ikke leser den som en formel",
                     json_schema_extra={"format": "uri"})
    activities_csv: str = Field(description="Medvirkningen som CSV, i samme form som verkstedene",
                                json_schema_extra={"format": "uri"})
    schema_: str = Field(alias="schema", description="Dette dokumentets JSON Schema",
                         json_schema_extra={"format": "uri"})


class Identified(BaseModel):
    id: str = Field(description="Postens id: filnavnet uten endelse")
    url: str = Field(description="Adressen til postens side", json_schema_extra={"format": "uri"})


class Participation(BaseModel):
    """Deltakere på verkstedene som er holdt, summert. null: ingen tall er oppgitt."""

    model_config = ConfigDict(extra="forbid")
    workshops: int = Field(description="Hvor mange holdte verksteder summen gjelder")
    politicians: int | None = Field(description="Politikere i alt")
    administration: int | None = Field(description="Fra administrasjonen i alt")
    residents: int | None = Field(description="Innbyggere i alt")
    incomplete: list[Literal["politicians", "administration", "residents"]] = Field(
        description="Gruppene der tallet mangler for minst ett verksted: summen er et minimum")


class ThemeItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str = Field(description="Temaets id, laget etter id-regelen", pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(description="Temaets navn slik det først ble skrevet")
    url: str = Field(description="Adressen til temaets side", json_schema_extra={"format": "uri"})
    workshops: int = Field(description="Hvor mange verksteder som har arbeidet med temaet")
    inputs: int = Field(description="Hvor mange innspill som er gitt på temaet")
    workshop_ids: list[str] = Field(description="Verkstedene, i datorekkefølge")
    activity_ids: list[str] = Field(description="Medvirkningen på temaet, etter startdato")


class DeadlineItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: str = Field(description="Fristen, ISO 8601-dato", pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    step: str = Field(description="Steget i programmet fristen gjelder")
    lead_time_days: int = Field(description="Dager før verkstedet")


class PlanItem(model.Plan, Identified):
    participation: Participation | None = Field(
        None, description="Deltakere på planens verksteder; mangler når ingen er holdt")


class CommitteeItem(model.Committee, Identified):
    calendar: str = Field(description="Utvalgets verksteder som iCalendar",
                          json_schema_extra={"format": "uri"})
    participation: Participation | None = Field(
        None, description="Deltakere på utvalgets verksteder; mangler når ingen er holdt")


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
    deadlines: list[DeadlineItem] = Field(
        default_factory=list, description="Fristene før et planlagt verksted (steg med "
        "lead_time_days), tidligst først; tom når verkstedet ikke er planlagt")


class ActivityItem(model.Activity):
    id: str = Field(description="Postens id: filnavnet uten endelse")
    # `url` is the page here, as on every other record; the file's `url` is renamed.
    url: str = Field(description="Adressen til medvirkningens side",  # type: ignore[assignment]
                     json_schema_extra={"format": "uri"})
    participation_url: str | None = Field(
        None, description="Hvor man deltar (feltet url i datafilen)",
        json_schema_extra={"format": "uri"})
    status: ActivityStatus = Field(description="Utledet av datoene: upcoming før start, open "
                                   "fra start til og med end (fristen), finished etter")
    used_in: list[str] = Field(description="Verkstedene som bygde på medvirkningen (deres "
                               "knowledge_from), i datorekkefølge")


class OpenData(BaseModel):
    """Alle publiserte poster i portalen. Utkast er aldri med."""

    model_config = ConfigDict(extra="forbid", title="Politiske verksteder: åpne data")
    version: Literal["1.2"] = Field(description="Dokumentformatets versjon")
    licence: Licence
    generated: datetime = Field(description="Når dokumentet ble laget")
    links: Links
    municipality: model.Municipality
    plans: list[PlanItem]
    committees: list[CommitteeItem]
    methods: list[MethodItem]
    workshops: list[WorkshopItem]
    activities: list[ActivityItem] = Field(description="Medvirkningen: undersøkelser, folkemøter, "
                                           "verksteder, innspill og høringer, etter startdato")
    themes: list[ThemeItem] = Field(description="Temaene verkstedene og medvirkningen har "
                                    "arbeidet med")
    participation: Participation | None = Field(
        None, description="Deltakere på alle holdte verksteder; mangler når ingen er holdt")


def schema(ctx: FeedContext) -> dict[str, Any]:
    generated = OpenData.model_json_schema(mode="serialization", by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": ctx.links.absolute(OPEN_DATA_SCHEMA), **generated}


def workshop_items(ctx: FeedContext) -> list[dict[str, Any]]:
    """Each workshop as the export shows it, in date order: made once for the JSON and the CSV."""
    return [_workshop(ctx, w) for w in ctx.workshops()]


def activity_items(ctx: FeedContext) -> list[dict[str, Any]]:
    """Each activity as the export shows it, by start: made once for the JSON and the CSV."""
    return [_activity(ctx, a) for a in ctx.activities()]


def document(ctx: FeedContext, items: list[dict[str, Any]] | None = None,
             activities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
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
            "activities_csv": links.absolute(OPEN_DATA_ACTIVITIES_CSV),
            "schema": links.absolute(OPEN_DATA_SCHEMA),
        },
        "municipality": _dump(portal.municipality),
        "plans": [{"id": p.id, "url": ctx.page_url(p), **_dump(p.record),
                   **_participation(ctx, p.workshops)}
                  for p in portal.plans.values()],
        "committees": [{"id": c.id, "url": ctx.page_url(c), **_dump(c.record),
                        "calendar": links.absolute(committee_calendar(c.id)),
                        **_participation(ctx, c.workshops)}
                       for c in portal.committees.values()],
        "methods": [{"id": m.id, "url": ctx.page_url(m), **_dump(m.record)}
                    for m in portal.methods.values()],
        "workshops": workshop_items(ctx) if items is None else items,
        "activities": activity_items(ctx) if activities is None else activities,
        "themes": [{"slug": theme.slug, "name": theme.name, "url": ctx.page_url(theme),
                    "workshops": len(theme.workshops), "inputs": len(theme.inputs),
                    "workshop_ids": [w.id for w in theme.workshops],
                    "activity_ids": [a.id for a in theme.activities]}
                   for theme in portal.themes.values()],
        **_participation(ctx, list(portal.workshops.values())),
    }


def _participation(ctx: FeedContext, workshops: list[WorkshopView]) -> dict[str, Any]:
    """`{"participation": …}` with the totals of the held workshops, or nothing."""
    found = series(workshops, ctx.portal.now)
    if found is None:
        return {}
    totals = found.totals
    return {"participation": {"workshops": len(found.rows),
                              **{g: totals.counts[g] for g in GROUPS},
                              "incomplete": [g for g in GROUPS if g in totals.incomplete]}}


def document_json(ctx: FeedContext, items: list[dict[str, Any]] | None = None,
                  activities: list[dict[str, Any]] | None = None) -> str:
    return json.dumps(document(ctx, items, activities), ensure_ascii=False, indent=2) + "\n"


def schema_json(ctx: FeedContext) -> str:
    return json.dumps(schema(ctx), ensure_ascii=False, indent=2) + "\n"


def workshops_csv(ctx: FeedContext, items: list[dict[str, Any]] | None = None) -> str:
    """One row per workshop; UTF-8 with a byte-order mark so spreadsheets read æøå right.

    The file is made for spreadsheets, which run a cell that looks like a formula: every
    cell goes through `csv_cell` (OWASP's rule for CSV injection) and is quoted, so a
    spreadsheet that splits on ";" cannot start a new cell inside a value either.
    """
    workshops = ctx.workshops()
    return _csv_text(CSV_COLUMNS, (_csv_row(workshop, item) for workshop, item in zip(
        workshops, workshop_items(ctx) if items is None else items, strict=True)))


def _csv_text(columns: list[str], rows: Iterable[dict[str, str]]) -> str:
    """The rows as CSV: a byte-order mark, every cell quoted and through `csv_cell`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n",
                            quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
    return "\ufeff" + out.getvalue()


def _csv_row(workshop: WorkshopView, item: dict[str, Any]) -> dict[str, str]:
    """The workshop's cells as written, before `csv_cell`."""
    record, counts = workshop.record, workshop.record.participants
    location = record.location
    return {
        "id": workshop.id, "title": record.title,
        "number": str(record.number) if record.number else "",
        "committee": workshop.committee.id, "committee_name": workshop.committee.record.name,
        "start": item["start"], "end": item.get("end", ""),
        "all_day": "true" if item["all_day"] else "false", "status": workshop.status,
        "attendance": record.attendance,
        "location": location.one_line() if location else "",
        "online_url": record.online_url or "",
        "politicians": _count(counts, "politicians"),
        "administration": _count(counts, "administration"),
        "residents": _count(counts, "residents"),
        "themes": "; ".join(record.themes), "url": item["url"], "calendar": item["calendar"],
    }


def activities_csv(ctx: FeedContext, items: list[dict[str, Any]] | None = None) -> str:
    """One row per activity, in the form of `workshops_csv` (BOM, every cell quoted and
    through `csv_cell`): the table people ask for is how many took part in what."""
    activities = ctx.activities()
    return _csv_text(ACTIVITY_CSV_COLUMNS, (_activity_row(activity, item) for activity, item in zip(
        activities, activity_items(ctx) if items is None else items, strict=True)))


def _activity_row(activity: ActivityView, item: dict[str, Any]) -> dict[str, str]:
    """The activity's cells as written, before `csv_cell`."""
    record = activity.record
    return {"id": activity.id, "title": record.title, "kind": record.kind,
            "plan": activity.plan.id, "plan_title": activity.plan.record.title,
            "start": item["start"], "end": item.get("end", ""), "status": activity.status,
            "participants": "" if record.participants is None else str(record.participants),
            "themes": "; ".join(record.themes), "used_in": "; ".join(item["used_in"]),
            "url": item["url"], "participation_url": record.url or ""}


# A cell a spreadsheet reads as a formula starts with one of these (OWASP, CSV injection),
# or with tab, line break or NUL; leading spaces do not stop some spreadsheets.
_FORMULA_START = frozenset("=+-@")
_BLANK_START = frozenset("\t\r\n\0")


def csv_cell(value: str) -> str:
    """`value`, with a `'` before it when a spreadsheet could run it as a formula.

    Applied to every cell: the code's own values (ISO dates, counts of at least 0, true and
    false, status words, this site's addresses) never start so, so only text from the data
    files is ever changed. The JSON keeps every value as written."""
    if value[:1] in _BLANK_START or value.lstrip()[:1] in _FORMULA_START:
        return "'" + value
    return value


def _workshop(ctx: FeedContext, workshop: WorkshopView) -> dict[str, Any]:
    data = _dump(workshop.record)
    data.pop("draft", None)  # always false here: drafts never reach the portal
    data.update(id=workshop.id, url=ctx.page_url(workshop), status=workshop.status,
                all_day=not workshop.has_time, start=workshop.iso(workshop.start),
                calendar=ctx.links.absolute(workshop_calendar(workshop.id)))
    if workshop.end:
        data["end"] = workshop.iso(workshop.end)
    else:
        data.pop("end", None)
    if workshop.summary.strip():
        data["summary"] = workshop.summary
    # The published activities it names (a draft's id never reaches the export).
    data["knowledge_from"] = [a.id for a in workshop.knowledge]
    # Only a coming workshop's deadlines are listed: the others' are not worked out at all.
    data["deadlines"] = [{"date": d.day.isoformat(), "step": d.step_name,
                          "lead_time_days": d.lead_time_days}
                         for d in (deadlines(workshop.record, workshop.agenda) if workshop.coming else [])]
    return data


def _activity(ctx: FeedContext, activity: ActivityView) -> dict[str, Any]:
    data = _dump(activity.record)
    data.pop("draft", None)  # always false here: drafts never reach the portal
    if "url" in data:
        data["participation_url"] = data.pop("url")
    data.update(id=activity.id, url=ctx.page_url(activity), status=activity.status,
                used_in=[w.id for w in activity.used_in])
    return data


def _dump(record: model.Record) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


def _count(counts: model.Participants | None, group: str) -> str:
    value = getattr(counts, group) if counts else None
    return "" if value is None else str(value)
