"""Markdown fields turned into what a feed needs: HTML for Atom, plain text for calendars."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as md

from ..safe_markdown import sanitize

_TAG = re.compile(r"<[^>]+>")
# One converter for all fields: building a Markdown instance costs more than converting.
_CONVERTER = md.Markdown(extensions=["attr_list"], output_format="html")


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Sanitized like the pages: a feed reader shows this HTML."""
    return sanitize(_CONVERTER.reset().convert(text))


@lru_cache(maxsize=4096)
def to_plain(text: str) -> str:
    """Markdown without its markup: paragraphs kept, tags dropped, entities decoded."""
    rendered = to_html(text)
    rendered = re.sub(r"</p>\s*", "\n\n", rendered)
    rendered = re.sub(r"<br\s*/?>|</li>\s*", "\n", rendered)
    plain = html.unescape(_TAG.sub("", rendered))
    # Line breaks inside a paragraph are only how the file was wrapped.
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", plain))
    return "\n\n".join(p for p in paragraphs if p)
