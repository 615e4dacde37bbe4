"""Responsive photos: AVIF/WebP in a few widths, cached outside docs/, deterministic, and
a `<picture>` that keeps the original as fallback with its size, alt text and caption."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

import pytest
from PIL import Image, features

from conftest import ENV, SiteFactory, run_build
from verksted_plugin.outputs.photo_variants import (
    CACHE_ENV,
    SIZES,
    PhotoCacheError,
    PhotoVariants,
    cache_dir_for,
    supported_formats,
    widths_for,
)

FORMATS = {"avif": "AVIF", "webp": "WEBP"}


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "bilder").mkdir(parents=True)
    # A gradient, so the encoders have something to compress and sizes differ by width.
    wide = Image.linear_gradient("L").resize((1600, 1067)).convert("RGB")
    wide.save(docs / "bilder" / "wide.jpg", quality=90)
    Image.new("RGB", (800, 1000), (160, 120, 90)).save(docs / "bilder" / "tall.png")
    Image.new("RGB", (300, 200), (10, 20, 30)).save(docs / "bilder" / "small.jpg")
    sideways = Image.new("RGB", (1200, 800), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show": how phones store portraits
    sideways.save(docs / "bilder" / "portrait.jpg", exif=exif.tobytes())
    Image.new("RGBA", (600, 400), (0, 128, 0, 100)).save(docs / "bilder" / "logo.png")
    (docs / "bilder" / "broken.jpg").write_bytes(b"not an image")
    return docs


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_this_pillow_writes_avif_and_webp() -> None:
    """The formats are used whenever Pillow can write them; CI's Pillow can write both."""
    assert features.check("webp") and features.check("avif")
    assert supported_formats() == ["avif", "webp"]
    assert supported_formats(["webp"]) == ["webp"]


def test_widths_are_never_larger_than_the_original() -> None:
    assert widths_for(1600) == [480, 960, 1440]
    assert widths_for(1440) == [480, 960, 1440]
    assert widths_for(800) == [480, 800]
    assert widths_for(300) == [300]


def test_variants_have_the_widths_formats_and_shape_of_the_photo(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    photos = PhotoVariants(docs, tmp_path / "cache")
    wide = photos.photo("bilder/wide.jpg")
    assert wide is not None and (wide.width, wide.height) == (1600, 1067)
    assert [s.media_type for s in wide.sources] == ["image/avif", "image/webp"]
    for source, pillow_format in zip(wide.sources, FORMATS.values(), strict=True):
        assert [v.width for v in source.variants] == [480, 960, 1440]
        sizes = []
        for variant in source.variants:
            assert variant.site_path.startswith("verksted/foto/wide-")
            with Image.open(variant.cache_file) as image:
                assert image.format == pillow_format
                assert image.width == variant.width
                assert abs(image.height - variant.width * 1067 / 1600) <= 1
                assert not image.getexif()  # no camera data (GPS) in what we publish
            sizes.append(variant.cache_file.stat().st_size)
        assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert wide.sizes == SIZES

    tall = photos.photo("bilder/tall.png")
    assert tall is not None and [v.width for v in tall.sources[0].variants] == [480, 800]
    small = photos.photo("bilder/small.jpg")
    assert small is not None and [v.width for v in small.sources[1].variants] == [300]
    assert photos.photo("bilder/broken.jpg") is None
    assert photos.photo("bilder/missing.jpg") is None
    assert photos.size("bilder/tall.png") == (800, 1000)
    assert len(photos.files()) == 2 * (3 + 2 + 1)


def test_a_sideways_phone_photo_is_published_upright(tmp_path: Path) -> None:
    photos = PhotoVariants(_docs(tmp_path), tmp_path / "cache")
    assert photos.size("bilder/portrait.jpg") == (800, 1200)  # as shown, not as stored
    photo = photos.photo("bilder/portrait.jpg")
    assert photo is not None
    with Image.open(photo.sources[1].variants[-1].cache_file) as image:
        assert image.size == (800, 1200)


def test_transparency_survives(tmp_path: Path) -> None:
    photo = PhotoVariants(_docs(tmp_path), tmp_path / "cache").photo("bilder/logo.png")
    assert photo is not None
    for source in photo.sources:
        with Image.open(source.variants[0].cache_file) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((10, 10))[3] < 255


def test_the_cache_is_reused_keyed_by_content_and_deterministic(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    first = PhotoVariants(docs, tmp_path / "cache")
    photo = first.photo("bilder/wide.jpg")
    assert photo is not None and first.generated == 6
    cached = _digests(tmp_path / "cache")
    times = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")}

    again = PhotoVariants(docs, tmp_path / "cache")
    assert again.photo("bilder/wide.jpg") == photo
    assert again.generated == 0  # a rebuild encodes nothing
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")} == times

    # Another machine (an empty cache) writes the very same bytes.
    elsewhere = PhotoVariants(docs, tmp_path / "elsewhere")
    elsewhere.photo("bilder/wide.jpg")
    assert _digests(tmp_path / "elsewhere") == cached

    # An edited photo gets new files under new names; the old ones are not reused.
    Image.new("RGB", (1600, 1067), (1, 2, 3)).save(docs / "bilder" / "wide.jpg")
    edited = PhotoVariants(docs, tmp_path / "cache")
    changed = edited.photo("bilder/wide.jpg")
    assert changed is not None and edited.generated == 6
    assert set(edited.files()).isdisjoint(first.files())

    # A half-written cache entry (no manifest) is written again, not trusted.
    entry = photo.sources[0].variants[0].cache_file.parent
    (entry / "photo.json").unlink()
    (entry / "480.avif").write_bytes(b"")
    Image.linear_gradient("L").resize((1600, 1067)).convert("RGB").save(
        docs / "bilder" / "wide.jpg", quality=90)
    repaired = PhotoVariants(docs, tmp_path / "cache")
    assert repaired.photo("bilder/wide.jpg") == photo and repaired.generated == 6
    assert _digests(tmp_path / "cache")["/".join(
        (entry.relative_to(tmp_path / "cache") / "480.avif").parts)] == \
        cached["/".join((entry.relative_to(tmp_path / "cache") / "480.avif").parts)]


def test_the_cache_stays_out_of_docs_data_and_site(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    docs, data, site = tmp_path / "docs", tmp_path / "data", tmp_path / "site"
    assert cache_dir_for(tmp_path, None, docs, data, site) == tmp_path / ".verksted-cache"
    assert cache_dir_for(tmp_path, "../cache", docs, data, site) == tmp_path.parent / "cache"
    for inside in ("docs/cache", "data", "site/x", "."):
        with pytest.raises(PhotoCacheError, match="må ligge utenfor"):  # bokmål by default
            cache_dir_for(tmp_path, inside, docs, data, site)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "ci-cache"))
    assert cache_dir_for(tmp_path, None, docs, data, site) == tmp_path / "ci-cache"


PHOTOS = """\
photos:
  - src: bilder/wide.jpg
    alt: Politikere rundt et bord
    caption: Gruppearbeid
    credit: Testvik kommune
  - src: bilder/tall.png
    alt: Et høyt bilde
  - src: bilder/broken.jpg
    alt: Et ødelagt bilde
"""


def _photo_site(tmp_path: Path) -> SiteFactory:
    site = SiteFactory(tmp_path / "src")
    site.extend("data/committees/planutvalget.yml", PHOTOS)
    site.write()
    _docs(site.root)
    return site


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_page_gets_a_picture_and_the_build_writes_only_site_and_cache(
        tmp_path: Path) -> None:
    site = _photo_site(tmp_path)
    root = site.root
    env = {k: v for k, v in ENV.items() if k != CACHE_ENV}  # the default: beside mkdocs.yml
    before = {name: _snapshot(root / name) for name in ("docs", "data")}
    built = run_build(root, env=env)
    assert {name: _snapshot(root / name) for name in ("docs", "data")} == before
    cache = root / ".verksted-cache"
    assert len(list(cache.rglob("*.avif"))) == len(list(cache.rglob("*.webp"))) == 5

    figures = built.main("utvalg/planutvalget/").select("figure.verksted-photo")
    assert len(figures) == 3
    first, second, broken = figures
    img = first.select_one("picture img")
    assert img["src"] == "../../bilder/wide.jpg"  # the original stays the fallback
    assert (img["width"], img["height"], img["alt"]) == ("1600", "1067",
                                                         "Politikere rundt et bord")
    assert not img.has_attr("loading")  # the first photo may be on the first screen
    assert first.select_one("figcaption").get_text(" ", strip=True) == \
        "Gruppearbeid Foto: Testvik kommune"
    sources = first.select("picture source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    for source in sources:
        assert source["sizes"] == SIZES
        candidates = [c.strip().split(" ") for c in source["srcset"].split(",")]
        assert [w for _, w in candidates] == ["480w", "960w", "1440w"]
        for url, width in candidates:
            published = built.out / posixpath.normpath(posixpath.join("utvalg/planutvalget", url))
            with Image.open(published) as image:
                assert f"{image.width}w" == width
                assert image.format == source["type"].split("/")[1].upper()
            [cached] = [p for p in cache.rglob(f"{width[:-1]}.{published.suffix[1:]}")
                        if p.read_bytes() == published.read_bytes()]
            assert cached.is_file()
    second_img = second.select_one("picture img")
    assert second_img["loading"] == "lazy" and second_img["width"] == "800"
    assert [s["srcset"].count("w,") + 1 for s in second.select("source")] == [2, 2]
    # What Pillow cannot read is still published as it is, without <picture>.
    assert broken.select_one("picture") is None
    assert broken.select_one("img")["src"] == "../../bilder/broken.jpg"

    # A rebuild takes every variant from the cache: nothing in it is written again.
    cached_files = _snapshot(cache)
    again = run_build(root, env=env)
    assert _snapshot(cache) == cached_files
    assert _digests(again.out / "verksted" / "foto") == _digests(built.out / "verksted" / "foto")


def test_a_cache_inside_docs_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    site = _photo_site(tmp_path)
    site.mkdocs["plugins"] = ["search", {"verksted": {"cache_dir": "docs/.cache"}}]
    site.write()
    env = {k: v for k, v in ENV.items() if k != CACHE_ENV}
    built = run_build(site.root, env=env, check=False)
    assert built.result.returncode != 0
    assert "cache_dir 'docs/.cache' må ligge utenfor docs_dir" in built.result.stderr
    assert "Traceback" not in built.result.stderr
    assert not (site.root / "docs" / ".cache").exists()


def test_photos_in_hand_written_pages_and_news_posts_get_a_picture_too(tmp_path: Path) -> None:
    """A phone photo dropped into an Aktuelt post gets the same AVIF/WebP widths as a
    record's photo, on the post and on the news index's excerpt; what is not a photo in
    docs/ is left exactly as written."""
    site = _photo_site(tmp_path)
    site.mkdocs["plugins"] = ["search", "verksted",
                              {"blog": {"blog_dir": "aktuelt", "post_readtime": False,
                                        "post_url_format": "{slug}",
                                        "authors": False}}]
    site.mkdocs["theme"] = {**site.mkdocs["theme"], "logo": "bilder/logo.png"}  # type: ignore[dict-item]
    site.set("docs/aktuelt/index.md", "# Aktuelt\n")
    site.set("docs/aktuelt/posts/nytt.md",
             "---\ndate: 2020-02-12\n---\n\n# Nytt fra verkstedet\n\n"
             "![Gruppene arbeider](../../bilder/wide.jpg)\n\n<!-- more -->\n\n"
             "![Skissen](../../bilder/tall.png){ width=\"400\" }\n\n"
             "![Ikke et bilde](../../bilder/broken.jpg)\n")
    site.set("docs/om.md", "# Om\n\n![Kart](bilder/small.jpg \"Kartet\")\n\n"
                           "![Andres](https://example.org/x.jpg)\n")
    built = site.build()
    logo = built.html("aktuelt/nytt-fra-verkstedet/").select_one("header img")
    assert logo["src"] == "../../bilder/logo.png" and logo.find_parent("picture") is None
    post = built.main("aktuelt/nytt-fra-verkstedet/")
    first, second = post.select("picture")
    img = first.select_one("img")
    assert (img["src"], img["alt"], img["width"], img["height"], img["decoding"]) == (
        "../../bilder/wide.jpg", "Gruppene arbeider", "1600", "1067", "async")
    assert not img.has_attr("loading")  # the first photo may be on the first screen
    assert [s["type"] for s in first.select("source")] == ["image/avif", "image/webp"]
    for source in [*first.select("source"), *second.select("source")]:
        assert source["sizes"] == SIZES
        for candidate in source["srcset"].split(","):
            url, width = candidate.split()
            published = built.out / posixpath.normpath(posixpath.join("aktuelt/nytt-fra-verkstedet", url))
            with Image.open(published) as image:
                assert f"{image.width}w" == width
    second_img = second.select_one("img")
    assert (second_img["width"], second_img["loading"]) == ("400", "lazy")  # its own width
    assert not second_img.has_attr("height")
    broken = post.find("img", src="../../bilder/broken.jpg")
    assert broken.find_parent("picture") is None and not broken.has_attr("width")
    # The news index shows the post's excerpt with the same picture, linked from there.
    excerpt = built.main("aktuelt/").select_one("picture")
    assert excerpt.select_one("img")["src"] == "../bilder/wide.jpg"
    for candidate in excerpt.select_one("source")["srcset"].split(","):
        assert (built.out / posixpath.normpath(posixpath.join("aktuelt", candidate.split()[0]))
                ).is_file()
    about = built.main("om/")
    small = about.select_one("picture img")
    assert (small["src"], small["title"], small["width"]) == ("../bilder/small.jpg", "Kartet", "300")
    assert about.find("img", src="https://example.org/x.jpg").find_parent("picture") is None
