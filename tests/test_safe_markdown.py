"""Hostile markup in Markdown fields: removed from every page and feed, reported to the editor."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import BIN, COMMITTEE, ENV, METHOD, PLAN, WORKSHOP, SiteFactory, render_field
from verksted_plugin.records.safe_markdown import removed_markup, sanitize

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}

HOSTILE = [
    "<script>alert('s')</script>",
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example/"><input name="q"></form>',
    '<img src="bilder/a.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">j</a>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<p onclick="alert(1)" style="color:red">p</p>',
    "[md-link](javascript:alert(1))",
    "[entitet](javascript&#58;alert(1))",
    "![ekstern](https://evil.example/pixel.gif)",
]


@pytest.mark.parametrize("markup", HOSTILE)
def test_sanitizer_removes_and_reports_each_kind(markup: str) -> None:
    html = render_field(f"Tekst {markup} slutt.")
    soup = BeautifulSoup(html, "lxml")
    assert not soup.find_all(["script", "style", "iframe", "object", "embed", "form", "input"])
    for element in soup.find_all(True):
        assert not [a for a in element.attrs if a.startswith("on") or a == "style"], html
        for attribute in ("href", "src"):
            value = element.get(attribute, "")
            assert not value.lower().startswith(("javascript:", "vbscript:", "data:", "http")), html
    assert "Tekst" in soup.get_text() and "slutt." in soup.get_text()
    assert removed_markup(markdown.markdown(f"Tekst {markup} slutt.")), markup


def test_sanitizer_keeps_what_editors_write() -> None:
    text = """\
## Overskrift

*Kursiv*, **fet** og [lenke](https://www.lorenskog.kommune.no/) og [e-post](mailto:a@b.no).

- punkt
- punkt

1. en
2. to

| Tema | Antall |
|------|--------|
| Skole | 3 |

Planen gjelder KPS.

*[KPS]: Kommuneplanens samfunnsdel

![Bilde fra verkstedet](../bilder/verksted-1.jpg)
"""
    soup = BeautifulSoup(render_field(text), "lxml")
    assert soup.h2.get_text() == "Overskrift" and soup.em and soup.strong
    assert [a["href"] for a in soup.find_all("a")] == ["https://www.lorenskog.kommune.no/",
                                                      "mailto:a@b.no"]
    assert len(soup.find_all("li")) == 4 and soup.table.find("th").get_text() == "Tema"
    assert soup.abbr["title"] == "Kommuneplanens samfunnsdel"
    assert soup.img["src"] == "../bilder/verksted-1.jpg" and soup.img["alt"]
    assert removed_markup(render_field(text)) == []


def test_sanitize_is_idempotent_and_balances_tags() -> None:
    once = sanitize("<div><p>åpen <strong>fet</div></div></div><h2>x")
    assert sanitize(once) == once
    assert once.count("<div>") == once.count("</div>")


FIELDS_EVIL = "Fint <script>alert('felt')</script> [x](javascript:alert(2)) <b onmouseover=alert(3)>b</b>"


def hostile_site(site: SiteFactory) -> SiteFactory:
    """Every Markdown field of every kind carries the same hostile markup."""
    evil = FIELDS_EVIL.replace('"', '\\"')
    site.set("data/plans/samfunnsdel.yml", PLAN.replace(
        "summary: Planen for *hele* kommunen.", f'summary: "{evil}"') + (
        f'phases:\n  - title: Oppstart\n    description: "{evil}"\n'))
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace(
        "purpose: Gi råd om planen.", f'purpose: "{evil}"\nmandate: "{evil}"\n'
        f'composition: "{evil}"'))
    site.set("data/methods/politisk-verksted.yml", METHOD.replace(
        "purpose: Overføre kunnskap.", f'purpose: "{evil}"').replace(
        "    lead_time_days: 7\n", f'    lead_time_days: 7\n    description: "{evil}"\n'))
    site.set("data/workshops/2020-02-11-forste.md", WORKSHOP.replace(
        "number: 1\n", f'number: 1\nstatus: postponed\nstatus_note: "{evil}"\n'
        f'decisions:\n  - "{evil}"\n').replace("Vi møttes og diskuterte.",
                                             f"Vi møttes.\n\n{FIELDS_EVIL}\n"))
    return site


def test_hostile_fields_never_reach_a_page_and_are_reported(site: SiteFactory) -> None:
    built = hostile_site(site).build("--no-strict", check=True)
    pages = ["plan/", "plan/samfunnsdel/", "utvalg/", "utvalg/planutvalget/", "metode/",
             "metode/politisk-verksted/", "verksteder/", "verksteder/2020-02-11-forste/"]
    for url in pages:
        page = built.html(url)
        article = page.select_one("article")
        if url != "verksteder/":  # the list of workshops shows no summaries
            assert "Fint" in article.get_text(), url  # the field is there…
        for script in page.find_all("script"):  # …but no script of its own
            assert "alert" not in (script.string or "") or script.get("type") == \
                "application/ld+json", url
        for element in page.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], (url, element)
            assert not element.get("href", "").lower().startswith("javascript:"), url
        assert "verkstedmd" not in str(page), url  # no placeholder left behind
    search = (built.out / "search/search_index.json").read_text(encoding="utf-8")
    assert "alert(" not in search and "verkstedmd" not in search
    feeds = [path for path in built.out.rglob("*.xml") if path.name != "sitemap.xml"]
    assert feeds
    for path in feeds:  # Atom and RSS carry HTML as text: read the text, not the markup
        texts = " ".join(element.text or "" for element in ET.parse(path).iter())
        assert "<script" not in texts and "javascript:" not in texts, path
    log = built.result.stderr
    for where in ("data/plans/samfunnsdel.yml:2: summary:", "phases[1].description:",
                  "data/committees/planutvalget.yml:3: purpose:", "mandate:", "composition:",
                  "data/methods/politisk-verksted.yml:2: purpose:", "steps[1].description:",
                  "status_note:", "decisions[1]:", "data/workshops/2020-02-11-forste.md:14: summary:"):
        assert where in log, (where, log)
    assert "removed when published: the element <script>; a javascript: address; " \
           "the event attribute onmouseover" in log
    assert "Traceback" not in log


def test_hostile_markup_fails_strict_build_and_strict_check(site: SiteFactory) -> None:
    built = hostile_site(site).build(check=False)
    assert built.result.returncode == 1 and "removed when published" in built.result.stderr
    relaxed = subprocess.run([str(BIN / "verksted"), "check"], cwd=site.root, env=ENV,
                             capture_output=True, text=True)
    assert relaxed.returncode == 0 and "warning (stops publishing): data/workshops/2020-02-11-forste.md:14: " \
        "summary: removed when published" in relaxed.stderr
    strict = subprocess.run([str(BIN / "verksted"), "check", "--strict"], cwd=site.root,
                            env=ENV, capture_output=True, text=True)
    assert strict.returncode == 1


def test_links_and_images_in_fields_resolve_from_their_page(site: SiteFactory) -> None:
    site.set("docs/bilder/a.png", "x")
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace(
        "purpose: Gi råd om planen.",
        'purpose: "Se [planen](../plan/samfunnsdel.md) og ![kart](../bilder/a.png)."'))
    built = site.build()
    purpose = built.main("utvalg/planutvalget/")
    link = purpose.find("a", string="planen")
    image = purpose.find("img", alt="kart")
    assert link["href"] == "../../plan/samfunnsdel/"
    assert image["src"] == "../../bilder/a.png"
    assert (built.out / "utvalg/planutvalget" / link["href"] / "index.html").resolve().is_file()
    assert (built.out / "utvalg/planutvalget" / image["src"]).resolve().is_file()
