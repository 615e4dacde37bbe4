"""Markdown fields in generated pages: a placeholder in the page, sanitized HTML in the output.

The page templates put a field into the page's Markdown with `|md`. MkDocs must not read
the field's own markup (raw HTML in it would be published as it stands), so the page gets
an inert placeholder (`verkstedmd` and hex digits) and, once MkDocs has rendered the page,
the placeholder is replaced by the field rendered once with the site's Markdown extensions
and cleaned by `safe_markdown.sanitize`. Relative links in a field are resolved from the
page, exactly as MkDocs resolves the links of the page around it.

A placeholder is replaced only where a template can have put one: as a paragraph of its
own, or as the whole content of an element (`<li>…</li>`, a line of a `<div>`), never
inside a tag, where it is dropped. Its digits are a hash keyed by a secret of the
process (`_NONCE`), so no record can spell a placeholder of its build, and the
placeholder's prefix in any text from the records is written with a character reference
(`neutralised`). The secret never reaches the output: every placeholder is replaced.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Any

PREFIX = "verkstedmd"  # the one definition; html_blocks, template_page, page_memo use it
TOKEN = re.compile(rf"{PREFIX}[0-9a-f]{{24}}")
# The prefix as data text shows it: the same letters to a reader, never a placeholder.
_NEUTRAL = "verksted&#109;d"
# One secret per process: a build's placeholders cannot be guessed from the records, and
# stay the same through the rebuilds of one `mkdocs serve` (dirty_pages.py compares pages'
# Markdown from one rebuild to the next).
_NONCE = secrets.token_bytes(16)


def placeholder_token(kind: str, text: str) -> str:
    """The placeholder of `text` (a field, or a page's HTML block) in this process."""
    digest = hmac.new(_NONCE, f"{kind}\0{text}".encode("utf-8", "surrogatepass"), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:24]


def neutralised(html: str) -> str:
    """`html` (from a record) with the placeholders' prefix written so it cannot be one."""
    return html.replace(PREFIX, _NEUTRAL) if PREFIX in html else html


class FieldStore:
    """The Markdown of every field the templates placed, by placeholder."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.raw: dict[str, str] = {}  # the pages' own HTML blocks (html_blocks.py)
        self._tokens: dict[str, str] = {}

    def placeholder(self, text: str) -> str:
        token = self._tokens.get(text)  # a method's steps are placed on every workshop page
        if token is None:
            token = self._tokens[text] = placeholder_token("field", text)
            self.texts[token] = text
        return token


def field_store(env: Any) -> FieldStore:
    """The store of a template environment (made on first use)."""
    store = env.globals.get("verksted_field_store")
    if not isinstance(store, FieldStore):
        store = FieldStore()
        env.globals["verksted_field_store"] = store
    return store
