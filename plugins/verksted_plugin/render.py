"""The Jinja environment that turns records into page Markdown.

Autoescape is on, so every plain-text value from a record arrives HTML-escaped; a
template must say `|md` to let a Markdown field through, and even then MkDocs never reads
the field: `|md` leaves a placeholder that becomes the field's sanitized HTML once the page
is rendered (markdown_fields.py). Templates are looked up first in the site's theme folders
(`overrides/verksted/…`), then in this package.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, pass_environment
from markupsafe import Markup, escape

from .feeds.paths import FeedLinks
from .markdown_fields import field_store
from .template_cache import COMPILED

# Characters Python-Markdown treats specially in running text; a backslash makes them literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def template_env(theme_dirs: Iterable[Path | str] = ()) -> Environment:
    env = Environment(
        loader=ChoiceLoader([
            FileSystemLoader([str(d) for d in theme_dirs]),
            PackageLoader("verksted_plugin", "templates"),
        ]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,  # made anew for every build (and every rebuild of `mkdocs serve`)
        bytecode_cache=COMPILED,
    )
    env.filters.update(md=markdown_field, md_indent=markdown_indented, md_text=markdown_text,
                       tel=tel_href)
    # Feed addresses for the templates' links; site.py replaces it with the site's own URL.
    env.globals["feed_links"] = FeedLinks()
    return env


def markdown_text(value: object) -> Markup:
    """Plain text placed where Markdown is parsed (a heading): escaped for HTML and Markdown."""
    return _markdown_text(str(value))


@lru_cache(maxsize=16384)  # theme names and workshop titles head sections on many pages
def _markdown_text(text: str) -> Markup:
    html = str(escape(text))
    # Entities produced by escaping must keep their `&`, `#` and `;` intact.
    parts = re.split(r"(&(?:amp|lt|gt|quot|#39);)", html)
    return Markup("".join(
        part if part.startswith("&") and part.endswith(";") else _MARKDOWN_SPECIAL.sub(r"\\\1", part)
        for part in parts))


@pass_environment
def markdown_field(env: Environment, value: object) -> Markup:
    """A field the contract marks as Markdown: a placeholder for its sanitized HTML."""
    return Markup(field_store(env).placeholder(str(value).strip()))


@pass_environment
def markdown_indented(env: Environment, value: object, width: int = 4) -> Markup:
    """The same inside a list item or admonition (one word, so no line needs indenting)."""
    return markdown_field(env, value)


def tel_href(phone: str) -> str:
    """`990 48 920` → `tel:+4799048920`; a number with its own country code keeps it."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not digits.startswith("+"):
        digits = "+47" + digits
    return f"tel:{digits}"


def join_words(items: Sequence[str], and_word: str) -> str:
    """"A, B og C" — the way a sentence lists things."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {and_word} {items[-1]}"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown page, relative to the site root."""
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at `from_url` to `target`, both relative to the site root."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    return _relative(target, base)


@lru_cache(maxsize=65536)  # every workshop page links the same committees, themes, method
def _relative(target: str, base: str) -> str:
    relative = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or target == "":
        relative = relative.rstrip("/") + "/"
    return relative.removeprefix("./") if relative != "./" else "./"
