"""Glue between an MkDocs configuration and the plain modules: load, configure, add pages.

The plugin's event methods call into this class and do nothing else, so every step can
be read (and tested) as ordinary Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .drafts import draft_problems
from .lastmod import record_dates, stamp_pages
from .load import load_dataset
from .pages import GeneratedPage, PageBuilder
from .photos import photo_sizer
from .portal import Portal, build_portal
from .problems import DataError, Problem
from .render import template_env
from .schema import KINDS as SCHEMA_KINDS
from .schema import schema_file, schema_text

PACKAGE_DIR = Path(__file__).parent
THEME_DIR = PACKAGE_DIR / "templates" / "theme"
STYLESHEET = "verksted/verksted.css"
MARKDOWN_EXTENSIONS = ("toc", "admonition", "md_in_html", "attr_list")


class SiteError(Exception):
    """Something the editor or the site's owner must fix; the message says what."""


@dataclass
class Site:
    portal: Portal
    builder: PageBuilder
    warnings: list[Problem]
    pages: list[GeneratedPage]

    @classmethod
    def load(cls, config: MkDocsConfig, data_dir: str, paths: dict[str, str], *,
             preview_drafts: bool = False) -> Site:
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        docs_dir = Path(config.docs_dir)
        try:
            dataset = load_dataset(root / data_dir, docs_dir, display_root=root)
            if not preview_drafts and (problems := draft_problems(dataset)):
                raise DataError(problems)
        except DataError as error:
            raise SiteError(error.report()) from None
        portal = build_portal(dataset, include_drafts=preview_drafts)
        builder = PageBuilder(portal, template_env(config.theme.dirs), paths=paths,
                              use_directory_urls=config.use_directory_urls,
                              photo_size=photo_sizer(docs_dir))
        pages = stamp_pages(builder.pages(), record_dates(root, root / data_dir),
                            portal.language)
        return cls(portal, builder, dataset.warnings, pages)

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

    def add_files(self, files: Files, config: MkDocsConfig, *, add_nav: bool) -> None:
        """Add the generated pages and stylesheet; refuse to shadow a hand-written page."""
        clashes = [page.src_uri for page in self.pages if files.get_file_from_path(page.src_uri)]
        if clashes:
            raise SiteError("these files in docs/ have the address of a generated page; "
                            "rename or remove them: " + ", ".join(sorted(clashes)))
        # Pages the site keeps out of the menu (MkDocs' `not_in_nav`) stay out of ours too.
        handwritten = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
        for page in self.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown,
                                        inclusion=inclusion))
        files.append(File.generated(config, STYLESHEET,
                                    abs_src_path=str(PACKAGE_DIR / "assets" / "verksted.css")))
        for kind in SCHEMA_KINDS:  # published for editors' tools; a site's own copy wins
            if not files.get_file_from_path(schema_file(kind)):
                files.append(File.generated(config, schema_file(kind), content=schema_text(kind)))
        if add_nav and config.nav is None:
            config.nav = self.navigation(handwritten)

    def navigation(self, handwritten: list[str]) -> list[Any]:
        """Home, the overview sections, the site's own pages, then contact."""
        builder, portal, t = self.builder, self.portal, self.builder.t

        def section(kind: str, label: str, views: list[Any]) -> dict[str, Any]:
            return {str(t(label)): [builder.src_uri(kind), *(builder.src_uri(v) for v in views)]}

        nav: list[Any] = [uri for uri in handwritten if uri == "index.md"]
        nav += [
            section("plans", "nav_plans", list(portal.plans.values())),
            section("committees", "nav_committees", list(portal.committees.values())),
            {str(t("nav_workshops")): builder.src_uri("workshops")},
            section("methods", "nav_methods", list(portal.methods.values())),
        ]
        nav += sorted(uri for uri in handwritten if uri != "index.md")
        nav.append({str(t("nav_contact")): builder.src_uri("contact")})
        return nav

    def footer_html(self) -> Markup:
        return self.builder.footer_html()
