"""What Material's search plugin reads of a page: the page without its unsearched sections.

The search plugin parses every page's HTML to build the index, and drops a section whose
heading carries `data-search-exclude` only after parsing it (material/plugins/search/
plugin.py). A workshop page's unsearched sections (its method's programme, the contact
card) are half its HTML, so the plugin is handed the page without them, and the page is
put back before the theme renders it. Headings' permalinks, whose text the parser ignores,
are left out of that view too. A section runs from its heading to the next heading
with an id, as the search plugin's parser divides a page; a section that does not close
every element it opens is left in (the parser then decides, as it always did).
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"<h[1-6]\b[^>]*>")
_CONTAINERS = ("div", "ul", "ol", "dl", "table", "figure", "nav", "section", "p", "blockquote")


# The permalink (¶) at the end of a heading with an id: the search plugin's parser ignores
# the text of a `headerlink` inside its section's heading, so it need not parse it at all.
_PERMALINK = re.compile(r'(<h([1-6])\b[^>]*\sid=[^>]*>(?:(?!</h\2>).)*?)'
                        r'<a class="headerlink" href="#[^"<>]*" title="[^"<>]*">&para;</a>'
                        r'(?=</h\2>)', re.DOTALL)


def without_unsearched(html: str) -> str:
    # Sections first, permalinks after: a heading and its permalink are in one section,
    # so only the kept fifth of a workshop page is searched for permalinks.
    return _without_permalinks(_without_excluded(html))


def _without_permalinks(html: str) -> str:
    return _PERMALINK.sub(r"\1", html) if "headerlink" in html else html


def _without_excluded(html: str) -> str:
    if "data-search-exclude" not in html:
        return html
    kept: list[str] = []
    at = 0
    headings = [m for m in _HEADING.finditer(html) if " id=" in m.group(0)]
    for index, heading in enumerate(headings):
        if "data-search-exclude" not in heading.group(0):
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(html)
        if heading.start() < at or not _balanced(html[heading.start():end]):
            continue
        kept.append(html[at:heading.start()])
        at = end
    kept.append(html[at:])
    return "".join(kept)


_NAMES = "|".join(_CONTAINERS)
# An opening `<tag` (followed by a space or `>`) or a closing `</tag>` of a container; no
# name is the start of another followed by those, so each tag is met once, in one pass.
_CONTAINER_TAG = re.compile(rf"<(?:({_NAMES})[\s>]|/({_NAMES})>)")


def _balanced(chunk: str) -> bool:
    depth: dict[str, int] = {}
    for opening, closing in _CONTAINER_TAG.findall(chunk):
        tag = opening or closing
        depth[tag] = depth.get(tag, 0) + (1 if opening else -1)
    return not any(depth.values())
