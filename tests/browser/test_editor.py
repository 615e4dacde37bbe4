"""The browser editor end to end: Chromium drives the real Decap CMS against decap-server.

A temporary copy of the sample portal (in canonical form, committed to a fresh git
repository) is built and served on 127.0.0.1; decap-server edits its files. The tests
create a workshop through the form and retitle an existing one, then read the files,
run `verksted check`, rebuild and read the page. Screenshots go to test-artifacts/editor/;
with VERKSTED_UPDATE_SCREENSHOTS=1 (`make screenshots`) also into the editor's guide.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from conftest import BIN, ENV, REPO, SiteFactory, copy_sample, public_pages, run_build

from .harness import ARTIFACTS, serve

DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
GUIDE_IMAGES = REPO / "docs" / "redaktor" / "skjermbilder"
EXISTING = "2020-02-11-forste-politiske-verksted"
NEW_FILE = "2030-05-06-sjette-politiske-verksted-pa-as.md"
TIMEOUT_MS = 60_000  # a 5 MB editor on a busy CI machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_proxy(url: str, process: subprocess.Popen[bytes]) -> None:
    request = urllib.request.Request(url, data=b'{"action": "info"}',
                                     headers={"Content-Type": "application/json"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"decap-server stopped: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if "repo" in json.loads(response.read()):
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("decap-server did not answer within 30 s")


@dataclass
class EditorSite:
    root: Path
    base: str
    proxy_port: int
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                              check=True).stdout

    def verksted(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "verksted"), *args], cwd=self.root, env=ENV,
                              capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorSite]:
    if not DECAP_SERVER.is_file():
        pytest.fail(f"{DECAP_SERVER} is missing: run `bash scripts/install-test-tools.sh`")
    root = copy_sample(tmp_path_factory.mktemp("editor"))
    port = free_port()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      data_dir: data\n", f"      data_dir: data\n      editor:\n        local_port: {port}\n"),
        encoding="utf-8")
    site = EditorSite(root, "", port)
    assert site.verksted("fmt").returncode == 0  # reviewers' diffs start from canonical files
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=Test", "-c", "user.email=test@example.no", "commit", "-qm", "start"]):
        site.git(*command)
    built = run_build(root)
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "error"}
    node = shutil.which("node") or "node"
    with ExitStack() as stack:
        proxy = subprocess.Popen([node, str(DECAP_SERVER)], cwd=root, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stack.callback(proxy.wait, 10)
        stack.callback(proxy.terminate)
        wait_for_proxy(f"http://127.0.0.1:{port}/api/v1", proxy)
        site.base = stack.enter_context(serve(built.out))
        yield site


@pytest.fixture
def editor(browser: Browser, editor_site: EditorSite) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="nb-NO")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("request", lambda request: editor_site.requests.append(request.url))
    page.on("console", lambda message: editor_site.problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: editor_site.problems.append(str(error)))
    # every request the editor makes succeeds (photos' thumbnails come from where they live)
    page.on("response", lambda response: editor_site.problems.append(
        f"{response.status} {response.url}") if response.status >= 400 else None)
    page.goto(editor_site.base + "admin/")
    page.get_by_role("button", name="Logg inn").click()
    yield page
    context.close()
    hosts = {urlparse(url).hostname for url in editor_site.requests if urlparse(url).scheme != "blob"}
    assert hosts <= {"127.0.0.1"}, hosts  # the site itself and the local proxy, nothing else
    assert not editor_site.problems


def screenshot(page: Page, name: str) -> None:
    path = ARTIFACTS / "editor" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    if os.environ.get("VERKSTED_UPDATE_SCREENSHOTS") == "1":
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, GUIDE_IMAGES / path.name)


def publish(page: Page, path: Path) -> str:
    """Publish now, and wait until decap-server has written `path`; its new text."""
    before = path.read_text(encoding="utf-8") if path.exists() else None
    page.get_by_role("button", name="Publiser").first.click()
    page.get_by_text("Publiser nå").click()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    seen = None
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else None
        if text and text != before and text == seen:  # written, and no longer being written
            return text
        seen = text
        page.wait_for_timeout(300)
    pytest.fail(f"{path.name} was not written after publishing")


def test_create_a_workshop_through_the_form(editor: Page, editor_site: EditorSite) -> None:
    page = editor
    page.goto(editor_site.base + "admin/#/collections/workshops")
    page.get_by_text("Første politiske verksted").wait_for()
    screenshot(page, "verksteder")
    page.goto(editor_site.base + "admin/#/collections/workshops/new")
    page.get_by_label("Tittel", exact=True).first.fill("Sjette politiske verksted på Ås")
    page.get_by_label("Utvalg", exact=True).click()
    page.keyboard.type("Kommuneplan")
    page.get_by_role("option", name="Kommuneplanutvalget").click()
    page.get_by_label("Start", exact=True).fill("2030-05-06 18:00")
    # the preview (in its own frame), dated as on the site
    page.frame_locator("iframe").first.get_by_text("6. mai 2030 kl. 18.00").wait_for()
    screenshot(page, "nytt-verksted")
    path = editor_site.root / "data" / "workshops" / NEW_FILE
    assert publish(page, path) == (
        "---\ntitle: Sjette politiske verksted på Ås\ncommittee: kommuneplanutvalget\n"
        'start: "2030-05-06 18:00"\n---\n')
    assert editor_site.verksted("fmt", "--check").returncode == 0
    check = editor_site.verksted("check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
    rebuilt = editor_site.root / "rebuilt"  # the first build is still being served
    run_build(editor_site.root, "-d", str(rebuilt))
    pages = [BeautifulSoup(p.read_text(encoding="utf-8"), "lxml") for p in public_pages(rebuilt)
             if "sjette-politiske-verksted-pa-as" in p.as_posix()]
    assert pages, "no page for the new workshop"
    article = pages[0].select_one("article")
    assert article is not None and article.h1 is not None
    assert article.h1.get_text(strip=True).rstrip("¶") == "Sjette politiske verksted på Ås"
    assert "6. mai 2030" in article.get_text(" ") and "Kommuneplanutvalget" in article.get_text(" ")


def test_retitling_a_workshop_changes_that_line_only(editor: Page, editor_site: EditorSite) -> None:
    page = editor
    path = editor_site.root / "data" / "workshops" / f"{EXISTING}.md"
    before = path.read_text(encoding="utf-8")
    page.goto(editor_site.base + f"admin/#/collections/workshops/entries/{EXISTING}")
    title = page.get_by_label("Tittel", exact=True).first
    title.fill("Det første politiske verkstedet")
    screenshot(page, "endre-verksted")
    after = publish(page, path)
    diff = editor_site.git("diff", "--unified=0", "--", f"data/workshops/{EXISTING}.md")
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-title: Første politiske verksted", "+title: Det første politiske verkstedet"]
    assert after.count("# illustrativ verdi") == before.count("# illustrativ verdi") > 0
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # the summary
    assert editor_site.verksted("check").returncode == 0


def test_unconfigured_admin_tells_the_owner_what_to_set_up(browser: Browser, site: SiteFactory) -> None:
    """No git backend and no local proxy: a message, not a login that cannot work."""
    site.mkdocs["plugins"] = ["search", {"verksted": {"editor": {"local_port": free_port()}}}]
    built = site.build()
    context = browser.new_context(locale="nb-NO")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve(built.out) as base:
        page.goto(base + "admin/")
        message = page.get_by_text("Redigering i nettleseren er ikke satt opp")
        message.wait_for()
        assert "mkdocs.yml" in page.locator("#verksted-unconfigured").inner_text()
        assert page.get_by_role("button", name="Logg inn").count() == 0
    context.close()
    assert {urlparse(url).hostname for url in requests} <= {"127.0.0.1"}


def test_a_photo_uploads_into_docs_with_the_path_the_record_expects(
        editor: Page, editor_site: EditorSite, tmp_path: Path) -> None:
    photo = tmp_path / "gruppearbeid.jpg"
    shutil.copy(REPO / "docs" / "bilder" / "verksted-1.jpg", photo)
    page = editor
    path = editor_site.root / "data" / "workshops" / "2020-03-10-andre-politiske-verksted.md"
    page.goto(editor_site.base + "admin/#/collections/workshops/entries/2020-03-10-andre-politiske-verksted")
    page.get_by_label("Tittel", exact=True).first.wait_for()
    page.get_by_role("button", name="Legg til bilder").click()  # a phrase verksted adds to nb_no
    page.get_by_role("button", name="Velg et bilde").click()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Velg markert").click()
    page.get_by_label("Alternativ tekst").last.fill("Politikere i gruppearbeid.")
    text = publish(page, path)
    assert "  - src: bilder/gruppearbeid.jpg\n    alt: Politikere i gruppearbeid.\n" in text
    assert (editor_site.root / "docs" / "bilder" / "gruppearbeid.jpg").read_bytes() == photo.read_bytes()
    check = editor_site.verksted("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_date_alone_and_an_end_time_alone_are_written_as_the_loader_reads(
        editor: Page, editor_site: EditorSite) -> None:
    page = editor
    page.goto(editor_site.base + "admin/#/collections/workshops/new")
    page.get_by_label("Tittel", exact=True).first.fill("Åpent verksted uten klokkeslett")
    page.get_by_label("Utvalg", exact=True).click()
    page.keyboard.type("Kommuneplan")
    page.get_by_role("option", name="Kommuneplanutvalget").click()
    page.get_by_text("eller bare datoen (2030-05-06)").wait_for()  # the hint says how
    page.get_by_label("Start", exact=True).fill("2030-06-06")
    page.frame_locator("iframe").first.get_by_text("6. juni 2030").wait_for()
    path = editor_site.root / "data" / "workshops" / "2030-06-06-apent-verksted-uten-klokkeslett.md"
    assert publish(page, path) == (
        "---\ntitle: Åpent verksted uten klokkeslett\ncommittee: kommuneplanutvalget\n"
        'start: "2030-06-06"\n---\n')
    check = editor_site.verksted("check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_workshop_with_a_photo_opens_without_failed_requests(
        editor: Page, editor_site: EditorSite) -> None:
    """The photo's thumbnail loads (no request to admin/bilder/…), and an end may be a time alone.

    The `editor` fixture fails the test on any response ≥ 400.
    """
    page = editor
    path = editor_site.root / "data" / "workshops" / f"{EXISTING}.md"
    before = path.read_text(encoding="utf-8")
    page.goto(editor_site.base + "admin/#/collections/workshops")
    page.get_by_text("Første politiske verksted").click()
    page.locator("button", has_text="Velg et annet bilde").first.wait_for(state="attached")
    page.wait_for_function(  # the thumbnail of bilder/verksted-1.jpg, read through the backend
        "() => [...document.images].some("
        "img => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0)")
    assert not [url for url in editor_site.requests if "/admin/bilder/" in url]
    page.get_by_label(re.compile(r"^Slutt")).first.fill("21:30")
    after = publish(page, path)
    assert 'end: "21:30"' in after.split("\n---\n", 1)[0]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == [
        'end: "2020-02-11 21:00"  # illustrativ verdi']
    check = editor_site.verksted("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_create_a_participation_activity_through_the_form(
        editor: Page, editor_site: EditorSite) -> None:
    """The collection made from model.Activity: a kind from the select, the plan by name, a
    day from the date field; the file is in canonical form and passes the check."""
    page = editor
    page.goto(editor_site.base + "admin/#/collections/activities")
    page.get_by_text("Stedskompasset – innbyggernes vurdering av nærmiljøet").wait_for()
    page.goto(editor_site.base + "admin/#/collections/activities/new")
    page.get_by_label("Tittel", exact=True).first.fill("Folkemøte om Solheim")
    page.get_by_label("Type", exact=True).first.click()
    page.get_by_role("option", name="Folkemøte").click()
    page.get_by_label("Plan", exact=True).click()
    page.keyboard.type("Kommuneplanens")
    page.get_by_role("option", name="Kommuneplanens samfunnsdel").click()
    page.get_by_label("Start", exact=True).fill("2030-06-06")
    path = editor_site.root / "data" / "activities" / "folkemote-om-solheim.yml"
    assert publish(page, path) == (
        "title: Folkemøte om Solheim\nkind: folkemote\nplan: kommuneplanens-samfunnsdel\n"
        'start: "2030-06-06"\n')
    assert editor_site.verksted("fmt", "--check").returncode == 0
    check = editor_site.verksted("check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_workshop_builds_on_an_activity_picked_by_its_title(
        editor: Page, editor_site: EditorSite) -> None:
    page = editor
    workshop = "2020-05-12-tredje-politiske-verksted"
    path = editor_site.root / "data" / "workshops" / f"{workshop}.md"
    page.goto(editor_site.base + f"admin/#/collections/workshops/entries/{workshop}")
    page.get_by_label("Tittel", exact=True).first.wait_for()
    page.get_by_label(re.compile(r"^Bygger på medvirkning")).click()  # "(valgfritt)"
    page.keyboard.type("Fremtidsverksted")
    page.get_by_role("option", name="Fremtidsverksted med innbyggere").click()
    publish(page, path)
    diff = editor_site.git("diff", "--unified=0", "--", f"data/workshops/{workshop}.md")
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+knowledge_from:", "+  - fremtidsverksted-med-innbyggere"]
    check = editor_site.verksted("check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
