"""Glue between an MkDocs configuration and the plain modules: load, configure, add pages.

The plugin's event methods call into this class and do nothing else, so every step can
be read (and tested) as ordinary Python.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..language.i18n import current_language, tr
from ..outputs import news
from ..outputs.context import FeedContext
from ..outputs.files import feed_files, head_html
from ..outputs.minify import minify_css
from ..outputs.opendata import LICENCE
from ..outputs.page_pictures import with_pictures
from ..outputs.photo_variants import PhotoCacheError, PhotoVariants, cache_dir_for
from ..outputs.sharecard import share_heads
from ..pages import ASSETS_DIR, TEMPLATES_DIR
from ..pages.feed_addresses import FeedLinks, normal_site_url
from ..pages.generated import DEFAULT_PATHS, GeneratedPage, PageBuilder
from ..pages.lastmod import record_dates, stamp_pages
from ..pages.markdown_fields import field_store
from ..pages.now import has_now_marker, with_now_section
from ..pages.render import template_env
from ..portal.drafts import draft_problems
from ..portal.views import Portal, build_portal
from ..preview.page_memo import PageMemo
from ..records.load import load_dataset
from ..records.modified import ModifiedTimes
from ..records.problems import DataError, Problem
from ..records.record_cache import RecordCache
from ..records.reproducible import now
from ..records.schema import KINDS as SCHEMA_KINDS
from ..records.schema import schema_file, schema_text
from . import blog, internals
from .draft_files import DraftFiles
from .field_html import FieldRenderer
from .shortcuts import template_page
from .shortcuts.template_page import HeadingConverter, TemplatePage, untitled_pages
from .siteconfig import folder_problems, project_root

THEME_DIR = TEMPLATES_DIR / "theme"
STYLESHEET = "verksted/verksted.css"
SCRIPT = "verksted/verksted.js"  # a file: the Content-Security-Policy allows no inline script
MARKDOWN_EXTENSIONS = ("toc", "admonition", "md_in_html", "attr_list")


class SiteError(Exception):
    """Something the editor or the site's owner must fix; the message says what."""


@dataclass
class Site:
    portal: Portal
    builder: PageBuilder
    warnings: list[Problem]
    pages: list[GeneratedPage]
    feeds: FeedContext
    photos: PhotoVariants | None = None
    fields: FieldRenderer | None = None
    headings: HeadingConverter | None = None
    draft_files: DraftFiles | None = None  # None in the preview, which shows the drafts

    @classmethod
    def load(cls, config: MkDocsConfig, data_dir: str, paths: dict[str, str], *,
             preview_drafts: bool = False, cache_dir: str | None = None,
             photo_formats: list[str] | None = None,
             records: RecordCache | None = None, memo: PageMemo | None = None) -> Site:
        internals.notify()  # what MkDocs or Material no longer has, and what is off for it
        root = project_root(config.config_file_path)
        if problems := folder_problems(paths, DEFAULT_PATHS, blog.blog_dirs(config.plugins)):
            raise SiteError(tr("config_paths", problems="; ".join(problems)))
        docs_dir = Path(config.docs_dir)
        try:
            dataset = load_dataset(root / data_dir, docs_dir, display_root=root, cache=records,
                                   language=current_language())
            if not preview_drafts and (problems := draft_problems(dataset)):
                raise DataError(problems)
        except DataError as error:
            raise SiteError(error.report()) from None
        portal = build_portal(dataset, now(), include_drafts=preview_drafts)
        env = template_env(config.theme.dirs)
        links = FeedLinks(normal_site_url(config.site_url))
        env.globals["feed_links"] = links
        try:
            photos = PhotoVariants(docs_dir, cache_dir_for(
                root, cache_dir, docs_dir, root / data_dir, Path(config.site_dir)),
                formats=photo_formats)
        except PhotoCacheError as error:
            raise SiteError(str(error)) from None
        builder = PageBuilder(portal, env, paths=paths,
                              use_directory_urls=config.use_directory_urls,
                              photo_size=photos.size, responsive_photo=photos.photo)
        modified = ModifiedTimes(root, data_dir)  # one read of git history for pages and feeds
        feeds = FeedContext(portal, builder, links, modified)
        try:  # rendering the pages writes the photos' variants
            rendered = [*(memo.pages(builder) if memo else builder.pages()),
                        open_data_page(feeds, config)]
        except PhotoCacheError as error:
            raise SiteError(str(error)) from None
        pages = stamp_pages(rendered, record_dates(modified, root / data_dir), portal.language)
        return cls(portal, builder, dataset.warnings, pages, feeds, photos,
                   draft_files=None if preview_drafts else DraftFiles(dataset))

    def configure(self, config: MkDocsConfig) -> None:
        """Theme language, extensions, stylesheet and footer: what every page needs."""
        config.theme["language"] = self.portal.language
        extra: Any = config.extra
        extra.setdefault("generator", False)  # no "Made with" link to another host
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)

    def add_files(self, files: Files, config: MkDocsConfig, *, add_nav: bool) -> None:
        """Add the generated pages and stylesheet; refuse to shadow a hand-written page."""
        clashes = [page.src_uri for page in self.pages if files.get_file_from_path(page.src_uri)]
        if clashes:
            raise SiteError(tr("build_page_clash", files=", ".join(sorted(clashes))))
        # Pages the site keeps out of the menu (MkDocs' `not_in_nav`) stay out of ours too.
        handwritten = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
        for page in self.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown,
                                        inclusion=inclusion))
            if not page.in_nav and template_page.enabled():  # workshops, themes
                TemplatePage(None, files.src_uris[page.src_uri], config, self.heading_converter)
        generated = feed_files(self.feeds)
        taken = sorted(path for path in generated if files.get_file_from_path(path))
        if taken:
            raise SiteError(tr("build_feed_clash", files=", ".join(taken)))
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        stylesheet = (ASSETS_DIR / "verksted.css").read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=minify_css(stylesheet)))
        self.add_photo_variants(files, config)
        files.append(File.generated(config, SCRIPT,
                                    abs_src_path=str(ASSETS_DIR / "verksted.js")))
        for kind in SCHEMA_KINDS:  # published for editors' tools; a site's own copy wins
            if not files.get_file_from_path(schema_file(kind)):
                files.append(File.generated(config, schema_file(kind), content=schema_text(kind)))
        if add_nav and config.nav is None:
            config.nav = self.navigation(handwritten, blog.blog_dirs(config.plugins))
            if template_page.enabled():  # committees, plans, methods in the menu
                ours = {page.src_uri for page in self.pages if page.in_nav}
                for uri in sorted(untitled_pages(config.nav) & ours):
                    TemplatePage(None, files.src_uris[uri], config, self.heading_converter)

    def add_photo_variants(self, files: Files, config: MkDocsConfig) -> None:
        """The AVIF/WebP files of every photo a page shows, copied from the cache."""
        variants = self.photos.files() if self.photos else {}
        taken = sorted(path for path in variants if files.get_file_from_path(path))
        if taken:
            raise SiteError(tr("build_photo_clash", files=", ".join(taken)))
        for path, cached in sorted(variants.items()):
            files.append(File.generated(config, path, abs_src_path=str(cached)))

    def navigation(self, handwritten: list[str], blogs: Sequence[str] = ()) -> list[Any]:
        """Home, the overview sections, Aktuelt, Åpne data, the site's own pages, contact."""
        builder, portal, t = self.builder, self.portal, self.builder.t

        def section(kind: str, label: str, views: list[Any]) -> dict[str, Any]:
            return {str(t(label)): [builder.src_uri(kind), *(builder.src_uri(v) for v in views)]}

        # The Aktuelt blog is a section of its own; its posts never go in the tree.
        in_blog = [uri for uri in handwritten if any(uri.startswith(f"{b}/") for b in blogs)]
        handwritten = [uri for uri in handwritten if uri not in in_blog]
        nav: list[Any] = [uri for uri in handwritten if uri == "index.md"]
        nav += [
            section("plans", "nav_plans", list(portal.plans.values())),
            # Where residents have their say: right after the plans it is about, one entry
            # like the workshops (the activities' own pages stay out of the tree).
            {str(t("nav_activities")): builder.src_uri("activities")},
            section("committees", "nav_committees", list(portal.committees.values())),
            {str(t("nav_workshops")): builder.src_uri("workshops")},
            {str(t("nav_themes")): builder.src_uri("themes")},
            section("methods", "nav_methods", list(portal.methods.values())),
        ]
        nav += [{str(t("nav_news")): f"{b}/index.md"} for b in blogs
                if f"{b}/index.md" in in_blog]
        nav.append({str(t("nav_open_data")): builder.src_uri("open_data")})
        nav += sorted(uri for uri in handwritten if uri != "index.md")
        nav.append({str(t("nav_contact")): builder.src_uri("contact")})
        return nav

    def now_markdown(self, markdown: str, page_url: str, plugins: Any) -> str:
        """A hand-written page with its `<!-- verksted:now -->` line replaced by what
        happens now (pages/now.py); a page without the line is returned as it is."""
        if not has_now_marker(markdown):
            return markdown
        posts = [post for plugin in blog.blog_plugins(plugins) for post in
                 blog.posts_of(plugin) or []]
        posts.sort(key=lambda post: (post.date, post.url), reverse=True)
        return with_now_section(markdown, lambda: self.builder.now_section(page_url, posts))

    def field_html(self, html: str, file: File, config: MkDocsConfig, files: Files | None = None
                   ) -> str:
        """`html` with every Markdown field's placeholder replaced by its sanitized HTML."""
        if self.fields is None:
            if files is None:
                return html
            self.fields = FieldRenderer(field_store(self.builder.env), config, files)
        return self.fields.substitute(html, file)

    @cached_property
    def generated_uris(self) -> frozenset[str]:
        return frozenset(page.src_uri for page in self.pages)

    def page_pictures(self, html: str, page_url: str, src_uri: str) -> str:
        """The photos of a page verksted did not write (hand-written, news) made responsive;
        the generated pages have theirs already."""
        if self.photos is None or src_uri in self.generated_uris:
            return html
        return with_pictures(html, page_url, self.photos.photo)

    def copy_page_pictures(self, site_dir: str) -> None:
        """The variants first asked for by those pages: MkDocs has copied its files by then."""
        for path, cached in sorted((self.photos.files() if self.photos else {}).items()):
            target = Path(site_dir) / path
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached, target)

    def footer_html(self) -> Markup:
        return self._footer

    @cached_property
    def _footer(self) -> Markup:
        # Read under --dirty to see whether the frame changed and again for the theme.
        return self.builder.footer_html()

    def heading_converter(self, config: MkDocsConfig, files: Files) -> HeadingConverter:
        """The build's one converter for generated pages' heading lines (template_page.py)."""
        if self.headings is None:
            self.headings = HeadingConverter(config, files)
        return self.headings

    def head_html(self) -> dict[str, Markup]:
        """JSON-LD, feed links and share cards for each page's `<head>`, by page source path."""
        heads = head_html(self.feeds)
        for uri, cards in share_heads(self.feeds, self.pages).items():
            heads[uri] = Markup("\n").join([heads[uri], cards]) if uri in heads else cards
        return heads

    def add_news_feeds(self, files: Files, config: MkDocsConfig) -> None:
        """The Aktuelt RSS: runs after Material's blog plugin has resolved the posts."""
        t, municipality = self.builder.t, self.portal.municipality.name
        for plugin in blog.blog_plugins(config.plugins):
            path = news.feed_path(posixpath.normpath(plugin.config.blog_dir))
            if files.get_file_from_path(path):
                raise SiteError(tr("build_news_feed_clash", file=f"docs/{path}"))
            index = files.get_file_from_path(
                posixpath.normpath(posixpath.join(plugin.config.blog_dir, "index.md")))
            if index is None:  # pragma: no cover - Material adds the index it does not find
                continue
            # Without Material's posts (internals.py told why) the feed is written bare: an
            # address the blog's own page links to, so `--strict` builds still pass.
            content = news.rss(self.feeds.links, t.plain("news_feed_title",
                                                         municipality=municipality),
                               t.plain("news_feed_description", municipality=municipality),
                               self.portal.language, index.url, path,
                               blog.posts_of(plugin) or [])
            files.append(File.generated(config, path, content=content))


def open_data_page(feeds: FeedContext, config: MkDocsConfig) -> GeneratedPage:
    """The "Åpne data" page: the open-data files, calendars and feeds, each linked."""
    builder, t = feeds.builder, feeds.builder.t
    dirs = blog.blog_dirs(config.plugins)
    licence = Markup('<a href="{}">NLOD 2.0</a>').format(LICENCE["url"])
    return builder.page("open_data", "open_data", t.plain("open_data_title"), True,
                        committees=list(feeds.portal.committees.values()),
                        licence_link=licence,
                        news_feed=news.feed_path(dirs[0]) if dirs else None)
