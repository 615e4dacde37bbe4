"""Shared test helpers: write real sites into temporary folders and build them with MkDocs."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# The suite builds the same photos many times: their AVIF/WebP variants come from one cache
# (keyed by content, so sharing it is safe). tests/test_photo_variants.py uses its own.
PHOTO_CACHE = Path(tempfile.gettempdir()) / "verksted-test-photo-cache"
# Messages follow each test site's language unless a test sets VERKSTED_LANG itself.
os.environ.pop("VERKSTED_LANG", None)
# The suite's one clock (reproducible.py): every build and command it runs, in this process
# and in those it starts (they inherit the environment), stands on this day, so the suite
# passes in any year. A test about a day that has passed sets its own dates, or
# SOURCE_DATE_EPOCH, which wins over this.
PINNED_NOW = "2026-06-01T12:00"
os.environ["VERKSTED_NOW"] = PINNED_NOW
TODAY = date.fromisoformat(PINNED_NOW[:10])
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VERKSTED_CACHE_DIR": str(PHOTO_CACHE)}

MINIMAL_MKDOCS = {
    "site_name": "Testportal",
    "site_url": "https://verksted.example.no/",
    "theme": {"name": "material", "custom_dir": "overrides", "font": False,
              "features": ["navigation.indexes"]},
    "plugins": ["search", "verksted"],
    "markdown_extensions": [{"toc": {"permalink": True}}, "admonition", "md_in_html",
                            "attr_list"],
}

MUNICIPALITY = """\
name: Testvik kommune
number: "9999"
language: nb
phone: "12 34 56 78"
email: post@testvik.kommune.no
visiting_address: {street: Storgata 1, postcode: "1234", city: TESTVIK}
postal_address: {street: Postboks 1, postcode: "1235", city: TESTVIK}
accessibility_statement: https://uustatus.no/nb/erklaringer/publisert/testvik
"""

PLAN = """\
title: Kommuneplanens samfunnsdel
summary: Planen for *hele* kommunen.
contact:
  name: Kari Kontakt
  title: fagsjef
  role: Ansvarlig for planarbeidet
  phone: "990 48 920"
  email: kari@testvik.kommune.no
"""

COMMITTEE = """\
name: Planutvalget
plan: samfunnsdel
purpose: Gi råd om planen.
members:
  - name: Ola Nordmann
    party: H
    role: leder
"""

METHOD = """\
name: Politisk verksted
purpose: Overføre kunnskap.
steps:
  - label: "0"
    title: Forberedelse
    lead_time_days: 7
"""

WORKSHOP = """\
---
title: Første verksted
committee: planutvalget
method: politisk-verksted
number: 1
start: "2020-02-11 18:00"
---
Vi møttes og diskuterte.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@dataclass
class Built:
    """A built site: its folder and helpers to read what came out."""

    root: Path
    out: Path
    result: subprocess.CompletedProcess[str]

    def html(self, url: str) -> BeautifulSoup:
        """Parse the page at a site URL like `utvalg/x/` with a real HTML parser."""
        path = self.out / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def main(self, url: str) -> BeautifulSoup:
        """Only the article: what the page says, without navigation and footer."""
        article = self.html(url).select_one("article")
        assert article is not None, f"{url} has no <article>"
        return article


class SiteFactory:
    """Writes a small site (minimal valid records unless replaced) and builds it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, str] = {
            "data/municipality.yml": MUNICIPALITY,
            "data/plans/samfunnsdel.yml": PLAN,
            "data/committees/planutvalget.yml": COMMITTEE,
            "data/methods/politisk-verksted.yml": METHOD,
            "data/workshops/2020-02-11-forste.md": WORKSHOP,
            "docs/index.md": "# Forside\n\nVelkommen.\n",
        }
        self.mkdocs: dict[str, object] = dict(MINIMAL_MKDOCS)

    def extend(self, relative: str, text: str) -> SiteFactory:
        """Add lines at the end of one file of the site (e.g. photos to a committee)."""
        return self.set(relative, self.files[relative] + text)

    def set(self, relative: str, text: str | None) -> SiteFactory:
        """Replace (or with None, remove) one file of the site."""
        if text is None:
            self.files.pop(relative, None)
        else:
            self.files[relative] = text
        return self

    def write(self) -> Path:
        for relative, text in self.files.items():
            write(self.root / relative, text)
        (self.root / "overrides").mkdir(exist_ok=True)
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(self.mkdocs, allow_unicode=True),
                                              encoding="utf-8")
        return self.root

    def build(self, *extra: str, check: bool = True) -> Built:
        self.write()
        return run_build(self.root, *extra, check=check)


def run_build(root: Path, *extra: str, check: bool = True,
              env: dict[str, str] | None = None) -> Built:
    """`mkdocs build --strict` in `root`, as a user runs it (`env` replaces the environment)."""
    out = root / "site"
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(out), *extra],
        cwd=root, env=env or {**ENV, **language_override()}, capture_output=True, text=True, timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return Built(root, out, result)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a site's file, as an editor's change."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def check_problems(root: Path, language: str = "nb") -> tuple[int, list[dict[str, object]]]:
    """`verksted check --format json` in `root`: its exit code and its problems."""
    result = subprocess.run([str(BIN / "verksted"), "check", "--format", "json",
                             "--lang", language], cwd=root, env=ENV, capture_output=True,
                            text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)["problems"]


def public_pages(out: Path) -> list[Path]:
    """The built site's HTML pages for citizens: everything but the editor (admin/)."""
    return sorted(p for p in out.rglob("*.html") if p.relative_to(out).parts[0] != "admin")


@pytest.fixture
def site(tmp_path: Path) -> SiteFactory:
    return SiteFactory(tmp_path / "site-src")


def copy_sample(target: Path) -> Path:
    """The repository's own sample portal, copied so a build cannot touch the checkout."""
    for name in ("mkdocs.yml", "data", "docs", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str,
                 build: Callable[[Path], Built]) -> Built:
    """`build(root)` into a new folder, once per test run: under pytest-xdist the workers
    share one build (the first builds under a file lock, the others read its result), so
    two workers cost no second build. Tests only read these folders."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, common to the workers
    root, done = shared / f"shared-{name}", shared / f"shared-{name}.json"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            shutil.rmtree(root, ignore_errors=True)  # a build that failed half way
            root.mkdir()
            built = build(root)
            result = built.result
            done.write_text(json.dumps({
                "root": str(built.root), "out": str(built.out), "args": result.args,
                "returncode": result.returncode, "stdout": result.stdout,
                "stderr": result.stderr}), encoding="utf-8")
            return built
    saved = json.loads(done.read_text(encoding="utf-8"))
    return Built(Path(saved["root"]), Path(saved["out"]), subprocess.CompletedProcess(
        saved["args"], saved["returncode"], saved["stdout"], saved["stderr"]))


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample portal for Lørenskog, built once per test session."""
    return shared_build(tmp_path_factory, "sample",
                        lambda root: run_build(copy_sample(root)))


def language_override() -> dict[str, str]:
    """VERKSTED_LANG as a test set it (monkeypatch), for the builds it starts."""
    language = os.environ.get("VERKSTED_LANG")
    return {"VERKSTED_LANG": language} if language else {}


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, for tests that assert the English texts; nb and nn are run by
    test_load_errors.py and test_messages_i18n.py."""
    monkeypatch.setenv("VERKSTED_LANG", "en")


# The browser tests (tests/browser/) that read one site's shared visit (visits.py): they run
# on one worker, so each site is visited once.
SHARED_VISIT_MODULES = ("test_axe.py", "test_csp.py", "test_keyboard.py", "test_layout.py",
                        "test_requests.py")
SITES = ("sample-nb", "sample-nn", "sample-en", "stress")


def xdist_group_of(nodeid: str) -> str:
    """Which tests pytest-xdist must run on one worker (`make test`: --dist loadgroup).

    A module outside tests/browser/, and test_editor.py (one decap-server), is one group,
    so its module-scoped fixtures (a site built once for many assertions) are made once; a
    browser test that reads a site's shared visit belongs to that site's group; every other
    browser test is a group of its own, so the long ones spread over the workers."""
    path, _, name = nodeid.partition("::")
    folder, _, module = path.rpartition("/")
    if not folder.endswith("browser") or module == "test_editor.py":
        return path
    site = re.search(r"\[([^\]]+)\]$", name)
    if module in SHARED_VISIT_MODULES and site and site[1] in SITES:
        return f"visit-{site[1]}"
    return nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """--dist loadgroup with the groups of `xdist_group_of`. (pytest-xdist's own loadgroup reads
    `xdist_group` marks through a node id that pytest 9 no longer lets it change.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_group_of(nodeid)

    return GroupScheduling(config, log)


@functools.cache
def _field_converter() -> Any:
    from verksted_plugin.records.safe_markdown import markdown_converter
    return markdown_converter()


def render_field(text: str) -> str:
    """A Markdown field as the pages publish it (adapter/field_html.py's long way, with the
    default extensions): converted, then sanitized."""
    from verksted_plugin.records.safe_markdown import sanitize
    return sanitize(_field_converter().reset().convert(text))
