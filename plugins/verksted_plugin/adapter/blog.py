"""The "Aktuelt" posts as Material's blog plugin resolved them: titles, dates, addresses.

The RSS feed itself is written by outputs/news.py from these posts. What is read of
Material's blog beyond its settings is looked up in internals.py: should Material keep it
elsewhere one day, the feed is written without posts (with a notice), and the rest of the
site is built as before.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime, time
from typing import Any

from ..language.dates import OSLO
from ..outputs.news import NewsPost
from .internals import BlogPlugin, blog_posts

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def blog_plugins(plugins: Any) -> list[Any]:
    """Every Material blog plugin instance in the configuration (usually one)."""
    return [p for name, p in plugins.items() if _is_blog(name, p) and p.config.enabled]


def _is_blog(name: str, plugin: Any) -> bool:
    if BlogPlugin is not None:
        return isinstance(plugin, BlogPlugin)
    # Material's class is not where it was (internals.py): its plugin by the name MkDocs
    # gives it ("material/blog", a second one "material/blog #2"), so the menu keeps the
    # posts in their section; the folders are the plugin's own settings.
    return name.partition(" #")[0] == "material/blog"


def blog_dirs(plugins: Any) -> list[str]:
    return [posixpath.normpath(p.config.blog_dir) for p in blog_plugins(plugins)]


def posts_of(plugin: Any) -> list[NewsPost] | None:
    """The posts the blog plugin will publish (drafts already left out), newest first;
    None when they cannot be read as here: Material's class or what it keeps them in is
    not found (internals.py), and an object only named like it is not read."""
    posts = blog_posts(plugin) if BlogPlugin is not None else None
    if posts is None:
        return None
    found = []
    separator = plugin.config.post_excerpt_separator
    for post in posts:
        body = post.markdown.split(separator, 1)[0]
        heading = _HEADING.search(body)
        title = post.meta.get("title") or (heading.group(1) if heading else post.name)
        excerpt = _HEADING.sub("", body, count=1).strip() if heading else body.strip()
        created = post.created
        if not isinstance(created, datetime):
            created = datetime.combine(created, time(0, 0))
        moment = created if created.tzinfo else created.replace(tzinfo=OSLO)
        found.append(NewsPost(str(title), post.url, moment, excerpt))
    return sorted(found, key=lambda p: (p.date, p.url), reverse=True)
