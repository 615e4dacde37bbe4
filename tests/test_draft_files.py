"""A draft's own files (`documents[].file`, `photos[].src`) are in no output of a normal
build: not copied from docs/, no photo variants, in no sitemap or search index. A file a
published record or a hand-written page also names stays; the preview shows them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from conftest import ENV, WORKSHOP, Built, SiteFactory, run_build
from test_drafts import every_text

SECRET_PDF = "dokumenter/utkast-hemmelig.pdf"
SECRET_PHOTO = "bilder/utkast-foto.jpg"
SHARED_PDF = "dokumenter/delt.pdf"  # named by a draft and by a hand-written page
BOTH_PDF = "dokumenter/begge.pdf"  # named by a draft and by a published workshop

DRAFT = WORKSHOP.replace("title: Første verksted", "title: Utkastverksted\ndraft: true").replace(
    "number: 1", f"""number: 2
documents:
  - title: Hemmelig sak
    file: {SECRET_PDF}
  - title: Delt sak
    file: {SHARED_PDF}
  - title: Begge
    file: ./{BOTH_PDF}
photos:
  - src: {SECRET_PHOTO}
    alt: Et utkast""")
PUBLISHED = WORKSHOP.replace("number: 1", f"""number: 1
documents:
  - title: Begge
    file: {BOTH_PDF}""")


def draft_site(site: SiteFactory) -> Path:
    site.set("data/workshops/2020-02-11-forste.md", PUBLISHED)
    site.set("data/workshops/2020-03-01-utkast.md", DRAFT)
    site.set("docs/om.md", f"# Om\n\nSe [den delte saken]({SHARED_PDF}).\n")
    root = site.write()
    for name in (SECRET_PDF, SHARED_PDF, BOTH_PDF):
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n")
    (root / "docs/bilder").mkdir(exist_ok=True)
    Image.new("RGB", (600, 400), (200, 40, 40)).save(root / "docs" / SECRET_PHOTO)
    return root


def outputs(built: Built) -> set[str]:
    return {p.relative_to(built.out).as_posix() for p in built.out.rglob("*") if p.is_file()}


def test_a_drafts_files_are_not_published(site: SiteFactory) -> None:
    built = run_build(draft_site(site))
    found = outputs(built)
    assert SECRET_PDF not in found and SECRET_PHOTO not in found
    assert not [name for name in found if "utkast-foto" in name]  # no AVIF/WebP variant
    texts = every_text(built.out)
    assert "sitemap.xml" in texts and "search/search_index.json" in texts
    leaks = [name for name, text in texts.items()
             if "utkast-hemmelig" in text or "utkast-foto" in text]
    assert leaks == []
    # Named elsewhere too: public anyway, so kept (and the hand-written link still works).
    assert {SHARED_PDF, BOTH_PDF} <= found
    assert built.main("om/").select_one(f'a[href$="{Path(SHARED_PDF).name}"]') is not None


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_preview_shows_a_drafts_files(site: SiteFactory, how: str) -> None:
    env = dict(ENV)
    if how == "option":
        site.mkdocs["plugins"] = ["search", {"verksted": {"preview_drafts": True}}]
    else:
        env["VERKSTED_PREVIEW_DRAFTS"] = "1"
    built = run_build(draft_site(site), env=env)
    found = outputs(built)
    assert {SECRET_PDF, SECRET_PHOTO, SHARED_PDF, BOTH_PDF} <= found
    assert [name for name in found if "utkast-foto" in name and name.endswith(".webp")]
    page = built.main("verksteder/2020-03-01-utkast/")
    assert page.select_one(f'a[href$="{Path(SECRET_PDF).name}"]') is not None
