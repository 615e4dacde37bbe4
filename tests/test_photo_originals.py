"""Published originals carry no camera data: the GPS position, the phone and the owner that a
photo file records are cut out, losslessly, and only the orientation is kept."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from mkdocs.structure.files import File, Files
from PIL import Image, ImageCms
from PIL.ExifTags import IFD

from conftest import SiteFactory, run_build
from verksted_plugin.adapter.photo_originals import clean_published_photos, without_metadata

GPS_LATITUDE = 2
MAKE, MODEL, ARTIST, ORIENTATION = 0x010F, 0x0110, 0x013B, 0x0112
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
       b'02/22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="59,56.1N"/></rdf:RDF>'
       b'</x:xmpmeta>')


def _camera_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[ARTIST] = "Telefonprodusent", "Modell 12", "Kari Nordmann"
    exif[ORIENTATION] = orientation
    exif.get_ifd(IFD.GPSInfo)[GPS_LATITUDE] = (59.0, 56.0, 6.0)
    return exif


def _phone_jpeg(orientation: int = 6, *, progressive: bool = False) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS, XMP, a comment, an ICC profile, and a
    second picture (a depth map or preview) appended after the first one ends."""
    picture = Image.linear_gradient("L").resize((320, 200)).convert("RGB")
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture.save(out, "JPEG", quality=85, exif=_camera_exif(orientation).tobytes(),
                 icc_profile=icc, xmp=XMP, comment=b"Kari sin telefon",
                 progressive=progressive, restart_marker_blocks=1 if progressive else 0)
    appended = io.BytesIO()
    Image.new("RGB", (16, 16)).save(appended, "JPEG", exif=_camera_exif(1).tobytes())
    return out.getvalue() + appended.getvalue()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes()


def test_a_phone_jpeg_loses_position_device_and_owner_but_not_a_pixel() -> None:
    for progressive in (False, True):
        original = _phone_jpeg(progressive=progressive)
        cleaned = without_metadata(original)
        assert cleaned is not None and len(cleaned) < len(original)
        assert _pixels(cleaned) == _pixels(original)  # lossless: not encoded again
        with Image.open(io.BytesIO(cleaned)) as image:
            exif = image.getexif()
            assert dict(exif) == {ORIENTATION: 6}  # the phone's portrait stays upright
            assert not exif.get_ifd(IFD.GPSInfo)
            assert image.info.get("icc_profile")  # the colours stay as they were
            assert "xmp" not in image.info and "comment" not in image.info
        for trace in (b"Telefonprodusent", b"Kari", b"GPSLatitude", b"MPF\0"):
            assert trace not in cleaned
        assert cleaned.endswith(b"\xff\xd9") and cleaned.count(b"\xff\xd8") == 1


def test_an_upright_photo_keeps_no_exif_at_all_and_a_clean_file_is_left_alone() -> None:
    cleaned = without_metadata(_phone_jpeg(orientation=1))
    assert cleaned is not None and b"Exif\0\0" not in cleaned
    assert without_metadata(cleaned) is None  # nothing left to remove
    plain = io.BytesIO()
    Image.new("RGB", (10, 10)).save(plain, "JPEG")
    assert without_metadata(plain.getvalue()) is None
    assert without_metadata(b"\xff\xd8 not really a jpeg") is None  # damaged: left as it is
    assert without_metadata(b"GIF89a...") is None
    phone = _phone_jpeg()
    for cut in range(2, len(phone), 97):  # a file cut short anywhere never stops the build
        without_metadata(phone[:cut])


def test_a_png_loses_its_text_and_camera_chunks() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kari Nordmann")
    info.add_itxt("Comment", "Tatt på Lørenskog rådhus")
    out = io.BytesIO()
    picture = Image.new("RGBA", (40, 30), (0, 128, 0, 100))
    picture.save(out, "PNG", pnginfo=info, exif=_camera_exif(8).tobytes())
    cleaned = without_metadata(out.getvalue())
    assert cleaned is not None
    assert _pixels(cleaned) == _pixels(out.getvalue())
    with Image.open(io.BytesIO(cleaned)) as image:
        assert not image.text
        assert dict(image.getexif()) == {ORIENTATION: 8}
    assert b"Kari" not in cleaned and b"Telefonprodusent" not in cleaned


def test_a_webp_loses_its_exif_and_xmp_chunks_but_keeps_colours_and_orientation() -> None:
    picture = Image.linear_gradient("L").resize((64, 40)).convert("RGB")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for orientation in (6, 1):
        out = io.BytesIO()
        picture.save(out, "WEBP", quality=80, exif=_camera_exif(orientation).tobytes(),
                     xmp=XMP, icc_profile=icc)
        cleaned = without_metadata(out.getvalue())
        assert cleaned is not None
        assert _pixels(cleaned) == _pixels(out.getvalue())  # not encoded again
        for trace in (b"Telefonprodusent", b"Kari", b"GPSLatitude", b"XMP "):
            assert trace not in cleaned
        with Image.open(io.BytesIO(cleaned)) as image:
            assert image.info.get("icc_profile") == icc
            assert dict(image.getexif()) == ({ORIENTATION: 6} if orientation == 6 else {})
        assert without_metadata(cleaned) is None
    simple = io.BytesIO()  # a WebP without the extended header has no room for metadata
    picture.save(simple, "WEBP")
    assert without_metadata(simple.getvalue()) is None


def _animated_gif() -> bytes:
    frames = [Image.linear_gradient("L").resize((20, 20)).point(lambda v, i=i: (v + 80 * i) % 256)
              .convert("P") for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, duration=120,
                   comment=b"Kari sin telefon")
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP[:200])]) + XMP[:200] + b"\x00"
    return out.getvalue()[:-1] + xmp + b"\x3b" + b"appended after the end"


def _frames(data: bytes) -> list[bytes]:
    with Image.open(io.BytesIO(data)) as image:
        frames = []
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(image.convert("RGB").tobytes())
        return frames


def test_a_gif_loses_comments_and_xmp_but_keeps_its_animation() -> None:
    original = _animated_gif()
    cleaned = without_metadata(original)
    assert cleaned is not None
    assert _frames(cleaned) == _frames(original) and len(_frames(cleaned)) == 3
    for trace in (b"Kari", b"XMP DataXMP", b"GPSLatitude", b"appended"):
        assert trace not in cleaned
    assert b"NETSCAPE2.0" in cleaned  # the loop
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.info["loop"] == 0 and image.info["duration"] == 120
    assert without_metadata(cleaned) is None
    for cut in range(1, len(original)):  # cut short anywhere: left as it is, no crash
        without_metadata(original[:cut])


def test_a_rebuild_cuts_a_photo_again_only_when_its_file_changed(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds in one process: the cut is kept by file, time and size."""
    photo = tmp_path / "bilder" / "mobil.jpg"
    photo.parent.mkdir()

    def published() -> bytes:
        files = Files([File("bilder/mobil.jpg", str(tmp_path), str(tmp_path / "site"), True)])
        clean_published_photos(files)
        return files.get_file_from_path("bilder/mobil.jpg").content_bytes

    photo.write_bytes(_phone_jpeg(orientation=6))
    first = published()
    assert first == without_metadata(photo.read_bytes()) and published() == first
    photo.write_bytes(_phone_jpeg(orientation=3))  # an edited photo (other size)
    again = published()
    assert again == without_metadata(photo.read_bytes()) and again != first
    with Image.open(io.BytesIO(again)) as image:
        assert dict(image.getexif()) == {ORIENTATION: 3}


PHOTO = """\
photos:
  - src: bilder/mobil.jpg
    alt: Politikere rundt et bord
"""


def test_the_built_site_publishes_the_original_without_camera_data(tmp_path: Path) -> None:
    site = SiteFactory(tmp_path / "src")
    site.extend("data/committees/planutvalget.yml", PHOTO)
    root = site.write()
    original = _phone_jpeg()
    (root / "docs" / "bilder").mkdir(parents=True)
    (root / "docs" / "bilder" / "mobil.jpg").write_bytes(original)
    # A photo on a hand-written page is cleaned too.
    (root / "docs" / "bilder" / "hand.jpg").write_bytes(_phone_jpeg(orientation=3))

    built = run_build(root)
    published = (built.out / "bilder" / "mobil.jpg").read_bytes()
    assert published == without_metadata(original)
    assert b"Kari" not in (built.out / "bilder" / "hand.jpg").read_bytes()
    # docs/ keeps the editor's file exactly as committed.
    assert (root / "docs" / "bilder" / "mobil.jpg").read_bytes() == original
    img = built.main("utvalg/planutvalget/").select_one("figure.verksted-photo img")
    assert (img["width"], img["height"]) == ("200", "320")  # still shown upright

    site.mkdocs["plugins"] = ["search", {"verksted": {"keep_photo_metadata": True}}]
    kept = run_build(site.write())
    digest = hashlib.sha256((kept.out / "bilder" / "mobil.jpg").read_bytes()).hexdigest()
    assert digest == hashlib.sha256(original).hexdigest()
