"""What a visitor's phone gets: every request goes to the site's own origin and succeeds,
and the console stays quiet, on every page, with the search and the phone menu opened once.

The pages are visited once for several checks (visits.py), at 375 and 1280 px, with the
Content-Security-Policy enforced; this test reads the request and console log of that visit.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from .harness import ServedSite, goto
from .visits import Log, Visits, watch

PHONE = {"width": 375, "height": 800}


def test_every_page_requests_only_its_own_site_and_nothing_fails(
        served: ServedSite, visits: Visits) -> None:
    visit = visits(served)
    log = visit.log
    assert visit.visited == len(visit.widths) * len(served.pages)
    assert visit.menu_and_search == [], "\n".join(visit.menu_and_search)
    assert any("search_index.json" in url for url in log.requests), log.requests  # complete log
    assert len(log.requests) > len(served.pages)
    foreign = sorted({url for url in log.requests if not url.startswith(served.base)})
    assert foreign == []
    assert log.failures == [], "\n".join(log.failures)


def test_the_log_sees_a_failed_request_and_a_console_error(
        served_sites: dict[str, ServedSite], browser: Browser) -> None:
    """The checks above can fail: a missing file and a console error are both caught."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log = Log()
    watch(page, log)
    log.where = "probe"
    goto(page, served_sites["sample-nb"].base)
    with page.expect_response("**/finnes-ikke.xml"), page.expect_console_message():
        page.evaluate("fetch('finnes-ikke.xml').catch(() => {}); console.warn('probe')")
    context.close()
    assert any("HTTP 404" in f and "finnes-ikke.xml" in f for f in log.failures), log.failures
    assert any("console warning: probe" in f for f in log.failures), log.failures
