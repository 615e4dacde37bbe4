"""Photos: alt text (empty only when decorative), width and height so nothing jumps, the
first photo at once and the rest lazily, the caption as <figcaption>; and the file the
browser picks is AVIF, as wide as the photo is shown on that screen and no wider."""

from __future__ import annotations

import re

from PIL import Image
from playwright.sync_api import Browser, Page

from conftest import Built
from verksted_plugin.outputs.photo_variants import SIZES

from .harness import ServedSite, goto, wait_until_true

_PHOTOS = """() => [...document.querySelectorAll('article figure.verksted-photo')].map(f => {
  const img = f.querySelector('img'), box = img.getBoundingClientRect();
  return {src: img.getAttribute('src'), alt: img.getAttribute('alt'),
          width: img.getAttribute('width'), height: img.getAttribute('height'),
          loading: img.getAttribute('loading'), loaded: img.complete && img.naturalWidth > 0,
          current: img.currentSrc,
          top: box.top + scrollY, boxWidth: box.width, boxHeight: box.height,
          caption: f.querySelector(':scope > figcaption')?.innerText ?? null};
})"""

# What `sizes` promises for this viewport: the first matching media condition's length,
# measured by giving a probe element that width.
_PROMISED = """(sizes) => {
  for (const part of sizes.split(/,(?![^(]*\\))/)) {
    const m = part.trim().match(/^(\\(.*\\))\\s+(.+)$/);
    const [media, length] = m ? [m[1], m[2]] : [null, part.trim()];
    if (media && !matchMedia(media).matches) continue;
    const probe = document.createElement('div');
    probe.style.width = length;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  }
}"""
STRESS_WORKSHOP = "verksteder/verksted-held/"


def test_photos_are_described_sized_lazy_and_captioned(
        served_sites: dict[str, ServedSite], built_sites: dict[str, Built], page: Page) -> None:
    site, docs = served_sites["stress"], built_sites["stress"].root / "docs"
    goto(page, site.base + STRESS_WORKSHOP)
    photos = page.evaluate(_PHOTOS)
    assert len(photos) == 3
    fold = page.viewport_size["height"]
    for photo in photos:
        file = docs / photo["src"].removeprefix("../../")
        with Image.open(file) as image:
            assert (int(photo["width"]), int(photo["height"])) == image.size
        ratio = int(photo["height"]) / int(photo["width"])
        assert abs(photo["boxHeight"] - photo["boxWidth"] * ratio) < 2, photo
        assert photo["top"] > fold
    first, *rest = photos
    # The first photo may be on a phone's first screen: never lazy, already there.
    assert first["loading"] is None and first["loaded"]
    for photo in rest:  # the others wait below the fold, their space reserved
        assert photo["loading"] == "lazy" and not photo["loaded"], photo
    described, decorative = photos[0], photos[2]
    assert described["alt"].startswith("Politikere arbeider i grupper")
    assert described["caption"].startswith("Fra venstre: Dan Levi Hykkerud (KrF)")
    assert "Fotograf Fotografsen" in described["caption"]
    assert decorative["alt"] == "" and decorative["caption"] is None

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    wait_until_true(page, "[...document.querySelectorAll('article figure img')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")


def test_the_browser_gets_avif_as_wide_as_the_photo_is_shown(
        served_sites: dict[str, ServedSite], browser: Browser) -> None:
    """`sizes` matches the layout at Material's breakpoints, so a phone downloads the
    480 px file and a sharp screen a wider one; the original JPEG is never fetched."""
    base = served_sites["stress"].base
    checked = 0
    for width, density in ((375, 1), (375, 3), (1000, 1), (1280, 1), (1700, 1), (2100, 1)):
        context = browser.new_context(viewport={"width": width, "height": 800},
                                      device_scale_factor=density)
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request, log=fetched: log.append(request.url))
        goto(page, base + STRESS_WORKSHOP)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        wait_until_true(page, "[...document.querySelectorAll('article figure img')]"
                               ".every(img => img.complete && img.naturalWidth > 0)")
        promised = page.evaluate(_PROMISED, SIZES)
        for photo in page.evaluate(_PHOTOS)[:2]:  # the two with variants wider than 480
            assert photo["current"].endswith(".avif"), photo
            chosen = int(re.search(r"-(\d+)\.avif$", photo["current"])[1])
            shown = photo["boxWidth"]
            # The column is what sizes promises; a narrower photo is shown at its own width.
            assert shown <= promised + 1, (width, photo, promised)
            if int(photo["width"]) >= promised:
                assert abs(shown - promised) <= 1, (width, photo, promised)
            # Sharp enough (Chromium may round down to the next file below the need) and
            # never more than the largest file that is needed.
            need = shown * density
            assert chosen >= min(need * 0.7, int(photo["width"])), (width, density, photo)
            if width == 375 and density == 1:
                assert chosen == 480
        assert not [url for url in fetched if "/bilder/" in url], fetched  # the originals
        checked += 1
        context.close()
    assert checked == 6
