"""Fixtures of the browser suite: the built sites, served on 127.0.0.1, and one Chromium.

The sites: the Lørenskog sample in nb, nn and en, and a stress portal (long names, many
members, every optional field, photos, every workshop status). Each is built once per
session with the real `mkdocs build --strict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error, Page, sync_playwright

from conftest import Built, copy_sample, run_build, shared_build

from .harness import AXE_JS, VNU_JAR, ServedSite, launch, serve
from .stress import stress_site
from .visits import Visits

SITES = ["sample-nb", "sample-nn", "sample-en", "stress"]


def build_sample_in(root: Path, language: str) -> Built:
    """The sample portal with `language:` in municipality.yml set to `language`."""
    copy_sample(root)
    municipality = root / "data" / "municipality.yml"
    lines = [line for line in municipality.read_text(encoding="utf-8").splitlines()
             if not line.startswith("language:")]
    municipality.write_text("\n".join([*lines, f"language: {language}", ""]), encoding="utf-8")
    return run_build(root)


@pytest.fixture(scope="session")
def built_sites(sample: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    # Built once per run, also when pytest-xdist runs two workers (shared_build).
    sites = {"sample-nb": sample}
    for language in ("nn", "en"):
        sites[f"sample-{language}"] = shared_build(
            tmp_path_factory, f"sample-{language}",
            lambda root, language=language: build_sample_in(root, language))
    sites["stress"] = shared_build(tmp_path_factory, "stress",
                                   lambda root: stress_site(root).build())
    return sites


@pytest.fixture(scope="session")
def served_sites(built_sites: dict[str, Built]) -> Iterator[dict[str, ServedSite]]:
    with ExitStack() as stack:
        yield {name: ServedSite(name, built.out, stack.enter_context(serve(built.out)))
               for name, built in built_sites.items()}


@pytest.fixture(params=SITES)
def served(request: pytest.FixtureRequest, served_sites: dict[str, ServedSite]) -> ServedSite:
    return served_sites[request.param]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """System Chromium. If it cannot start, every browser test fails (never skips)."""
    for tool in (AXE_JS, VNU_JAR):
        if not tool.is_file():
            pytest.fail(f"{tool} is missing: run `bash scripts/install-test-tools.sh`")
    with sync_playwright() as playwright:
        try:
            chromium = launch(playwright)
        except Error as error:
            pytest.fail(f"Chromium could not start (install Debian's chromium): {error}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visits(browser: Browser, served_sites: dict[str, ServedSite]) -> Visits:
    """`visits(site)`: every page of the site visited once, checked by several tests."""
    return Visits(browser, served_sites)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # The checkers inject scripts and Playwright evaluates strings, which the pages'
    # Content-Security-Policy rightly blocks; test_csp.py checks the policy without this.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    yield context.new_page()
    context.close()
