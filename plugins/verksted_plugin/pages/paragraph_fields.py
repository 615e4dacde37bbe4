"""Markdown fields that are only paragraphs of words, made into HTML without Python-Markdown.

Most summaries and excerpts are a few paragraphs of plain sentences. Python-Markdown takes
about half a millisecond to wrap each paragraph in `<p>`, and nh3 then finds nothing to
remove. `paragraphs_html` recognises such text (no character that may start Markdown or
HTML syntax, every line beginning with a letter and ending without a space); the feeds
use it as it is (outputs/text.py), the pages add the one change nh3 makes to what is left
(a no-break space is written `&nbsp;`).

Only for sites whose field extensions are all on `QUIET_EXTENSIONS`: none of them acts on
such text. tests/test_paragraph_fields.py proves on generated texts that the result is,
byte for byte, what the site's converter and nh3 give (adapter/field_html.py's
FieldRenderer, the long way). VERKSTED_NO_SPEEDUPS=1 never takes this path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..records.safe_markdown import field_extensions

# Extensions whose syntax always begins with a character plain paragraphs never hold (`*`,
# `[`, `<`, `{`, `|`, `!`, `:` at a line's start, backticks, `~`, `^`, `=`, `+`, `\`, …).
# Not here, because they change plain words: smarty, nl2br, pymdownx.magiclink (addresses),
# pymdownx.emoji (`:smile:`), pymdownx.smartsymbols (`1/2`, `(c)`), abbr with a glossary.
QUIET_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
    "tables", "sane_lists", "pymdownx.highlight", "pymdownx.superfences",
    "pymdownx.inlinehilite", "pymdownx.details", "pymdownx.tabbed", "pymdownx.tasklist",
    "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys",
    "pymdownx.betterem",
})

# Characters that may start Markdown or HTML syntax somewhere in a line, or a hard break.
_MARKUP = re.compile(r"[^\w .,;:?!()'\"%/@\n\u00a0–—…«»-]| \n| $|\n\n\n")


def paragraphs_html(text: str) -> str | None:
    """What Python-Markdown makes of text that is only paragraphs of words (most summaries):
    each paragraph in `<p>`. None when anything in it could be Markdown: the converter then
    reads it (tests/test_feeds_unit.py compares the two on such texts)."""
    text = text.strip("\n")
    if not text or "_" in text or _MARKUP.search(text):
        return None
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if not line[:1].isalpha() or line[-1:].isspace():
                return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def usable(extensions: Iterable[Any], configs: dict[str, Any] | None) -> bool:
    """Whether every extension a field is rendered with (safe_markdown) is a quiet one."""
    for extension in field_extensions(extensions):
        if not isinstance(extension, str):
            return False
        if extension.removeprefix("markdown.extensions.") not in QUIET_EXTENSIONS:
            return False
    # abbr's glossary would mark words of any paragraph.
    return not ((configs or {}).get("abbr") or (configs or {}).get("markdown.extensions.abbr"))


def field_html(text: str) -> str | None:
    """The sanitized HTML of a field of plain paragraphs; None when it may hold more."""
    html = paragraphs_html(text)
    return html.replace("\u00a0", "&nbsp;") if html is not None else None
