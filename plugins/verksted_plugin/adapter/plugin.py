"""The MkDocs plugin: event methods only. The work happens in plain modules beside it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import kept, speedups
from ..editor.cmsconfig import EditorConfigError, EditorOptions, read_options
from ..language.i18n import DEFAULT_LANGUAGE, use_language
from ..outputs.csp import hashes_of_kept, with_policy
from ..pages.template_cache import COMPILED
from ..portal.drafts import preview_wanted
from ..preview.dirty_pages import DirtyFiles, DirtyPages, StaleFiles, around_pages, read_titles
from ..preview.dirty_search import DirtySearch
from ..preview.page_memo import PageMemo
from ..preview.serve_watch import watch_data_folder
from ..records.problems import STOPS_STRICT
from ..records.record_cache import RecordCache
from ..records.report import severity_label
from ..records.reproducible import ClockError
from ..records.site_language import chosen_language
from . import blog
from .editor_files import add_admin_files
from .photo_originals import clean_published_photos
from .shortcuts.html_whitespace import collapsed_and_kept
from .shortcuts.search_view import without_unsearched
from .shortcuts.serve_gc import freeze_after_first_build
from .shortcuts.theme_envs import quicker_theme_envs
from .shortcuts.theme_memo import ConstantPartials, NavMemo, TocMemo
from .site import Site, SiteError
from .siteconfig import project_root
from .theme_labels import theme_labels

log = get_plugin_logger(__name__)


class VerkstedConfig(Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")
    paths = c.Type(dict, default={})
    nav = c.Type(bool, default=True)
    # Show drafts with an "Utkast" banner; also VERKSTED_PREVIEW_DRAFTS=1 for one serve.
    preview_drafts = c.Type(bool, default=False)
    # Generated photo sizes are kept here between builds (beside mkdocs.yml; never in docs/
    # or data/); VERKSTED_CACHE_DIR overrides it, e.g. for a CI cache.
    cache_dir = c.Type(str, default=".verksted-cache")
    # Modern formats each photo is also published in, best first (those Pillow can write).
    photo_formats = c.Type(list, default=["avif", "webp"])
    # Published photos lose their camera data (GPS position, device, owner); true keeps it.
    keep_photo_metadata = c.Type(bool, default=False)
    # A Content-Security-Policy <meta> on every page (SECURITY.md); false only for a site
    # that embeds content from elsewhere in its own pages and writes its own policy.
    content_security_policy = c.Type(bool, default=True)
    # The browser editor (Decap CMS) under admin/: git backend, repository, branch, review.
    editor = c.Type(dict, default={})


class VerkstedPlugin(BasePlugin[VerkstedConfig]):
    """Reads the data folder and adds one page per record to the site."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.serving = False
        self.language = DEFAULT_LANGUAGE
        self.editor = EditorOptions()
        # `mkdocs serve` keeps this plugin object between rebuilds (it has on_startup), so
        # records whose files did not change are reused from one rebuild to the next.
        self.records = RecordCache()
        self._full_content: str | None = None
        self.dirty = False
        self.dirty_pages = DirtyPages()
        self.dirty_files = DirtyFiles()
        self.dirty_search = DirtySearch()  # --dirty: the index keeps the pages not rendered
        self.stale_files = StaleFiles()  # --dirty: what the site no longer has is removed
        self.page_memo = PageMemo()  # serve: pages whose inputs did not change are kept
        self._heads: dict[str, Markup] | None = None  # made once in on_nav under --dirty
        self._data_observer: Any = None  # serve: the data folder's notifying watch
        self._files: Files | None = None  # --dirty: this rebuild's files, for the search index

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` adds an inline live-reload script after the build; the policy
        # would block it. A preview is never published, so it goes without one.
        self.serving = command == "serve"
        self.dirty = dirty and self.serving

    def _policy_wanted(self) -> bool:
        return self.config.enabled and self.config.content_security_policy and not self.serving

    # Before every plugin's on_config: Material's search asks the theme for an environment.
    @event_priority(100)
    def _theme_envs(self, config: MkDocsConfig) -> MkDocsConfig | None:
        kept.start_build()  # the first event of every build: what it uses counts as used
        if self.config.enabled and self.serving:
            quicker_theme_envs(config.theme)
        return config

    # Early (50), before every plugin at the default priority (0) whatever their order in
    # mkdocs.yml: Material's search reads the theme language for its index there, others
    # the Markdown extensions.
    @event_priority(50)
    def _read_site(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.site = None
        if not self.config.enabled:
            return None
        # Build errors and warnings speak the site's language (or VERKSTED_LANG's).
        root = project_root(config.config_file_path)
        self.language = chosen_language(root / self.config.data_dir)
        with use_language(self.language):
            return self._load(config)

    on_config = CombinedEvent(_theme_envs, _read_site)

    def _load(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.editor = read_options(self.config.editor)
        except EditorConfigError as error:
            raise PluginError(str(error)) from None
        try:
            self.site = Site.load(config, self.config.data_dir, self.config.paths,
                                  preview_drafts=preview_wanted(self.config.preview_drafts),
                                  cache_dir=self.config.cache_dir,
                                  photo_formats=self.config.photo_formats,
                                  records=self.records if self.serving else None,
                                  memo=self.page_memo if self.serving else None)
        except (SiteError, ClockError) as error:
            raise PluginError(str(error)) from None
        for problem in self.site.warnings:  # a reminder never fails a strict build
            (log.warning if problem.severity in STOPS_STRICT else log.info)(
                f"{severity_label(problem)}: {problem}")
        self.site.configure(config)
        return config

    def _add_pages(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return None
        try:
            with use_language(self.language):
                self.site.add_files(files, config, add_nav=self.config.nav)
        except SiteError as error:
            raise PluginError(str(error)) from None
        if self.site.draft_files is not None:  # RECORDS.md: a draft is in no output
            withheld = self.site.draft_files.unpublished(files)
            for file in withheld:
                files.remove(file)
            if self.site.photos is not None:
                self.site.photos.withheld = frozenset(file.src_uri for file in withheld)
        if not self.config.keep_photo_metadata:
            clean_published_photos(files)
        if self.dirty:  # `mkdocs serve --dirty`: unchanged generated pages are not rendered
            self.dirty_pages.mark(files, self.site.pages, blog.blog_dirs(config.plugins))
        return files

    # After Material's blog plugin (-50) has resolved the Aktuelt posts.
    @event_priority(-60)
    def _add_news_feeds(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is not None:
            try:
                with use_language(self.language):
                    self.site.add_news_feeds(files, config)
            except SiteError as error:
                raise PluginError(str(error)) from None
        return files

    # Last, so the editor's preview finds the theme's stylesheets among the files.
    @event_priority(-100)
    def _add_editor(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is not None:
            add_admin_files(files, config, self.editor, self.config.data_dir,
                            self.site.portal.parties, self.site.portal.language)
        return files

    # After every other plugin's files: under --dirty, unchanged generated files stay as written.
    @event_priority(-110)
    def _keep_unchanged_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.dirty:
            self.dirty_files.mark(files)
            self.stale_files.remove_gone(files, config.site_dir)
            self._files = files
        return files

    on_files = CombinedEvent(_add_pages, _add_news_feeds, _add_editor, _keep_unchanged_files)

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._heads = None
        if self.dirty and self.site is not None:
            self._heads = self.site.head_html()
            self.dirty_pages.check_around(files, around_pages(
                config, files, self.site.pages, str(self.site.footer_html()),
                self.dirty_pages.read), self._heads)
        if self.dirty:
            read_titles(nav.pages, config)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # A build makes its own environment: checking every template file for changes on
        # each of the ~50 includes per page only costs time.
        env.auto_reload = False
        env.bytecode_cache = COMPILED
        if self.site is not None:
            env.globals["verksted_footer"] = self.site.footer_html()
            env.globals["verksted_head"] = self._heads if self._heads is not None \
                else self.site.head_html()
            env.globals["verksted_theme_labels"] = theme_labels(self.site.portal.language)
            env.globals["verksted_nav_memo"] = NavMemo(config) if speedups.enabled() else None
            env.globals["verksted_partials"] = ConstantPartials() if speedups.enabled() else None
            env.globals["verksted_toc_memo"] = TocMemo() if speedups.enabled() else None
        return env

    # Material's search reads `page.content` in its on_page_context: it gets the page without
    # the sections it would drop anyway (search_view.py); the page is restored right after.
    @event_priority(100)
    def _search_view(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.dirty:
            self.dirty_search.before_page(config)
        if self.site is not None and page.content and speedups.enabled():
            self._full_content = page.content
            page.content = without_unsearched(page.content)
        return context

    @event_priority(-100)
    def _full_page(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.dirty:
            self.dirty_search.after_page(config, page)
        if self._full_content is not None:
            page.content, self._full_content = self._full_content, None
        return context

    on_page_context = CombinedEvent(_search_view, _full_page)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        # A hand-written page's <!-- verksted:now --> line: what happens now (pages/now.py).
        if self.site is None or page.file.src_uri in self.site.generated_uris:
            return markdown
        return self.site.now_markdown(markdown, page.url, config.plugins)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files
                        ) -> str | None:
        if self.site is not None:
            return self.site.field_html(html, page.file, config, files)
        return html

    # Last, after every other plugin has changed the page: the hashes are of the final HTML.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        scripts = None  # the page's inline scripts' hashes, read while collapsing (csp.py)
        if self.site is not None:
            output = self.site.field_html(output, page.file, config)
            output = self.site.page_pictures(output, page.url, page.file.src_uri)
            output, kept = collapsed_and_kept(output)
            scripts = hashes_of_kept(kept) if speedups.enabled() else None
        return with_policy(output, scripts) if self._policy_wanted() else output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig
                         ) -> str | None:
        """The theme's own pages (404.html) get the policy too; sitemaps are not HTML."""
        if template_name.endswith(".html") and self._policy_wanted():
            return with_policy(output_content)
        return output_content

    def _post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is not None:
            self.site.copy_page_pictures(config.site_dir)
        kept.finish_build()  # the one eviction rule (kept.py): what this build did not use goes
        if self.serving and speedups.enabled():
            freeze_after_first_build()  # the session's objects out of the collector's rounds

    # Before the search plugin writes its index (priority 0).
    @event_priority(50)
    def _whole_search_index(self, *, config: MkDocsConfig) -> None:
        if self.dirty and self._files is not None:
            self.dirty_search.complete(config, self._files)
        self._files = None

    on_post_build = CombinedEvent(_post_build, _whole_search_index)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        self._data_observer = watch_data_folder(
            server, project_root(config.config_file_path) / self.config.data_dir)
        return server

    def on_shutdown(self) -> None:
        if self._data_observer is not None:
            self._data_observer.stop()
            self._data_observer = None
