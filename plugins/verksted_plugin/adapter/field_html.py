"""The Markdown fields' HTML in the built pages (pages/markdown_fields.py places them).

Once MkDocs has rendered a page, each placeholder a template put there is replaced by its
field, rendered once with the site's Markdown extensions, MkDocs' link rules for the page
and `safe_markdown.sanitize`.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .. import speedups
from ..pages import paragraph_fields
from ..pages.markdown_fields import PREFIX, TOKEN, FieldStore, neutralised
from ..records.safe_markdown import sanitize
from .page_links import FieldLinks

# Where a template's placeholder ends up: a paragraph of its own (which the field replaces
# with its own blocks), or an element's whole content, or a line of one.
_PLACED = re.compile(rf"<p>({TOKEN.pattern})</p>|(?<=[>\n])({TOKEN.pattern})(?=[<\n])"
                     rf"|({TOKEN.pattern})")


class FieldRenderer:
    """Renders a site's fields: its extensions (minus the unsafe ones), MkDocs' link rules."""

    def __init__(self, store: FieldStore, config: MkDocsConfig, files: Files) -> None:
        self.store = store
        # The fields' converter with MkDocs' own link rewriting (page_links.py).
        self.links = FieldLinks(list(config.markdown_extensions),
                                dict(config.mdx_configs or {}), files, config)
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
        return sanitize(self.links.convert(text, file))

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


