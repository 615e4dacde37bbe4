"""Drafts: nowhere in a normal build's output; in the preview with an "Utkast" banner."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import COMMITTEE, ENV, METHOD, PLAN, WORKSHOP, SiteFactory, run_build

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}

SECRET = "Hemmeligord"  # each draft below carries a unique word built from this


def with_drafts(site: SiteFactory) -> SiteFactory:
    """One draft of every kind, each pointing at drafts, beside the published records."""
    site.set("data/plans/utkastplan.yml", "draft: true\n" + PLAN.replace(
        "Kommuneplanens samfunnsdel", f"{SECRET}plan"))
    site.set("data/committees/utkastutvalg.yml", "draft: true\n" + COMMITTEE.replace(
        "Planutvalget", f"{SECRET}utvalg").replace("plan: samfunnsdel", "plan: utkastplan"))
    site.set("data/methods/utkastmetode.yml", "draft: true\n" + METHOD.replace(
        "Politisk verksted", f"{SECRET}metode"))
    site.set("data/workshops/2021-01-01-utkast.md", WORKSHOP.replace(
        "title: Første verksted", f"title: {SECRET}verksted\ndraft: true").replace(
        "committee: planutvalget", "committee: utkastutvalg").replace(
        "method: politisk-verksted", "method: utkastmetode").replace(
        "Vi møttes", f"{SECRET}sammendrag"))
    # A draft in the published committee's own series: links from its page must not show it.
    site.set("data/workshops/2021-02-01-utkast-i-serien.md", WORKSHOP.replace(
        "title: Første verksted", f"title: {SECRET}serie\ndraft: true").replace(
        "number: 1", "number: 2"))
    return site


def every_text(folder: Path) -> dict[str, str]:
    """Every file of the output as text, compressed ones (sitemap.xml.gz) unpacked."""
    texts = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            texts[path.relative_to(folder).as_posix()] = data.decode("utf-8", "replace")
    return texts


def test_drafts_appear_nowhere_in_a_normal_build(site: SiteFactory) -> None:
    built = with_drafts(site).build()
    texts = every_text(built.out)
    assert "search/search_index.json" in texts and "sitemap.xml" in texts
    assert "sitemap.xml.gz" in texts
    leaks = {name: text.count(SECRET) for name, text in texts.items() if SECRET in text}
    assert leaks == {}
    for fragment in ("utkastplan", "utkastutvalg", "utkastmetode", "2021-01-01-utkast",
                     "utkast-i-serien"):
        assert not any(fragment in name for name in texts), fragment
        assert not any(fragment in text for text in texts.values()), fragment
    # the published records are all still there
    assert "Planutvalget" in texts["utvalg/planutvalget/index.html"]


def test_a_published_record_may_not_point_at_a_draft(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yml", "draft: true\n" + PLAN)
    built = site.build(check=False)
    assert built.result.returncode != 0
    assert ('data/committees/planutvalget.yml:2: plan: the plan "samfunnsdel" is a draft '
            "(draft: true), so this record cannot be published; add draft: true here too, "
            "or publish the plan") in built.result.stdout + built.result.stderr


@pytest.mark.parametrize("how", ["option", "environment"])
def test_preview_shows_drafts_with_a_banner(site: SiteFactory, how: str) -> None:
    with_drafts(site)
    env = dict(ENV)
    if how == "option":
        site.mkdocs["plugins"] = ["search", {"verksted": {"preview_drafts": True}}]
    else:
        env["VERKSTED_PREVIEW_DRAFTS"] = "1"
    site.write()
    built = run_build(site.root, env=env)
    page = built.main("verksteder/2021-01-01-utkast/")
    banner = page.select_one(".verksted-draft[role=note]")
    assert banner is not None and banner.strong.get_text() == "Utkast"
    assert "publiseres ikke" in banner.get_text()
    assert f"{SECRET}sammendrag" in page.get_text()
    assert page.select_one("dl.verksted-facts") is not None  # the page itself is intact
    assert "<dl" not in page.get_text()
    for url in ("plan/utkastplan/", "utvalg/utkastutvalg/", "metode/utkastmetode/"):
        assert built.main(url).select_one(".verksted-draft"), url
    # published pages carry no banner
    assert built.main("utvalg/planutvalget/").select_one(".verksted-draft") is None


@pytest.mark.parametrize("language, title", [("nn", "Utkast"), ("en", "Draft")])
def test_banner_speaks_the_site_language(site: SiteFactory, language: str, title: str) -> None:
    from conftest import MUNICIPALITY

    with_drafts(site).set("data/municipality.yml",
                          MUNICIPALITY.replace("language: nb", f"language: {language}"))
    site.write()
    built = run_build(site.root, env={**ENV, "VERKSTED_PREVIEW_DRAFTS": "1"})
    banner = built.main("verksteder/2021-01-01-utkast/").select_one(".verksted-draft")
    assert banner is not None and banner.strong.get_text() == title


def test_environment_variable_off_means_off(site: SiteFactory) -> None:
    with_drafts(site).write()
    built = run_build(site.root, env={**ENV, "VERKSTED_PREVIEW_DRAFTS": "0"})
    assert not (built.out / "verksteder" / "2021-01-01-utkast").exists()
