"""The site's language: `language:` in municipality.yml, unless `--lang` or `VERKSTED_LANG`
says otherwise; bokmål when the file is missing or broken (the loader reports why)."""

from __future__ import annotations

from pathlib import Path

from ..language.i18n import DEFAULT_LANGUAGE, normal_language, overriding_language
from .yamlread import MAX_FILE_BYTES


def site_language(data_dir: Path | None) -> str | None:
    """`language:` of the data folder's municipality.yml, or None if it cannot be read."""
    if data_dir is None:
        return None
    from ..records.yamlread import YamlSyntaxError, parse_yaml  # the loader's safe, bounded reader

    for name in ("municipality.yml", "municipality.yaml"):
        path = Path(data_dir) / name
        try:
            if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
                continue
            data = parse_yaml(path.read_text(encoding="utf-8")).data
        except (OSError, UnicodeDecodeError, YamlSyntaxError, ValueError, RecursionError):
            return None
        return normal_language(data.get("language", DEFAULT_LANGUAGE)) \
            if isinstance(data, dict) else None
    return None


def chosen_language(data_dir: Path | None = None) -> str:
    """`--lang`, then `VERKSTED_LANG`, then the site's language, then bokmål."""
    return overriding_language() or site_language(data_dir) or DEFAULT_LANGUAGE
