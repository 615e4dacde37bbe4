"""The "Aktuelt" posts as Material's blog plugin resolved them: titles, dates, addresses.

The RSS feed itself is written by outputs/news.py from these posts.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime, time
from typing import Any

from ..language.dates import OSLO
from ..outputs.news import NewsPost

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def blog_plugins(plugins: Any) -> list[Any]:
    """Every Material blog plugin instance in the configuration (usually one)."""
    try:
        from material.plugins.blog.plugin import BlogPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return []
    return [p for p in plugins.values() if isinstance(p, BlogPlugin) and p.config.enabled]


def blog_dirs(plugins: Any) -> list[str]:
    return [posixpath.normpath(p.config.blog_dir) for p in blog_plugins(plugins)]


def posts_of(plugin: Any) -> list[NewsPost]:
    """The posts the blog plugin will publish (drafts already left out), newest first."""
    found = []
    for post in plugin.blog.posts:
        separator = plugin.config.post_excerpt_separator
        body = post.markdown.split(separator, 1)[0]
        heading = _HEADING.search(body)
        title = post.meta.get("title") or (heading.group(1) if heading else post.file.name)
        excerpt = _HEADING.sub("", body, count=1).strip() if heading else body.strip()
        created = post.config.date.created
        if not isinstance(created, datetime):
            created = datetime.combine(created, time(0, 0))
        moment = created if created.tzinfo else created.replace(tzinfo=OSLO)
        found.append(NewsPost(str(title), post.file.url, moment, excerpt))
    return sorted(found, key=lambda p: (p.date, p.url), reverse=True)
