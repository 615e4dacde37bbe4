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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import paragraph_fields, speedups
from .page_links import PageLinks
from .safe_markdown import markdown_converter, sanitize

PREFIX = "verkstedmd"  # the one definition; html_blocks, template_page, page_memo use it
TOKEN = re.compile(rf"{PREFIX}[0-9a-f]{{24}}")
# The prefix as data text shows it: the same letters to a reader, never a placeholder.
_NEUTRAL = "verksted&#109;d"
# One secret per process: a build's placeholders cannot be guessed from the records, and
# stay the same through the rebuilds of one `mkdocs serve` (dirty_pages.py compares pages'
# Markdown from one rebuild to the next).
_NONCE = secrets.token_bytes(16)
# Where a template's placeholder ends up: a paragraph of its own (which the field replaces
# with its own blocks), or an element's whole content, or a line of one.
_PLACED = re.compile(rf"<p>({TOKEN.pattern})</p>|(?<=[>\n])({TOKEN.pattern})(?=[<\n])"
                     rf"|({TOKEN.pattern})")


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


class FieldRenderer:
    """Renders a site's fields: its extensions (minus the unsafe ones), MkDocs' link rules."""

    def __init__(self, store: FieldStore, config: MkDocsConfig, files: Files) -> None:
        self.store = store
        self.converter = markdown_converter(list(config.markdown_extensions),
                                            dict(config.mdx_configs or {}))
        # MkDocs' own link rewriting (page_links.py).
        self.links = PageLinks(None, files, config)  # type: ignore[arg-type]
        self.links._register(self.converter)
        self._done: dict[tuple[str, str], str] = {}
        # A field without links or images whose address depends on the page reads the same
        # on every page (the method's steps on each workshop page): converted once.
        self._same_everywhere: dict[str, str] = {}
        self._shortcuts = speedups.enabled()
        # Plain paragraphs (most summaries) without the converter (paragraph_fields.py).
        self._paragraphs = self._shortcuts and paragraph_fields.usable(
            config.markdown_extensions, config.mdx_configs)

    def html(self, token: str, file: File) -> str:
        shared = self._same_everywhere.get(token)
        if shared is not None:
            return shared
        key = (file.src_uri, token)
        if key not in self._done:
            text = self.store.texts[token]
            if self._paragraphs and (plain := paragraph_fields.field_html(text)) is not None:
                plain = self._same_everywhere[token] = neutralised(plain)
                return plain
            html = neutralised(self.converted(text, file))
            if self.links.page_specific or not self._shortcuts:
                self._done[key] = html
            else:
                self._same_everywhere[token] = html
                return html
        return self._done[key]

    def converted(self, text: str, file: File) -> str:
        """The long way: the site's converter with MkDocs' link rules, then nh3."""
        self.links.start(file)
        return sanitize(self.converter.reset().convert(text))

    def substitute(self, html: str, file: File) -> str:
        """Every placeholder a template placed in `html` replaced by its field's sanitized
        HTML (or its HTML block); one found inside a tag is dropped."""
        if PREFIX not in html:
            return html

        def replace(match: re.Match[str]) -> str:
            token = match.group(1) or match.group(2) or match.group(3)
            if token not in self.store.raw and token not in self.store.texts:
                return match.group(0)  # not one of ours: text that looks like one
            if match.group(3) or _in_tag(html, match.start()):
                return ""
            if token in self.store.raw:
                return self.store.raw[token]
            return self.html(token, file)

        return _PLACED.sub(replace, html)


def _in_tag(html: str, at: int) -> bool:
    """Whether `at` is inside a tag (an attribute's value), not in an element's content."""
    return html.rfind("<", 0, at) > html.rfind(">", 0, at)


def field_store(env: Any) -> FieldStore:
    """The store of a template environment (made on first use)."""
    store = env.globals.get("verksted_field_store")
    if not isinstance(store, FieldStore):
        store = FieldStore()
        env.globals["verksted_field_store"] = store
    return store
