"""A workshop summary prints without navigation, search or footer, links with their address."""

from __future__ import annotations

from playwright.sync_api import Page

from .harness import ServedSite

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                   ".md-footer", ".verksted-series-nav"]

_LINK_AFTER = """() => [...document.querySelectorAll('article a[href^="http"]')].map(a => ({
  href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content}))"""


def _displayed(page: Page, selector: str) -> bool:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].some(el => getComputedStyle(el).display "
        "!== 'none')", selector)


def test_workshop_prints_without_clutter_and_with_link_addresses(
        served_sites: dict[str, ServedSite], page: Page) -> None:
    site = served_sites["stress"]
    page.goto(site.base + "verksteder/verksted-held/")
    for selector in HIDDEN_IN_PRINT:  # all there on screen …
        assert _displayed(page, selector), selector
    assert all(link["after"] in ("none", "normal") for link in page.evaluate(_LINK_AFTER))

    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:  # … and gone on paper
        assert not _displayed(page, selector), selector
    links = page.evaluate(_LINK_AFTER)
    assert len(links) >= 3
    for link in links:
        assert link["after"] == f'" ({link["href"]})"', link
    assert page.locator("article h1").is_visible()
    assert page.locator("article .verksted-facts").is_visible()
    assert len(page.pdf()) > 1000  # Chromium really lays the page out for paper
