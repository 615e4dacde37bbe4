"""MkDocs' and Material's unpublished names the adapter uses, looked up here and nowhere else.

Three pieces of the adapter lean on names MkDocs and Material do not publish:

- shortcuts/template_page.py renders generated pages with MkDocs' own Markdown processors
  for anchors, titles, raw HTML and links, and keeps the title where `Page.render` does;
- page_links.py gives Markdown fields MkDocs' own link processor;
- blog.py reads the Aktuelt posts as Material's blog plugin resolved them.

A release that renames one of them must not stop every municipality's build. So each is
looked up on its own; a missing or changed one is None here, and what needs it steps
aside: the page shortcut is off (as with VERKSTED_NO_SPEEDUPS=1); fields are rendered by
MkDocs' public `Page.render`, which gives the same HTML (page_links.py); the Aktuelt RSS
feed is written without its posts (blog.py). The build goes on, and says once what it
found missing (`notify`).

The notice is logged at INFO, not WARNING: `mkdocs build --strict` fails on any warning,
so a WARNING would stop every municipality's publishing the day MkDocs or Material is
upgraded, although the pages come out the same (only the feed loses its posts). INFO is
shown by every `mkdocs build` and `mkdocs serve`, where whoever upgrades reads it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..language.i18n import tr

log = get_plugin_logger(__name__)

# What is off without a name (a catalogue key); the texts say the pages stay the same.
HEADINGS = "internals_off_headings"
FIELD_LINKS = "internals_off_field_links"
NEWS_FEED = "internals_off_news_feed"

_missing: dict[str, str] = {}  # name as MkDocs or Material spells it -> what is off
_told: set[str] = set()  # said once a process (`mkdocs serve` rebuilds keep quiet)

_PAGES = "mkdocs.structure.pages"


def _made(*attributes: str, args: tuple[Any, ...] = ()) -> Callable[[Any], None]:
    """A check that a class is still made as the adapter makes it (`args`) and that its
    object has the `attributes` the adapter reads (AttributeError, TypeError: changed)."""
    def check(found: Any) -> None:
        made = found(*args)
        for attribute in attributes:
            getattr(made, attribute)
    return check


def _look_up(module: str, name: str, effect: str,
             check: Callable[[Any], None] | None = None) -> Any:
    """`module.name`; None, noted with what is off without it, when it is not there or no
    longer what the adapter uses."""
    try:
        found = getattr(importlib.import_module(module), name)
        if check is not None:
            check(found)
    except (ImportError, AttributeError, TypeError):
        _missing.setdefault(f"{module}.{name}", effect)
        return None
    return found


RawHTMLPreprocessor: Any = _look_up(
    _PAGES, "_RawHTMLPreprocessor", HEADINGS, _made("_register", "present_anchor_ids"))
ExtractAnchorsTreeprocessor: Any = _look_up(
    _PAGES, "_ExtractAnchorsTreeprocessor", HEADINGS,
    _made("_register", "present_anchor_ids", args=(None, None, None)))
ExtractTitleTreeprocessor: Any = _look_up(
    _PAGES, "_ExtractTitleTreeprocessor", HEADINGS, _made("_register", "title"))
# Also needed for correctness: without it page_links.py renders fields by `Page.render`.
RelativePathTreeprocessor: Any = _look_up(
    _PAGES, "_RelativePathTreeprocessor", FIELD_LINKS,
    _made("_register", "file", "links_to_anchors", args=(None, None, None)))
BlogPlugin: Any = _look_up("material.plugins.blog.plugin", "BlogPlugin", NEWS_FEED)


def _render_keeps(attribute: str) -> bool:
    """Whether `Page.render` still stores the page's title in `attribute` (which the `title`
    property reads): a page made without `render` (template_page.py) must set it too."""
    code = getattr(getattr(Page, "render", None), "__code__", None)
    if attribute in getattr(code, "co_names", ()):
        return True
    _missing.setdefault(f"{_PAGES}.Page.{attribute}", HEADINGS)
    return False


_TITLE_KEPT = _render_keeps("_title_from_render")
# template_page.py's shortcut takes every processor a page's render uses, and its title.
HEADING_SHORTCUT = _TITLE_KEPT and None not in (
    RawHTMLPreprocessor, ExtractAnchorsTreeprocessor, ExtractTitleTreeprocessor,
    RelativePathTreeprocessor)


def keep_rendered_title(page: Page, title: str | None) -> None:
    """What `Page.render` does with the text of the page's first h1 (template_page.py)."""
    page._title_from_render = title


def notify() -> None:
    """Log each missing name once, in the build's language (call inside `use_language`)."""
    for name, effect in _missing.items():
        if name not in _told:
            _told.add(name)
            log.info(tr("internals_missing", name=name, effect=tr(effect)))


@dataclass(frozen=True)
class BlogPost:
    """One post as Material's blog plugin resolved it (drafts already left out)."""

    markdown: str
    meta: dict[str, Any]
    url: str
    name: str  # the file's name without its suffix
    created: date | datetime


def blog_posts(plugin: Any) -> list[BlogPost] | None:
    """The posts of one of Material's blog plugins, read after its `on_files`; None (noted
    and told) when Material keeps them elsewhere now."""
    try:
        return [BlogPost(post.markdown, dict(post.meta), post.file.url, post.file.name,
                         post.config.date.created)
                for post in plugin.blog.posts]
    except (AttributeError, TypeError) as error:
        _missing.setdefault(f"material.plugins.blog ({error})", NEWS_FEED)
        notify()
        return None
