"""The portal's own pages written by hand as Markdown, for plain MkDocs to build.

The plain site the benchmark compares against must publish the same content as the
portal, or the comparison charges verksted for pages plain MkDocs never had to build. So
the plain site's pages are taken from the portal's built site: every page verksted
generates (workshops with their programme, committees, plans, methods, themes, the
overviews, contact) is converted from its HTML article to Markdown as an editor would
write it (headings, lists, definition lists for the facts, pipe tables, links to the
`.md` files), at the same address and in the same menu. Headings the portal keeps out of
the search index get Material's `{ data-search-exclude }`, as a hand-written page would.
What the plugin makes that is not a page (calendars, feeds, JSON-LD, open data, share
cards) stays out: that is work only the portal does.

    python bench/plain_twin.py PORTAL_ROOT PLAIN_ROOT   # the portal built in PORTAL_ROOT/site
    python bench/plain_twin.py --workshops-only PORTAL_ROOT PLAIN_ROOT

`--workshops-only` (`portal_vs_plain.py --plain twin-workshops`) keeps the workshop pages
whole and cuts every other generated page to its title: the narrowest reading of "the same
workshop content", in which the portal still builds its list pages and the plain site not.

Run in its own process (it imports verksted to learn the portal's pages and menu); the
plain build never does.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup, Tag
from markdownify import ATX, MarkdownConverter
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from portal_vs_plain import article_html

_LIST_MARKER = re.compile(r"^(\s*\d+)(\.\s)", re.M)


class HandWritten(MarkdownConverter):
    """HTML → Markdown the way an editor writes it in docs/: ATX headings, `-` lists,
    links between pages to their `.md` files."""

    def __init__(self, src_uri: str, url: str, pages: dict[str, str], docs: Path) -> None:
        super().__init__(heading_style=ATX, bullets="-", escape_underscores=False,
                         escape_asterisks=False)
        self.src_uri, self.url, self.pages, self.docs = src_uri, url, pages, docs

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:  # noqa: N802
        heading = super().convert_hN(n, el, text, parent_tags)
        if el.has_attr("data-search-exclude") and "_inline" not in parent_tags:
            heading = heading.rstrip("\n") + " { data-search-exclude }\n\n"
        return heading

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "headerlink" in (el.get("class") or []):
            return ""  # the toc extension's permalink, made again by plain MkDocs
        self._relink(el, "href")
        return str(super().convert_a(el, text, parent_tags))

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        self._relink(el, "src")
        return str(super().convert_img(el, text, parent_tags))

    def _relink(self, el: Tag, attribute: str) -> None:
        """A link to another page points to its `.md` file, a link to a file in docs/ to
        that file, relative to this page's file (as MkDocs wants them written)."""
        link = str(el.get(attribute) or "")
        parts = urlsplit(link)
        if not link or parts.scheme or link.startswith(("#", "/")):
            return
        path = urljoin("/" + self.url, parts.path).lstrip("/")
        target = self.pages.get(path) or (path if (self.docs / path).is_file() else None)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target is not None:
            relative = posixpath.relpath(target, posixpath.dirname(self.src_uri) or ".")
            el[attribute] = relative + fragment
        else:  # a calendar, feed or data file: only the portal makes them
            el[attribute] = "/" + path + fragment

    def escape(self, text: str, parent_tags: set[str]) -> str:
        # "1. januar 2021" at the start of a line would be read as a numbered list.
        return _LIST_MARKER.sub(r"\1\\\2", str(super().escape(text, parent_tags)))

    def convert_svg(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{el}\n\n"  # a chart stays inline SVG, as raw HTML in the Markdown


def portal_pages(root: Path) -> tuple[list[Any], Any, dict[str, Any]]:
    """The portal's generated pages (File objects), its menu and its settings, as the plugin
    makes them."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        config.plugins.on_shutdown()
    docs = Path(config.docs_dir).resolve()
    generated = [f for f in files.documentation_pages()
                 if f.abs_src_path is None or docs not in Path(f.abs_src_path).resolve().parents]
    settings = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    return generated, config.nav, settings


def write_twin(portal: Path, plain: Path, workshops_only: bool = False) -> int:
    """Writes the plain site into PLAIN: the portal's docs/, each generated page's Markdown
    and a mkdocs.yml with the portal's settings, menu and pages out of the menu, without
    verksted. Returns the number of pages converted. Converting is slow (BeautifulSoup and
    markdownify in pure Python), so the pages are shared out over the machine's cores."""
    generated, nav, settings = portal_pages(portal)
    shutil.copytree(portal / "docs", plain / "docs", dirs_exist_ok=True)
    pages = {f.url: f.src_uri for f in generated}
    jobs = [(portal, plain, f.src_uri, f.url, pages,
             workshops_only and not _is_workshop(f.src_uri)) for f in generated]
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(_write_page, jobs, chunksize=16))
    settings["plugins"] = [p for p in settings["plugins"]
                           if not (isinstance(p, dict) and "verksted" in p) and p != "verksted"]
    settings["theme"].pop("custom_dir", None)
    settings["nav"] = nav
    hidden = sorted(f"/{f.src_uri}" for f in generated if not f.inclusion.is_in_nav())
    settings["not_in_nav"] = str(settings.get("not_in_nav", "")) + "".join(
        f"{uri}\n" for uri in hidden)
    # Links to what only the portal makes (the news feed) would fail a strict build.
    settings["validation"] = {"links": {"not_found": "info"}}
    # A hand-written page writes the facts as a definition list and the tables in Markdown.
    settings.setdefault("markdown_extensions", []).extend(["tables", "def_list"])
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return len(generated)


def _is_workshop(src_uri: str) -> bool:
    return src_uri.startswith("verksteder/") and src_uri != "verksteder/index.md"


def _write_page(job: tuple[Path, Path, str, str, dict[str, str], bool]) -> None:
    portal, plain, src_uri, url, pages, title_only = job
    found = article_html((portal / "site" / url / "index.html").read_text("utf-8"))
    assert found is not None, f"{url} has no <article>"
    article = BeautifulSoup(found, "html.parser")
    for hidden in article.find_all(class_=("md-content__button", "md-source-file")):
        hidden.decompose()  # Material's edit button and page footer, made by the theme
    for foot in article.find_all("tfoot"):  # a Markdown table has no footer: its last rows
        body = foot.find_previous_sibling("tbody")
        if body is not None:
            for row in foot.find_all("tr"):
                body.append(row.extract())
            foot.decompose()
    # docs/: the hand-written pages and images both sites share
    converter = HandWritten(src_uri, url, pages, portal / "docs")
    target = plain / "docs" / src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    markdown = converter.convert_soup(article).strip()
    if title_only:
        markdown = markdown.split("\n", 1)[0]  # the page's `# title`
    target.write_text(markdown + "\n", "utf-8")


if __name__ == "__main__":
    folders = [Path(arg).resolve() for arg in sys.argv[1:] if not arg.startswith("--")]
    print(write_twin(*folders, workshops_only="--workshops-only" in sys.argv))
