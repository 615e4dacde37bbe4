"""MkDocs' link rewriting for fragments rendered outside a page (fields, heading lines).

markdown_fields.py and template_page.py convert pieces of a page with their own Markdown
converter and MkDocs' own link processor (private, stable within MkDocs 1.x): `.md` links
become page addresses, image paths are made relative to the page, missing targets warn.
Both keep a piece that reads the same on every page to reuse it, so both need to know
whether the piece held a link or image whose address MkDocs writes for each page.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File
from mkdocs.structure.pages import _RelativePathTreeprocessor


class PageLinks(_RelativePathTreeprocessor):
    """MkDocs' link rewriting, noting a link or image whose address depends on the page.

    A link to an anchor of the page itself (`#…`) does not: MkDocs leaves its address as it
    is (and notes the anchor in `links_to_anchors`, which the caller reads)."""

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
