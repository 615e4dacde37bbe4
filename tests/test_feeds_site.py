"""Feeds of small purpose-made sites: statuses, all-day and hybrid workshops, drafts, empty
calendars, a missing site_url, escaping, and the same output on every build."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import jsonschema
from icalendar import Calendar

from conftest import MUNICIPALITY, Built, SiteFactory, run_build

OSLO = ZoneInfo("Europe/Oslo")
HOST = "verksted.example.no"
NASTY = '</script><script>alert("x")</script> & <b>'

CANCELLED = f"""\
---
title: '{NASTY}'
committee: planutvalget
start: "2020-02-11 18:00"
end: "21:00"
status: cancelled
---
Avlyst.
"""

POSTPONED = """\
---
title: Utsatt verksted
committee: planutvalget
start: 2020-06-01
status: postponed
---
"""

HYBRID = """\
---
title: Hybrid samling
committee: planutvalget
start: 2020-06-02
end: 2020-06-03
status: planned
attendance: hybrid
location: {name: Rådhuset, address: "Storgata 1, 1234 Testvik"}
online_url: https://møte.example.no/hybrid
---
To dager, i salen og på nett.
"""

DRAFT = """\
---
title: Hemmelig utkast
committee: planutvalget
start: "2020-09-01 18:00"
draft: true
---
Ikke publisert ennå.
"""

QUIET_COMMITTEE = """\
name: Stille utvalg
plan: samfunnsdel
purpose: Har ingen verksteder ennå.
"""


def statuses_site(site: SiteFactory) -> SiteFactory:
    return (site.set("data/workshops/2020-02-11-forste.md", CANCELLED)
            .set("data/workshops/2020-06-01-utsatt.md", POSTPONED)
            .set("data/workshops/2020-06-02-hybrid.md", HYBRID)
            .set("data/workshops/2020-09-01-utkast.md", DRAFT)
            .set("data/committees/stille.yml", QUIET_COMMITTEE))


def events(built: Built, path: str) -> dict[str, object]:
    cal = Calendar.from_ical((built.out / path).read_bytes())
    return {str(event["UID"]).split("@")[0]: event for event in cal.walk("VEVENT")}


def jsonld(built: Built, url: str) -> dict:
    [script] = built.html(url).select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_statuses_all_day_and_hybrid_workshops(site: SiteFactory) -> None:
    built = statuses_site(site).build()
    found = events(built, "verksteder.ics")
    assert set(found) == {"2020-02-11-forste", "2020-06-01-utsatt", "2020-06-02-hybrid"}

    cancelled = found["2020-02-11-forste"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == NASTY
    assert cancelled.decoded("DTEND") == datetime(2020, 2, 11, 21, 0, tzinfo=OSLO)

    postponed = found["2020-06-01-utsatt"]
    assert str(postponed["STATUS"]) == "TENTATIVE"
    assert postponed["DTSTART"].params.get("VALUE") == "DATE"
    assert postponed.decoded("DTSTART") == date(2020, 6, 1)
    assert postponed.decoded("DTEND") == date(2020, 6, 2)  # the day after: RFC 5545 all-day

    hybrid = found["2020-06-02-hybrid"]
    assert str(hybrid["STATUS"]) == "CONFIRMED"
    assert hybrid.decoded("DTEND") == date(2020, 6, 4)
    assert str(hybrid["LOCATION"]) == "Rådhuset, Storgata 1, 1234 Testvik"

    assert jsonld(built, "verksteder/2020-02-11-forste/")["eventStatus"] == \
        "https://schema.org/EventCancelled"
    event = jsonld(built, "verksteder/2020-06-01-utsatt/")
    assert event["eventStatus"] == "https://schema.org/EventPostponed"
    assert event["startDate"] == "2020-06-01"
    event = jsonld(built, "verksteder/2020-06-02-hybrid/")
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["endDate"] == "2020-06-03"
    place, online = event["location"]
    assert place["address"]["postalCode"] == "1234"
    assert online == {"@type": "VirtualLocation", "url": "https://møte.example.no/hybrid"}


def test_a_value_cannot_break_out_of_the_json_ld_script(site: SiteFactory) -> None:
    built = statuses_site(site).build()
    soup = built.html("verksteder/2020-02-11-forste/")
    # The title is inside exactly one script, the JSON-LD one; no second script was opened.
    holding = [s for s in soup.select("script") if s.string and "alert" in s.string]
    assert [s["type"] for s in holding] == ["application/ld+json"]
    assert jsonld(built, "verksteder/2020-02-11-forste/")["name"] == NASTY
    raw = (built.out / "verksteder/2020-02-11-forste/index.html").read_text("utf-8")
    assert "\\u003c/script\\u003e" in raw


def test_a_draft_is_in_no_feed_and_no_file(site: SiteFactory) -> None:
    built = statuses_site(site).build()
    assert not (built.out / "kalender/verksted/2020-09-01-utkast.ics").exists()
    assert not (built.out / "verksteder/2020-09-01-utkast").exists()
    for path in ("verksteder.ics", "kalender/utvalg/planutvalget.ics", "feed.xml",
                 "apne-data/verksted.json", "apne-data/verksteder.csv"):
        text = (built.out / path).read_text("utf-8")
        assert "utkast" not in text and "Hemmelig" not in text, path

    document = json.loads((built.out / "apne-data/verksted.json").read_text("utf-8"))
    schema = json.loads((built.out / "apne-data/verksted.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert [w["id"] for w in document["workshops"]] == [
        "2020-02-11-forste", "2020-06-01-utsatt", "2020-06-02-hybrid"]
    assert all("draft" not in w for w in document["workshops"])
    statuses = {w["id"]: (w["status"], w["all_day"]) for w in document["workshops"]}
    assert statuses["2020-06-01-utsatt"] == ("postponed", True)

    rows = list(csv.DictReader(io.StringIO(
        (built.out / "apne-data/verksteder.csv").read_text("utf-8-sig"))))
    assert [r["id"] for r in rows] == [w["id"] for w in document["workshops"]]

    feed = feedparser.parse((built.out / "feed.xml").read_bytes())
    assert not feed.bozo
    # The postponed workshop has no summary yet, so it is not in the news feed.
    assert sorted(e.title for e in feed.entries) == sorted(["Hybrid samling", NASTY])


def test_a_calendar_without_workshops_is_still_valid(site: SiteFactory) -> None:
    built = statuses_site(site).build()
    cal = Calendar.from_ical((built.out / "kalender/utvalg/stille.ics").read_bytes())
    assert cal.walk("VEVENT") == []
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_the_uid_host_falls_back_when_site_url_is_unset(site: SiteFactory) -> None:
    site.mkdocs.pop("site_url")
    built = site.build()
    assert set(events(built, "verksteder.ics")) == {"2020-02-11-forste"}
    cal = Calendar.from_ical((built.out / "verksteder.ics").read_bytes())
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == ["2020-02-11-forste@verksted.invalid"]


def git(root: Path, *args: str, when: str = "2021-03-04T05:06:07+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.no",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.no"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_last_modified_is_the_commit_date_and_builds_repeat(site: SiteFactory) -> None:
    root = site.write()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    first = site.build()
    files = ["verksteder.ics", "feed.xml", "kalender/utvalg/planutvalget.ics"]
    before = {path: (first.out / path).read_bytes() for path in files}
    [event] = events(first, "verksteder.ics").values()
    committed = datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert event.decoded("LAST-MODIFIED") == committed
    feed = feedparser.parse(before["feed.xml"])
    assert datetime(*feed.entries[0].updated_parsed[:6], tzinfo=UTC) == committed

    second = site.build()
    assert {path: (second.out / path).read_bytes() for path in files} == before

    # An edit not yet committed: the commit date would be too old, the file's mtime is used.
    name = "data/workshops/2020-02-11-forste.md"
    site.set(name, site.files[name] + "Mer tekst.\n").write()
    os.utime(root / name, (1_700_000_000, 1_700_000_000))
    [event] = events(run_build(root), "verksteder.ics").values()
    assert event.decoded("LAST-MODIFIED") == datetime.fromtimestamp(1_700_000_000, UTC)


def test_feed_links_resolve_without_directory_urls(site: SiteFactory) -> None:
    site.mkdocs["use_directory_urls"] = False
    built = site.build()
    url = "verksteder/2020-02-11-forste.html"
    link = built.html(url).select_one(".verksted-calendar a")
    assert link is not None
    assert (built.out / "verksteder" / link["href"]).resolve() == \
        (built.out / "kalender/verksted/2020-02-11-forste.ics").resolve()
    event = jsonld(built, url)
    assert event["url"] == "https://verksted.example.no/verksteder/2020-02-11-forste.html"
    atom = built.html("utvalg/planutvalget.html").select_one(
        'head link[type="application/atom+xml"]')
    assert (built.out / "utvalg" / atom["href"]).resolve() == (built.out / "feed.xml").resolve()


SECOND = """\
---
title: Andre verksted
committee: planutvalget
start: "2020-03-10 18:00"
status: held
---
Oppsummeringen av det andre verkstedet.
"""


def test_the_feed_puts_the_latest_published_summary_first(site: SiteFactory) -> None:
    """The older workshop's summary is committed last, so it leads the feed."""
    root = site.set("data/workshops/2020-03-10-andre.md", SECOND).write()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "both", when="2021-01-01T10:00:00+00:00")
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"] + "Referatet er klart.\n").write()
    git(root, "commit", "-qam", "summary", when="2021-02-01T10:00:00+00:00")
    feed = feedparser.parse((run_build(root).out / "feed.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Første verksted", "Andre verksted"]
    assert [entry.updated for entry in feed.entries] == ["2021-02-01T10:00:00Z",
                                                         "2021-01-01T10:00:00Z"]
    assert feed.feed.updated == "2021-02-01T10:00:00Z"


def test_feed_texts_follow_the_site_language(site: SiteFactory) -> None:
    built = site.set("data/municipality.yml",
                     MUNICIPALITY.replace("language: nb", "language: en")).build()
    link = built.main("verksteder/2020-02-11-forste/").select_one(".verksted-calendar a")
    assert link.get_text(strip=True) == "Add to calendar"
    feed = feedparser.parse((built.out / "feed.xml").read_bytes())
    assert feed.feed.title == "Political workshops – Testvik kommune"
    assert feed.feed.language == "en"
    cal = Calendar.from_ical((built.out / "verksteder.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "Political workshops – Testvik kommune"
    assert "Read more: https://verksted.example.no/verksteder/2020-02-11-forste/" in \
        str(cal.walk("VEVENT")[0]["DESCRIPTION"])
