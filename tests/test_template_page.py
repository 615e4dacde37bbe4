"""template_page.py renders a generated page exactly as MkDocs' own Page.render would.

Each page below is rendered both ways in the same process, with a site's real extensions:
the content, the table of contents (ids, titles, levels), the title taken from the first
h1, the anchors the page offers and the anchor links it makes must be the same. A page
with Markdown the shortcut does not take apart must be left to Page.render.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from conftest import ENV, copy_sample
from verksted_plugin.adapter.shortcuts.template_page import HeadingConverter, TemplatePage, untitled_pages

CONFIG = """\
site_name: Test
markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - md_in_html
  - attr_list
  - pymdownx.highlight
  - pymdownx.superfences
"""

TOKEN = "verkstedmd" + "0123456789abcdef01234567"
WORKSHOP = f"""\
---
title: Verksted «én» &amp; to
---

# Verksted «én» &amp; to \\- \\*ikke\\* uthevet

<p class="verksted-series">Verksted 3 i <a href="../../utvalg/x/">Utvalg</a></p>

<div class="admonition warning">
<p class="admonition-title">Avlyst</p>
{TOKEN}
</div>

<dl class="verksted-facts" aria-label="Fakta">
<dt>Dato</dt>
<dd id="dato">1. mars 2020</dd>
</dl>

## Oppsummering

{TOKEN}

## Program {{: data-search-exclude }}

### 1\\. Velkommen {{: data-search-exclude }}
{TOKEN}

### 2\\. Velkommen {{: data-search-exclude }}

## Innspill

### <a href="../../tema/visjon/">Visjon</a>

<ul class="verksted-inputs">
<li>Mer grønt</li>
</ul>

## Vedtak

<ol>
<li>{TOKEN}</li>
</ol>

## Se [planen](../plan/a.md#mål) og [her](#innspill)
"""
# The same workshop twice on a theme page: the toc numbers the second id.
THEME = """\
# Visjon

## Innspill {: data-search-exclude }

### <a href="../../verksteder/a/">Verksted A</a> {: data-search-exclude }

<p>x</p>

## Vedtak {: data-search-exclude }

### <a href="../../verksteder/a/">Verksted A</a> {: data-search-exclude }

<p>y</p>
"""
# A committee's page: its members under a heading written in HTML (no toc entry, an anchor).
COMMITTEE = f"""\
# Utvalg 01

<p class="verksted-lead">Utvalget gir råd om <a href="../../plan/a/">planen</a>.</p>

## Formål

{TOKEN}

## Sammensetning

<h3 id="medlemmer">Medlemmer &amp; vara</h3>

<ul class="verksted-members">
<li><span class="verksted-member-name">Kari</span>, leder</li>
</ul>

## Gjennomføring {{: data-search-exclude }}

### <a href="../../verksteder/a/">Verksted A</a> {{: data-search-exclude }}

<p class="verksted-when">Verksted 1 · 1. mars 2020</p>

{TOKEN}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[MkDocsConfig, Files]:
    root = tmp_path_factory.mktemp("site")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, "utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins._current_plugin = None  # File.generated outside a build reads it
    files = Files([File.generated(config, "plan/a.md", content="# A\n\n## Mål\n")])
    return config, files


def render_both(source: str, site: tuple[MkDocsConfig, Files], uri: str = "verksteder/a.md",
                converter: HeadingConverter | None = None, in_nav: bool = False
                ) -> tuple[bool, dict[str, Any], dict[str, Any]]:
    config, files = site
    file = File.generated(config, uri, content=source, inclusion=InclusionLevel.UNDEFINED
                          if in_nav else InclusionLevel.NOT_IN_NAV)
    files.append(file)
    converter = converter or HeadingConverter(config, files)
    page = TemplatePage(None, file, config, lambda _config, _files: converter)
    page.read_source(config)
    taken = converter.usable and page._render_blocks(converter)
    fast = outcome(page)
    Page.render(page, config, files)
    files.remove(file)
    return taken, fast, outcome(page)


def outcome(page: Page) -> dict[str, Any]:
    def toc(items: Any) -> list[Any]:
        return [(item.title, item.id, item.level, toc(item.children)) for item in items]

    return {"content": page.content, "toc": toc(page.toc), "title": page._title_from_render,
            "anchors": page.present_anchor_ids, "links": page.links_to_anchors}


@pytest.mark.parametrize("source", [WORKSHOP, THEME], ids=["workshop", "theme"])
def test_same_page_as_markdown_makes(source: str, site: tuple[MkDocsConfig, Files]) -> None:
    taken, fast, slow = render_both(source, site)
    assert taken
    assert fast == slow
    # Later pages of a build reuse the headings the earlier ones had (kept once seen twice).
    converter = HeadingConverter(*site)
    for number in range(3):
        again = source.replace("Verksted A", f"Verksted A{number}").replace(
            "Oppsummering", f"Oppsummering {number % 2}")
        taken, fast, slow = render_both(again, site, f"verksteder/{number}.md", converter)
        assert taken and fast == slow
    # A page with a heading twice is converted whole (its ids are numbered): nothing kept.
    kept = converter._same_everywhere
    assert ("## Vedtak" in kept) if source == WORKSHOP else not kept
    headings = sum(line.startswith("#") for line in source.split("\n"))
    assert fast["toc"] and fast["content"].count("headerlink") == headings


def test_committee_page_with_a_heading_in_html(site: tuple[MkDocsConfig, Files]) -> None:
    converter = HeadingConverter(*site)
    for _ in range(3):  # in the menu: its headings are not kept for other pages
        taken, fast, slow = render_both(COMMITTEE, site, "utvalg/u.md", converter, in_nav=True)
        assert taken and fast == slow
    assert not converter._same_everywhere and not converter._seen
    assert "medlemmer" in fast["anchors"] and '<h3 id="medlemmer">' in fast["content"]
    assert [item[1] for item in fast["toc"][0][3]] == ["formal", "sammensetning",
                                                       "gjennomfring"]
    nested = COMMITTEE.replace("Medlemmer &amp; vara", "<em>Medlemmer</em>")
    assert not render_both(nested, site, "utvalg/u.md", in_nav=True)[0]  # not one plain line: Page.render


def test_workshop_details(site: tuple[MkDocsConfig, Files]) -> None:
    _, fast, _ = render_both(WORKSHOP, site)
    assert fast["title"] == "Verksted «én» &amp; to - *ikke* uthevet"
    assert '<h2 data-search-exclude id="program">Program<a' in fast["content"]
    assert "dato" in fast["anchors"]
    assert fast["links"][site[1].src_uris["plan/a.md"]] == {"mål": "../plan/a.md#mål"}
    _, theme, _ = render_both(THEME, site)
    assert [child[1] for section in theme["toc"][0][3] for child in section[3]] == [
        "verksted-a", "verksted-a_1"]


@pytest.mark.parametrize("markdown", [
    "# T\n\n- a list\n- in Markdown\n",
    "# T\n\n!!! note\n\n    " + TOKEN + "\n",
    "# T\n\n<section markdown>\n*x*\n</section>\n",
    "# T\n\n<p>a\ttab</p>\n",
    "# T\n\nSome text.\n",
], ids=["list", "admonition", "markdown-attribute", "tab", "paragraph"])
def test_other_markdown_goes_through_page_render(markdown: str,
                                                 site: tuple[MkDocsConfig, Files]) -> None:
    taken, _, slow = render_both(markdown, site)
    assert not taken and slow["content"]


def test_unknown_extensions_keep_markdown(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG + "  - abbr\n", "utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    assert not HeadingConverter(config, Files([])).usable


def test_only_pages_the_nav_gives_no_title_of_their_own() -> None:
    nav = ["index.md", {"Planer": ["plan/index.md", "plan/a.md"]},
           {"Verksteder": "verksteder/index.md"},
           {"Utvalg": ["utvalg/index.md", {"Eget navn": "utvalg/b.md"}, {"Under": ["u/c.md"]}]}]
    assert untitled_pages(nav) == {"index.md", "plan/index.md", "plan/a.md", "utvalg/index.md",
                                   "u/c.md"}


# A plan's page: its timeline is a `markdown` div (Python-Markdown converts it as a part of
# its own), the rest (lists, the participation table) stays on the fast path.
PLAN = f"""\
# Kommuneplanens samfunnsdel

{TOKEN}

## Planprosessen

<div class="verksted-timeline" markdown>
<div class="verksted-phase" markdown>

### Planprogram

<p class="verksted-phase-meta">mars 2019–desember 2019</p>

{TOKEN}

</div>
<div class="verksted-phase verksted-phase--current" aria-current="step" markdown>

### Politiske verksteder

<p class="verksted-phase-meta">januar 2020 · <strong class="verksted-here">Vi er her</strong></p>

</div>
</div>

## Politiske verksteder i planarbeidet {{: data-search-exclude }}

<ul class="verksted-list">
<li><a href="../../verksteder/a/">Verksted A</a></li>
</ul>

## Kontakt om planen

<div class="verksted-contact" id="kontaktkort">
<p>Kari</p>
</div>
"""


def test_plan_page_with_a_markdown_timeline(site: tuple[MkDocsConfig, Files]) -> None:
    taken, fast, slow = render_both(PLAN, site, "plan/b.md", in_nav=True)
    assert taken and fast == slow
    assert [child[1] for child in fast["toc"][0][3][0][3]] == ["planprogram",
                                                                "politiske-verksteder"]
    assert fast["title"] == "Kommuneplanens samfunnsdel" and "kontaktkort" in fast["anchors"]
    assert 'aria-current="step" class="verksted-phase' in fast["content"]
    # The sample's own plan page, as its template writes it, goes the same way.
    sample = PLAN.replace("Planprogram", "Høring &amp; «ettersyn» \\- [lenke](a.md#mål)")
    taken, fast, slow = render_both(sample, site, "plan/b.md", in_nav=True)
    assert taken and fast == slow and fast["links"]
    taken, fast, slow = render_both("# T\n\n<div markdown>\n*x*\n</div>\n", site)
    assert taken and fast == slow and "<em>x</em>" in fast["content"]


@pytest.mark.parametrize("change", [
    # A phase titled as a later heading: on the page the later one is numbered (kontakt_1).
    ("### Planprogram", "### Kontakt om planen"),
    # Two phases of the same title, and a later heading named as the second one's id.
    ("### Politiske verksteder", "### Planprogram",
     "## Kontakt om planen", "## Planprogram_1"),
    # An id written in the timeline that a heading elsewhere also makes.
    ('"verksted-timeline"', '"verksted-timeline" id="planprosessen"'),
    # A timeline whose `</div>` is not at the end of a block, or is never closed.
    ("</div>\n</div>\n\n## Politiske", "</div>\n</div>\n<p>x</p>\n\n## Politiske"),
    ("</div>\n</div>\n\n## Politiske", "</div>\n\n## Politiske"),
    # A `markdown` element that is not a div, or an HTML comment in the timeline.
    ("<ul class=\"verksted-list\">", "<ul class=\"verksted-list\" markdown>"),
    ("<p class=\"verksted-phase-meta\">mars", "<!-- </div> -->\n<p class=\"verksted-phase-meta\">mars"),
    # A second `markdown` div: a count an extension keeps through the page would restart.
    ("## Kontakt om planen", "<div markdown>\n*x*\n</div>\n\n## Kontakt om planen"),
], ids=["phase-as-later-heading", "numbered-id", "written-id", "not-at-block-end",
        "unclosed", "markdown-list", "comment", "second-group"])
def test_plan_pages_the_shortcut_cannot_prove_go_through_page_render(
        change: tuple[str, ...], site: tuple[MkDocsConfig, Files]) -> None:
    source = PLAN
    for old, new in zip(change[0::2], change[1::2], strict=True):
        assert old in source
        source = source.replace(old, new)
    taken, fast, slow = render_both(source, site, "plan/b.md", in_nav=True)
    assert not taken and slow["content"]


def test_the_sample_plans_render_as_page_render_does(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan pages of a real build (the sample's, and one whose phase is titled as the
    page's contact heading): each rendered the fast way is rendered again by Page.render."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    plan = (root / "data/plans/kommuneplanens-samfunnsdel.yml").read_text("utf-8")
    assert "  - title: Planprogram\n" in plan
    (root / "data/plans/kontaktplan.yml").write_text(plan.replace(
        "title: Kommuneplanens samfunnsdel", "title: Kontaktplan").replace(
        "  - title: Planprogram\n", "  - title: Kontakt om planen\n"), "utf-8")
    for name in ("NO_MKDOCS_2_WARNING", "VERKSTED_CACHE_DIR"):
        monkeypatch.setenv(name, ENV[name])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("VERKSTED_NO_SPEEDUPS", raising=False)
    taken: dict[str, bool] = {}
    same: dict[str, bool] = {}
    fast_way, render = TemplatePage._render_blocks, TemplatePage.render

    def spy_blocks(page: TemplatePage, converter: HeadingConverter) -> bool:
        taken[page.file.src_uri] = result = fast_way(page, converter)
        return result

    def spy_render(page: TemplatePage, config: MkDocsConfig, files: Files) -> None:
        render(page, config, files)
        if page.file.src_uri.startswith("plan/") and taken.get(page.file.src_uri):
            fast = outcome(page)
            Page.render(page, config, files)
            same[page.file.src_uri] = outcome(page) == fast

    monkeypatch.setattr(TemplatePage, "_render_blocks", spy_blocks)
    monkeypatch.setattr(TemplatePage, "render", spy_render)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out")))
    assert taken["plan/kommuneplanens-samfunnsdel.md"] is True
    assert same["plan/kommuneplanens-samfunnsdel.md"] and all(same.values())
    assert taken["plan/kontaktplan.md"] is False  # its ids would collide: Page.render
    page = (tmp_path / "out/plan/kontaktplan/index.html").read_text("utf-8")
    assert 'id="kontakt-om-planen"' in page and 'id="kontakt-om-planen_1"' in page
