"""The site navigation rendered once for all the pages that show it alike.

Material renders the whole navigation tree into every page (partials/nav.html): for a
portal's ~1,000 workshop pages that was half of the theme's time, and the result is the same
on each of them. What the tree's HTML depends on besides the site's configuration is only
the page's relation to it: the links, made relative to the page's address, and which items
are active (a page outside the tree opens no section). A page in the tree itself also shows
its own table of contents there, so it is always rendered afresh. The memo lives for one
build (the environment's globals are made anew for each).
"""

from __future__ import annotations

import re
from typing import Any, Generic, TypeVar

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import normalize_url

from .html_whitespace import collapse_whitespace

# The partials kept here are shown on hundreds of pages, each of which is collapsed in
# on_post_page (html_whitespace.py). Collapsing a kept partial once beforehand leaves the
# page's collapse the same bytes (runs of white space only shrink, and merge the same way
# across the partial's edges) and fewer runs to replace on each page. A partial holding an
# element whose white space is kept (`<pre>`, `<code>`, …) is kept as rendered. The theme's
# own templates (404.html) are not collapsed: what they render is neither kept nor changed.
_KEPT_ELEMENT = re.compile(r"</?(?:pre|code|textarea|script|style)\b", re.IGNORECASE)


def _collapsed(html: Any) -> Any:
    if not isinstance(html, str) or _KEPT_ELEMENT.search(html):
        return html
    folded = collapse_whitespace(str(html))
    return Markup(folded) if isinstance(html, Markup) else folded

K = TypeVar("K")

Key = tuple[tuple[str, ...], tuple[bool, ...]]


def _items(items: list[Any]) -> list[Any]:
    """Every item of the tree, depth first."""
    found: list[Any] = []
    for item in items:
        found.append(item)
        found += _items(getattr(item, "children", None) or [])
    return found


class _KeptHtml(Generic[K]):
    """HTML by key, as the partials ask for it: `key in memo`, `memo[key]`, `memo.keep`."""

    def __init__(self) -> None:
        self._html: dict[K, Any] = {}

    def __contains__(self, key: K) -> bool:
        return key in self._html

    def __getitem__(self, key: K) -> Any:
        return self._html[key]

    @pass_context
    def keep(self, context: Context, key: K, html: Any) -> Any:
        if context.get("page") is None:
            return html
        html = _collapsed(html)
        self._html[key] = html
        return html


class NavMemo(_KeptHtml[Key]):
    def __init__(self, config: Any) -> None:
        super().__init__()
        self._config = config
        self._nav: Any = None
        self._items: list[Any] = []
        self._sources: set[str] = set()
        self._targets: list[str] = []

    def _read(self, nav: Any) -> None:
        """The tree's items and every address the partial passes through the `url` filter."""
        self._nav, self._html = nav, {}
        self._items = _items(list(nav.items))
        # Material compares pages by title and file: a page not among these files is no
        # page of the tree.
        self._sources = {page.file.src_uri for page in nav.pages}
        targets = [item.url for item in self._items if getattr(item, "url", None) is not None]
        homepage = getattr(nav, "homepage", None)
        extra = self._config.extra.get("homepage") if self._config.extra else None
        logo = self._config.theme.get("logo")
        self._targets = [str(t) for t in [*targets, homepage.url if homepage else None,
                                          extra, logo] if t is not None]

    def key(self, page: Any, nav: Any) -> Key | None:
        """What the navigation's HTML on `page` depends on; None: render it afresh."""
        if page is None or nav is None:
            return None
        if nav is not self._nav:
            self._read(nav)
        if page.file.src_uri in self._sources:
            return None
        return (tuple(normalize_url(t, page=page) for t in self._targets),
                tuple(bool(getattr(item, "active", False)) for item in self._items))


class ConstantPartials(_KeptHtml[str]):
    """Partials whose HTML is the same on every page of a build (the search dialog), by name:
    rendered for the first page, reused for the others."""


TocKey = tuple[bool, tuple[Any, ...]]


class _Unkeyed(Exception):
    """An entry carries what the key does not hold (a typeset title): render afresh."""


def _toc_items(items: Any) -> tuple[Any, ...]:
    if any(getattr(item, "typeset", None) is not None for item in items):
        raise _Unkeyed
    return tuple((item.id, str(item.title), item.level, _toc_items(item.children))
                 for item in items)


class TocMemo(_KeptHtml[TocKey]):
    """A page's table of contents by its entries: the workshops of one method share the
    programme's entries, and most of them the rest (summary, inputs by theme, decisions),
    so a few renderings serve a thousand pages. The page's title (a level-1 heading) is
    not shown in it and is not part of the key."""

    def key(self, toc: Any, in_nav: bool) -> TocKey | None:
        """What the partial's HTML depends on besides the site's settings; None: afresh."""
        items = list(toc or [])
        if items and items[0].level == 1:  # as the partial does: the title is not listed
            items = items[0].children
        try:
            return in_nav, _toc_items(items)
        except _Unkeyed:
            return None
