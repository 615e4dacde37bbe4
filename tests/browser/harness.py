"""Serving a built site on 127.0.0.1 and driving the system Chromium with Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

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


def run_axe(page: Page) -> list[dict[str, object]]:
    """axe-core's violations on the loaded page: WCAG 2.0/2.1 A and AA, best practice."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
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
