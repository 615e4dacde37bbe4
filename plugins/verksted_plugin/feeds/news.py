"""The "Aktuelt" updates: Material's blog plugin renders them; this adds their RSS feed.

Material's own blog RSS needs the separate mkdocs-rss-plugin (which reads git history and
may fetch remote images), so the feed is written here from the posts the blog plugin has
already resolved: same titles, dates and addresses, no extra dependency.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, time
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET

from ..dates import OSLO
from .paths import NEWS_FEED_NAME, FeedLinks
from .text import to_html, xml_bytes

ATOM_NS = "http://www.w3.org/2005/Atom"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class NewsPost:
    title: str
    url: str  # relative to the site root
    date: datetime
    excerpt_markdown: str


def blog_plugins(plugins: Any) -> list[Any]:
    """Every Material blog plugin instance in the configuration (usually one)."""
    try:
        from material.plugins.blog.plugin import BlogPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return []
    return [p for p in plugins.values() if isinstance(p, BlogPlugin) and p.config.enabled]


def blog_dirs(plugins: Any) -> list[str]:
    return [posixpath.normpath(p.config.blog_dir) for p in blog_plugins(plugins)]


def feed_path(blog_dir: str) -> str:
    return posixpath.join(blog_dir, NEWS_FEED_NAME) if blog_dir != "." else NEWS_FEED_NAME


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


def rss(links: FeedLinks, title: str, description: str, language: str, blog_url: str,
        self_path: str, posts: list[NewsPost]) -> bytes:
    """RSS 2.0, the format feed readers and the municipality's own news tools expect.
    `title` and `description` are plain text (`Labels.plain`): the XML escapes them once."""
    ET.register_namespace("atom", ATOM_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", title)
    _text(channel, "link", links.absolute(blog_url))
    _text(channel, "description", description)
    _text(channel, "language", {"nb": "nb-NO", "nn": "nn-NO"}.get(language, "en"))
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": links.absolute(self_path),
                                                 "rel": "self",
                                                 "type": "application/rss+xml"})
    if posts:
        _text(channel, "lastBuildDate", format_datetime(posts[0].date))
    for post in posts:
        item = ET.SubElement(channel, "item")
        url = links.absolute(post.url)
        _text(item, "title", post.title)
        _text(item, "link", url)
        guid = _text(item, "guid", url)
        guid.set("isPermaLink", "true")
        _text(item, "pubDate", format_datetime(post.date))
        _text(item, "description", to_html(post.excerpt_markdown))
    return xml_bytes(root)


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element
