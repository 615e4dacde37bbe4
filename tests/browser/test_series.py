"""Theme pages and the participation chart in a real Chromium: on paper, in forced colours
(Windows high contrast) and on a 375 px phone. axe, vnu and the layout checks of every page
(theme pages included) run in test_axe, test_html_validity and test_layout."""

from __future__ import annotations

from playwright.sync_api import Page

from .harness import ServedSite

_BARS = """() => [...document.querySelectorAll('svg.verksted-chart rect')].map(r => ({
  fill: getComputedStyle(r).fill, width: r.getBoundingClientRect().width}))"""
_TEXT_FILLS = """() => [...new Set([...document.querySelectorAll('svg.verksted-chart text')]
  .map(t => getComputedStyle(t).fill))]"""


def test_every_site_has_theme_pages(served_sites: dict[str, ServedSite]) -> None:
    """So the whole-site axe, vnu and layout runs cover the new page types."""
    for name, site in served_sites.items():
        themes = [url for url in site.pages if url.startswith("tema/")]
        assert "tema/" in themes and len(themes) >= 3, (name, themes)


def test_participation_chart_prints_and_follows_forced_colours(
        served_sites: dict[str, ServedSite], page: Page) -> None:
    page.goto(served_sites["sample-nb"].base + "utvalg/kommuneplanutvalget/")
    chart = page.locator("svg.verksted-chart")
    assert chart.is_visible()
    screen = page.evaluate(_BARS)
    assert len(screen) >= 6 and len({bar["fill"] for bar in screen}) == 3  # one colour a group
    assert page.get_attribute("svg.verksted-chart", "role") == "img"

    page.emulate_media(media="print")
    assert chart.is_visible() and page.locator("table.verksted-participation").is_visible()
    assert {bar["fill"] for bar in page.evaluate(_BARS)} == {"rgb(85, 85, 85)"}
    assert page.evaluate(_TEXT_FILLS) == ["rgb(0, 0, 0)"]
    assert len(page.pdf()) > 1000

    page.emulate_media(media="screen", forced_colors="active")
    forced = page.evaluate(_BARS)
    text = page.evaluate(_TEXT_FILLS)
    assert len({bar["fill"] for bar in forced}) == 1 and len(text) == 1
    assert forced[0]["fill"] == text[0]  # bars and words in the system's text colour


def test_theme_page_and_chart_fit_a_phone(served_sites: dict[str, ServedSite],
                                          page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    for url in ("utvalg/utvalg/", "tema/visjon/"):
        page.goto(served_sites["stress"].base + url)
        widths = page.evaluate("[document.documentElement.scrollWidth, "
                               "document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (url, widths)
    page.goto(served_sites["stress"].base + "utvalg/utvalg/")
    table = page.locator("table.verksted-participation").bounding_box()
    chart = page.locator("svg.verksted-chart").bounding_box()
    assert table is not None and chart is not None
    assert table["x"] >= 0 and table["x"] + table["width"] <= 375
    assert chart["width"] <= 375 and chart["height"] > 100
