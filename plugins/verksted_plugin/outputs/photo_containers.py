"""Camera data cut out of WebP and GIF files, losslessly (photo_originals.py does JPEG/PNG).

WebP keeps EXIF and XMP in chunks of its RIFF container, flagged in its VP8X header; GIF
keeps comments and XMP in extension blocks. Both are dropped without touching the coded
picture. A WebP keeps an orientation-only EXIF chunk when the picture is turned, as a JPEG
does; a GIF's animation (the NETSCAPE2.0 loop block) and frame timing stay as they were.
"""

from __future__ import annotations

import struct

WEBP_METADATA = {b"EXIF", b"XMP "}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04
# Application extensions that say how an animation plays; every other one (XMP, ICC
# notes, editors' private data) is dropped.
GIF_KEPT_APPLICATIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0"}
GIF_COMMENT, GIF_APPLICATION = 0xFE, 0xFF


class NotUnderstood(ValueError):
    """A file this module cannot take apart safely; it is then published as it is."""


def is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def is_gif(data: bytes) -> bool:
    return data[:6] in (b"GIF87a", b"GIF89a")


def webp_without_metadata(data: bytes, orientation_exif: bytes | None) -> bytes:
    """The WebP without EXIF and XMP chunks; `orientation_exif` (b"Exif\\0\\0…") is kept."""
    chunks: list[tuple[bytes, bytes]] = []
    pos = 12
    while pos < len(data):
        kind = data[pos:pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4:pos + 8])
        end = pos + 8 + size
        if len(kind) < 4 or end > len(data):
            raise NotUnderstood  # a chunk runs past the end
        chunks.append((kind, data[pos + 8:end]))
        pos = end + (size & 1)  # chunks are padded to an even length
    if not chunks or chunks[0][0] != b"VP8X":
        return data  # a simple WebP has no room for metadata
    kept = [(kind, payload) for kind, payload in chunks if kind not in WEBP_METADATA]
    flags = kept[0][1][0] & ~(VP8X_EXIF | VP8X_XMP) & 0xFF
    if orientation_exif:
        # WebP's EXIF chunk holds the TIFF data without JPEG's "Exif\0\0" prefix.
        kept.append((b"EXIF", orientation_exif.removeprefix(b"Exif\x00\x00")))
        flags |= VP8X_EXIF
    kept[0] = (b"VP8X", bytes([flags]) + kept[0][1][1:])
    body = b"".join(kind + struct.pack("<I", len(payload)) + payload
                    + (b"\x00" if len(payload) & 1 else b"") for kind, payload in kept)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def gif_without_metadata(data: bytes) -> bytes:
    """The GIF without comments and non-animation application blocks; nothing after its end."""
    packed = data[10]
    pos = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)  # header, screen, colours
    out = [data[:pos]]
    while True:
        introducer = data[pos]
        if introducer == 0x3B:  # trailer: anything appended after it is dropped
            out.append(b"\x3b")
            return b"".join(out)
        if introducer == 0x21:  # extension: label, then data sub-blocks
            label = data[pos + 1]
            end = _sub_blocks_end(data, pos + 2)
            if not _dropped_extension(label, data[pos + 2:end]):
                out.append(data[pos:end])
        elif introducer == 0x2C:  # a frame: descriptor, colours, LZW size, sub-blocks
            packed = data[pos + 9]
            start = pos + 10 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
            end = _sub_blocks_end(data, start + 1)
            out.append(data[pos:end])
        else:
            raise NotUnderstood
        pos = end


def _sub_blocks_end(data: bytes, pos: int) -> int:
    """Where a chain of length-prefixed sub-blocks (ended by a zero length) ends."""
    while True:
        size = data[pos]
        pos += 1 + size
        if size == 0:
            if pos > len(data):
                raise NotUnderstood
            return pos
        if pos >= len(data):
            raise NotUnderstood  # cut short


def _dropped_extension(label: int, blocks: bytes) -> bool:
    if label == GIF_COMMENT:
        return True
    if label == GIF_APPLICATION:
        identifier = blocks[1:12] if blocks[:1] == b"\x0b" else b""
        return identifier not in GIF_KEPT_APPLICATIONS
    return False  # graphic control (frame timing), plain text: part of the picture
