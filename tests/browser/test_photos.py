"""Photos: alt text (empty only when decorative), width and height so nothing jumps,
lazy loading below the fold, and the caption as <figcaption>."""

from __future__ import annotations

from PIL import Image
from playwright.sync_api import Page

from conftest import Built

from .harness import ServedSite

_PHOTOS = """() => [...document.querySelectorAll('article figure.verksted-photo')].map(f => {
  const img = f.querySelector('img'), box = img.getBoundingClientRect();
  return {src: img.getAttribute('src'), alt: img.getAttribute('alt'),
          width: img.getAttribute('width'), height: img.getAttribute('height'),
          loading: img.getAttribute('loading'), loaded: img.complete && img.naturalWidth > 0,
          top: box.top + scrollY, boxWidth: box.width, boxHeight: box.height,
          caption: f.querySelector(':scope > figcaption')?.innerText ?? null};
})"""


def test_photos_are_described_sized_lazy_and_captioned(
        served_sites: dict[str, ServedSite], built_sites: dict[str, Built], page: Page) -> None:
    site, docs = served_sites["stress"], built_sites["stress"].root / "docs"
    page.goto(site.base + "verksteder/verksted-held/")
    photos = page.evaluate(_PHOTOS)
    assert len(photos) == 3
    fold = page.viewport_size["height"]
    for photo in photos:
        file = docs / photo["src"].removeprefix("../../")
        with Image.open(file) as image:
            assert (int(photo["width"]), int(photo["height"])) == image.size
        # Space is reserved before the file arrives: the box already has the photo's shape.
        assert photo["top"] > fold and not photo["loaded"]
        assert photo["loading"] == "lazy"
        ratio = int(photo["height"]) / int(photo["width"])
        assert abs(photo["boxHeight"] - photo["boxWidth"] * ratio) < 2, photo
    described, decorative = photos[0], photos[2]
    assert described["alt"].startswith("Politikere arbeider i grupper")
    assert described["caption"].startswith("Fra venstre: Dan Levi Hykkerud (KrF)")
    assert "Fotograf Fotografsen" in described["caption"]
    assert decorative["alt"] == "" and decorative["caption"] is None

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.querySelectorAll('article figure img')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")
