"""`mkdocs serve --dirty`: only the generated pages whose Markdown changed are rendered again.

MkDocs' dirty build renders a page only when its file says it was modified, and a
generated page always says so. This keeps each generated page's Markdown from the previous
rebuild and lets a page whose Markdown is the same say it was not. A page's Markdown holds
everything the page shows from the records (a field's placeholder is the hash of its text;
a changed title changes the pages that link to it), so what changed is rendered again.
A hand-written page with the `<!-- verksted:now -->` line (pages/now.py) shows the records
too, so it is rendered on every rebuild. The pages skipped keep their titles in the menu
(their source is read, not rendered); the search index keeps their entries
(dirty_search.py), and what a rebuild no longer has
(a deleted workshop's page and calendar) is removed from the preview's folder
(`StaleFiles`). Never used by `mkdocs build`.

A page is more than its Markdown: the menu, the footer and the site's settings around
it, and its own `<head>` (JSON-LD, share card). A page whose head changed is rendered
again, and every page is when what is around them changed (a committee renamed in the
menu, mkdocs.yml edited, a hand-written page changed).

The other generated files (calendars, feeds, open data: over a thousand at 1,000
workshops) are written again only when their content changed or their copy is gone.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from ..pages.now import MARKER


class DirtyPages:
    def __init__(self) -> None:
        self._previous: dict[str, str] = {}
        self._sources: dict[str, bytes] = {}  # the hand-written pages' files
        self.read: dict[str, bytes] = {}  # those read in this rebuild (around_pages reuses them)
        self._around: Hashable = None
        self._heads: dict[str, str] = {}

    def mark(self, files: Any, pages: Iterable[Any], blogs: Iterable[str] = ()) -> int:
        """Mark the unchanged pages as unmodified; the number marked."""
        current = {page.src_uri: page.markdown for page in pages}
        unchanged = 0
        # Hand-written pages are rendered when their file changed, and those of a blog
        # always: the blog's archive shows its posts' excerpts only when the posts are
        # rendered, and they are few. So is a page with the "what happens now" line (the
        # front page): it shows the records and the blog's newest posts, whatever changed.
        in_blog = tuple(f"{blog}/" for blog in blogs)
        marker = MARKER.encode("utf-8")
        self.read = {}
        for file in files.documentation_pages():
            if file.src_uri in current:
                continue
            source = self.read[file.src_uri] = file.content_bytes
            if "." in blogs or file.src_uri.startswith(in_blog) or file.abs_src_path is None \
                    or marker in source:
                file.is_modified = _modified
                continue
            same = self._sources.get(file.src_uri) == source
            self._sources[file.src_uri] = source
            file.is_modified = _unmodified if same and os.path.isfile(file.abs_dest_path) \
                else _modified
        for uri, markdown in current.items():
            file = files.get_file_from_path(uri)
            if file is not None and self._previous.get(uri) == markdown:
                file.is_modified = _unmodified
                unchanged += 1
        self._previous = current
        return unchanged

    def check_around(self, files: Any, around: Hashable, heads: dict[str, Any]) -> None:
        """Pages `mark` skips are rendered after all if their `<head>` changed, or all of
        them if `around` (what every page shows around its Markdown) changed."""
        everything = around != self._around
        current = {uri: str(html) for uri, html in heads.items()}
        previous, self._around, self._heads = self._heads, around, current
        for file in files.documentation_pages():
            if file.is_modified is _unmodified and (
                    everything or previous.get(file.src_uri) != current.get(file.src_uri)):
                file.is_modified = _modified


def around_pages(config: Any, files: Any, pages: Iterable[Any], footer: str,
                 read: dict[str, bytes] | None = None) -> Hashable:
    """What every page shows around its own Markdown: the menu's pages and titles, the
    hand-written pages (their titles are in the menu; `read`: those read already in this
    rebuild), the footer and mkdocs.yml."""
    pages = list(pages)
    generated = {page.src_uri for page in pages}
    read = read or {}
    handwritten = tuple((file.src_uri, read[file.src_uri] if file.src_uri in read
                         else file.content_bytes)
                        for file in files.documentation_pages() if file.src_uri not in generated)
    settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return (repr(config.nav), tuple((p.src_uri, p.title) for p in pages if p.in_nav),
            handwritten, footer, settings, config.theme["language"])


class DirtyFiles:
    """Generated files (not pages) whose content is the same as in the previous rebuild are
    not written again: MkDocs' dirty build writes a file with content every time."""

    def __init__(self) -> None:
        self._previous: dict[str, str | bytes] = {}

    def mark(self, files: Any) -> int:
        """Mark the unchanged generated files as unmodified; the number marked."""
        current: dict[str, str | bytes] = {}
        unchanged = 0
        for file in files:
            # MkDocs 1.6 keeps a generated file's content here; a file on disk has none and
            # MkDocs compares its time with the copy's.
            content = getattr(file, "_content", None)
            if content is None or file.is_documentation_page():
                continue
            current[file.src_uri] = content
            if self._previous.get(file.src_uri) == content and os.path.isfile(
                    file.abs_dest_path):
                file.is_modified = _unmodified
                unchanged += 1
        self._previous = current
        return unchanged


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def read_titles(pages: Iterable[Any], config: Any) -> None:
    """Pages a dirty build skips still need their titles in every page's menu: their source
    is read (not rendered), as MkDocs would before rendering them."""
    for page in pages:
        if page.markdown is None and not page.file.is_modified():
            page.read_source(config)


class StaleFiles:
    """What a rebuild no longer has is removed from the preview's folder: MkDocs' dirty
    build writes, never deletes, so a deleted workshop's page (and its calendar) would stay
    there, found by anyone who kept its address. Only files a previous rebuild of this
    serve had among its files are removed, and the folders they leave empty."""

    def __init__(self) -> None:
        self._previous: set[str] = set()

    def remove_gone(self, files: Any, site_dir: str) -> list[str]:
        """Delete the outputs of files the previous rebuild had and this one has not."""
        current = {file.dest_uri for file in files}
        gone, self._previous = sorted(self._previous - current), current
        root = os.path.realpath(site_dir)
        removed = []
        for uri in gone:
            path = os.path.realpath(os.path.join(root, uri))
            if not path.startswith(root + os.sep) or not os.path.isfile(path):
                continue
            os.remove(path)
            removed.append(uri)
            folder = os.path.dirname(path)
            while folder != root and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)
        return removed
