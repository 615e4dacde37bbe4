"""Published originals without camera data: no GPS position, camera or owner in the file.

A phone writes where and when a photo was taken, and by which device, into the file (EXIF,
XMP, IPTC). The site publishes the editor's original as the fallback of every photo, so that
would be public too. The metadata is cut out of JPEG, PNG, WebP and GIF files
(photo_containers.py for the last two) without re-encoding: the
picture's bytes are the same, and so is its colour profile. Only the orientation is kept
(a portrait from a phone is stored sideways and turned by that tag).
"""

from __future__ import annotations

import os
import struct
import zlib
from io import BytesIO

from mkdocs.structure.files import File, Files
from PIL import Image, UnidentifiedImageError

from ..outputs.photo_containers import (
    NotUnderstood,
    gif_without_metadata,
    is_gif,
    is_webp,
    webp_without_metadata,
)

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
ORIENTATION = 0x0112
JPEG_SOI = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# PNG chunks that carry text or camera data; everything else (pixels, colour) is kept.
PNG_METADATA = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
# JPEG markers without a length field (restart markers, TEM).
STANDALONE = {0x01, *range(0xD0, 0xD8)}


# (file, modification time, size) → its bytes without metadata, or None when there was
# nothing to remove. `mkdocs serve` rebuilds in the same process: a photo is read and cut
# again only when its file changed, not on every saved record.
_CLEANED: dict[tuple[str, int, int], bytes | None] = {}


def clean_published_photos(files: Files) -> int:
    """Swap the content of every JPEG/PNG/WebP/GIF from docs/ for its copy without metadata.

    Returns how many files were changed. The files in docs/ are never written."""
    changed = 0
    seen: set[tuple[str, int, int]] = set()
    for file in files:
        if file.generated_by or not file.src_uri.lower().endswith(SUFFIXES):
            continue
        cleaned = _cleaned(file, seen)
        if cleaned is not None:
            file.content_bytes = cleaned  # kept in memory; MkDocs writes it to site/
            changed += 1
    for gone in _CLEANED.keys() - seen:  # edited or removed photos: never outgrow docs/
        del _CLEANED[gone]
    return changed


def _cleaned(file: File, seen: set[tuple[str, int, int]]) -> bytes | None:
    try:
        info = os.stat(file.abs_src_path or "")
    except OSError:  # not a file on disk: read as MkDocs would, every time
        return without_metadata(file.content_bytes)
    key = (str(file.abs_src_path), info.st_mtime_ns, info.st_size)
    seen.add(key)
    if key not in _CLEANED:
        _CLEANED[key] = without_metadata(file.content_bytes)
    return _CLEANED[key]


def without_metadata(data: bytes) -> bytes | None:
    """The file's bytes with its metadata removed; None if there was nothing to remove
    or the file is not a JPEG, PNG, WebP or GIF this module understands (then it is left
    as it is)."""
    try:
        if data.startswith(JPEG_SOI):
            cleaned = _jpeg(data)
        elif data.startswith(PNG_SIGNATURE):
            cleaned = _png(data)
        elif is_webp(data):
            orientation = _orientation_exif(data) if b"EXIF" in data else None
            cleaned = webp_without_metadata(data, orientation)
        elif is_gif(data):
            cleaned = gif_without_metadata(data)
        else:
            return None
    except (ValueError, IndexError, struct.error):  # NotUnderstood is a ValueError
        return None  # damaged or unusual: the browser copes with it as before
    return cleaned if cleaned != data else None


def _orientation_exif(data: bytes) -> bytes | None:
    """A minimal EXIF block with only the orientation, if it is not the default."""
    try:
        with Image.open(BytesIO(data)) as image:
            orientation = image.getexif().get(ORIENTATION, 1)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    if orientation in (None, 1) or not isinstance(orientation, int):
        return None
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()  # starts with b"Exif\0\0"


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xE0:  # JFIF: resolution and aspect, no personal data
        return True
    if marker == 0xE2:  # APP2: keep the ICC colour profile, drop FlashPix/MPF
        return payload.startswith(b"ICC_PROFILE\0")
    if marker == 0xEE:  # Adobe: how to decode the colours
        return True
    return not (0xE1 <= marker <= 0xEF or marker == 0xFE)  # other APPn, comments


def _jpeg(data: bytes) -> bytes:
    out = [JPEG_SOI]
    orientation = _orientation_exif(data)
    if orientation:
        out.append(b"\xff\xe1" + struct.pack(">H", len(orientation) + 2) + orientation)
    pos = 2
    while True:
        if data[pos] != 0xFF:
            raise NotUnderstood  # not at a marker
        while data[pos + 1] == 0xFF:  # fill bytes
            pos += 1
        marker = data[pos + 1]
        if marker == 0xD9:  # end of image: anything after it (a second picture) is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker in STANDALONE:
            out.append(data[pos:pos + 2])
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        end = pos + 2 + length
        if end > len(data) or length < 2:
            raise NotUnderstood  # a segment runs past the end
        if marker == 0xDA:  # start of scan: the coded picture follows until the next marker
            end = _scan_end(data, end)
            out.append(data[pos:end])
        elif _keep_jpeg_segment(marker, data[pos + 4:end]):
            out.append(data[pos:end])
        pos = end


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data after a start-of-scan ends (the next real marker)."""
    while True:
        pos = data.index(b"\xff", pos)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte or restart marker
            pos += 2
            continue
        if following == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        return pos


def _png(data: bytes) -> bytes:
    out = [PNG_SIGNATURE]
    pos = len(PNG_SIGNATURE)
    orientation = _orientation_exif(data) if b"eXIf" in data else None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise NotUnderstood  # a chunk runs past the end
        if kind not in PNG_METADATA:
            if kind == b"IDAT" and orientation:  # eXIf must come before the picture data
                out.append(_png_chunk(b"eXIf", orientation[len(b"Exif\0\0"):]))
                orientation = None
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)
