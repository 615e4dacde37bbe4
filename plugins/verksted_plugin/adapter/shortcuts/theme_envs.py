"""The theme's Jinja environments during `mkdocs serve`: what a rebuild need not redo.

Each build asks the theme for environments (MkDocs for the pages and for the theme's
static files, Material's search and blog plugins for their translations), and each new
environment compiled its templates again and listed every file of every theme folder:
Material ships some 14,000 (its icons among them), and MkDocs tests each name against its
exclusion patterns, on every rebuild. Here compiled templates come from the process-wide
cache (template_cache.py: keyed by the template's source, so an edited one is compiled
afresh), and an installed theme's file list (a folder inside the Python installation,
which does not change while serving) is read and filtered once; the site's own folders
(`overrides/`, this package's theme) are listed afresh every time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from ...kept import Kept
from ...pages.template_cache import COMPILED

_INSTALLED = tuple(str(Path(p).resolve()) for p in {sys.prefix, sys.base_prefix})
# Installed folders do not change while serving: kept by name alone (kept.py).
_LISTED: Kept[list[str]] = Kept()
_FILTERED: Kept[list[str]] = Kept()


def quicker_theme_envs(theme: Any) -> None:
    """Every environment `theme.get_env()` makes (for this build) works as described above."""
    make = theme.get_env

    def get_env() -> Environment:
        env = make()
        env.bytecode_cache = COMPILED
        if isinstance(env.loader, FileSystemLoader):
            env.list_templates = _lister(env, env.loader, theme)  # type: ignore[method-assign]
        return env

    theme.get_env = get_env


def _lister(env: Environment, loader: FileSystemLoader, theme: Any) -> Callable[..., list[str]]:
    def list_templates(extensions: Collection[str] | None = None,
                       filter_func: Callable[[str], bool] | None = None) -> list[str]:
        found: set[str] = set()
        for folder in loader.searchpath:
            names = _names(folder)
            if _installed(folder):
                # MkDocs' filter for the theme's static files depends only on its code and
                # the theme's static templates: filtered once per installed folder.
                key = (folder, tuple(extensions or ()), getattr(filter_func, "__code__", None),
                       tuple(sorted(theme.static_templates)))
                if filter_func is None or key[2] is None:
                    found.update(_wanted(names, extensions, filter_func))
                    continue
                found.update(_FILTERED.get(key, lambda names=names: _wanted(names, extensions,
                                                                             filter_func)))
            else:
                found.update(_wanted(names, extensions, filter_func))
        return sorted(found)

    return list_templates


def _names(folder: str) -> list[str]:
    if not _installed(folder):
        return FileSystemLoader([folder]).list_templates()
    return _LISTED.get(folder, lambda: FileSystemLoader([folder]).list_templates())


def _wanted(names: list[str], extensions: Collection[str] | None,
            filter_func: Callable[[str], bool] | None) -> list[str]:
    """Jinja's own `Environment.list_templates` selection."""
    if extensions is not None:
        names = [n for n in names if "." in n and n.rsplit(".", 1)[1] in extensions]
    if filter_func is not None:
        names = [n for n in names if filter_func(n)]
    return names


def _installed(folder: str) -> bool:
    resolved = str(Path(folder).resolve())
    return any(resolved.startswith(prefix + "/") for prefix in _INSTALLED)
