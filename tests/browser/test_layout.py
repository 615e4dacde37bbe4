"""Phones and desktops: no horizontal scrolling and no clipped text at 375 px, and a
screenshot of every page at 375 and 1280 px in test-artifacts/screenshots/ to look at."""

from __future__ import annotations

from playwright.sync_api import Browser

from .harness import ServedSite, screenshot_path

WIDTHS = (375, 1280)

# Elements of the header's titles, the content and the footer whose text is cut off by
# their own box.
_CLIPPED = """() => [...document.querySelectorAll(
    '.md-header__topic, .md-header__topic *, .md-content, .md-content *, .md-footer, ' +
    '.md-footer *')].filter(el => {
  const style = getComputedStyle(el);
  const clips = ['hidden', 'clip', 'auto', 'scroll'];
  const cut = (clips.includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
              (clips.includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
  // 1 px boxes are text for screen readers only, hidden on purpose.
  return cut && el.clientWidth > 1 && el.innerText.trim() !== '' && el.checkVisibility();
}).map(el => el.outerHTML.slice(0, 160))"""


def test_no_horizontal_scroll_or_clipped_text_and_screenshots(served: ServedSite,
                                                                browser: Browser) -> None:
    problems: list[str] = []
    shots = 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for url in served.pages:
            page.goto(served.base + url, wait_until="networkidle")
            scroll_width, client_width = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if scroll_width > client_width:
                problems.append(f"{width}px {url}: scrolls sideways ({scroll_width} > "
                                f"{client_width})")
            if width == 375:
                problems += [f"{width}px {url}: clipped {html}"
                             for html in page.evaluate(_CLIPPED)]
            # Scrolled down, the header changes, and lazy photos load for the screenshot.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            if width == 375:
                problems += [f"{width}px {url}, scrolled: clipped {html}"
                             for html in page.evaluate(_CLIPPED)]
            page.evaluate("window.scrollTo(0, 0)")
            if served.name in ("sample-nb", "stress"):
                path = screenshot_path(served.name, url, width)
                page.screenshot(path=str(path), full_page=True)
                assert path.stat().st_size > 1000
                shots += 1
        context.close()
    assert not problems, "\n".join(problems)
    if served.name in ("sample-nb", "stress"):
        assert shots == len(WIDTHS) * len(served.pages)
