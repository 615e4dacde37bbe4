"""The Jinja environment that turns records into page Markdown.

Every `{{ value }}` that is not already HTML (`Markup`) goes through one escaping rule,
`markdown_text`, by the environment's `finalize`, so a template cannot forget it: the text
is escaped for HTML, and each character that could start Markdown syntax (a link, an image,
emphasis, code, an attribute list `{: … }`, a heading or list marker, an extension's mark)
is written as a numeric character reference. Python-Markdown leaves such a reference
alone and a browser shows the character, so a name reads as written in a heading, a list,
an attribute or a raw HTML block alike, and never becomes markup. A template must say `|md`
to let a Markdown field through, and even then MkDocs never reads the field: `|md` leaves a
placeholder that becomes the field's sanitized HTML once the page is rendered
(markdown_fields.py). Templates are looked up first in the site's theme folders
(`overrides/verksted/…`), then in this package.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, pass_environment
from markupsafe import Markup

from .feed_addresses import FeedLinks
from .markdown_fields import field_store, neutralised
from .template_cache import COMPILED

# Characters that begin or end syntax in Python-Markdown or an extension a site may turn on
# (links, emphasis, code, attr_list, headings, lists, tables, tilde, caret, mark, keys,
# critic, emoji, magiclink, smarty, smartsymbols, arithmatex, def_list), as numeric
# character references.
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|~^=:$@/"
_REFERENCES: dict[int, str] = {
    **{ord(char): f"&#{ord(char)};" for char in _MARKDOWN_SPECIAL},
    **{ord(char): f"&#{ord(char)};" for char in "\t\n\r"},  # a line of its own in Markdown
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&#34;", ord("'"): "&#39;",
    # Control characters have no place in HTML; STX and ETX would be Python-Markdown's own.
    **{code: "\ufffd" for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)},
}
_HEADING_MARKS = re.compile(r"#{1,6}")


def template_env(theme_dirs: Iterable[Path | str] = ()) -> Environment:
    env = Environment(
        loader=ChoiceLoader([
            FileSystemLoader([str(d) for d in theme_dirs]),
            PackageLoader("verksted_plugin.pages", "templates"),
        ]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,  # made anew for every build (and every rebuild of `mkdocs serve`)
        bytecode_cache=COMPILED,
        finalize=plain_or_markup,
    )
    env.filters.update(md=markdown_field, md_text=markdown_text,
                       tel=tel_href, heading=heading_marks)
    # Feed addresses for the templates' links; site.py replaces it with the site's own URL.
    env.globals["feed_links"] = FeedLinks()
    return env


def plain_or_markup(value: object) -> object:
    """What every `{{ … }}` prints: HTML as it is, anything else as plain text."""
    return value if hasattr(value, "__html__") else markdown_text(value)


def markdown_text(value: object) -> Markup:
    """Plain text placed where Markdown may be parsed: escaped for HTML and for Markdown.

    HTML (`Markup`, a label or a link made by the page helpers) is kept as it is."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return _markdown_text(str(value))


@lru_cache(maxsize=16384)  # theme names and workshop titles head sections on many pages
def _markdown_text(text: str) -> Markup:
    # A leading space would be an indented code block at a line's start; `neutralised`
    # keeps data from spelling a field's placeholder.
    escaped = text.translate(_REFERENCES)
    if escaped.startswith(" "):
        escaped = "&#32;" + escaped[1:]
    return Markup(neutralised(escaped))


def heading_marks(level: object) -> Markup:
    """`{{ level|heading }}`: a heading's `##` given by a template, never by data."""
    if not isinstance(level, str) or not _HEADING_MARKS.fullmatch(level):
        raise ValueError(f"not a Markdown heading level: {level!r}")
    return Markup(level)


@pass_environment
def markdown_field(env: Environment, value: object) -> Markup:
    """A field the contract marks as Markdown: a placeholder for its sanitized HTML."""
    return Markup(field_store(env).placeholder(str(value).strip()))


def tel_href(phone: str) -> Markup:
    """`990 48 920` → `tel:+4799048920`; a number with its own country code keeps it."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not digits.startswith("+"):
        digits = "+47" + digits
    return Markup(f"tel:{digits}")  # digits and `+` only: nothing to escape


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
