"""Workshop and theme pages rendered without running Python-Markdown over the whole page.

Once html_blocks.py has stashed a generated page's HTML blocks, what our page templates
leave is a row of blocks of three kinds only: an ATX heading line, a placeholder alone
(a Markdown field or a stashed block), and an HTML block of whole elements. Python-Markdown
spends ~6 ms a page taking that apart only to give back the same HTML. So a page whose
every block is one of those three is put together here:

- each heading line is converted by Python-Markdown itself, with the site's extensions and
  MkDocs' own processors (one converter for the build, reset between headings), so its id,
  permalink, `{: attr }` list and toc entry are exactly those the site's `toc` gives it;
  a heading that reads the same on many pages (the method's steps) is converted once,
  the page's other headings together in one conversion (two headings with the same id:
  all of the page's headings together, so `toc` numbers the repeat as on the page);
- a placeholder becomes the paragraph Python-Markdown would make of it, an HTML block
  stays as it is (as Python-Markdown leaves it);
- the page's table of contents is the headings' toc entries nested by MkDocs.

Committee, plan and method pages in the menu go the same way (`untitled_pages`).
A plan's timeline, a `<div … markdown>` up to its matching `</div>`, is converted by the same
converter as one part of the page (its toc entries, anchors and links put in page order);
the toc makes ids unique across the whole page, so when an id of one part is also one of
another (a phase titled as a later heading), the page goes through `Page.render`.
Anything else in the page (a list or admonition written in Markdown, another `markdown`
attribute, a site override that writes Markdown, an extension that may read across
blocks) sends the whole page through MkDocs' own
`Page.render`, as before. VERKSTED_NO_SPEEDUPS=1 never uses this class, and
tests/test_speedups_same_output.py proves both ways give the same bytes. Nor does a build
whose MkDocs lacks one of the private processors used here (internals.py, `enabled`).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import markdown
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ... import speedups
from ...pages.html_blocks import BLOCK_GAPS, MARKDOWN_ATTRIBUTE, whole_elements
from ...pages.markdown_fields import TOKEN
from ..internals import (
    HEADING_SHORTCUT,
    ExtractAnchorsTreeprocessor,
    ExtractTitleTreeprocessor,
    RawHTMLPreprocessor,
    keep_rendered_title,
)
from ..page_links import PageLinks

_HEADING = re.compile(r"#{1,6}[ \t]")
_PLACEHOLDER = TOKEN
_LEVEL = re.compile(r"<h([1-6])[ >]")
_ID = re.compile(r"\sid=\"([^\"]*)\"")
# What Python-Markdown would change inside an HTML block (tabs expanded, blank-looking
# lines emptied, control characters dropped); what it parses inside one is
# html_blocks.MARKDOWN_ATTRIBUTE.
_UNSAFE = re.compile(r"[\t\r\x02\x03]|\n[ ]+\n")
# A `<div … markdown>` at the left margin (a plan's timeline): it and everything up to its
# matching `</div>` go through Python-Markdown together, as one part of the page.
_MARKDOWN_DIV = re.compile(r"<div\s[^<>\n]*\bmarkdown[\s=>]")
_DIV_OPENS = re.compile(r"<div[\s>]")
_ANY_DIV = re.compile(r"</?div", re.IGNORECASE)
# What could hide a tag from our count of `<div>`s, or end a block elsewhere than we see.
_NOT_COUNTABLE = re.compile(r"<!|<(?:script|style|pre|textarea)[\s>]|`")
# A heading written in HTML on a line of its own (a committee's members): Python-Markdown
# keeps it as it stands, outside the table of contents, like any other HTML block.
_HTML_HEADING = re.compile(r"<(h[1-6])(?:\s[^<>\n]*)?>[^<>\n]*</\1>")
# Anchors an HTML block offers for `page.md#anchor` links (MkDocs finds them the same way).
_ANCHOR = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)=\"([^\"]+)\"")
# Extensions known to treat a heading line alone exactly as in its page: nothing they do
# reaches across blocks. Any other extension (abbr, footnotes, snippets' auto_append, …)
# keeps the whole page in Python-Markdown.
_LOCAL_EXTENSIONS = frozenset({
    "toc", "admonition", "md_in_html", "attr_list", "tables", "def_list", "sane_lists",
    "smarty", "fenced_code", "codehilite", "nl2br", "wikilinks", "legacy_attrs",
    "pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite",
    "pymdownx.details", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.emoji",
    "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys",
    "pymdownx.betterem", "pymdownx.smartsymbols", "pymdownx.escapeall",
    "pymdownx.magiclink", "pymdownx.blocks.admonition",
    "pymdownx.blocks.details", "pymdownx.blocks.tab", "pymdownx.snippets",
})


@dataclass(frozen=True)
class _Headings:
    """One or more heading lines as Python-Markdown renders them."""

    html: str
    tokens: tuple[dict[str, Any], ...]  # flat toc entries (copied per page before nesting)
    ids: frozenset[str]
    title: str | None  # what MkDocs takes as the page title when the first one is an h1
    own_anchors: dict[str, str]  # links to anchors of the page itself (the permalinks)
    other_anchors: dict[File, dict[str, str]]
    same_everywhere: bool  # no link or image MkDocs rewrites for each page


class HeadingConverter:
    """One Markdown converter for the build's heading lines, with MkDocs' processors."""

    def __init__(self, config: MkDocsConfig, files: Files) -> None:
        self.usable = usable_extensions(config)
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        self.raw_html = RawHTMLPreprocessor()
        self.raw_html._register(self.md)
        self.anchors = ExtractAnchorsTreeprocessor(None, files, config)
        self.anchors._register(self.md)
        self.links = PageLinks(None, files, config)
        self.links._register(self.md)
        self.title = ExtractTitleTreeprocessor()
        self.title._register(self.md)
        # A heading that reads the same on every page (a method's step) is converted once.
        self._same_everywhere: dict[str, _Headings] = {}
        self._seen: Counter[str] = Counter()  # pages each heading line was on

    def page_headings(self, lines: list[str], file: File, recurring: bool = True
                      ) -> list[_Headings] | None:
        """Each heading line of a page rendered as on the page; None: leave it to MkDocs.

        Only the headings of `recurring` pages (the many out of the menu) count toward those
        kept for the build: a committee's page, in the menu, heads its list with every
        workshop's title, and would make each look like one that recurs on many pages."""
        if len(set(lines)) != len(lines):
            # A heading twice (a workshop under both input and decisions on a theme page):
            # its ids repeat, which the toc numbers only with all the page's headings at once.
            if recurring:
                self._seen.update(set(lines))
            return self.split(self.convert("\n\n".join(lines), file), len(lines))
        found: list[_Headings | None] = [self._same_everywhere.get(line) for line in lines]
        for index, line in enumerate(lines):
            if recurring and found[index] is None and self._seen[line] >= 2:  # worth keeping
                found[index] = heading = self.convert(line, file)
                if heading.same_everywhere:
                    self._same_everywhere[line] = heading
        if recurring:
            self._seen.update(set(lines))
        # The rest (a workshop's own title) in one conversion: its fixed cost is most of it.
        rest = [index for index, heading in enumerate(found) if heading is None]
        if rest:
            converted = self.split(self.convert("\n\n".join(lines[i] for i in rest), file),
                                   len(rest))
            if converted is None:
                return None
            for index, heading in zip(rest, converted, strict=True):
                found[index] = heading
        headings = [heading for heading in found if heading is not None]
        ids = [heading_id for heading in headings for heading_id in heading.ids]
        if len(set(ids)) != len(ids):
            # The toc numbers an id repeated within a page: all the page's headings at once.
            return self.split(self.convert("\n\n".join(lines), file), len(lines))
        return headings

    def split(self, together: _Headings, count: int) -> list[_Headings] | None:
        """Headings converted together, one by one (the toc entries by level, in order)."""
        parts = together.html.split("\n") if together.html else []
        if len(parts) != count:
            return None
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        tokens = list(together.tokens)
        headings = []
        for number, part in enumerate(parts):
            level = _LEVEL.match(part)
            if level is None:
                return None
            ids = frozenset(html.unescape(found) for found in _ID.findall(part))
            mine: tuple[dict[str, Any], ...] = ()
            if toc is not None and toc.toc_top <= int(level.group(1)) <= toc.toc_bottom:
                if not tokens or tokens[0]["id"] not in ids:
                    return None
                mine = (tokens.pop(0),)
            first = number == 0
            headings.append(_Headings(
                part, mine, ids, together.title if first else None,
                together.own_anchors if first else {},
                together.other_anchors if first else {}, False))
        return headings if not tokens else None

    def convert(self, text: str, file: File) -> _Headings:
        md, links = self.md.reset(), self.links
        links.start(file)
        self.anchors.present_anchor_ids = set()
        self.title.title = None
        html = md.convert(text)
        flat: list[dict[str, Any]] = []
        _flatten(getattr(md, "toc_tokens", []), flat)
        found = dict(links.links_to_anchors)
        own = found.pop(file, {})
        return _Headings(html, tuple(flat), frozenset(self.anchors.present_anchor_ids),
                         self.title.title, own, found,
                         not links.page_specific and not found)


class TemplatePage(Page):
    """A generated page MkDocs renders through `HeadingConverter` when it can."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig,
                 converter: Any) -> None:
        super().__init__(title, file, config)
        self._converter = converter  # a callable giving the build's HeadingConverter

    def render(self, config: MkDocsConfig, files: Files) -> None:
        converter: HeadingConverter = self._converter(config, files)
        if self.markdown is None or not (converter.usable and self._render_blocks(converter)):
            super().render(config, files)

    def _render_blocks(self, converter: HeadingConverter) -> bool:
        assert self.markdown is not None
        if _UNSAFE.search(self.markdown):
            return False
        split = BLOCK_GAPS.split(self.markdown.strip("\n"))
        blocks, gaps = split[0::2], split[1::2]
        parts: list[str] = []
        lines: list[str] = []
        at: list[int] = []  # where in `parts` each heading goes
        groups: list[tuple[int, str]] = []  # where in `parts` each `markdown` div goes, its text
        anchors: set[str] = set()
        number = 0
        while number < len(blocks):
            block = blocks[number]
            if _MARKDOWN_DIV.match(block):
                end = _group_end(blocks, number)
                # One only: what an extension numbers through a page (tabs, code lines)
                # starts at the same count in a part converted alone only for the first.
                if end is None or groups:
                    return False
                groups.append((len(parts), "".join(
                    blocks[i] + gaps[i] for i in range(number, end)) + blocks[end]))
                parts.append("")
                number = end + 1
                continue
            number += 1
            if MARKDOWN_ATTRIBUTE.search(block):
                return False
            # A heading line ends its block there (Python-Markdown's HashHeaderProcessor
            # goes on with the lines after it as a block of their own).
            while _HEADING.match(block):
                line, _, block = block.partition("\n")
                lines.append(line)
                at.append(len(parts))
                parts.append("")
            if not block:
                continue
            if _PLACEHOLDER.fullmatch(block):
                parts.append(f"<p>{block}</p>")
            elif block[0] == "<" and (whole_elements(block.split("\n"))
                                      or _HTML_HEADING.fullmatch(block)):
                parts.append(block + "\n")
                anchors.update(_ANCHOR.findall(block))
            else:
                return False
        headings = converter.page_headings(lines, self.file,
                                           not self.file.inclusion.is_in_nav())
        if headings is None:
            return False
        placed = list(zip(at, headings, strict=True))
        for index, text in groups:
            group = converter.convert(text, self.file)
            placed.append((index, replace(group, ids=group.ids
                                          | converter.raw_html.present_anchor_ids)))
        placed.sort(key=lambda item: item[0])
        if groups:
            # Python-Markdown's toc makes each id unique across the whole page: converted
            # apart, the parts give the same ids only when no id of one is in another.
            ids = [found for _, part in placed for found in part.ids]
            if len(set(ids)) != len(ids):
                return False
        for index, part in placed:
            parts[index] = part.html
        self.content = "\n".join(parts).strip()
        self.toc = get_toc(nest_toc_tokens([dict(t) for _, p in placed for t in p.tokens]))
        keep_rendered_title(self, headings[0].title if at and at[0] == 0 else None)
        self.present_anchor_ids = anchors.union(*(part.ids for _, part in placed))
        links: dict[File, dict[str, str]] = {}
        for _, part in placed:
            for anchor, url in part.own_anchors.items():
                links.setdefault(self.file, {}).setdefault(anchor, url)
            for target, found in part.other_anchors.items():
                for anchor, url in found.items():
                    links.setdefault(target, {}).setdefault(anchor, url)
        self.links_to_anchors = links
        return True


def _group_end(blocks: list[str], start: int) -> int | None:
    """The block where the `<div>` opening `blocks[start]` closes; None: not at a block's end."""
    depth = 0
    for number in range(start, len(blocks)):
        block = blocks[number]
        if _NOT_COUNTABLE.search(block) or len(_ANY_DIV.findall(block)) != (
                len(_DIV_OPENS.findall(block)) + block.count("</div>")):
            return None
        rows = block.split("\n")
        for row_number, row in enumerate(rows):
            depth += len(_DIV_OPENS.findall(row)) - row.count("</div>")
            if depth <= 0:
                last = row_number == len(rows) - 1
                return number if depth == 0 and last and row.endswith("</div>") else None
    return None


def enabled() -> bool:
    """Whether generated pages are made `TemplatePage`s: the shortcuts are on and MkDocs
    still has every processor `HeadingConverter` uses (internals.py)."""
    return speedups.enabled() and HEADING_SHORTCUT


def untitled_pages(nav: Any) -> set[str]:
    """The pages a `nav` lists without a title of its own (`- utvalg/x.md`, not `- Tittel: x.md`).

    Only those can be a `TemplatePage` made before MkDocs reads the nav: MkDocs keeps a page
    it finds made and drops the title the nav gives it."""
    found: set[str] = set()
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            found.update(*(untitled_pages(value) for value in item.values()
                           if isinstance(value, list)))
    return found


def usable_extensions(config: MkDocsConfig) -> bool:
    """Whether every Markdown extension of the site is one a lone heading line can go through."""
    for extension in config["markdown_extensions"]:
        if not isinstance(extension, str):
            return False
        name = extension.removeprefix("markdown.extensions.")
        if name not in _LOCAL_EXTENSIONS:
            return False
    snippets = (config["mdx_configs"] or {}).get("pymdownx.snippets", {})
    return not snippets.get("auto_append")


def _flatten(tokens: list[dict[str, Any]], into: list[dict[str, Any]]) -> None:
    for token in tokens:
        into.append({key: value for key, value in token.items() if key != "children"})
        _flatten(token.get("children", []), into)

