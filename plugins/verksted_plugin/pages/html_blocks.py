"""The generated pages' own HTML blocks kept away from Python-Markdown.

A generated page is mostly HTML the page templates wrote (fact lists, programme steps,
input lists, contact cards), already escaped by Jinja. Python-Markdown would parse every
such block with its HTML parser only to put it back unchanged, and that is most of the
cost of rendering the page. So each block that is one whole element (it opens and closes
the same tag, at the left margin, between blank lines) goes into the page as a placeholder
paragraph and comes back, as it was, where the Markdown fields come back
(markdown_fields.py). Headings, lists and fields stay Markdown and render as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .markdown_fields import PREFIX, placeholder_token  # the fields' form: one substitution

# Block-level tags Python-Markdown passes through untouched (never `markdown="1"` blocks).
_BLOCK_TAGS = ("dl", "ul", "ol", "div", "nav", "figure", "table", "p")
_BLOCK = re.compile(rf"<({'|'.join(_BLOCK_TAGS)})[\s>]")
_OPENS = {tag: re.compile(rf"<{tag}[\s>]") for tag in _BLOCK_TAGS}
# An element whose content Python-Markdown parses (`markdown` attribute, md_in_html).
MARKDOWN_ATTRIBUTE = re.compile(r"<[a-z][^>]*\smarkdown[\s=>]")
# Blank lines between blocks, kept by `split` (template_page.py splits pages the same way).
BLOCK_GAPS = re.compile(r"(\n{2,})")


def stash_html_blocks(markdown: str, raw: dict[str, str]) -> str:
    """`markdown` with each whole HTML block replaced by a placeholder stored in `raw`."""
    if "markdown" in markdown and MARKDOWN_ATTRIBUTE.search(markdown):
        return markdown  # blocks inside a `markdown` element render differently: all stay
    parts = BLOCK_GAPS.split(markdown)
    for index in range(0, len(parts), 2):
        block = parts[index]
        text = block.rstrip("\n")
        token = _token(text) if PREFIX not in block else None
        if token is None:
            continue
        raw[token] = text + "\n"  # Python-Markdown ends a raw block with a blank line
        parts[index] = token + block[len(text):]
    return "".join(parts)


@lru_cache(maxsize=8192)  # a method's steps and a committee's contact card are on many pages
def _token(text: str) -> str | None:
    """The placeholder of a block of whole elements (from its text); None for anything else."""
    if not text.startswith("<") or not whole_elements(text.split("\n")):
        return None
    return placeholder_token("block", text)


def whole_elements(lines: list[str]) -> bool:
    """True when the lines are one or more whole block elements, one after the other."""
    at = 0
    while at < len(lines):
        opening = _BLOCK.match(lines[at])
        if opening is None:
            return False
        tag = opening.group(1)
        opens, closing = _OPENS[tag], f"</{tag}>"
        depth = 0
        for end in range(at, len(lines)):
            depth += len(opens.findall(lines[end])) - lines[end].count(closing)
            if depth <= 0:
                break
        if depth != 0 or not lines[end].endswith(closing):
            return False
        at = end + 1
    return bool(lines)

