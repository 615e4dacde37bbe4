"""Photos in hand-written pages and news posts, as light on a phone as the records' photos.

An editor drops a photo from a phone (4,000 px, several MB) into an Aktuelt post with
`![alt](../../bilder/x.jpg)`. The generated pages already show every photo as a `<picture>`
with AVIF/WebP in a few widths (photo_variants.py); this gives the `<img>` of every other
page the same, from the same cache: the original stays the fallback, and the image gets
its width and height (no layout shift) and `decoding="async"`; images after the first load
lazily. An image that is not a photo in docs/ (an SVG, another host's, a broken file) is
left exactly as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser

from markupsafe import escape

from ..pages.render import relative_url
from .photo_variants import ResponsivePhoto

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_PICTURE = re.compile(r"<picture\b.*?</picture>", re.IGNORECASE | re.DOTALL)
# Material's content column: the page's own text starts here and ends with `</main>`.
_CONTENT = 'class="md-content__inner'

PhotoLookup = Callable[[str], ResponsivePhoto | None]


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = attrs


def _attributes(tag: str) -> list[tuple[str, str | None]]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def docs_path(src: str, page_url: str) -> str | None:
    """The path inside docs/ that a relative `src` on the page at `page_url` points to."""
    if not src or src.startswith(("/", "#")) or ":" in src.split("/")[0] or "?" in src:
        return None  # another host, a data: address, a site-absolute path: not ours to guess
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    path = posixpath.normpath(posixpath.join(base, src))
    return None if path.startswith("../") or path in (".", "..") else path


def with_pictures(html: str, page_url: str, photo: PhotoLookup) -> str:
    """`html` with each `<img>` of a photo in docs/ (outside a `<picture>`) in the page's
    content made responsive; the header's logo and the rest of the frame stay as they are."""
    if "<img" not in html:
        return html
    start = html.find(_CONTENT)
    start = 0 if start < 0 else start  # another theme: the whole page
    end = html.find("</main>", start)
    end = len(html) if end < 0 else end
    return html[:start] + _content_pictures(html[start:end], page_url, photo) + html[end:]


def _content_pictures(html: str, page_url: str, photo: PhotoLookup) -> str:
    taken = [match.span() for match in _PICTURE.finditer(html)]
    seen = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        if any(start <= match.start() < end for start, end in taken):
            return match.group(0)  # already a <picture> (the generated pages' photos)
        seen += 1
        attrs = _attributes(match.group(0))
        values = dict(attrs)
        path = docs_path(values.get("src") or "", page_url)
        found = photo(path) if path else None
        if found is None or not found.sources:
            return match.group(0)
        extra: list[tuple[str, str | None]] = []
        if "width" not in values and "height" not in values:
            extra += [("width", str(found.width)), ("height", str(found.height))]
        if "loading" not in values and seen > 1:
            extra.append(("loading", "lazy"))
        if "decoding" not in values:
            extra.append(("decoding", "async"))
        img = "<img" + "".join(f' {name}="{escape(value)}"' if value is not None else f" {name}"
                               for name, value in [*attrs, *extra]) + ">"
        sources = "".join(
            '<source type="{}" srcset="{}" sizes="{}">'.format(
                source.media_type,
                escape(", ".join(f"{relative_url(v.site_path, page_url)} {v.width}w"
                                 for v in source.variants)),
                escape(found.sizes))
            for source in found.sources)
        return f"<picture>{sources}{img}</picture>"

    return _IMG.sub(replace, html)
