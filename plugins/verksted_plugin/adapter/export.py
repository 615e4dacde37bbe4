"""`verksted export DIR`: the site as a plain MkDocs project that builds without verksted.

A way off the plugin (doc/engines.md): DIR gets a `docs/` folder with every page verksted
generates, as Markdown, beside the site's own hand-written files, and an `mkdocs.yml` for
MkDocs (or any engine that reads MkDocs projects and Material's theme) without the
verksted plugin.

How: the same steps `mkdocs build` takes up to its file list (load the config, the plugins'
`on_startup`, `on_config`, `on_pre_build` and `on_files`, so Material's blog has resolved
the posts the news feed lists), and nothing after: no page is rendered and nothing is
written anywhere but DIR. Then every file the plugin added (pages, calendars, feeds, open
data, schemas, photo variants, its stylesheet and script) and every file of the site's
docs folder (photos without their camera data, drafts left out, as a build publishes them)
is written into DIR/docs; a hand-written page's `<!-- verksted:now -->` line is replaced
by what happens now, as the build replaces it. A generated page is its Markdown exactly as
the plugin hands it to MkDocs, with its placeholders put back: the page's own HTML blocks
as they were, and each Markdown field as its sanitized HTML, links resolved from the page
(what the plugin puts there once MkDocs has rendered the page), so the page is whole
without the plugin.

What stays behind, because only the plugin's hooks do it: the Content-Security-Policy, the
responsive photos of hand-written pages, the search index's shaping, the collapsed
whitespace and the editor (admin/), which writes records only the plugin reads. The
footer, the pages' `<head>` additions (JSON-LD, feed links, share cards) and the theme's
labels go along as `extra:` values that the plugin's theme templates, copied into
DIR/overrides, read instead of the plugin's globals.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, Files, get_files

from ..language.i18n import preset_language, tr, tr_n, use_language
from ..pages.markdown_fields import TOKEN, field_store
from ..pages.now import has_now_marker
from ..records.site_language import chosen_language
from .plugin import VerkstedPlugin
from .site import MARKDOWN_EXTENSIONS, SCRIPT, STYLESHEET, THEME_DIR, Site
from .siteconfig import read_settings
from .theme_labels import theme_labels

EDITOR_FOLDER = "admin/"  # the editor writes records in data/, which only the plugin reads
OVERRIDES = "overrides"
# The plugin's Jinja globals that its theme templates print; in the export they are values
# of `extra:` (the theme's templates see `config.extra`).
_GLOBALS = re.compile(r"\bverksted_(head|footer|theme_labels)\b")


class ExportError(Exception):
    """Why nothing was exported; the message says it in the user's language."""


def run_export(config_file: Path, target: Path) -> int:
    """The command, in the site's language: export, or one message and exit status 1."""
    try:
        language = chosen_language(read_settings(config_file).data_dir)
    except yaml.YAMLError:  # MkDocs says what is wrong with the file below
        language = preset_language()
    with use_language(language):
        try:
            written = export_site(config_file, target)
        except (ExportError, MkDocsException, yaml.YAMLError) as error:
            # A broken mkdocs.yml or broken records: said as the build says it.
            print(f"verksted export: {error}", file=sys.stderr)
            return 1
        print(tr_n("export_written", written, folder=target))
    return 0


def export_site(config_file: Path, target: Path) -> int:
    """Write the export into `target` (new or empty); returns how many files it wrote."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(tr("export_not_empty", folder=target))
    if not config_file.is_file():
        raise ExportError(tr("export_no_config", file=config_file))
    settings = read_settings(config_file)  # the folders, as `verksted check` reads them
    for source in (settings.docs_dir, settings.data_dir):
        if target.resolve().is_relative_to(source.resolve()):
            raise ExportError(tr("export_inside_sources", folder=target, source=source))
    with _prepared(config_file) as (config, files, plugin):
        root = config_file.resolve().parent
        site = plugin.site  # loaded by on_config (which raises on broken records)
        if site is None:  # `enabled: false`
            raise ExportError(tr("export_no_plugin", file=config_file))
        docs_name = _docs_name(Path(config.docs_dir), root)
        written = 0
        for file in _exported_files(files, config, plugin):
            content = file.content_bytes
            if file.src_uri in site.generated_uris:
                content = complete_markdown(file.content_string, file, site, config, files
                                            ).encode("utf-8")
            elif file.is_documentation_page() and has_now_marker(file.content_string):
                # What happens now, as on the built page (on the day of the export).
                content = site.now_markdown(file.content_string, file.url, config.plugins
                                            ).encode("utf-8")
            _write(target / docs_name / file.src_uri, content)
            written += 1
        written += _write_overrides(config, target / OVERRIDES)
        _write(target / "mkdocs.yml", export_config(config_file, config, plugin, site, docs_name))
        return written + 1


@contextmanager
def _prepared(config_file: Path) -> Iterator[tuple[MkDocsConfig, Files, VerkstedPlugin]]:
    """`mkdocs build` up to its file list: the config, and the files every plugin added."""
    config = load_config(config_file=str(config_file))
    plugins = [p for p in config.plugins.values() if isinstance(p, VerkstedPlugin)]
    if not plugins:
        raise ExportError(tr("export_no_plugin", file=config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
        files = config.plugins.on_files(files, config=config)
        yield config, files, plugins[0]
    finally:
        config.plugins.on_shutdown()


def _exported_files(files: Files, config: MkDocsConfig, plugin: VerkstedPlugin) -> list[File]:
    """The plugin's files but the editor's, and the docs folder's files as a build has them.
    Other plugins' files (Material's blog archive) are made again by those plugins."""
    ours = {name for name, p in config.plugins.items() if p is plugin}
    docs_dir = Path(config.docs_dir).resolve()
    chosen = []
    for file in files:
        if file.generated_by in ours:
            if not file.src_uri.startswith(EDITOR_FOLDER):
                chosen.append(file)
        elif not file.generated_by and file.src_dir and Path(file.src_dir).resolve() == docs_dir:
            chosen.append(file)
    return sorted(chosen, key=lambda f: f.src_uri)


def complete_markdown(markdown: str, file: File, site: Site, config: MkDocsConfig,
                      files: Files) -> str:
    """A generated page's Markdown with its HTML blocks back in place and each Markdown
    field's placeholder replaced by the field's sanitized HTML (links from this page)."""
    raw = field_store(site.builder.env).raw
    # A placeholder is replaced where it stands alone on its line; the last line needs its end.
    text = markdown if markdown.endswith("\n") else f"{markdown}\n"
    text = TOKEN.sub(lambda m: raw[m[0]][:-1] if m[0] in raw else m[0], text)
    return site.field_html(text, file, config, files)


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def _docs_name(docs_dir: Path, root: Path) -> str:
    """The docs folder's name beside mkdocs.yml (kept, so paths in the config still hold)."""
    try:
        return docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        return "docs"


def _write_overrides(config: MkDocsConfig, folder: Path) -> int:
    """The plugin's theme templates, then the site's own (which win, as in the build), with
    the plugin's globals read from `config.extra`."""
    written = 0
    sources = [THEME_DIR] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    for source in sources:
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            content = path.read_bytes()
            if path.suffix == ".html":
                content = _GLOBALS.sub(r"config.extra.verksted_\1", content.decode("utf-8")
                                       ).encode("utf-8")
            target = folder / path.relative_to(source)
            written += not target.exists()
            _write(target, content)
    return written


# --- mkdocs.yml ---------------------------------------------------------------------------

class _Tagged:
    """A value with a tag the safe loader does not know (`!ENV`, `!!python/name:…`), kept."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        value: Any = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


def _represent(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """Text of several lines (the footer, a page's head) as a block, as one would write it."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Dumper.add_representer(_Tagged, _represent)
_Dumper.add_representer(str, _text)


def _plain(value: Any) -> Any:
    """Markup and other str subclasses as str, through lists and mappings (for the dumper)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    return value


def _without_plugin(plugins: Any, names: set[str]) -> Any:
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name not in names}
    return [entry for entry in plugins or []
            if (next(iter(entry)) if isinstance(entry, dict) and entry else entry) not in names]


def _extension_name(entry: Any) -> Any:
    return next(iter(entry)) if isinstance(entry, dict) and entry else entry


def export_config(config_file: Path, config: MkDocsConfig, plugin: VerkstedPlugin, site: Site,
                  docs_name: str) -> str:
    """The site's mkdocs.yml as written, less the verksted plugin, plus what the plugin adds
    to the config (theme language and templates, extensions, stylesheet, script, menu)."""
    with config_file.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml.load(handle, Loader=_Loader) or {}  # noqa: S506 (safe subclass)
    ours = {name for name, p in config.plugins.items() if p is plugin}
    raw["plugins"] = _without_plugin(raw.get("plugins"), ours)
    raw.pop("docs_dir", None)
    raw.pop("site_dir", None)
    if docs_name != "docs":
        raw["docs_dir"] = docs_name
    theme = raw.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme["custom_dir"] = OVERRIDES
    theme["language"] = site.portal.language
    raw["theme"] = theme
    extensions = list(raw.get("markdown_extensions") or [])
    named = {_extension_name(entry) for entry in extensions}
    extensions += [name for name in MARKDOWN_EXTENSIONS if name not in named]
    raw["markdown_extensions"] = extensions
    css = list(raw.get("extra_css") or [])
    raw["extra_css"] = css if STYLESHEET in css else [STYLESHEET, *css]
    scripts = list(raw.get("extra_javascript") or [])
    raw["extra_javascript"] = scripts if SCRIPT in scripts else [*scripts, SCRIPT]
    if raw.get("nav") is None and config.nav is not None:
        raw["nav"] = _plain(config.nav)
    # The pages the plugin keeps out of the menu (workshops, themes), as it marks them.
    hidden = "".join(f"/{page.src_uri}\n" for page in site.pages if not page.in_nav)
    if hidden:
        listed = str(raw.get("not_in_nav") or "")
        raw["not_in_nav"] = f"{listed.rstrip()}\n{hidden}".lstrip("\n")
    extra = dict(raw.pop("extra", None) or {})  # last in the file: the long values
    extra.setdefault("generator", False)
    extra["verksted_footer"] = str(site.footer_html())
    extra["verksted_theme_labels"] = theme_labels(site.portal.language)
    extra["verksted_head"] = _plain(site.head_html())
    raw["extra"] = extra
    header = ("# Written by `verksted export`: the site without the verksted plugin, for plain\n"
              "# MkDocs + Material (or another engine that reads MkDocs projects).\n")
    return header + yaml.dump(_plain(raw), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=100)
