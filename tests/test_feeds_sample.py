"""The sample portal's calendars, feeds, structured data and open data, read by real parsers.

Every expectation is taken from the sample's own record files, so a changed record changes
what is expected rather than silently passing.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import frontmatter
import jsonschema
import pytest
import yaml
from icalendar import Calendar

from conftest import PINNED_NOW, REPO, Built

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime.fromisoformat(PINNED_NOW).replace(tzinfo=OSLO)  # the suite's clock, not the wall's
SITE = "https://verksted.lorenskog.kommune.no/"
HOST = "verksted.lorenskog.kommune.no"


def records(folder: str) -> dict[str, dict]:
    """The sample's published record files as plain dicts, keyed by id; drafts left out."""
    found = {}
    for path in sorted((REPO / "data" / folder).iterdir()):
        if path.suffix == ".md":
            post = frontmatter.load(path)
            found[path.stem] = {**post.metadata, "_summary": post.content.strip()}
        elif path.suffix == ".yml":
            found[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: record for key, record in found.items() if not record.get("draft")}


WORKSHOPS = records("workshops")
COMMITTEES = records("committees")
ACTIVITIES = records("activities")
ICS_STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "moved-online": "CONFIRMED",
              "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
EVENT_STATUS = {"planned": "EventScheduled", "held": "EventScheduled",
                "moved-online": "EventMovedOnline", "cancelled": "EventCancelled",
                "postponed": "EventPostponed"}
MODES = {"in-person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
         "hybrid": "MixedEventAttendanceMode"}


def when(text: object) -> datetime | date:
    """A record's `start`: a moment in Oslo, or a day."""
    if isinstance(text, date):
        return text
    try:
        return datetime.strptime(str(text), "%Y-%m-%d %H:%M").replace(tzinfo=OSLO)
    except ValueError:
        return date.fromisoformat(str(text))


def end_of(record: dict) -> datetime | date | None:
    """`end` as written, a bare "21:00" placed on the start day."""
    end = record.get("end")
    if end is None:
        return None
    if isinstance(end, str) and len(end) <= 5:
        return when(f"{str(record['start'])[:10]} {end}")
    return when(end)


def status_of(record: dict) -> str:
    """The status as written, or the contract's default from the date."""
    if record.get("status"):
        return record["status"]
    start = when(record["start"])
    if isinstance(start, datetime):
        return "planned" if start > NOW else "held"
    return "planned" if start >= NOW.date() else "held"


def page(workshop_id: str) -> str:
    return f"{SITE}verksteder/{workshop_id}/"


def calendar(built: Built, path: str) -> Calendar:
    return Calendar.from_ical((built.out / path).read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def jsonld(built: Built, url: str) -> list[dict]:
    scripts = built.html(url).select('head script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def output_path(built: Built, absolute: str) -> Path:
    """The built file behind an absolute URL of the site."""
    assert absolute.startswith(SITE), absolute
    relative = absolute.removeprefix(SITE)
    path = built.out / relative
    return path / "index.html" if relative == "" or relative.endswith("/") else path


# iCalendar -------------------------------------------------------------------------------

def test_the_calendar_of_all_workshops_has_one_event_per_record(sample: Built) -> None:
    cal = calendar(sample, "verksteder.ics")
    found = events(cal)
    # Beside them each activity's deadline (tests/test_activities_outputs.py).
    assert set(found) == {f"{key}@{HOST}" for key in WORKSHOPS} | \
        {f"{key}.medvirkning@{HOST}" for key, r in ACTIVITIES.items() if r.get("end")}
    [vtimezone] = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Oslo"
    # The shipped rules themselves (not the reader's own zone database) give the offsets.
    shipped = vtimezone.to_tz(lookup_tzid=False)
    for key, record in WORKSHOPS.items():
        event = found[f"{key}@{HOST}"]
        start, expected = event.decoded("DTSTART"), when(record["start"])
        assert start == expected
        if isinstance(expected, datetime):
            assert start.replace(tzinfo=shipped).utcoffset() == expected.utcoffset()
            assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
            if end_of(record):
                assert event.decoded("DTEND") == end_of(record)
        else:
            assert event["DTSTART"].params["VALUE"] == "DATE"
        assert str(event["SUMMARY"]) == record["title"]
        assert str(event["URL"]) == page(key)
        assert page(key) in str(event["DESCRIPTION"])
        assert isinstance(event.decoded("LAST-MODIFIED"), datetime)
        assert str(event["STATUS"]) == ICS_STATUS[status_of(record)]


def test_calendar_events_say_where(sample: Built) -> None:
    found = events(calendar(sample, "verksteder.ics"))
    first = WORKSHOPS["2020-02-11-forste-politiske-verksted"]
    location = str(found[f"2020-02-11-forste-politiske-verksted@{HOST}"]["LOCATION"])
    for part in first["location"].values():
        assert part in location
    third = WORKSHOPS["2020-05-12-tredje-politiske-verksted"]
    assert str(found[f"2020-05-12-tredje-politiske-verksted@{HOST}"]["LOCATION"]) == \
        third["online_url"]


def test_each_committee_and_workshop_has_its_own_calendar(sample: Built) -> None:
    for key in COMMITTEES:
        own = events(calendar(sample, f"kalender/utvalg/{key}.ics"))
        expected = {f"{w}@{HOST}" for w, r in WORKSHOPS.items() if r["committee"] == key}
        assert set(own) == expected
    for key in WORKSHOPS:
        assert set(events(calendar(sample, f"kalender/verksted/{key}.ics"))) == {f"{key}@{HOST}"}


def test_each_workshop_page_links_its_calendar(sample: Built) -> None:
    for key in WORKSHOPS:
        url = f"verksteder/{key}/"
        link = sample.main(url).select_one(".verksted-calendar a")
        assert link is not None and link.get_text(strip=True) == "Legg til i kalender"
        target = posixpath.normpath(posixpath.join(url, link["href"]))
        assert set(events(calendar(sample, target))) == {f"{key}@{HOST}"}


def test_the_workshop_list_offers_a_subscription(sample: Built) -> None:
    hrefs = [a["href"] for a in sample.main("verksteder/").select(".verksted-feeds a")]
    assert f"webcal://{HOST}/verksteder.ics" in hrefs
    assert f"{SITE}verksteder.ics" in hrefs


# Atom ------------------------------------------------------------------------------------

def test_the_atom_feed_lists_published_summaries_newest_first(sample: Built) -> None:
    feed = feedparser.parse((sample.out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    ids = [entry.id for entry in feed.entries]
    activities = [f"{SITE}medvirkning/{key}/" for key in ACTIVITIES]  # test_activities_outputs.py
    assert sorted(ids) == sorted([*(page(key) for key, r in WORKSHOPS.items() if r["_summary"]),
                                  *activities])
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for entry in feed.entries:
        if entry.id in activities:
            continue
        key = entry.id.removeprefix(f"{SITE}verksteder/").strip("/")
        assert entry.title == WORKSHOPS[key]["title"]
        assert entry.link == entry.id
        assert output_path(sample, entry.link).exists()


def test_the_committee_page_links_the_feed_in_its_head(sample: Built) -> None:
    url = "utvalg/kommuneplanutvalget/"
    link = sample.html(url).select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert link is not None
    assert posixpath.normpath(posixpath.join(url, link["href"])) == "feed.xml"


# Aktuelt ---------------------------------------------------------------------------------

def test_the_aktuelt_page_lists_the_update_and_its_rss_feed(sample: Built) -> None:
    feed = feedparser.parse((sample.out / "aktuelt" / "rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version.startswith("rss")
    assert [entry.title for entry in feed.entries] == [
        "Korona påvirker det tredje politiske verkstedet"]
    assert output_path(sample, feed.entries[0].link).exists()
    assert "pandemi" in feed.entries[0].summary
    main = sample.html("aktuelt/").select_one(".md-content")
    assert "Korona påvirker det tredje politiske verkstedet" in main.get_text()
    assert main.select_one('a[href="rss.xml"]') is not None
    nav = sample.html("").select_one(".md-nav--primary")
    assert "Aktuelt" in nav.get_text()


# JSON-LD ---------------------------------------------------------------------------------

def test_each_workshop_page_carries_an_event(sample: Built) -> None:
    for key, record in WORKSHOPS.items():
        [event] = jsonld(sample, f"verksteder/{key}/")
        assert event["@context"] == "https://schema.org"
        assert event["@type"] == "Event"
        assert event["name"] == record["title"]
        start = when(record["start"])
        if isinstance(start, datetime):
            assert datetime.fromisoformat(event["startDate"]) == start
            assert event["startDate"].endswith(("+01:00", "+02:00"))
        else:
            assert event["startDate"] == start.isoformat()
        if isinstance(end_of(record), datetime):
            assert datetime.fromisoformat(event["endDate"]) == end_of(record)
        status = status_of(record)
        assert event["eventStatus"] == "https://schema.org/" + EVENT_STATUS[status]
        attendance = "online" if status == "moved-online" else record.get("attendance",
                                                                         "in-person")
        assert event["eventAttendanceMode"] == "https://schema.org/" + MODES[attendance]
        assert event["url"] == page(key)
        assert bool(event.get("description")) == bool(record["_summary"])
        names = [o["name"] for o in event["organizer"]]
        assert names == [COMMITTEES[record["committee"]]["name"], "Lørenskog kommune"]
        location = event.get("location")
        if attendance == "online":
            assert location == {"@type": "VirtualLocation", "url": record["online_url"]}
        elif attendance == "in-person" and record.get("location"):
            assert location["@type"] == "Place"
            place = record["location"]
            assert location["name"] == ", ".join(place[k] for k in ("name", "room") if k in place)
    first = jsonld(sample, "verksteder/2020-02-11-forste-politiske-verksted/")[0]
    assert first["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "Hasselveien 6", "postalCode": "1470",
        "addressLocality": "Lørenskog", "addressCountry": "NO"}


def test_the_committee_page_carries_an_organization_with_its_members(sample: Built) -> None:
    for key, record in COMMITTEES.items():
        [org] = jsonld(sample, f"utvalg/{key}/")
        assert org["@type"] == "Organization"
        assert org["name"] == record["name"]
        assert org["url"] == f"{SITE}utvalg/{key}/"
        assert org["parentOrganization"]["name"] == "Lørenskog kommune"
        members = [(m["member"]["name"], m["member"]["affiliation"]["alternateName"],
                    m["roleName"]) for m in org["member"]]
        assert members == [(m["name"], m["party"], m["role"]) for m in record["members"]]


# Open data -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def open_data(sample: Built) -> dict:
    document = json.loads((sample.out / "apne-data" / "verksted.json").read_text("utf-8"))
    schema = json.loads((sample.out / "apne-data" / "verksted.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def test_the_open_data_document_holds_every_sample_record(open_data: dict,
                                                          sample: Built) -> None:
    assert open_data["version"] == "1.2"
    assert open_data["licence"]["identifier"] == "NLOD-2.0"
    assert open_data["licence"]["url"] == "https://data.norge.no/nlod/no/2.0"
    datetime.fromisoformat(open_data["generated"])
    for folder, key in (("plans", "plans"), ("committees", "committees"),
                        ("methods", "methods"), ("workshops", "workshops")):
        assert [item["id"] for item in open_data[key]] == sorted(records(folder)), folder
        for item in open_data[key]:
            assert output_path(sample, item["url"]).exists(), item["url"]
    assert open_data["municipality"]["name"] == "Lørenskog kommune"
    for item in open_data["workshops"]:
        record = WORKSHOPS[item["id"]]
        assert item["title"] == record["title"]
        assert item["start"] == (when(record["start"]).isoformat())
        assert output_path(sample, item["calendar"]).exists()
    for name in ("calendar", "feed", "csv", "activities_csv", "schema"):
        assert output_path(sample, open_data["links"][name]).exists(), name


def test_the_csv_has_one_row_per_workshop(sample: Built) -> None:
    raw = (sample.out / "apne-data" / "verksteder.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8 (æøå) correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == sorted(WORKSHOPS)
    for row in rows:
        record = WORKSHOPS[row["id"]]
        assert row["title"] == record["title"]
        assert row["status"] == status_of(record)
        assert row["start"] == when(record["start"]).isoformat()


# Every output is reachable ---------------------------------------------------------------

FEED_FILES = ["verksteder.ics", "feed.xml", "aktuelt/rss.xml", "apne-data/verksted.json",
              "apne-data/verksted.schema.json", "apne-data/verksteder.csv",
              "apne-data/medvirkning.csv",
              *(f"kalender/utvalg/{key}.ics" for key in COMMITTEES),
              *(f"kalender/verksted/{key}.ics" for key in WORKSHOPS)]


def test_every_feed_and_file_is_linked_from_a_page(sample: Built) -> None:
    linked: set[str] = set()
    for html in sample.out.rglob("*.html"):
        url = html.relative_to(sample.out).as_posix()
        soup = sample.html(url.removesuffix("index.html"))
        for anchor in soup.select("a[href]"):
            href = anchor["href"]
            if href.startswith(("webcal://", SITE)):
                linked.add(href.split(HOST + "/", 1)[1])
            elif not urlsplit(href).scheme and not href.startswith("#"):
                linked.add(posixpath.normpath(urljoin("/" + url, href)).lstrip("/"))
    for path in FEED_FILES:
        assert (sample.out / path).exists(), path
        assert path in linked, path
    open_data_page = sample.main("apne-data/")
    assert open_data_page.select_one("h1").get_text(strip=True).rstrip("¶") == "Åpne data"
    assert "apne-data/" in (sample.out / "sitemap.xml").read_text("utf-8")

