"""`mkdocs serve` rebuilds when a record changes: the preview editors rely on."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request

from conftest import BIN, ENV, WORKSHOP, SiteFactory

PAGE = "verksteder/2020-02-11-forste/"
DEADLINE_SECONDS = 90  # generous: the machine is shared; the loop ends as soon as it sees it


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen[str]) -> bool:
    """Poll until the page contains `text`; bounded in time and in the number of requests."""
    end = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < end and server.poll() is None:
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.5)
    return False


def test_editing_a_record_updates_the_served_page(site: SiteFactory) -> None:
    root = site.write()
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/{PAGE}"
    try:
        assert wait_for(url, "Første verksted", server), "the server never served the page"
        # The live-reload script is inline; the preview goes without the published policy.
        assert "livereload" in (served := fetch(url) or "") and "Content-Security" not in served
        record = root / "data/workshops/2020-02-11-forste.md"
        record.write_text(WORKSHOP.replace("Vi møttes og diskuterte.",
                                           "Endret mens forhåndsvisningen kjørte."),
                          encoding="utf-8")
        assert wait_for(url, "Endret mens forhåndsvisningen kjørte.", server), \
            "the change in data/ was not rebuilt and served"
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "Traceback" not in output, output
