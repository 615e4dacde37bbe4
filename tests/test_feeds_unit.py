"""The feeds as plain Python over the portal, without MkDocs: the pieces a build relies on."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import REPO
from verksted_plugin.outputs import ics, jsonld, opendata
from verksted_plugin.outputs.context import FeedContext
from verksted_plugin.outputs.text import to_plain
from verksted_plugin.pages.feed_addresses import FeedLinks, normal_site_url
from verksted_plugin.pages.generated import PageBuilder
from verksted_plugin.portal.views import build_portal
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.modified import ModifiedTimes


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> FeedContext:
    """The sample's portal, its record files dated by mtime in a folder outside git."""
    portal = build_portal(load_dataset(REPO / "data", REPO / "docs", display_root=REPO),
                          now=datetime(2020, 4, 1, tzinfo=UTC))
    return FeedContext(portal, PageBuilder(portal), FeedLinks("https://kommune.example/sub/"),
                       ModifiedTimes(tmp_path_factory.mktemp("no-git")))


def test_page_addresses_keep_the_site_path(ctx: FeedContext) -> None:
    workshop = ctx.portal.workshops["2020-02-11-forste-politiske-verksted"]
    assert ctx.page_url(workshop) == \
        "https://kommune.example/sub/verksteder/2020-02-11-forste-politiske-verksted/"
    assert ctx.uid(workshop) == "2020-02-11-forste-politiske-verksted@kommune.example"
    assert ctx.links.webcal("verksteder.ics") == "webcal://kommune.example/sub/verksteder.ics"


def test_a_planned_workshop_before_its_date_is_confirmed(ctx: FeedContext) -> None:
    """With `now` in April 2020 the May workshop lies ahead; its status comes from the file."""
    third = ctx.portal.workshops["2020-05-12-tredje-politiske-verksted"]
    cal = Calendar.from_ical(ics.calendar(ctx, "Test", [third]))
    [event] = cal.walk("VEVENT")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Korona påvirker." in str(event["DESCRIPTION"])  # the status note, as plain text
    assert "**" not in str(event["DESCRIPTION"])


def test_a_file_outside_git_is_dated_by_its_mtime(tmp_path: Path) -> None:
    record = tmp_path / "data" / "x.md"
    record.parent.mkdir()
    record.write_text("x", encoding="utf-8")
    os.utime(record, (1_600_000_000, 1_600_000_000))
    assert ModifiedTimes(tmp_path).of("data/x.md") == datetime.fromtimestamp(1_600_000_000, UTC)


def test_the_open_data_document_serialises_and_names_its_schema(ctx: FeedContext) -> None:
    document = json.loads(opendata.document_json(ctx))
    schema = opendata.schema(ctx)
    assert schema["$id"] == "https://kommune.example/sub/apne-data/verksted.schema.json"
    assert schema["properties"]["version"]["const"] == "1.2"
    assert document["links"]["schema"] == schema["$id"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hasselveien 6, 1470 Lørenskog",
     {"streetAddress": "Hasselveien 6", "postalCode": "1470", "addressLocality": "Lørenskog"}),
    ("Rådhuset, 2. etasje", {"streetAddress": "Rådhuset, 2. etasje"}),
])
def test_addresses_become_postal_addresses(text: str, expected: dict[str, str]) -> None:
    assert jsonld.postal_address(text) == {"@type": "PostalAddress", **expected,
                                           "addressCountry": "NO"}


def test_markdown_becomes_plain_text() -> None:
    assert to_plain("**Korona** påvirker\nalt.\n\nNeste *avsnitt* &amp; mer.") == \
        "Korona påvirker alt.\n\nNeste avsnitt & mer."


def test_an_unset_site_url_uses_the_documented_default() -> None:
    assert normal_site_url(None) == "https://verksted.invalid/"
    assert normal_site_url("https://a.example/b") == "https://a.example/b/"


def test_a_shallow_clone_deepened_while_serving_gets_its_older_dates(tmp_path: Path) -> None:
    """`mkdocs serve` keeps the git log per HEAD; deepening a shallow clone keeps HEAD the same
    but reveals when a file really changed, so the kept log must not be reused."""
    origin = tmp_path / "origin"
    (origin / "data").mkdir(parents=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str, cwd: Path = origin, when: str | None = None) -> None:
        dated = {**env, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else env
        subprocess.run(["git", *args], cwd=cwd, env=dated, check=True, capture_output=True)

    git("init", "-q")
    (origin / "data" / "old.md").write_text("old", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "old", when="2020-01-01T12:00:00+00:00")
    (origin / "data" / "new.md").write_text("new", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "new", when="2024-06-01T12:00:00+00:00")
    clone = tmp_path / "clone"
    git("clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    newest = datetime(2024, 6, 1, 12, tzinfo=UTC)
    assert ModifiedTimes(clone, "data").of("data/old.md") == newest  # the graft's date
    git("fetch", "-q", "--unshallow", cwd=clone)
    assert ModifiedTimes(clone, "data").of("data/old.md") == datetime(2020, 1, 1, 12, tzinfo=UTC)


# issue 11: texts of plain paragraphs skip Python-Markdown; the HTML must be what it makes.
@pytest.mark.parametrize("text", [
    "På verksted 3 drøftet utvalget visjon, boliger. Deltakerne skrev «innspill» (50 %).",
    "Første linje\nandre linje: kl. 18.00–21.00 i Møterom 2.\n\nNytt avsnitt? Ja!\n",
    "Mr. Hansen sa \"ja\" og 'nei' – e-post: post@kommune.no, se https://kommune.no/a.",
])
def test_plain_paragraphs_become_the_html_markdown_makes(text: str) -> None:
    from verksted_plugin.outputs import text as feed_text
    fast = feed_text.paragraphs_html(text)
    assert fast is not None
    assert fast == feed_text._CONVERTER.reset().convert(text)


@pytest.mark.parametrize("text", [
    "Et **uthevet** ord", "snake_case", "1. punkt", "- punkt", "Linje  \nmed hardt skift",
    "Tittel\n---", "A & B", "<b>x</b>", "  innrykk", "Tre\n\n\nlinjeskift", "[lenke](x)",
    "Tab\there", "#overskrift", "> sitat", "a {: .klasse }", "`kode`", "~~x~~", "",
])
def test_text_that_may_hold_markdown_goes_to_the_converter(text: str) -> None:
    from verksted_plugin.outputs import text as feed_text
    assert feed_text.paragraphs_html(text) is None


@pytest.mark.parametrize("name", [
    "Alle verksteder i Lørenskog", "Verksted om «barn, unge; eldre» \\ " * 4, "ø" * 90,
])
def test_a_calendar_head_is_the_same_as_icalendar_makes_whole(name: str) -> None:
    assert ics._calendar_head(name) == ics._whole_head(name)
    assert str(Calendar.from_ical(ics._calendar_head(name))["X-WR-CALNAME"]) == name
