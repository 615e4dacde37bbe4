"""MkDocs' link rewriting for fragments rendered outside a page (fields, heading lines).

markdown_fields.py and template_page.py convert pieces of a page with their own Markdown
converter and MkDocs' own link processor (private, stable within MkDocs 1.x): `.md` links
become page addresses, image paths are made relative to the page, missing targets warn.
Both keep a piece that reads the same on every page to reuse it, so both need to know
whether the piece held a link or image whose address MkDocs writes for each page.

The processor is looked up in internals.py. Should MkDocs rename it, `FieldLinks` renders
each field as a page of its own with MkDocs' public `Page.render`, which runs the same
processor inside: the same addresses, the same warnings for a missing target, the same
HTML; only slower, as each field is then converted for every page it is on
(template_page.py's shortcut is off then too).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..records.safe_markdown import field_settings, markdown_converter
from .internals import RelativePathTreeprocessor

PageLinks: Any = None  # stays None when MkDocs' processor is not found (internals.py)

if RelativePathTreeprocessor is not None:
    class PageLinks(RelativePathTreeprocessor):  # type: ignore[no-redef]
        """MkDocs' link rewriting, noting a link or image whose address depends on the page.

        A link to an anchor of the page itself (`#…`) does not: MkDocs leaves its address as
        it is (and notes the anchor in `links_to_anchors`, which the caller reads)."""

        page_specific = False

        def start(self, file: File) -> None:
            """Before converting a piece of `file`."""
            self.file = file
            self.page_specific = False
            self.links_to_anchors = {}

        def run(self, root: Any) -> Any:
            self.page_specific = self.page_specific or any(
                element.tag == "img" or (element.tag == "a" and
                                         not element.get("href", "").startswith("#"))
                for element in root.iter())
            return super().run(root)


class FieldLinks:
    """Markdown fields converted with the extensions a field may use and MkDocs' link rules
    for the page they are on (the HTML is not sanitized yet)."""

    def __init__(self, extensions: Sequence[Any], configs: dict[str, Any] | None,
                 files: Files, config: MkDocsConfig) -> None:
        self.converter = markdown_converter(extensions, configs)
        self.links = PageLinks(None, files, config) if PageLinks is not None else None
        if self.links is not None:
            self.links._register(self.converter)
        self._files = files
        # For `Page.render` without the processor: the site's settings, the fields' extensions.
        self._config = copy.copy(config)
        self._config["markdown_extensions"], self._config["mdx_configs"] = field_settings(
            extensions, configs)

    @property
    def page_specific(self) -> bool:
        """Whether the piece last converted holds an address MkDocs writes for each page;
        always so by `Page.render`, which does not tell."""
        return self.links is None or self.links.page_specific

    def convert(self, text: str, file: File) -> str:
        if self.links is not None:
            self.links.start(file)
            return self.converter.reset().convert(text)
        # A page of a copy of the file: `Page` makes itself the page of the file it is given.
        page = Page(None, copy.copy(file), self._config)
        page.markdown = text
        page.render(self._config, self._files)
        return page.content or ""
