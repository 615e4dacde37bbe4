"""What a visitor's phone gets: every request goes to the site's own origin and succeeds,
and the console stays quiet, on every page, with the search and the phone menu opened once."""

from __future__ import annotations

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

from .harness import ServedSite

PHONE = {"width": 375, "height": 800}


class Log:
    """Everything a browser context asked for, and every failure it met."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.where = ""  # the page being visited, so a failure says where it happened

    def request(self, request: Request) -> None:
        self.requests.append(request.url)

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"{self.where}: HTTP {response.status} {response.url}")

    def request_failed(self, request: Request) -> None:
        # Going on to the next page aborts what the last one still had in flight (the
        # search worker, the favicon): not a failure. A missing file is a response above.
        if request.failure == "net::ERR_ABORTED":
            return
        self.failures.append(f"{self.where}: {request.failure} {request.url}")

    def console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.failures.append(f"{self.where}: console {message.type}: {message.text}")

    def page_error(self, error: Exception) -> None:
        self.failures.append(f"{self.where}: uncaught {error}")


def _watch(page: Page, log: Log) -> None:
    # The context sees what the search worker fetches; the page sees its console.
    page.context.on("request", log.request)
    page.context.on("response", log.response)
    page.context.on("requestfailed", log.request_failed)
    page.on("console", log.console)
    page.on("pageerror", log.page_error)


def test_every_page_requests_only_its_own_site_and_nothing_fails(
        served: ServedSite, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log = Log()
    _watch(page, log)
    for url in served.pages:
        log.where = url or "/"
        page.goto(served.base + url, wait_until="networkidle")

    # The phone menu, once: it opens, shows the site's sections and asks for nothing broken.
    log.where = "phone menu"
    page.goto(served.base + "kontakt/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.locator(".md-sidebar--primary a.md-nav__link").first.wait_for(state="visible")

    # The search, once: it loads the index and language support, also from the site itself.
    log.where = "search"
    page.goto(served.base, wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()  # a phone's search button
    page.locator("input.md-search__input").press_sequentially("verksted")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_load_state("networkidle")
    context.close()

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
    _watch(page, log)
    log.where = "probe"
    page.goto(served_sites["sample-nb"].base, wait_until="networkidle")
    with page.expect_response("**/finnes-ikke.xml"), page.expect_console_message():
        page.evaluate("fetch('finnes-ikke.xml').catch(() => {}); console.warn('probe')")
    context.close()
    assert any("HTTP 404" in f and "finnes-ikke.xml" in f for f in log.failures), log.failures
    assert any("console warning: probe" in f for f in log.failures), log.failures
