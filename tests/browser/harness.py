"""Serving a built site on 127.0.0.1 and driving the system Chromium with Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request

from .allowances import AXE_DISABLED_RULES

REPO = Path(__file__).resolve().parents[2]
# Debian's Chromium, which scripts/install-test-tools.sh installs; VERKSTED_CHROMIUM names
# another build of it.
CHROMIUM = os.environ.get("VERKSTED_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# No sandbox: CI runs as root. The rest keeps Chromium from calling Google's services,
# so the request log holds only what the page itself asks for.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = REPO / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(folder: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler
          ) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1; yields the base URL ending in `/`."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Playwright) -> Browser:
    """The machine's Chromium; Playwright's own browser download is not used."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def site_pages(folder: Path) -> list[str]:
    """Every HTML page of a built site, as URLs relative to its root ("" is the home page)."""
    urls = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        if relative.startswith("admin/"):  # the editor, tested in test_editor.py
            continue
        urls.append(relative.removesuffix("index.html"))
    return urls


@dataclass
class ServedSite:
    """A built site being served: its folder, base URL and pages."""

    name: str
    folder: Path
    base: str

    @property
    def pages(self) -> list[str]:
        return site_pages(self.folder)


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[dict[str, object]]:
    """axe-core's violations on the loaded page: WCAG 2.0/2.1 A and AA, best practice."""
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy, which
    # refuses inline scripts, does not govern it, so axe sees the page a visitor gets.
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async ([tags, disabled]) => {
             const rules = Object.fromEntries(disabled.map(id => [id, {enabled: false}]));
             const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
             return result.violations.map(v => ({id: v.id, help: v.help,
               nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
           }""",
        [AXE_TAGS, list(AXE_DISABLED_RULES)],
    )


def screenshot_path(site: str, url: str, width: int) -> Path:
    name = (url.strip("/").replace("/", "__").removesuffix(".html") or "home")
    path = ARTIFACTS / "screenshots" / f"{site}--{name}--{width}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


class Network:
    """The requests of one browser context still in flight, for `settle`: Playwright's
    `networkidle` waits for 500 ms of silence after every load, which was most of the
    browser suite's time; this waits only as long as something is really loading."""

    def __init__(self, context: BrowserContext) -> None:
        self.pending: set[Request] = set()
        self.last = time.monotonic()
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def _started(self, request: Request) -> None:
        self.pending.add(request)
        self.last = time.monotonic()

    def _ended(self, request: Request) -> None:
        self.pending.discard(request)
        self.last = time.monotonic()


_NETWORKS: dict[int, tuple[BrowserContext, Network]] = {}


def network_of(context: BrowserContext) -> Network:
    """The context's Network, created (and listening) on first use."""
    known = _NETWORKS.get(id(context))
    if known is None or known[0] is not context:
        known = _NETWORKS[id(context)] = (context, Network(context))
    return known[1]


def settle(page: Page, quiet_ms: int = 200, timeout_ms: int = 30_000) -> None:
    """Wait until the page's context has had no request in flight for `quiet_ms`: what
    `networkidle` promises (the search worker, its index and lunr's languages, lazy photos
    all loaded), without its fixed half second. Every page load in this suite ends here."""
    network = network_of(page.context)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        page.wait_for_timeout(25)  # Playwright delivers the request events meanwhile
        now = time.monotonic()
        if not network.pending and now - network.last >= quiet_ms / 1000:
            return
        if now > deadline:
            raise TimeoutError(f"still loading after {timeout_ms} ms: "
                               + ", ".join(sorted(r.url for r in network.pending)))


def goto(page: Page, url: str) -> None:
    """Open `url` and wait until it and everything it asks for has loaded (see `settle`)."""
    network_of(page.context)  # listening before the first request
    page.goto(url, wait_until="load")
    settle(page)


def wait_until_true(page: Page, expression: str, timeout_ms: int = 10_000) -> None:
    """Like `page.wait_for_function(expression)`, which evaluates a string and so is itself
    refused by the pages' Content-Security-Policy (no 'unsafe-eval'): polls each frame."""
    done = page.evaluate(
        f"""timeout => new Promise(resolve => {{
             const end = performance.now() + timeout;
             const check = () => {{
               const value = ({expression});
               if (value || performance.now() > end) resolve(Boolean(value));
               else requestAnimationFrame(check);
             }};
             check();
           }})""", timeout_ms)
    assert done, f"not true within {timeout_ms} ms: {expression}"
