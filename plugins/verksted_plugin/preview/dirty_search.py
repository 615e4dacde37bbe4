"""`mkdocs serve --dirty`: the search index holds every page, also those not rendered again.

Material's search indexes a page as it is rendered (`on_page_context`). A dirty rebuild
renders only the pages that changed, and Material's own merge with the previous index
keeps the old entries of one page only. This keeps each page's entries from the rebuild
that last rendered it, and before the index is written puts together, in the order the
pages are built, the fresh entries of the pages rendered now and the kept entries of the
others: the index a clean build of the same files writes, byte for byte. A page gone from
the site takes its entries with it.
"""

from __future__ import annotations

from typing import Any


def search_index(config: Any) -> Any | None:
    """Material's (or MkDocs') search index of this build, if a search plugin is on."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            return index
    return None


class DirtySearch:
    def __init__(self) -> None:
        self._kept: dict[str, list[Any]] = {}  # page source → its entries
        self._fresh: dict[str, list[Any]] = {}  # the pages rendered in this rebuild
        self._before = 0

    def before_page(self, config: Any) -> None:
        """Just before the search plugin indexes a page."""
        index = search_index(config)
        self._before = len(index.entries) if index is not None else 0

    def after_page(self, config: Any, page: Any) -> None:
        """Just after: what it added is the page's."""
        index = search_index(config)
        if index is not None:
            self._fresh[page.file.src_uri] = index.entries[self._before:]

    def complete(self, config: Any, files: Any) -> None:
        """Before the search plugin writes the index: every page's entries, in build order."""
        index = search_index(config)
        if index is None:
            return
        fresh, self._fresh = self._fresh, {}
        kept: dict[str, list[Any]] = {}
        for file in files.documentation_pages(inclusion=lambda level: level.is_in_serve()):
            entries = fresh.get(file.src_uri, self._kept.get(file.src_uri))
            if entries is not None:
                kept[file.src_uri] = entries
        self._kept = kept
        index.entries = [entry for entries in kept.values() for entry in entries]
        # Material would merge in its previous index again, one page's worth: not needed.
        for plugin in config.plugins.values():
            if getattr(plugin, "search_index", None) is index and hasattr(
                    plugin, "search_index_prev"):
                plugin.search_index_prev = None
