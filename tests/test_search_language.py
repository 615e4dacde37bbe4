"""The site's language (data/municipality.yml) reaches Material's search index, whichever
order mkdocs.yml lists the plugins in: verksted sets the theme language in an early
on_config, before the search plugin reads it at the default priority."""

from __future__ import annotations

import json

import pytest

from conftest import MUNICIPALITY, SiteFactory


def search_config(site: SiteFactory, language: str, plugins: list[str],
                  theme_language: str) -> dict[str, object]:
    """The built index's config for a site in `language` whose mkdocs.yml names
    `theme_language` (the starter writes nb there) and leaves the search's `lang` unset."""
    site.set("data/municipality.yml", MUNICIPALITY.replace("language: nb", f"language: {language}"))
    site.mkdocs["plugins"] = plugins
    site.mkdocs["theme"] = {**site.mkdocs["theme"], "language": theme_language}  # type: ignore[dict-item]
    built = site.build()
    index = json.loads((built.out / "search/search_index.json").read_text(encoding="utf-8"))
    return index["config"]


# Material's own words for the language (partials/languages/*.html, search.config.lang):
# Norwegian Bokmål and Nynorsk both stem as "no".
@pytest.mark.parametrize(("language", "theme_language", "lang"),
                         [("en", "nb", ["en"]), ("nn", "en", ["no"])])
def test_search_is_listed_before_verksted(site: SiteFactory, language: str,
                                          theme_language: str, lang: list[str]) -> None:
    config = search_config(site, language, ["search", "verksted"], theme_language)
    assert config["lang"] == lang


def test_search_is_listed_after_verksted(site: SiteFactory) -> None:
    assert search_config(site, "en", ["verksted", "search"], "nb")["lang"] == ["en"]
