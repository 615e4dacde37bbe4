"""One `mkdocs build` of the folder given, with timing hooks; prints one line of JSON.

Each hook wraps a function that does one phase of the work and counts its CPU time (process
time: a shared machine's other load does not count) exclusively
(time spent in another hooked function inside it is that one's), so the phases add up to
the build. Run by bench/portal_vs_plain.py in a fresh process per build.
"""

from __future__ import annotations

import functools
import importlib
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

_totals: dict[str, float] = defaultdict(float)
_stack: list[list[Any]] = []  # [phase, start, time of nested hooks]


def _hook(owner: Any, name: str, phase: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        frame = [phase, time.process_time(), 0.0]
        _stack.append(frame)
        try:
            return original(*args, **kwargs)
        finally:
            _stack.pop()
            spent = time.process_time() - frame[1]
            _totals[phase] += spent - frame[2]
            if _stack:
                _stack[-1][2] += spent

    setattr(owner, name, timed)


def _install(portal: bool = True) -> None:
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.structure import files, nav, pages

    _hook(pages.Page, "render", "MkDocs Markdown")
    _hook(pages.Page, "read_source", "MkDocs Markdown")
    try:  # the portal's own Page subclass for generated pages (verksted_plugin/adapter/shortcuts/template_page.py)
        template_page = importlib.import_module("verksted_plugin.adapter.shortcuts.template_page")
        _hook(template_page.TemplatePage, "render", "MkDocs Markdown")
    except ImportError:
        pass
    _hook(build, "_build_page", "theme template")
    _hook(build, "_build_theme_template", "theme template")
    _hook(build, "get_navigation", "navigation")
    _hook(utils, "write_file", "writing")
    _hook(files.File, "copy_file", "writing")
    _hook(nav, "get_navigation", "navigation")
    search = importlib.import_module("material.plugins.search.plugin")
    _hook(search.SearchPlugin, "on_page_context", "search index")
    _hook(search.SearchPlugin, "on_post_build", "search index")
    if not portal:  # plain MkDocs never imports the plugin: its import is not charged to it
        return
    try:
        site = importlib.import_module("verksted_plugin.adapter.site")
        pages_mod = importlib.import_module("verksted_plugin.pages.generated")
    except ImportError:  # the plain site's build
        return
    _hook(site, "load_dataset", "load + validate")
    _hook(site, "build_portal", "load + validate")
    _hook(pages_mod.PageBuilder, "page", "page Markdown (Jinja)")
    _hook(site, "stamp_pages", "page Markdown (Jinja)")
    _hook(site, "feed_files", "feeds")
    _hook(site.Site, "head_html", "feeds")
    _hook(site.Site, "add_news_feeds", "feeds")
    _hook(site, "ModifiedTimes", "git dates")
    _hook(site.Site, "field_html", "Markdown fields")
    _hook(site.Site, "add_photo_variants", "photos")
    _hook(site, "PhotoVariants", "photos")


def main(root: Path, portal: bool = True) -> None:
    started = time.process_time()
    _install(portal)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    total = time.process_time() - started
    phases = dict(_totals)
    phases["other (config, files, plugins)"] = total - sum(phases.values())
    usage = resource.getrusage(resource.RUSAGE_SELF)  # maxrss in KiB on Linux
    print(json.dumps({"total": total, "phases": phases, "maxrss_mb": usage.ru_maxrss / 1024,
                      "cpu": usage.ru_utime + usage.ru_stime}))


if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.ERROR)
    main(Path(sys.argv[1]).resolve(), portal="--plain" not in sys.argv[2:])
