"""Participation activities (issue 24) in the files beside the pages: the calendar's
deadlines, the Atom feed, the open data (JSON against its published schema, the CSV),
the JSON-LD of their pages, and `verksted frister`.

The sample is built once (conftest's `sample`) on the suite's clock, 2026-06-01: the call
for input (2026-01-05 to 2029-01-31) is open, the consultation of the revised plan
(2029-09-01 to 2029-10-15) upcoming, the others finished. Expectations come from the
sample's record files.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, timedelta
from typing import Any

import feedparser
import jsonschema
import pytest
import yaml
from icalendar import Calendar

from conftest import BIN, ENV, REPO, Built
from verksted_plugin.outputs import files
from verksted_plugin.outputs.context import FeedContext
from verksted_plugin.outputs.text import to_plain
from verksted_plugin.pages.feed_addresses import FeedLinks
from verksted_plugin.pages.generated import PageBuilder
from verksted_plugin.portal.views import build_portal
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.modified import ModifiedTimes

SITE = "https://verksted.lorenskog.kommune.no/"
HOST = "verksted.lorenskog.kommune.no"
OPEN = "innspill-til-revisjonen"
UPCOMING = "horing-av-revidert-samfunnsdel"
SURVEY = "stedskompasset"
NO_END = "fremtidsverksted-med-innbyggere"


def _activities() -> dict[str, dict[str, Any]]:
    found = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((REPO / "data" / "activities").glob("*.yml"))}
    return {key: record for key, record in found.items() if not record.get("draft")}


ACTIVITIES = _activities()
STATUS = {OPEN: "open", UPCOMING: "upcoming", SURVEY: "finished", NO_END: "finished",
          "horing-av-planforslaget": "finished"}


def page(activity_id: str) -> str:
    return f"{SITE}medvirkning/{activity_id}/"


def day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def workshops_knowing(activity_id: str) -> list[str]:
    """The sample workshops whose `knowledge_from` names the activity, in date order."""
    found = []
    for path in sorted((REPO / "data" / "workshops").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if not front.get("draft") and activity_id in front.get("knowledge_from", []):
            found.append(path.stem)
    return found


# iCalendar --------------------------------------------------------------------------------

def test_each_deadline_is_an_all_day_event_in_the_sites_calendar(sample: Built) -> None:
    calendar = Calendar.from_ical((sample.out / "verksteder.ics").read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    with_end = {key for key, record in ACTIVITIES.items() if record.get("end")}
    assert NO_END not in with_end and {OPEN, UPCOMING, SURVEY} <= with_end
    assert {uid for uid in events if ".medvirkning@" in uid} == \
        {f"{key}.medvirkning@{HOST}" for key in with_end}
    for key in with_end:
        record, event = ACTIVITIES[key], events[f"{key}.medvirkning@{HOST}"]
        deadline = day(record["end"])
        assert event.decoded("DTSTART") == deadline and event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTEND") == deadline + timedelta(days=1)  # that one day
        assert str(event["SUMMARY"]) == f"Frist: {record['title']}"
        assert str(event["URL"]) == page(key)
        assert str(event["STATUS"]) == "CONFIRMED"
        description = str(event["DESCRIPTION"])
        assert page(key) in description
        assert to_plain(record["description"]) in description
    opened = str(events[f"{OPEN}.medvirkning@{HOST}"]["DESCRIPTION"])
    assert to_plain(ACTIVITIES[OPEN]["how_to_take_part"]) in opened
    assert ACTIVITIES[OPEN]["url"] in opened
    assert "**" not in opened and "<p>" not in opened  # plain text, not Markdown or HTML


def test_the_committee_and_workshop_calendars_keep_to_workshops(sample: Built) -> None:
    for path in (sample.out / "kalender").rglob("*.ics"):
        uids = [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
        assert not [uid for uid in uids if ".medvirkning@" in uid], path


# Atom -------------------------------------------------------------------------------------

def test_the_atom_feed_has_every_activity_among_the_summaries(sample: Built) -> None:
    feed = feedparser.parse((sample.out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    entries = {entry.id: entry for entry in feed.entries}
    for key, record in ACTIVITIES.items():
        entry = entries[page(key)]
        assert entry.title == record["title"]
        assert entry.link == page(key)
        assert entry.summary == to_plain(record["description"])
        assert entry.tags[0].term == record["plan"]
        assert (sample.out / "medvirkning" / key / "index.html").is_file()  # the link leads there
    assert any("/verksteder/" in key for key in entries)  # beside the workshop summaries
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)  # newest first, all together


# Open data --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def open_data(sample: Built) -> dict[str, Any]:
    """The document, validated against the schema the site publishes beside it."""
    folder = sample.out / "apne-data"
    document = json.loads((folder / "verksted.json").read_text("utf-8"))
    schema = json.loads((folder / "verksted.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()
                                    ).validate(document)
    assert document["version"] == schema["properties"]["version"]["const"] == "1.2"
    return document


def test_open_data_carries_the_activities_with_status_and_use(open_data: dict[str, Any]) -> None:
    items = {item["id"]: item for item in open_data["activities"]}
    assert list(items) == sorted(ACTIVITIES, key=lambda k: (str(ACTIVITIES[k]["start"]), k))
    for key, record in ACTIVITIES.items():
        item = items[key]
        assert (item["title"], item["kind"], item["plan"]) == \
            (record["title"], record["kind"], record["plan"])
        assert item["start"] == day(record["start"]).isoformat()
        assert item.get("end") == (day(record["end"]).isoformat() if record.get("end") else None)
        assert item["status"] == STATUS[key]
        assert item.get("participants") == record.get("participants")
        assert item["url"] == page(key)  # the page; the file's `url` is participation_url
        assert item.get("participation_url") == record.get("url")
        assert item["used_in"] == workshops_knowing(key)
        assert "draft" not in item
    assert items[SURVEY]["used_in"] and items[OPEN]["used_in"]  # the sample links both ways
    for workshop in open_data["workshops"]:
        for activity in workshop["knowledge_from"]:
            assert workshop["id"] in items[activity]["used_in"]
    themes = {theme["name"]: theme for theme in open_data["themes"]}
    assert OPEN in themes["Bærekraft"]["activity_ids"]


def test_the_activities_csv_is_linked_and_has_one_row_each(sample: Built,
                                                           open_data: dict[str, Any]) -> None:
    address = open_data["links"]["activities_csv"]
    assert address == f"{SITE}apne-data/medvirkning.csv"
    raw = (sample.out / "apne-data" / "medvirkning.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert set(rows) == set(ACTIVITIES)
    for key, record in ACTIVITIES.items():
        row = rows[key]
        assert (row["title"], row["kind"], row["status"]) == \
            (record["title"], record["kind"], STATUS[key])
        assert row["end"] == (day(record["end"]).isoformat() if record.get("end") else "")
        assert row["used_in"] == "; ".join(workshops_knowing(key))
        assert row["participants"] == str(record.get("participants", ""))
    dataset = sample.html("apne-data/").select('head script[type="application/ld+json"]')
    downloads = [d["contentUrl"] for script in dataset
                 for d in json.loads(script.string).get("distribution", [])]
    assert address in downloads


# JSON-LD ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ctx() -> FeedContext:
    """The sample as the build sees it (the suite's clock), without MkDocs."""
    portal = build_portal(load_dataset(REPO / "data", REPO / "docs", display_root=REPO))
    return FeedContext(portal, PageBuilder(portal), FeedLinks(SITE), ModifiedTimes(REPO))


def _event(ctx: FeedContext, activity_id: str) -> dict[str, Any]:
    """The JSON-LD the head of the activity's page gets (keyed by its page's source path)."""
    view = ctx.portal.activities[activity_id]
    source = ctx.builder.src_uri(view)
    assert source == f"medvirkning/{activity_id}.md"
    script = str(files.head_html(ctx)[source])
    assert script.startswith('<script type="application/ld+json">')
    return json.loads(script.split(">", 1)[1].rsplit("</script>", 1)[0])


def test_each_activity_page_head_has_a_schema_org_event(ctx: FeedContext) -> None:
    for key, record in ACTIVITIES.items():
        event = _event(ctx, key)
        assert event["@type"] == "Event" and event["@context"] == "https://schema.org"
        assert event["name"] == record["title"] and event["url"] == page(key)
        assert event["startDate"] == day(record["start"]).isoformat()
        assert event["endDate"] == day(record.get("end") or record["start"]).isoformat()
        assert event["organizer"] == {"@type": "GovernmentOrganization",
                                      "name": "Lørenskog kommune",
                                      "url": "https://www.lorenskog.kommune.no"}
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["description"] == to_plain(record["description"])
    meeting = _event(ctx, NO_END)  # an address, no web address: in person
    assert meeting["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert meeting["location"]["address"]["postalCode"] == "1470"
    survey = _event(ctx, SURVEY)  # only a web address: online
    assert survey["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert survey["location"] == {"@type": "VirtualLocation", "url": ACTIVITIES[SURVEY]["url"]}
    both = _event(ctx, OPEN)
    assert both["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in both["location"]] == ["Place", "VirtualLocation"]


def test_the_built_activity_pages_carry_their_event(sample: Built, ctx: FeedContext) -> None:
    for key in ACTIVITIES:
        scripts = sample.html(f"medvirkning/{key}/").select(
            'head script[type="application/ld+json"]')
        assert [json.loads(script.string) for script in scripts] == [_event(ctx, key)]


def test_the_activity_overview_links_the_feed(ctx: FeedContext) -> None:
    head = str(files.head_html(ctx)[ctx.builder.src_uri("activities")])
    assert 'type="application/atom+xml"' in head and "feed.xml" in head


# verksted frister -------------------------------------------------------------------------

def frister(*words: str, language: str | None = None) -> subprocess.CompletedProcess[str]:
    """`verksted frister` on the sample, on the suite's clock unless `--today` says."""
    lang = ["--lang", language] if language else []
    result = subprocess.run([str(BIN / "verksted"), *lang, "frister", *words], cwd=REPO,
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result


def test_frister_lists_the_open_and_upcoming_activity_deadlines() -> None:
    text = frister().stdout
    heading, rest = text.split("Innbyggernes frister (medvirkning):\n")
    assert "[2029-02-13-verksted-om-revisjon-av-samfunnsdelen]" in heading  # the workshops first
    lines = rest.splitlines()
    assert lines[0].startswith("31. januar 2029")
    assert lines[0].endswith(f"{ACTIVITIES[OPEN]['title']} [{OPEN}]  –  er åpen")
    assert lines[1].startswith("15. oktober 2029")
    assert lines[1].endswith(f"[{UPCOMING}]  –  åpner 1. september 2029")
    assert SURVEY not in text  # finished: its deadline has passed


def test_frister_speaks_english() -> None:
    text = frister(language="en").stdout
    assert "Residents' deadlines (public participation):\n" in text
    assert f"[{OPEN}]  –  is open" in text
    # The messages follow --lang; the dates, as for the workshops, the site's language.
    assert f"[{UPCOMING}]  –  opens 1. september 2029" in text


def test_frister_json_has_the_activity_deadlines_by_date() -> None:
    items = json.loads(frister("--format", "json").stdout)
    assert [item["date"] for item in items] == sorted(item["date"] for item in items)
    activities = [item for item in items if "activity" in item]
    assert activities == [
        {"date": "2029-01-31", "activity": OPEN, "title": ACTIVITIES[OPEN]["title"],
         "kind": "innspill", "status": "open", "start": "2026-01-05", "draft": False},
        {"date": "2029-10-15", "activity": UPCOMING, "title": ACTIVITIES[UPCOMING]["title"],
         "kind": "horing", "status": "upcoming", "start": "2029-09-01", "draft": False}]
    assert all("workshop" in item for item in items if "activity" not in item)


def test_a_passed_activity_deadline_is_neither_listed_nor_a_reminder() -> None:
    after = frister("--today", "2029-02-01").stdout
    assert OPEN not in after and UPCOMING in after  # the day after the call for input
    assert "påminnelse" not in after
    done = frister("--today", "2029-10-16").stdout
    assert "Innbyggernes frister" not in done and "påminnelse" not in done
    assert done.startswith("ingen kommende frister fra 16. oktober 2029")
