"""Markdown fields in generated pages: a placeholder in the page, sanitized HTML in the output.

The page templates put a field into the page's Markdown with `|md`. MkDocs must not read
the field's own markup (raw HTML in it would be published as it stands), so the page gets
an inert placeholder (`verkstedmd` and hex digits) and, once MkDocs has rendered the page,
the placeholder is replaced by the field rendered once with the site's Markdown extensions
and cleaned by `safe_markdown.sanitize`. Relative links in a field are resolved from the
page, exactly as MkDocs resolves the links of the page around it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import paragraph_fields, speedups
from .page_links import PageLinks
from .safe_markdown import markdown_converter, sanitize

PREFIX = "verkstedmd"
# A placeholder alone in a paragraph loses the paragraph: the field brings its own blocks.
_PLACEHOLDER = re.compile(rf"<p>({PREFIX}[0-9a-f]{{24}})</p>|({PREFIX}[0-9a-f]{{24}})")


class FieldStore:
    """The Markdown of every field the templates placed, by placeholder."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.raw: dict[str, str] = {}  # the pages' own HTML blocks (html_blocks.py)
        self._tokens: dict[str, str] = {}

    def placeholder(self, text: str) -> str:
        token = self._tokens.get(text)  # a method's steps are placed on every workshop page
        if token is None:
            # From the text itself, so two builds give the same page source.
            token = PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
            self._tokens[text] = token
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
                self._same_everywhere[token] = plain
                return plain
            html = self.converted(text, file)
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
        """Every placeholder in `html` replaced by its field's sanitized HTML."""
        if PREFIX not in html:
            return html

        def replace(match: re.Match[str]) -> str:
            token = match.group(1) or match.group(2)
            if token in self.store.raw:
                return self.store.raw[token]
            return self.html(token, file) if token in self.store.texts else match.group(0)

        return _PLACEHOLDER.sub(replace, html)


def field_store(env: Any) -> FieldStore:
    """The store of a template environment (made on first use)."""
    store = env.globals.get("verksted_field_store")
    if not isinstance(store, FieldStore):
        store = FieldStore()
        env.globals["verksted_field_store"] = store
    return store
