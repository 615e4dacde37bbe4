"""What the command line needs from mkdocs.yml: where the data and docs folders are.

Read as plain YAML (without MkDocs), tolerating the tags MkDocs configs use
(`!ENV`, `!!python/name:…`), so `verksted check` stays fast and needs no build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..language.i18n import tr


def project_root(config_file_path: str | None) -> Path:
    """The folder of mkdocs.yml, where `data_dir:` and the site's other folders start."""
    return Path(config_file_path).parent if config_file_path else Path.cwd()


class _ConfigLoader(yaml.SafeLoader):
    """Any tag the safe loader does not know becomes None instead of an error."""


_ConfigLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda _loader, _suffix, _node: None)


@dataclass(frozen=True)
class SiteSettings:
    root: Path
    data_dir: Path
    docs_dir: Path
    site_url: str | None = None
    paths: Mapping[str, Any] | None = None  # the plugin's `paths:` option, as written
    blog_dirs: tuple[str, ...] = ()         # the blog plugins' folders
    config_file: Path | None = None


def read_settings(config_file: Path) -> SiteSettings:
    """The folders named in `config_file`; without the file, `data/` and `docs/` beside it."""
    root = config_file.parent
    if not config_file.is_file():
        return SiteSettings(root, root / "data", root / "docs")
    with config_file.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 (safe subclass)
    options = plugin_options(config, "verksted")
    paths = options.get("paths")
    blogs = [value if isinstance(value, dict) else {} for name, value in _plugin_entries(config)
             if name in ("blog", "material/blog")]
    return SiteSettings(root, root / str(options.get("data_dir") or "data"),
                        root / str(config.get("docs_dir") or "docs"),
                        config.get("site_url"), paths if isinstance(paths, dict) else None,
                        tuple(str(blog.get("blog_dir") or "blog") for blog in blogs), config_file)


def _plugin_entries(config: dict[str, Any]) -> Iterable[tuple[Any, Any]]:
    """`plugins:` is a list of names or one-key mappings, or a mapping of name → options."""
    plugins = config.get("plugins") or []
    return plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and p else (p, None) for p in plugins)


def plugin_options(config: dict[str, Any], name: str) -> dict[str, Any]:
    for key, value in _plugin_entries(config):
        if key == name:
            return value if isinstance(value, dict) else {}
    return {}


# A folder of the `paths:` option: names of letters, digits, '-' and '_', joined by '/'.
_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)*")


def site_folders() -> tuple[str, ...]:
    """The folders the site writes itself, whatever `paths:` says."""
    # Imported here: the command line reads settings without the build's modules.
    from ..editor.admin import ADMIN
    from ..outputs.photo_variants import SITE_DIR
    from ..pages.feed_addresses import CALENDAR_DIR, OPEN_DATA_DIR
    from ..records.schema import SCHEMA_FOLDER

    # verksted/ holds the stylesheet, the script and the photos' variants; assets/ and
    # search/ are Material's scripts, stylesheets and fonts, and its search index.
    return (ADMIN, CALENDAR_DIR, OPEN_DATA_DIR, SCHEMA_FOLDER, SITE_DIR.split("/")[0],
            "assets", "search")


def folder_problems(paths: Mapping[str, Any], defaults: Mapping[str, str],
                    others: Iterable[str] = ()) -> list[str]:
    """What is wrong with the `paths:` option, one sentence each (empty when nothing is).

    Every kind of generated page needs a folder of its own: two kinds in one folder, or one
    inside another, would give a record's page the address of another page (a record `x`
    and the overview of a folder `plan/x`). The site's own folders (`site_folders`, and
    `others`: the blog's) are refused too. `open_data` may stay in `apne-data`, its files'.
    """
    problems: list[str] = []
    for key in paths:
        if key not in defaults:
            problems.append(tr("config_paths_unknown", key=key, known=", ".join(defaults)))
    folders: dict[str, str] = {}
    for key, default in defaults.items():
        value = paths.get(key, default)
        folder = str(value).strip().strip("/") if isinstance(value, str) else ""
        if not _FOLDER.fullmatch(folder):
            problems.append(tr("config_paths_folder", key=key, value=value))
        else:
            folders[key] = folder
    from ..pages.feed_addresses import OPEN_DATA_DIR

    reserved = [*site_folders(), *(str(name).strip("/") for name in others)]
    for key, folder in folders.items():
        for own in reserved:
            if key == "open_data" and folder == own == OPEN_DATA_DIR:
                continue  # the open-data page beside its files, as by default
            if _within(folder, own) or _within(own, folder):
                problems.append(tr("config_paths_reserved", key=key, folder=folder,
                                   reserved=own))
                break
    keys = list(folders)
    for index, key in enumerate(keys):
        for other in keys[index + 1:]:
            one, two = folders[key], folders[other]
            if one == two:
                problems.append(tr("config_paths_same", key=key, other=other, folder=one))
            elif _within(one, two):
                problems.append(tr("config_paths_nested", key=key, folder=one, other=other,
                                   outer=two))
            elif _within(two, one):
                problems.append(tr("config_paths_nested", key=other, folder=two, other=key,
                                   outer=one))
    return problems


def _within(folder: str, outer: str) -> bool:
    """`folder` is `outer` or lies inside it (by whole names: `plan2` is not in `plan`)."""
    return folder == outer or folder.startswith(f"{outer}/")
