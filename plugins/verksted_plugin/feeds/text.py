"""Markdown fields turned into what a feed needs: HTML for Atom, plain text for calendars."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as md

from .. import speedups
from ..safe_markdown import sanitize

_TAG = re.compile(r"<[^>]+>")
# One converter for all fields: building a Markdown instance costs more than converting.
_CONVERTER = md.Markdown(extensions=["attr_list"], output_format="html")


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Sanitized like the pages: a feed reader shows this HTML."""
    plain = paragraphs_html(text) if speedups.enabled() else None
    return sanitize(plain if plain is not None else _CONVERTER.reset().convert(text))


# Characters that may start Markdown or HTML syntax somewhere in a line, or a hard break.
_MARKUP = re.compile(r"[^\w .,;:?!()'\"%/@\n\u00a0–—…«»-]| \n| $|\n\n\n")


def paragraphs_html(text: str) -> str | None:
    """What Python-Markdown makes of text that is only paragraphs of words (most summaries):
    each paragraph in `<p>`. None when anything in it could be Markdown: the converter then
    reads it (tests/test_feeds_unit.py compares the two on such texts)."""
    text = text.strip("\n")
    if not text or "_" in text or _MARKUP.search(text):
        return None
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if not line[:1].isalpha() or line[-1:].isspace():
                return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


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
