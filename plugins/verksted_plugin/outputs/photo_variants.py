"""Responsive photos: each photo in docs/ also as AVIF and WebP in a few widths.

Phones get a file the size of their screen in a modern format; the editor's original stays
the fallback. Encoding is slow, so every generated file is cached outside docs/ (by default
`.verksted-cache/` beside mkdocs.yml), keyed by a hash of the source file's bytes and the
encoder settings: a rebuild reuses them, an edited photo gets new files, and the same input
always gives the same bytes (one encoder thread; versions in the key).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageOps, UnidentifiedImageError, features

from ..language.i18n import tr

# Widths in CSS pixels × device pixel ratio that phones, tablets and desktops ask for.
WIDTHS = (480, 960, 1440)
# Where the generated files live in the built site. Their names carry a content hash, so a
# host may cache them for a year (doc/publishing.md, "Hosting").
SITE_DIR = "verksted/foto"
DEFAULT_CACHE_DIR = ".verksted-cache"
CACHE_ENV = "VERKSTED_CACHE_DIR"
# How wide a photo is shown, for the browser to pick a file before it lays out the page:
# Material's content column, measured in Chromium (tests/browser/test_photos.py checks it):
# phones the viewport less the margins; from 60em the table of contents takes 274 px; from
# 76.25em the column is fixed, and grows with Material's root font size at 100em and 125em.
SIZES = ("(min-width: 2000px) 826px, (min-width: 1600px) 757px, (min-width: 1220px) 688px, "
         "(min-width: 960px) calc(100vw - 274px), calc(100vw - 32px)")
# Bump when anything below changes the bytes written.
RECIPE = "1"


@dataclass(frozen=True)
class Encoder:
    extension: str
    media_type: str
    pillow_format: str
    options: tuple[tuple[str, Any], ...]


# Best first: the browser takes the first <source> it supports.
ENCODERS = {
    "avif": Encoder("avif", "image/avif", "AVIF",
                    (("quality", 60), ("speed", 8), ("max_threads", 1))),
    "webp": Encoder("webp", "image/webp", "WEBP", (("quality", 80), ("method", 4))),
}


def supported_formats(wanted: tuple[str, ...] | list[str] = tuple(ENCODERS)) -> list[str]:
    """The formats of `wanted` that this Pillow can write, in the order of ENCODERS."""
    return [name for name in ENCODERS
            if name in wanted and features.check(ENCODERS[name].pillow_format.lower())]


@dataclass(frozen=True)
class Variant:
    site_path: str
    width: int
    cache_file: Path


@dataclass(frozen=True)
class Source:
    media_type: str
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class ResponsivePhoto:
    """What a `<picture>` needs: the displayed size and the files per format."""

    width: int
    height: int
    sources: tuple[Source, ...]
    sizes: str = SIZES


class PhotoCacheError(Exception):
    """The cache folder cannot be used; the message says why."""


def widths_for(original: int, wanted: tuple[int, ...] = WIDTHS) -> list[int]:
    """The widths to generate: never larger than the original."""
    return sorted({min(width, original) for width in wanted})


def cache_dir_for(root: Path, configured: str | None, docs_dir: Path, data_dir: Path,
                  site_dir: Path | None = None) -> Path:
    """Where the cache lives: VERKSTED_CACHE_DIR, else the configured folder, relative to
    the project root. Refuses docs/, data/ and the site folder: the build writes into
    none of them (and MkDocs would publish or delete the cache)."""
    chosen = os.environ.get(CACHE_ENV) or configured or DEFAULT_CACHE_DIR
    folder = (root / chosen).resolve()
    for name, forbidden in (("docs_dir", docs_dir), ("data_dir", data_dir),
                            ("site_dir", site_dir)):
        if forbidden is None:
            continue
        forbidden = forbidden.resolve()
        if folder == forbidden or folder.is_relative_to(forbidden) \
                or forbidden.is_relative_to(folder):
            raise PhotoCacheError(tr("build_cache_inside", chosen=chosen, name=name,
                                     forbidden=forbidden, default=DEFAULT_CACHE_DIR))
    return folder


class PhotoVariants:
    """Looks up (and on first use writes) the variants of photos in docs/."""

    def __init__(self, docs_dir: Path, cache_dir: Path, *,
                 formats: list[str] | None = None, widths: tuple[int, ...] = WIDTHS) -> None:
        self.docs_dir = docs_dir
        self.cache_dir = cache_dir / "photos"
        self.formats = supported_formats() if formats is None else supported_formats(formats)
        self.widths = widths
        self._photos: dict[str, ResponsivePhoto | None] = {}
        self.generated = 0  # files encoded by this build (0 when everything came from cache)
        # Files left out of the build because only drafts name them (drafts.py): a
        # hand-written page's <img> of one gets no variants, so none is published.
        self.withheld: frozenset[str] = frozenset()

    def size(self, src: str) -> tuple[int, int] | None:
        """Width and height as shown (EXIF orientation applied); None if not an image."""
        photo = self.photo(src)
        return (photo.width, photo.height) if photo else None

    def photo(self, src: str) -> ResponsivePhoto | None:
        if src in self.withheld:
            return None
        if src not in self._photos:
            self._photos[src] = self._load(src)
        return self._photos[src]

    def files(self) -> dict[str, Path]:
        """Site path → cached file, for every variant of every photo looked up so far."""
        return {variant.site_path: variant.cache_file
                for photo in self._photos.values() if photo
                for source in photo.sources for variant in source.variants}

    # ------------------------------------------------------------------------------------
    def _fingerprint(self) -> bytes:
        """Everything besides the source that decides the bytes written."""
        settings = {"recipe": RECIPE, "pillow": PIL.__version__, "widths": self.widths,
                    "encoders": {name: [ENCODERS[name].options, features.version(
                        ENCODERS[name].pillow_format.lower())] for name in self.formats}}
        return json.dumps(settings, sort_keys=True, default=list).encode()

    def _load(self, src: str) -> ResponsivePhoto | None:
        path = self.docs_dir / src
        try:
            data = path.read_bytes()
        except OSError:
            return None
        key = hashlib.sha256(self._fingerprint() + b"\0" + data).hexdigest()
        folder = self.cache_dir / key
        manifest = self._read_manifest(folder)
        if manifest is None:
            manifest = self._generate(path, folder)
            if manifest is None:
                return None
        width, height = manifest["width"], manifest["height"]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(src).stem).strip("-")[:60] or "foto"
        sources = tuple(
            Source(ENCODERS[name].media_type, tuple(
                Variant(f"{SITE_DIR}/{stem}-{key[:12]}-{w}.{ENCODERS[name].extension}", w,
                        folder / f"{w}.{ENCODERS[name].extension}")
                for w in manifest["widths"]))
            for name in self.formats)
        return ResponsivePhoto(width, height, sources)

    def _read_manifest(self, folder: Path) -> dict[str, Any] | None:
        """The manifest is written last: if it is there, every file it names is complete."""
        try:
            manifest = json.loads((folder / "photo.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        names = [f"{w}.{ENCODERS[f].extension}" for f in self.formats for w in manifest["widths"]]
        return manifest if all((folder / name).is_file() for name in names) else None

    def _generate(self, path: Path, folder: Path) -> dict[str, Any] | None:
        try:
            with Image.open(path) as opened:
                image = ImageOps.exif_transpose(opened)  # phones store portraits sideways
                image.load()
                icc = opened.info.get("icc_profile")
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            return None  # not an image Pillow can read: the page shows the original only
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        widths = widths_for(image.width, self.widths)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for width in widths:
                height = max(1, round(image.height * width / image.width))
                resized = image if width == image.width else image.resize(
                    (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
                for name in self.formats:
                    encoder = ENCODERS[name]
                    options = dict(encoder.options)
                    if icc:
                        options["icc_profile"] = icc
                    _write_atomically(folder / f"{width}.{encoder.extension}",
                                      lambda f, r=resized, e=encoder, o=options:
                                      r.save(f, e.pillow_format, **o))
                    self.generated += 1
            manifest = {"width": image.width, "height": image.height, "widths": widths}
            _write_atomically(folder / "photo.json",
                              lambda f: f.write(json.dumps(manifest).encode()))
        except OSError as error:
            raise PhotoCacheError(tr("build_cache_unwritable", folder=folder,
                                     reason=error.strerror or error)) from None
        return manifest


def _write_atomically(target: Path, write: Any) -> None:
    """Write to a temporary file and rename: an interrupted build leaves no half file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
