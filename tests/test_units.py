"""Plain-Python parts, tested without MkDocs: YAML reading, rendering helpers, the portal."""

from __future__ import annotations

from datetime import date, datetime

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import SiteFactory
from verksted_plugin.language.dates import OSLO
from verksted_plugin.pages.generated import PageBuilder
from verksted_plugin.pages.render import markdown_text, page_url, relative_url, tel_href
from verksted_plugin.portal.views import build_portal, current_phase
from verksted_plugin.records import model
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.yamlread import YamlSyntaxError, parse_yaml


def test_yaml_keeps_editor_meaning() -> None:
    doc = parse_yaml("party: no\nnumber: 0301\ntime: 18:00\nflag: yes\nreal: true\ncount: 12\n")
    assert doc.data == {"party": "no", "number": "0301", "time": "18:00", "flag": "yes",
                        "real": True, "count": 12}


def test_yaml_lines_of_keys_and_items() -> None:
    doc = parse_yaml("a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: 3\n", first_line=10)
    assert doc.line_of(("list", 1, "y")) == 14
    assert doc.line_of(("list", 1, "missing")) == 13
    assert doc.line_of(("nothing",)) == 10


def test_yaml_syntax_error_line() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: 1\nb: [1, 2\n")
    assert caught.value.line == 3


def test_markdown_text_is_literal_after_markdown() -> None:
    value = "<b>Fet</b> *ikke kursiv* [ikke lenke](x) # 1. A&B {: .x onclick=y }"
    html = markdown.markdown(f"## {markdown_text(value)}", extensions=["attr_list"])
    heading = BeautifulSoup(html, "html.parser")
    assert [(e.name, e.attrs) for e in heading.find_all(True)] == [("h2", {})]
    assert heading.get_text() == value


@pytest.mark.parametrize(("target", "here", "expected"), [
    ("utvalg/k/", "verksteder/w/", "../../utvalg/k/"),
    ("", "plan/", "../"),
    ("bilder/a.jpg", "", "bilder/a.jpg"),
    ("verksteder/w.html", "plan/p.html", "../verksteder/w.html"),
])
def test_relative_url(target: str, here: str, expected: str) -> None:
    assert relative_url(target, here) == expected


def test_page_url_follows_mkdocs() -> None:
    assert page_url("verksteder/index.md") == "verksteder/"
    assert page_url("index.md") == ""
    assert page_url("verksteder/x.md", use_directory_urls=False) == "verksteder/x.html"


def test_tel_links() -> None:
    assert tel_href("990 48 920") == "tel:+4799048920"
    assert tel_href("+46 8 123 456") == "tel:+468123456"
    assert tel_href("0047 67 93 40 00") == "tel:+4767934000"


def test_status_defaults_from_the_date() -> None:
    now = datetime(2020, 3, 1, 12, tzinfo=OSLO)
    status = model.workshop_status
    assert status(None, datetime(2020, 3, 1, 18), now) == "planned"
    assert status(None, datetime(2020, 3, 1, 10), now) == "held"
    assert status(None, date(2020, 3, 1), now) == "planned"
    assert status("cancelled", datetime(2019, 1, 1), now) == "cancelled"


def test_current_phase_flag_wins_over_dates() -> None:
    phases = [model.Phase(title="A", start=date(2020, 1, 1), end=date(2020, 12, 31)),
              model.Phase(title="B", current=True)]
    assert current_phase(phases, date(2020, 6, 1)) == 1
    assert current_phase(phases[:1], date(2020, 6, 1)) == 0
    assert current_phase(phases[:1], date(2021, 6, 1)) is None


def test_portal_series_drafts_and_pages(site: SiteFactory) -> None:
    base = site.files["data/workshops/2020-02-11-forste.md"]
    site.set("data/workshops/2020-03-01-andre.md",
             base.replace("number: 1", "number: 2").replace("2020-02-11", "2020-03-01"))
    site.set("data/workshops/2020-04-01-utkast.md",
             base.replace("number: 1", "number: 3\ndraft: true").replace("2020-02-11", "2020-04-01"))
    root = site.write()
    portal = build_portal(load_dataset(root / "data", root / "docs"),
                          now=datetime(2020, 3, 15, tzinfo=OSLO))
    first, second = portal.committees["planutvalget"].workshops
    assert (first.next, second.previous, second.next) == (second, first, None)
    assert "2020-04-01-utkast" not in portal.workshops
    pages = PageBuilder(portal).pages()
    uris = [p.src_uri for p in pages]
    assert "verksteder/2020-03-01-andre.md" in uris
    assert not any("utkast" in uri for uri in uris)
    assert [p.in_nav for p in pages if p.src_uri.startswith("verksteder/2020")] == [False, False]
    assert first.status == "held"
