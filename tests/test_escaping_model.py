"""Escaping tested by the record models, not by example (issue 21).

Markup goes into every text field of every record kind the models define, found by
walking their JSON Schema (a new field is poisoned without editing this file), in a copy
of the sample built once with real MkDocs and `content_security_policy: false`: in every
output (the pages with their share cards and JSON-LD, the search index, Atom/RSS, the
calendars, the open data) it must stay text: no element, attribute, event handler or
`javascript:` address made from a record, and the text reads as written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from icalendar import Calendar
from jinja2 import Environment, FileSystemLoader
from lxml import etree

from conftest import BIN, ENV, Built, copy_sample, language_override, public_pages, shared_build
from verksted_plugin.pages.render import plain_or_markup
from verksted_plugin.pages.template_cache import COMPILED
from verksted_plugin.records import model

# What a Markdown field gets: raw HTML, links and images to `javascript:`, an attribute
# list. The sanitizer keeps what is harmless of it (a field is Markdown on purpose: the
# `<img src=x>`, without its handler, stays).
MARKDOWN = ('<script>alert("x")</script><img src=x onerror=alert(1)> [lenke](javascript:alert(2)) '
            '![bilde](javascript:alert(3)) <a href="javascript:alert(4)">a</a> '
            '<b data-pwned="1">b</b>\n\n*tekst*{: onclick=alert(5) .pwned data-pwned=1 }')
# What a plain-text field gets: the same, Markdown emphasis and code that must stay text, a
# placeholder-looking string, and the placeholder the Markdown fields had before issue 21.
OLD_PLACEHOLDER = "verkstedmd" + hashlib.sha256(MARKDOWN.encode("utf-8")).hexdigest()[:24]
PLAIN = ('<script>alert("x")</script><img src=pwnimg onerror=alert(1)> [lenke](javascript:alert(2)) '
         '![bilde](javascript:alert(3)) *pwnem* `pwncode` & &amp; verkstedmd0123456789abcdef01234567 '
         f'{OLD_PLACEHOLDER} {{: onclick=alert(5) .pwned data-pwned=1 }}')
# Text fields that name something else and are filled with what they must name; the
# party code is poisoned in the party table, the files are the sample's own.
NAMES_A_FILE = {("Photo", "src"): "bilder/verksted-1.jpg", ("Document", "file"): None}
# What a record made here needs besides text (a contact is reached somehow, a document is
# somewhere, an address has a postcode).
NEEDED = {("Contact", "email"): "post@example.org", ("Document", "url"): "https://example.org/d.pdf",
          ("Address", "postcode"): "1470"}
PARTY_CODE = "parties0.parties[0].code " + PLAIN
RECORD_FILES = {"municipality": "municipality.yml", "parties": "parties.yml", "plans": "plans/*.yml",
                "committees": "committees/*.yml", "methods": "methods/*.yml",
                "workshops": "workshops/*.md", "activities": "activities/*.yml"}


class Poisoner:
    """Walks a record kind's JSON Schema and writes markup into each of its text fields."""

    def __init__(self, record: type[model.Record]) -> None:
        self.schema = record.model_json_schema()
        self.defs: dict[str, Any] = self.schema.get("$defs", {})
        self.fields: list[str] = []  # every text field poisoned, as a path

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema itself: a `$ref` followed, `X | None` read as `X`."""
        if "$ref" in schema:
            return self.resolve(self.defs[schema["$ref"].rsplit("/", 1)[1]])
        options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
        return self.resolve(options[0]) if len(options) == 1 else schema

    def kind(self, schema: dict[str, Any]) -> str:
        """`plain` text, `markdown`, or `other` (an address, a date, an id, a number …)."""
        schema = self.resolve(schema)
        if schema.get("type") != "string" or "enum" in schema or "const" in schema:
            return "other"
        if schema.get("format") == "markdown":
            return "markdown"
        return "other" if "format" in schema or "pattern" in schema else "plain"

    def holds_text(self, schema: dict[str, Any]) -> bool:
        schema = self.resolve(schema)
        if schema.get("type") == "array":
            return self.holds_text(schema["items"])
        if schema.get("type") == "object":
            return any(self.holds_text(s) for s in schema.get("properties", {}).values())
        return self.kind(schema) != "other"

    def poison(self, value: Any, schema: dict[str, Any], path: str) -> Any:
        schema = self.resolve(schema)
        if schema.get("type") == "object":
            return self.poison_object(value, schema, path)
        if schema.get("type") == "array":
            items = value if value else [None]  # one made when the sample has none
            return [self.poison(item, schema["items"], f"{path}[{i}]")
                    for i, item in enumerate(items)]
        kind = self.kind(schema)
        if kind == "other":
            return value
        self.fields.append(path)
        return MARKDOWN if kind == "markdown" else f"{path} {PLAIN}"

    def poison_object(self, value: dict[str, Any] | None, schema: dict[str, Any], path: str
                      ) -> dict[str, Any]:
        title, made = schema.get("title", ""), value is None
        record = dict(value or {})
        for name, field in schema.get("properties", {}).items():
            if (title, name) in NAMES_A_FILE:
                if made and NAMES_A_FILE[(title, name)]:
                    record[name] = NAMES_A_FILE[(title, name)]
            elif (title, name) == ("Member", "party"):
                record[name] = PARTY_CODE
                self.fields.append(f"{path}.{name}")
            elif name in record or self.holds_text(field):
                record[name] = self.poison(record.get(name), field, f"{path}.{name}")
        if made:
            record.update({name: needed for (owner, name), needed in NEEDED.items()
                           if owner == title and name not in record})
        return record


def poison_sample(root: Path) -> list[str]:
    """Every record of the copied sample (and a party table) poisoned; the fields' paths."""
    data, fields = root / "data", []
    (data / "parties.yml").write_text("parties: []\n", "utf-8")
    for kind, record in model.RECORD_KINDS.items():
        poisoner = Poisoner(record)
        for number, path in enumerate(sorted(data.glob(RECORD_FILES[kind]))):
            text = path.read_text("utf-8")
            front, body = (text.split("---\n", 2)[1:] if path.suffix == ".md" else (text, ""))
            poisoned = poisoner.poison(yaml.safe_load(front), poisoner.schema, f"{kind}{number}")
            if kind == "workshops":
                poisoned["inputs"][0]["theme"] = poisoned["themes"][0]  # a theme with input
                body = MARKDOWN  # the summary
            dumped = yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False)
            path.write_text(f"---\n{dumped}---\n{body}\n" if body else dumped, "utf-8")
        fields += [f"{kind}: {field}" for field in poisoner.fields]
    return fields


def build_poisoned(root: Path) -> Built:
    copy_sample(root)
    (root / "poisoned-fields.json").write_text(json.dumps(poison_sample(root)), "utf-8")
    config = root / "mkdocs.yml"
    # The policy is the backstop, not the wall: the site must be safe without it.
    config.write_text(config.read_text("utf-8").replace(
        "      data_dir: data\n", "      data_dir: data\n      content_security_policy: false\n"),
        "utf-8")
    # Not --strict: the build warns of every field's markup it removes, which is expected.
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-d", str(root / "site")], cwd=root,
                            env={**ENV, **language_override()}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return Built(root, root / "site", result)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return shared_build(tmp_path_factory, "poisoned", build_poisoned)


def test_every_text_field_of_every_record_kind_is_poisoned(poisoned: Built) -> None:
    fields = json.loads((poisoned.root / "poisoned-fields.json").read_text("utf-8"))
    # Each kind's every field that holds text, at any depth: the models decide.
    for kind, record in model.RECORD_KINDS.items():
        poisoner = Poisoner(record)
        for name, field in poisoner.schema["properties"].items():
            if poisoner.holds_text(field):
                assert any(f.startswith(f"{kind}: {kind}0.{name}") for f in fields), (kind, name)
    for nested in ("plans0.contact.name", "plans0.phases[0].title", "committees0.members[0].name",
                   "committees0.members[0].party", "committees0.photos[0].alt",
                   "methods0.steps[0].questions[0]", "workshops0.location.room",
                   "workshops0.documents[0].title", "workshops0.inputs[0].theme",
                   "workshops0.agenda[0].label", "municipality0.postal_address.city"):
        assert any(f.endswith(f": {nested}") for f in fields), nested
    # Built without the policy, as `mkdocs serve` and a site that turned it off are.
    home = BeautifulSoup((poisoned.out / "index.html").read_text("utf-8"), "lxml")
    assert not [m for m in home.find_all("meta") if str(m.get("http-equiv", "")).lower()
                == "content-security-policy"]


def hostile(soup: BeautifulSoup | Tag) -> list[str]:
    """What a record could have made of a page: handlers, script addresses, its markers."""
    found = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            address = re.sub(r"[\x00-\x20]", "", text).lower()
            if name.lower().startswith("on") or address.startswith(("javascript:", "vbscript:")):
                found.append(f"<{element.name} {name}={text[:60]!r}>")
            if name == "data-pwned" or name == "class" and "pwned" in value:
                found.append(f"<{element.name} {name}> from a record")
        if element.name in ("em", "code") and element.get_text() in ("pwnem", "pwncode"):
            found.append(f"<{element.name}> from a record's plain text")
        if element.name == "img" and element.get("src") == "pwnimg":
            found.append("<img> from a record's plain text")
        if element.name == "script" and "alert(" in element.get_text():
            if element.get("type") != "application/ld+json":
                found.append("<script> from a record")
            else:
                json.loads(element.get_text())  # whole: the record did not end the script
    return found


def html_pages(built: Built) -> Iterator[tuple[str, BeautifulSoup]]:
    for page in public_pages(built.out):
        yield page.relative_to(built.out).as_posix(), BeautifulSoup(
            page.read_text("utf-8"), "lxml")


def test_pages_share_cards_and_json_ld_show_records_as_text(poisoned: Built) -> None:
    checked = 0
    for name, soup in html_pages(poisoned):
        found = hostile(soup)
        assert found == [], f"{name}: {found}"
        checked += bool(soup.find(string=re.compile("alert")))
    assert checked > 30  # the poison is on the pages, as text


def test_names_read_as_written(poisoned: Built) -> None:
    """The escaping is for Markdown and HTML: a visitor reads the record's own text."""
    headings = {name: soup.select_one("article h1") for name, soup in html_pages(poisoned)}
    written = {heading.get_text().removesuffix("¶") for heading in headings.values() if heading}
    for field in ("plans0.title", "committees0.name", "methods0.name", "workshops0.title",
                  "workshops0.themes[0]"):
        assert f"{field} {PLAIN}" in written, field
    cards = [meta["content"] for _, soup in html_pages(poisoned)
             for meta in soup.select("meta[property='og:title']")]
    assert f"workshops0.title {PLAIN}" in cards


def test_search_index_holds_records_as_text(poisoned: Built) -> None:
    index = json.loads((poisoned.out / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:  # Material shows both as HTML
        for part in ("title", "text"):
            assert hostile(BeautifulSoup(doc[part], "lxml")) == [], (doc["location"], part)


def feed_html(feed: Path) -> Iterator[tuple[str, str]]:
    """Each piece of HTML an Atom or RSS feed carries, by element: Atom's `type="html"`,
    an RSS item's description and content (the rest, the channel's too, is text)."""
    tree = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag, parent = etree.QName(element).localname, element.getparent()
        in_item = parent is not None and etree.QName(parent).localname == "item"
        if element.get("type") in ("html", "xhtml") or (
                in_item and tag in ("description", "encoded")):
            yield tag, "".join(element.itertext())
        for name, value in element.attrib.items():
            assert not re.sub(r"\s", "", value).lower().startswith("javascript:"), (tag, name)


def test_feeds_carry_records_as_text(poisoned: Built) -> None:
    feeds = [poisoned.out / "feed.xml", *poisoned.out.glob("*/rss.xml")]
    assert len(feeds) >= 2
    for feed in feeds:
        pieces = list(feed_html(feed))  # parses: the feed is well-formed XML
        for tag, html in pieces:
            assert hostile(BeautifulSoup(html, "lxml")) == [], (feed.name, tag)
    atom = feeds[0].read_text("utf-8")
    assert "&amp;lt;script" not in atom and "alert(" in atom


def test_calendars_hold_records_as_plain_text(poisoned: Built) -> None:
    calendars = sorted(poisoned.out.rglob("*.ics"))
    assert len(calendars) >= 6
    summaries = []
    for path in calendars:
        calendar = Calendar.from_ical(path.read_bytes())  # one calendar, whole
        for event in calendar.walk("VEVENT"):
            summaries.append(str(event["SUMMARY"]))
            for html in event.get("X-ALT-DESC", []):
                assert hostile(BeautifulSoup(str(html), "lxml")) == []
    assert any(summary.endswith(PLAIN) for summary in summaries)  # as written, once escaped
    # An activity's deadline (activities1 is the first in file order with an `end`).
    assert f"Frist: activities1.title {PLAIN}" in summaries


def test_open_data_holds_records_as_plain_text(poisoned: Built) -> None:
    folder = poisoned.out / "apne-data"
    data = json.loads((folder / "verksted.json").read_text("utf-8"))
    texts = list(strings(data))
    assert f"workshops0.title {PLAIN}" in texts
    assert not [text for text in texts if "&lt;script" in text or "&amp;amp;" in text]
    rows = list(csv.reader(io.StringIO((folder / "verksteder.csv").read_text("utf-8-sig"))))
    assert len({len(row) for row in rows}) == 1 and len(rows) == 5
    assert any(cell == f"workshops0.title {PLAIN}" for row in rows for cell in row)
    assert f"activities0.title {PLAIN}" in texts and f"activities0.address {PLAIN}" in texts
    rows = list(csv.reader(io.StringIO((folder / "medvirkning.csv").read_text("utf-8-sig"))))
    assert len({len(row) for row in rows}) == 1 and len(rows) == 6
    assert any(cell == f"activities0.title {PLAIN}" for row in rows for cell in row)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_no_placeholder_is_left_or_filled_from_a_record(poisoned: Built) -> None:
    """Only the records' own look-alikes remain, and only as their text."""
    own = {"verkstedmd0123456789abcdef01234567", OLD_PLACEHOLDER}
    for path in poisoned.out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".csv"):
            left = set(re.findall(r"verkstedmd[0-9a-f]{24}", path.read_text("utf-8", "replace")))
            assert left <= own, path


def test_environments_with_other_options_share_no_compiled_code(tmp_path: Path) -> None:
    """MkDocs' theme environment and the page templates' share one cache object, but a
    template compiled with one's options (the escaping rule) never runs in the other."""
    (tmp_path / "side.html").write_text("{{ x }}", "utf-8")

    def theme() -> Environment:
        return Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=COMPILED)

    def pages() -> Environment:
        return Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=COMPILED,
                           autoescape=True, finalize=plain_or_markup)

    # Each compiles into the cache, then reads what the other left there.
    assert theme().get_template("side.html").render(x="<b>") == "<b>"
    assert pages().get_template("side.html").render(x="<b>") == "&lt;b&gt;"
    assert theme().get_template("side.html").render(x="<b>") == "<b>"
    assert pages().get_template("side.html").render(x="[a](b)") == "&#91;a&#93;&#40;b&#41;"

