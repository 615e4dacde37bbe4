"""One visit per page, width and site for the page-by-page checks.

Loading a page costs more than most checks on it, so axe (test_axe.py), the layout checks
and screenshots (test_layout.py), the skip link (test_keyboard.py), the request and console
log (test_requests.py) and the policy's violation reports (test_csp.py) all look at the same
visit. Each test asserts only on what its check found, so a failure still names its check.

Every visit is as a visitor's browser sees the site: the Content-Security-Policy enforced
(axe is run through the DevTools protocol, which the policy does not govern), at 1280 and
375 px, every page, every request and console message logged. A check that could not run
on a page is reported as that check's failure, never dropped.

Under pytest-xdist the tests that read one site's visit run on one worker (the modules are
listed in SHARED_VISIT_MODULES in tests/conftest.py), so each site is visited once per run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request, Response

from verksted_plugin.language.labels import labels_for

from .harness import ServedSite, goto, run_axe, screenshot_path, settle, wait_until_true

WIDTHS = (1280, 375)
# sample-nn and sample-en are sample-nb's pages in other words: they are visited at a phone's
# width, where longer words would clip (and the skip link's label is checked there); the
# desktop layout is checked on sample-nb and the stress portal. This halves their cost.
PHONE_ONLY_SITES = ("sample-nn", "sample-en")
SCREENSHOT_SITES = ("sample-nb", "stress")  # nn and en are the same pages in other words
LANGUAGE = {"sample-nb": "nb", "sample-nn": "nn", "sample-en": "en", "stress": "nb"}

# Collects securitypolicyviolation events from the first moment of every document.
LISTEN_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""

# Elements of the header's titles, the content and the footer whose text is cut off by
# their own box.
CLIPPED = """() => [...document.querySelectorAll(
    '.md-header__topic, .md-header__topic *, .md-content, .md-content *, .md-footer, ' +
    '.md-footer *')].filter(el => {
  const style = getComputedStyle(el);
  const clips = ['hidden', 'clip', 'auto', 'scroll'];
  const cut = (clips.includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
              (clips.includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
  // 1 px boxes are text for screen readers only, hidden on purpose.
  return cut && el.clientWidth > 1 && el.innerText.trim() !== '' && el.checkVisibility();
}).map(el => el.outerHTML.slice(0, 160))"""

# Headings taller than their words: a line with nothing visible on it (the heading's
# invisible permalink ¶ wrapped onto a line of its own, an empty gap on a phone).
EMPTY_HEADING_LINE = """() => [...document.querySelectorAll(
    'article :is(h1, h2, h3, h4, h5, h6)')].filter(h => {
  const words = document.createRange();
  words.selectNodeContents(h);
  const link = h.querySelector('.headerlink');
  if (link) words.setEndBefore(link);
  const line = parseFloat(getComputedStyle(h).lineHeight);
  return h.getBoundingClientRect().height - words.getBoundingClientRect().height > line / 2;
}).map(h => h.outerHTML.slice(0, 160))"""

# Where the skip link led: an element inside the article (blog views such as Aktuelt have
# their heading outside any <article>: the content column is the main content there).
SKIP_TARGET = """() => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    return Boolean(target && target.closest('article, .md-content'));
}"""


class Log:
    """Everything a browser context asked for, and every failure it met."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.console: list[tuple[str, str, str]] = []  # (where, type, text) of every message
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

    def on_console(self, message: ConsoleMessage) -> None:
        self.console.append((self.where, message.type, message.text))
        if message.type in ("error", "warning"):
            self.failures.append(f"{self.where}: console {message.type}: {message.text}")

    def page_error(self, error: Exception) -> None:
        self.console.append((self.where, "pageerror", str(error)))
        self.failures.append(f"{self.where}: uncaught {error}")


def watch(page: Page, log: Log) -> None:
    # The context sees what the search worker fetches; the page sees its console.
    page.context.on("request", log.request)
    page.context.on("response", log.response)
    page.context.on("requestfailed", log.request_failed)
    page.on("console", log.on_console)
    page.on("pageerror", log.page_error)


@dataclass
class SiteVisit:
    """What every check found on one site; each list is one check's failures."""

    site: ServedSite
    pages: list[str]
    log: Log = field(default_factory=Log)
    axe: dict[str, list[dict[str, object]]] = field(default_factory=dict)  # "375px url" ->
    layout: list[str] = field(default_factory=list)
    skip_link: list[str] = field(default_factory=list)
    csp: dict[str, list[str]] = field(default_factory=dict)
    menu_and_search: list[str] = field(default_factory=list)
    screenshots: int = 0
    visited: int = 0

    @property
    def widths(self) -> tuple[int, ...]:
        return (375,) if self.site.name in PHONE_ONLY_SITES else WIDTHS


def _check(problems: list[str], where: str, name: str, run: Callable[[], None]) -> None:
    """Run one check; if it cannot run at all, that is its failure, with the reason."""
    try:
        run()
    except (Error, AssertionError, TimeoutError) as error:
        problems.append(f"{where}: {name} could not run: {error}")


def visit_site(browser: Browser, site: ServedSite) -> SiteVisit:
    visit = SiteVisit(site, site.pages)
    for width in visit.widths:
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.add_init_script(LISTEN_CSP)
        page = context.new_page()
        watch(page, visit.log)
        for url in visit.pages:
            _visit_page(page, visit, width, url)
        if width == 375:
            _open_menu_and_search(page, visit)
        context.close()
    return visit


def _visit_page(page: Page, visit: SiteVisit, width: int, url: str) -> None:
    where = visit.log.where = f"{width}px {url or '/'}"
    try:
        goto(page, visit.site.base + url)
    except (Error, TimeoutError) as error:
        for problems in (visit.layout, visit.skip_link):
            problems.append(f"{where}: did not load: {error}")
        visit.axe[where] = [{"id": "page did not load", "help": str(error), "nodes": []}]
        visit.csp[where] = [f"page did not load: {error}"]
        return
    visit.visited += 1

    def csp() -> None:
        if reports := page.evaluate("window.__cspViolations"):
            visit.csp[where] = reports

    def layout_at_top() -> None:
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll_width > client_width:
            visit.layout.append(f"{where}: scrolls sideways ({scroll_width} > {client_width})")
        if width == 375:
            visit.layout.extend(f"{where}: clipped {html}" for html in page.evaluate(CLIPPED))
            visit.layout.extend(f"{where}: heading with an empty line {html}"
                                for html in page.evaluate(EMPTY_HEADING_LINE))

    def axe() -> None:
        if violations := run_axe(page):
            visit.axe[where] = violations

    def layout_scrolled() -> None:
        # Scrolled down, the header changes, and lazy photos load for the screenshot.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        settle(page)
        if width == 375:
            visit.layout.extend(f"{where}, scrolled: clipped {html}"
                                for html in page.evaluate(CLIPPED))
        page.evaluate("window.scrollTo(0, 0)")
        if visit.site.name in SCREENSHOT_SITES:
            path = screenshot_path(visit.site.name, url, width)
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 1000, path
            visit.screenshots += 1

    def skip_link() -> None:
        # Last: it moves the focus and the address. Not on the 404 page: no heading to skip to.
        if width != visit.widths[0] or url == "404.html":
            return
        label = labels_for(LANGUAGE[visit.site.name])["skip_to_content"]
        page.keyboard.press("Tab")
        skip = page.locator("a.md-skip")
        problems = []
        if not skip.evaluate("el => el === document.activeElement"):
            problems.append("the first Tab does not focus the skip link")
        if skip.inner_text().strip() != label:
            problems.append(f"its text is {skip.inner_text().strip()!r}, not {label!r}")
        box = skip.bounding_box()
        if not (box and box["y"] >= 0 and box["width"] > 0):
            problems.append(f"it is not on screen when focused: {box}")
        wait_until_true(page, "getComputedStyle(document.querySelector('a.md-skip')).opacity "
                              "=== '1'")
        page.keyboard.press("Enter")
        if not page.evaluate(SKIP_TARGET):
            problems.append("Enter does not lead into the main content")
        visit.skip_link.extend(f"{where}: {problem}" for problem in problems)

    csp_problems: list[str] = []
    _check(csp_problems, where, "csp", csp)
    if csp_problems:
        visit.csp[where] = csp_problems
    _check(visit.layout, where, "layout", layout_at_top)
    axe_problems: list[str] = []
    _check(axe_problems, where, "axe", axe)
    if axe_problems:
        visit.axe[where] = [{"id": "axe did not run", "help": axe_problems[0], "nodes": []}]
    _check(visit.layout, where, "layout", layout_scrolled)
    _check(visit.skip_link, where, "skip link", skip_link)


def _open_menu_and_search(page: Page, visit: SiteVisit) -> None:
    base = visit.site.base

    def menu() -> None:
        # The phone menu, once: it opens, shows the site's sections and asks for nothing broken.
        visit.log.where = "phone menu"
        goto(page, base + "kontakt/")
        page.locator("label.md-header__button[for=__drawer]").click()
        wait_until_true(page, "document.getElementById('__drawer').checked")
        page.locator(".md-sidebar--primary a.md-nav__link").first.wait_for(state="visible")

    def search() -> None:
        # The search, once: it loads the index and language support, also from the site itself.
        visit.log.where = "search"
        goto(page, base)
        page.locator("label.md-header__button[for=__search]").click()  # a phone's search button
        page.locator("input.md-search__input").press_sequentially("verksted")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        settle(page)

    _check(visit.menu_and_search, "phone menu", "opening the menu", menu)
    _check(visit.menu_and_search, "search", "searching", search)


class Visits:
    """Each site visited once per session (per worker), on first demand."""

    def __init__(self, browser: Browser, sites: dict[str, ServedSite]) -> None:
        self.browser, self.sites = browser, sites
        self.done: dict[str, SiteVisit] = {}

    def __call__(self, site: ServedSite) -> SiteVisit:
        if site.name not in self.done:
            self.done[site.name] = visit_site(self.browser, site)
        return self.done[site.name]

