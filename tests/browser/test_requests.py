"""No third-party requests: every request a page makes goes to the site's own origin."""

from __future__ import annotations

from playwright.sync_api import Browser, Request

from .harness import ServedSite


def test_every_request_stays_on_the_sites_origin(served: ServedSite, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    context.on("request", record)  # the context also sees what the search worker fetches
    page = context.new_page()
    for url in served.pages:
        page.goto(served.base + url, wait_until="networkidle")
    # Searching loads the search index and language support: also from the site itself.
    page.goto(served.base, wait_until="networkidle")
    page.keyboard.press("s")  # Material's shortcut opens the search
    page.keyboard.type("verksted")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    context.close()
    assert any("search_index.json" in url for url in seen), seen  # the log is complete
    assert len(seen) > len(served.pages)
    foreign = sorted({url for url in seen if not url.startswith(served.base)})
    assert foreign == []
