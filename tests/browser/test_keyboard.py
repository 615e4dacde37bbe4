"""Keyboard: the skip link comes first and works, every control is reached by Tab, and
focus is always visible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import SITES
from verksted_plugin.language.labels import labels_for

from .harness import ServedSite, goto
from .visits import PHONE_ONLY_SITES, WIDTHS, Visits

# Everything a keyboard user can operate, if it is rendered and not taken out of the tab order
# (Material's back-to-top button is `hidden` until the reader scrolls up).
_MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
                   '[tabindex], [contenteditable=true]';
  const controls = [...document.querySelectorAll(selector)].filter(el => {
    const box = el.getBoundingClientRect();
    return el.tabIndex >= 0 && !el.disabled && box.width > 0 && box.height > 0 &&
           el.checkVisibility({visibilityProperty: true}) &&
           !el.closest('[inert], [aria-hidden=true], [hidden]');
  });
  controls.forEach((el, i) => el.dataset.tabId = String(i));
  return controls.map(el => el.outerHTML.slice(0, 120));
}"""

# The focused element, and whether its focus ring is visible: an outline or box shadow, on
# an element inside the viewport (not in a drawer slid out of view).
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  const inView = box.right > 0 && box.left < innerWidth && box.bottom > 0 &&
                 box.top < innerHeight && style.visibility !== 'hidden';
  return {id: el.dataset.tabId ?? null, html: el.outerHTML.slice(0, 120),
          visible: (outline || shadow) && inView};
}"""
_FOCUSED_AFTER_TWO_FRAMES = ("() => new Promise(done => requestAnimationFrame(() => "
                             "requestAnimationFrame(() => done((" + _FOCUSED + ")()))))")


def test_skip_link_is_first_visible_and_jumps_to_the_main_content(
        served: ServedSite, visits: Visits) -> None:
    """On every page but 404 (no heading to skip to), at 1280 px (375 px on sample-nn and
    sample-en), on the shared visit (visits.py): the first Tab focuses it, it shows the
    label and is on screen, and Enter leads into the article."""
    visit = visits(served)
    assert visit.visited == len(visit.widths) * len(served.pages)
    assert visit.skip_link == [], "\n".join(visit.skip_link)


def press_tab(page: Page) -> None:
    """Tab, then let two frames pass: moving focus may scroll the page, and a Tab sent
    while that scroll is pending was seen to send focus out of the page."""
    page.keyboard.press("Tab")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def tab_and_read_focus(page: Page) -> dict[str, object] | None:
    """press_tab and _FOCUSED in two calls to the browser instead of three: the walk below
    presses Tab thousands of times, and each call is a round trip."""
    page.keyboard.press("Tab")
    return page.evaluate(_FOCUSED_AFTER_TWO_FRAMES)


# Every site at the widths it is visited at (visits.py): sample-nn and sample-en are sample-nb's
# pages in other words, so at a phone's width only, where longer words move the controls.
TAB_WALKS = [(site, width) for site in SITES for width in WIDTHS
             if width == min(WIDTHS) or site not in PHONE_ONLY_SITES]


@pytest.mark.parametrize(("site", "width"), TAB_WALKS, ids=[f"{s}-{w}" for s, w in TAB_WALKS])
def test_tab_reaches_every_control_with_visible_focus(served_sites: dict[str, ServedSite],
                                                      page: Page, site: str,
                                                      width: int) -> None:
    served = served_sites[site]
    page.set_viewport_size({"width": width, "height": 800})
    unreached, invisible = {}, {}
    for url in served.pages:
        goto(page, served.base + url)  # Material has set up, the search index has loaded
        controls = page.evaluate(_MARK_CONTROLS)
        assert controls, url
        reached: set[str] = set()
        path: list[str] = []
        for _ in range(len(controls) + 20):
            focused = tab_and_read_focus(page)
            path.append(focused["html"][:60] if focused else "(body)")
            if focused is None:
                break
            if not focused["visible"]:
                invisible.setdefault(url, []).append(focused["html"])
            if focused["id"] is not None:
                if focused["id"] in reached:
                    break  # went round once
                reached.add(focused["id"])
        missing = [html for i, html in enumerate(controls) if str(i) not in reached]
        if missing:
            unreached[url] = [*missing, "Tab went: " + " → ".join(path)]
    assert not unreached, "not reached by Tab:\n" + "\n".join(
        f"{url}: {html}" for url, items in unreached.items() for html in items)
    assert not invisible, "focus not visible:\n" + "\n".join(
        f"{url}: {html}" for url, items in invisible.items() for html in items)


def test_menu_and_search_open_from_the_keyboard_on_a_phone(
        served_sites: dict[str, ServedSite], page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    committee = served_sites["sample-nb"].base + "utvalg/kommuneplanutvalget/"
    goto(page, committee)
    labels = labels_for("nb")
    press_tab(page)  # the skip link
    press_tab(page)
    menu = page.get_by_role("button", name=labels["menu"])
    assert menu.evaluate("el => el === document.activeElement")
    assert not page.locator("nav.md-nav--primary a.md-nav__link").first.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    press_tab(page)
    press_tab(page)
    assert page.evaluate("Boolean(document.activeElement.closest('.md-sidebar--primary'))")
    focused = page.evaluate(_FOCUSED)
    assert focused and focused["visible"], focused

    goto(page, committee)
    press_tab(page)
    press_tab(page)
    press_tab(page)
    search = page.get_by_role("button", name=labels["search_open"])
    assert search.evaluate("el => el === document.activeElement")
    page.keyboard.press(" ")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    assert page.locator("input.md-search__input").is_visible()
