"""Keyboard: the skip link comes first and works, every control is reached by Tab, and
focus is always visible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from verksted_plugin.labels import labels_for

from .harness import ServedSite

LANGUAGE = {"sample-nb": "nb", "sample-nn": "nn", "sample-en": "en", "stress": "nb"}

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


def test_skip_link_is_first_visible_and_jumps_to_the_main_content(
        served: ServedSite, page: Page) -> None:
    label = labels_for(LANGUAGE[served.name])["skip_to_content"]
    for url in served.pages:
        if url == "404.html":
            continue  # the 404 page has no heading to skip to
        page.goto(served.base + url, wait_until="networkidle")  # Material has set up
        page.keyboard.press("Tab")
        skip = page.locator("a.md-skip")
        assert skip.evaluate("el => el === document.activeElement"), url
        assert skip.inner_text().strip() == label, url
        box = skip.bounding_box()
        assert box and box["y"] >= 0 and box["width"] > 0, url
        page.wait_for_function("getComputedStyle(document.querySelector('a.md-skip')).opacity "
                               "=== '1'")
        page.keyboard.press("Enter")
        in_article = page.evaluate("""() => {
            const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
            // Blog views (Aktuelt) have their heading outside any <article>: the content
            // column is the main content there.
            return Boolean(target && target.closest('article, .md-content'));
        }""")
        assert in_article, url


def press_tab(page: Page) -> None:
    """Tab, then let two frames pass: moving focus may scroll the page, and a Tab sent
    while that scroll is pending was seen to send focus out of the page."""
    page.keyboard.press("Tab")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.mark.parametrize("width", [1280, 375])
def test_tab_reaches_every_control_with_visible_focus(served: ServedSite, page: Page,
                                                      width: int) -> None:
    if served.name in ("sample-nn", "sample-en"):
        return  # the same templates as sample-nb; the skip link test covers their wording
    page.set_viewport_size({"width": width, "height": 800})
    unreached, invisible = {}, {}
    for url in served.pages:
        page.goto(served.base + url, wait_until="networkidle")  # Material has set up
        controls = page.evaluate(_MARK_CONTROLS)
        assert controls, url
        reached: set[str] = set()
        path: list[str] = []
        for _ in range(len(controls) + 20):
            press_tab(page)
            focused = page.evaluate(_FOCUSED)
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
    page.goto(committee, wait_until="networkidle")
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

    page.goto(committee, wait_until="networkidle")
    press_tab(page)
    press_tab(page)
    press_tab(page)
    search = page.get_by_role("button", name=labels["search_open"])
    assert search.evaluate("el => el === document.activeElement")
    page.keyboard.press(" ")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    assert page.locator("input.md-search__input").is_visible()
