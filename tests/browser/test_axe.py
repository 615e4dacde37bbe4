"""axe-core finds no WCAG 2.0/2.1 A/AA or best-practice violation on any page of any site."""

from __future__ import annotations

from playwright.sync_api import Page

from .harness import ServedSite, goto, run_axe, wait_until_true
from .stress import STATUSES
from .visits import PHONE_ONLY_SITES, WIDTHS, Visits


def test_every_page_has_zero_axe_violations(served: ServedSite, visits: Visits) -> None:
    """At 1280 and 375 px (phones show the menu and search buttons, desktops the sidebars),
    on the visit that test_layout, test_requests, test_csp and the skip link test share;
    sample-nn and sample-en, the same pages in other words, at 375 px (visits.py)."""
    visit = visits(served)
    assert visit.widths == ((375,) if served.name in PHONE_ONLY_SITES else WIDTHS)
    pages = visit.pages
    assert len(pages) >= 13, pages  # every page type is there, so the loop cannot pass empty
    if served.name == "stress":
        assert {f"verksteder/verksted-{s}/" for s in STATUSES} <= set(pages)
    assert visit.visited == len(visit.widths) * len(pages)
    found = visit.axe
    assert not found, "\n".join(
        f"{url}: {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"])
        for url, violations in found.items() for v in violations)


def test_axe_reports_a_violation_it_is_shown(served_sites: dict[str, ServedSite],
                                             page: Page) -> None:
    """The harness really runs axe: an image without alt text is reported."""
    page.goto(served_sites["sample-nb"].base)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', "
                  "'<img src=\"x.png\">')")
    assert "image-alt" in {v["id"] for v in run_axe(page)}


def test_open_search_and_open_menu_have_zero_axe_violations(
        served_sites: dict[str, ServedSite], page: Page) -> None:
    """The states a page is in after a click: search with results, the phone's menu."""
    base = served_sites["stress"].base
    goto(page, base)
    page.keyboard.press("s")  # Material's shortcut opens the search
    page.keyboard.type("verksted")
    page.wait_for_selector(".md-search-result__item")
    violations = run_axe(page)
    assert violations == [], "\n".join(node for v in violations for node in v["nodes"])

    page.set_viewport_size({"width": 375, "height": 800})
    goto(page, base + "utvalg/utvalg/")
    page.locator("label.md-header__button[for=__drawer]").click()
    wait_until_true(page, "document.getElementById('__drawer').checked")
    assert page.locator(".md-sidebar--primary a.md-nav__link").first.is_visible()
    violations = run_axe(page)
    assert violations == [], "\n".join(node for v in violations for node in v["nodes"])
