"""What the command line needs from mkdocs.yml: where the data and docs folders are.

Read as plain YAML (without MkDocs), tolerating the tags MkDocs configs use
(`!ENV`, `!!python/name:…`), so `verksted check` stays fast and needs no build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


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


def read_settings(config_file: Path) -> SiteSettings:
    """The folders named in `config_file`; without the file, `data/` and `docs/` beside it."""
    root = config_file.parent
    if not config_file.is_file():
        return SiteSettings(root, root / "data", root / "docs")
    with config_file.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 (safe subclass)
    options = plugin_options(config, "verksted")
    return SiteSettings(root, root / str(options.get("data_dir") or "data"),
                        root / str(config.get("docs_dir") or "docs"),
                        config.get("site_url"))


def plugin_options(config: dict[str, Any], name: str) -> dict[str, Any]:
    """`plugins:` is a list of names or one-key mappings, or a mapping of name → options."""
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and p else (p, None) for p in plugins)
    for key, value in entries:
        if key == name:
            return value if isinstance(value, dict) else {}
    return {}
