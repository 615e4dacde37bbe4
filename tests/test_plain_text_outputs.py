"""Plain-text outputs get plain text, escaped once by their own format (issue 21, point 3);
the XML and iCalendar writers never emit a control character (point 5); the open-data CSV
cannot start a spreadsheet formula.

A copy of the sample is built with an ampersand in the municipality's and a committee's
name and a workshop titled as a formula, and every output is read with a real parser:
icalendar, feedparser, lxml's strict parser, BeautifulSoup, json and csv.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from lxml import etree
from markupsafe import Markup

from conftest import REPO, Built, copy_sample, run_build, shared_build
from verksted_plugin.language.labels import Labels
from verksted_plugin.outputs import atom, ics, news, opendata
from verksted_plugin.outputs.context import FeedContext
from verksted_plugin.outputs.text import ics_line, ics_text, xml_text
from verksted_plugin.pages.feed_addresses import FeedLinks
from verksted_plugin.pages.generated import PageBuilder
from verksted_plugin.portal.views import Portal, build_portal
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.modified import ModifiedTimes

MUNICIPALITY = "Aure & Smøla kommune"
COMMITTEE = "Plan & bygg"
FORMULA = '=HYPERLINK("http://x")'
FIRST = "2020-02-11-forste-politiske-verksted"
SECOND = "2020-03-10-andre-politiske-verksted"
COMMITTEE_ID = "kommuneplanutvalget"
# Every character XML 1.0 forbids that a YAML escape can write, and a lone surrogate.
CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                             0xFFFE, 0xFFFF, 0xD800]))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _hostile_sample(root: Path) -> Built:
    copy_sample(root)
    _replace(root / "mkdocs.yml", "folkevalgte i Lørenskog", f"folkevalgte i {MUNICIPALITY}")
    data = root / "data"
    _replace(data / "municipality.yml", "name: Lørenskog kommune", f"name: {MUNICIPALITY}")
    _replace(data / "committees" / f"{COMMITTEE_ID}.yml", "name: Kommuneplanutvalget",
             f"name: {COMMITTEE}")
    _replace(data / "workshops" / f"{FIRST}.md", "title: Første politiske verksted",
             f"title: {COMMITTEE}")
    _replace(data / "workshops" / f"{SECOND}.md", "title: Andre politiske verksted",
             f"title: '{FORMULA}'")
    _replace(data / "workshops" / f"{SECOND}.md", "name: Lørenskog rådhus", "name: '@rådhus'")
    return run_build(root)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return shared_build(tmp_path_factory, "plain-text-outputs", _hostile_sample)


def _calendar(built: Built, path: str) -> Calendar:
    return Calendar.from_ical((built.out / path).read_bytes())


def test_calendar_names_and_summaries_are_plain_text(built: Built) -> None:
    assert str(_calendar(built, "verksteder.ics")["X-WR-CALNAME"]) == \
        f"Politiske verksteder – {MUNICIPALITY}"
    assert str(_calendar(built, f"kalender/utvalg/{COMMITTEE_ID}.ics")["X-WR-CALNAME"]) == \
        f"{COMMITTEE} – verksteder"
    own = _calendar(built, f"kalender/verksted/{FIRST}.ics")
    assert str(own["X-WR-CALNAME"]) == COMMITTEE
    [event] = own.walk("VEVENT")
    assert str(event["SUMMARY"]) == COMMITTEE
    for path in (built.out / "kalender").rglob("*.ics"):
        assert b"&amp;" not in path.read_bytes(), path


def _texts(element: etree._Element) -> list[str]:
    """Every text and attribute value of a parsed feed, but HTML payloads (which escape)."""
    found = []
    for node in element.iter():
        if node.get("type") == "html" or etree.QName(node).localname == "description":
            continue
        found += [node.text or "", *node.attrib.values()]
    return found


def test_the_atom_feed_reads_plain_names(built: Built) -> None:
    raw = (built.out / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo
    assert parsed.feed.title == f"Politiske verksteder – {MUNICIPALITY}"
    assert parsed.feed.author_detail.name == MUNICIPALITY
    # A workshop's entry names its committee, an activity's its plan.
    assert {tag.label for entry in parsed.entries for tag in entry.tags} == \
        {COMMITTEE, "Kommuneplanens samfunnsdel"}
    root = etree.fromstring(raw, etree.XMLParser(recover=False))
    ns = {"a": atom.ATOM_NS}
    assert root.findtext("a:title", namespaces=ns) == f"Politiske verksteder – {MUNICIPALITY}"
    assert not [text for text in _texts(root) if "&amp;" in text]


def test_the_news_feed_reads_plain_names(built: Built) -> None:
    raw = (built.out / "aktuelt" / "rss.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo
    assert parsed.feed.title == f"Aktuelt – {MUNICIPALITY}"
    assert parsed.feed.subtitle == f"Oppdateringer om planarbeidet fra {MUNICIPALITY}."
    channel = etree.fromstring(raw, etree.XMLParser(recover=False)).find("channel")
    assert channel is not None
    assert channel.findtext("title") == f"Aktuelt – {MUNICIPALITY}"
    assert channel.findtext("description") == f"Oppdateringer om planarbeidet fra {MUNICIPALITY}."


def _metas(built: Built) -> list[tuple[str, str, str]]:
    pages = [p for p in built.out.rglob("index.html") if "admin" not in p.parts]
    found = []
    for page in pages:
        soup = built.html(str(page.parent.relative_to(built.out)) + "/")
        for meta in soup.select("meta[content]"):
            key = meta.get("property") or meta.get("name") or ""
            found.append((str(page.relative_to(built.out)), str(key), str(meta["content"])))
    return found


def test_share_cards_and_descriptions_hold_plain_text(built: Built) -> None:
    metas = _metas(built)
    assert not [meta for meta in metas if "&amp;" in meta[2] or "&#" in meta[2]]
    descriptions = {content for _, key, content in metas if key == "og:description"}
    assert f"Politiske verksteder i {MUNICIPALITY}: planer, utvalg, verksteder og innspill." \
        in descriptions
    assert any(content.endswith(f" i {MUNICIPALITY}.") for content in descriptions)  # themes
    assert {content for _, key, content in metas if key == "description"} == {
        f"Slik arbeider de folkevalgte i {MUNICIPALITY} med kommuneplanens samfunnsdel."}
    titles = {content for _, key, content in metas if key == "og:title"}
    assert COMMITTEE in titles and FORMULA in titles
    assert {content for _, key, content in metas if key == "og:site_name"} == {MUNICIPALITY}


def _json_ld(built: Built, url: str) -> list[dict[str, object]]:
    scripts = built.html(url).select('script[type="application/ld+json"]')
    return [json.loads(script.string or "") for script in scripts]


def test_json_ld_names_are_plain(built: Built) -> None:
    [organization] = _json_ld(built, f"utvalg/{COMMITTEE_ID}/")
    assert organization["name"] == COMMITTEE
    assert organization["parentOrganization"] == {  # type: ignore[index]
        "@type": "GovernmentOrganization", "name": MUNICIPALITY,
        "url": "https://www.lorenskog.kommune.no"}
    [event] = _json_ld(built, f"verksteder/{FIRST}/")
    assert event["name"] == COMMITTEE
    [dataset] = _json_ld(built, "apne-data/")
    assert dataset["name"] == f"Åpne data om verkstedene – {MUNICIPALITY}"


def test_open_data_json_keeps_the_names_as_written(built: Built) -> None:
    document = json.loads((built.out / "apne-data/verksted.json").read_text("utf-8"))
    assert document["municipality"]["name"] == MUNICIPALITY
    workshops = {w["id"]: w for w in document["workshops"]}
    assert workshops[SECOND]["title"] == FORMULA  # JSON is data, not a spreadsheet


def test_the_csv_cannot_start_a_formula(built: Built) -> None:
    raw = (built.out / "apne-data/verksteder.csv").read_text("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw))}
    assert rows[SECOND]["title"] == "'" + FORMULA
    assert rows[SECOND]["location"].startswith("'@rådhus, ")
    assert rows[FIRST]["committee_name"] == COMMITTEE
    assert rows[FIRST]["start"] == "2020-02-11T18:00:00+01:00"  # the code's own, untouched
    assert rows[FIRST]["politicians"] == "9"
    # Every cell quoted, so a spreadsheet splitting on ";" cannot start a cell mid-text.
    assert '"\'=HYPERLINK(""http://x"")"' in raw
    for line in raw.splitlines():
        assert line.startswith('"') and line.endswith('"'), line


@pytest.mark.parametrize("value", [
    "=1+1", "+47 22", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1", "\u00a0=1",
])
def test_a_formula_cell_gets_a_quote(value: str) -> None:
    assert opendata.csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Plan & bygg", "2020-02-11", "9", "a=b", "'=1"])
def test_other_cells_are_kept(value: str) -> None:
    assert opendata.csv_cell(value) == value


def test_labels_for_plain_text_are_not_escaped() -> None:
    t = Labels("nb")
    name = "Aure & <Smøla> «kommune»"
    assert t.plain("feeds_calendar_all", municipality=name) == f"Politiske verksteder – {name}"
    assert type(t.plain("feeds_atom_subtitle")) is str
    assert t.plain("share_theme_description", name="A & B", municipality=name,
                   workshops=t.plain_n("themes_workshops", 2),
                   inputs=t("themes_inputs_one", n=1)) == \
        f"A & B: 2 verksteder og 1 innspill i {name}."
    assert t("feeds_calendar_all", municipality=name) == \
        Markup("Politiske verksteder – {}").format(name)  # HTML stays HTML


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_plain_label_is_the_text_as_written(language: str) -> None:
    t = Labels(language)
    for key, text in t.texts.items():
        if "{" not in text:
            assert t.plain(key) == text, key


def test_text_for_xml_and_ics_loses_control_characters() -> None:
    assert xml_text(f"A{CONTROLS}\tB\nC\r\n") == "A\tB\nC\r\n"
    assert ics_text(f"A{CONTROLS}\x7f\tB\nC\r\nD\rE") == "A\tB\nC\nD\nE"
    assert ics_line(f"A{CONTROLS}\r\n  B\tC") == "A B C"
    assert xml_text("Plan & bygg <b> ø 😀") == "Plan & bygg <b> ø 😀"


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> FeedContext:
    """The sample's portal, then control characters put into it past the loader (which may
    refuse them): the writers must cope on their own."""
    portal = build_portal(load_dataset(REPO / "data", REPO / "docs", display_root=REPO),
                          now=datetime(2020, 4, 1, tzinfo=UTC))
    return FeedContext(_with_controls(portal), PageBuilder(portal),
                       FeedLinks("https://kommune.example/"),
                       ModifiedTimes(tmp_path_factory.mktemp("no-git")))


def _with_controls(portal: Portal) -> Portal:
    committee = portal.committees[COMMITTEE_ID]
    committee.record = committee.record.model_copy(update={"name": f"Plan{CONTROLS} & bygg"})
    workshops = {}
    for key, workshop in portal.workshops.items():
        record = workshop.record.model_copy(update={"title": f"Tittel{CONTROLS}",
                                                    "status_note": f"Notat{CONTROLS}"})
        workshops[key] = dataclasses.replace(workshop, record=record,
                                             summary=f"Referat{CONTROLS} & mer.")
    activities = {key: dataclasses.replace(activity, record=activity.record.model_copy(update={
        "title": f"Tittel{CONTROLS}", "description": f"Om{CONTROLS} & mer.",
        "how_to_take_part": f"Slik{CONTROLS}.", "address": f"Gate{CONTROLS} 1, 1470 By"}))
        for key, activity in portal.activities.items()}
    municipality = portal.municipality.model_copy(update={"name": f"Aure{CONTROLS} & Smøla"})
    return dataclasses.replace(portal, workshops=workshops, municipality=municipality,
                               activities=activities)


def test_the_atom_feed_is_well_formed_whatever_the_text(ctx: FeedContext) -> None:
    raw = atom.feed(ctx)
    root = etree.fromstring(raw, etree.XMLParser(recover=False))
    ns = {"a": atom.ATOM_NS}
    assert root.findtext("a:title", namespaces=ns) == "Politiske verksteder – Aure & Smøla"
    assert {e.findtext("a:title", namespaces=ns) for e in root.iterfind("a:entry", ns)} == \
        {"Tittel"}
    assert not feedparser.parse(raw).bozo


def test_the_news_feed_is_well_formed_whatever_the_text() -> None:
    post = news.NewsPost(f"Nytt{CONTROLS}", "aktuelt/nytt/", datetime(2020, 3, 1, tzinfo=UTC),
                         f"Tekst{CONTROLS} & mer.")
    raw = news.rss(FeedLinks("https://kommune.example/"), f"Aktuelt{CONTROLS}",
                   f"Om{CONTROLS}", "nb", "aktuelt/", "aktuelt/rss.xml", [post])
    channel = etree.fromstring(raw, etree.XMLParser(recover=False)).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Aktuelt"
    assert channel.findtext("item/title") == "Nytt"
    assert not feedparser.parse(raw).bozo


def test_a_calendar_holds_no_control_character_whatever_the_text(ctx: FeedContext) -> None:
    raw = ics.calendar(ctx, f"Plan{CONTROLS}\x7f\r & bygg", ctx.workshops(), ctx.activities())
    allowed = {0x09, 0x0A, 0x0D}
    assert not [byte for byte in raw if byte < 0x20 and byte not in allowed or byte == 0x7F]
    assert b"\r" not in raw.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]) == "Plan & bygg"
    # The workshops, and the deadlines of the activities (the sample's all ask for answers).
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {"Tittel", "Frist: Tittel"}
