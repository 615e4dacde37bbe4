"""Markdown fields rendered to HTML once, then cleaned with an explicit allow-list (nh3).

Records are written by many hands (the browser editor, text copied from citizens' e-mails),
so a Markdown field may carry raw HTML. Whatever is not on the lists below is removed:
`<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, `<form>`, every `on…` event
attribute, `style`, ids, and links or images with `javascript:`, `vbscript:` or `data:`
addresses. Images must come from the site itself (a relative address).

`removed_markup` is the same allow-list read by plain Python, so `verksted check` and the
build can tell the editor what was dropped and where.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3
from pygments.token import STANDARD_TYPES

from ..language.i18n import tr

# Extensions that must never touch a field: `toc` gives headings ids (ids from data could
# shadow the theme's own), `pymdownx.snippets` would let a field include a file from disk.
UNSAFE_EXTENSIONS = frozenset({"toc", "pymdownx.snippets"})
# What a field is rendered with when no site configuration is at hand (`verksted check`).
DEFAULT_EXTENSIONS: tuple[str, ...] = ("tables", "fenced_code", "admonition", "md_in_html",
                                       "attr_list", "abbr")

TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
    "strong", "em", "b", "i", "s", "del", "ins", "mark", "small", "sub", "sup", "kbd", "q",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "abbr", "span", "div",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption",
})
# Removed together with their content: what they hold is not text meant for the reader.
CONTENT_TAGS = frozenset({"script", "style", "iframe", "object", "embed", "noscript",
                          "template", "svg", "math"})
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "*": {"lang", "dir"},
}
ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question",
               "warning", "failure", "danger", "bug", "example", "quote"}
# Code highlighting (pymdownx.highlight) marks tokens with Pygments' short class names.
_PYGMENTS = {name for name in STANDARD_TYPES.values() if name}
CLASSES: dict[str, set[str]] = {
    "div": ADMONITIONS | {"highlight"},
    "p": {"admonition-title"},
    "span": _PYGMENTS,
    "code": {"highlight"},
    "pre": {"highlight"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the site itself: no request to another host from a visitor's browser."""
    if tag == "img" and attribute == "src" and _is_absolute(value):
        return None
    return value


def _is_absolute(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc or url.strip().startswith("//"))


def sanitize(html: str) -> str:
    """Keep only the allow-listed markup of `html`."""
    return _cleaner().clean(html)


@cache
def _cleaner() -> nh3.Cleaner:
    """nh3's cleaner with the allow-lists, made once: `nh3.clean` builds the same cleaner
    from its arguments on every call, which was nine tenths of a field's sanitizing."""
    return nh3.Cleaner(
        tags=set(TAGS), clean_content_tags=set(CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_keep_url, url_schemes=set(URL_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        link_rel=None, strip_comments=True)


def field_extensions(extensions: Iterable[Any]) -> list[Any]:
    """The site's Markdown extensions a field may use (tables and abbr always)."""
    kept = [ext for ext in extensions if not (isinstance(ext, str) and ext in UNSAFE_EXTENSIONS)]
    names = {ext for ext in kept if isinstance(ext, str)}
    return kept + [ext for ext in ("tables", "abbr") if ext not in names]


def field_settings(extensions: Sequence[Any], configs: dict[str, Any] | None
                   ) -> tuple[list[Any], dict[str, Any]]:
    """The extensions a field may use and their settings (`markdown_converter`'s)."""
    wanted = field_extensions(extensions)
    names = {ext for ext in wanted if isinstance(ext, str)}
    return wanted, {k: v for k, v in (configs or {}).items() if k in names}


def markdown_converter(extensions: Sequence[Any] = DEFAULT_EXTENSIONS,
                       configs: dict[str, Any] | None = None) -> markdown.Markdown:
    wanted, settings = field_settings(extensions, configs)
    return markdown.Markdown(extensions=wanted, output_format="html",
                             extension_configs=settings)




@dataclass(frozen=True)
class Removed:
    """One kind of markup the sanitizer drops; `needle` finds it in the source text."""

    what: str
    needle: str


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, Removed] = {}
        self._skipping: list[str] = []

    def _add(self, what: str, needle: str) -> None:
        self.found.setdefault(what, Removed(what, needle))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CONTENT_TAGS or tag not in TAGS:
            self._add(tr("removed_element", tag=tag), f"<{tag}")
            return
        allowed = ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"] | ({"class"} if tag in CLASSES else set())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add(tr("removed_event_attribute", name=name), name)
            elif name == "style" and not (tag in ("th", "td") and value.startswith("text-align")):
                self._add(tr("removed_style"), "style")
            elif name in ("href", "src") and name in allowed:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    self._add(tr("removed_scheme", scheme=scheme), f"{scheme}:")
                elif tag == "img" and _is_absolute(value):
                    self._add(tr("removed_remote_image", address=value), value)
            elif name not in allowed and name not in ("style", "id", "class", "markdown"):
                self._add(tr("removed_attribute", name=name, tag=tag), name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def removed_markup(html: str) -> list[Removed]:
    """What `sanitize` would take out of `html`, described for the editor."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return list(inspector.found.values())
