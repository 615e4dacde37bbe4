"""The RSS feed of the "Aktuelt" updates (news posts), written from the posts' titles,
dates, addresses and excerpts; adapter/blog.py reads them from Material's blog plugin.

Material's own blog RSS needs the separate mkdocs-rss-plugin (which reads git history and
may fetch remote images), so the feed is written here: no extra dependency.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from ..pages.feed_addresses import NEWS_FEED_NAME, FeedLinks
from .text import ATOM_NS, to_html, xml_bytes, xml_child


@dataclass(frozen=True)
class NewsPost:
    title: str
    url: str  # relative to the site root
    date: datetime
    excerpt_markdown: str


def feed_path(blog_dir: str) -> str:
    return posixpath.join(blog_dir, NEWS_FEED_NAME) if blog_dir != "." else NEWS_FEED_NAME


def rss(links: FeedLinks, title: str, description: str, language: str, blog_url: str,
        self_path: str, posts: list[NewsPost]) -> bytes:
    """RSS 2.0, the format feed readers and the municipality's own news tools expect.
    `title` and `description` are plain text (`Labels.plain`): the XML escapes them once."""
    ET.register_namespace("atom", ATOM_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    xml_child(channel, "title", title)
    xml_child(channel, "link", links.absolute(blog_url))
    xml_child(channel, "description", description)
    xml_child(channel, "language", {"nb": "nb-NO", "nn": "nn-NO"}.get(language, "en"))
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": links.absolute(self_path),
                                                 "rel": "self",
                                                 "type": "application/rss+xml"})
    if posts:
        xml_child(channel, "lastBuildDate", format_datetime(posts[0].date))
    for post in posts:
        item = ET.SubElement(channel, "item")
        url = links.absolute(post.url)
        xml_child(item, "title", post.title)
        xml_child(item, "link", url)
        guid = xml_child(item, "guid", url)
        guid.set("isPermaLink", "true")
        xml_child(item, "pubDate", format_datetime(post.date))
        xml_child(item, "description", to_html(post.excerpt_markdown))
    return xml_bytes(root)
