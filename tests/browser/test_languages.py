"""The sample built in nb, nn and en: each speaks only its own language, in its labels,
Material's theme strings, `<html lang>` and Babel's dates."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Built, public_pages
from verksted_plugin.language.labels import labels_for

LANGUAGES = ["nb", "nn", "en"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _fragments(value: str) -> list[str]:
    """The fixed text of a label: its parts around the {placeholders}, stripped."""
    parts = (part.strip(" :·,.–-") for part in PLACEHOLDER.split(value))
    return [part for part in parts if len(part) >= 3]


def _source_text() -> str:
    """What the sample's editors wrote: their words may be in any language."""
    # docs/ includes the editor's guide's example files (.yml, .md) shown on its pages.
    files = [*(REPO / "data").rglob("*"), *(REPO / "docs").rglob("*.md"),
             *(REPO / "docs").rglob("*.yml"), REPO / "mkdocs.yml"]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.is_file())


def foreign_fragments(language: str) -> dict[str, str]:
    """Label text of the other languages that this language never uses: fragment -> key."""
    own = {fragment for value in labels_for(language).values() for fragment in _fragments(value)}
    source = _source_text()
    found = {}
    for other in LANGUAGES:
        if other == language:
            continue
        for key, value in labels_for(other).items():
            if key == "language_name":
                continue  # names a language; not shown on pages
            for fragment in _fragments(value):
                if fragment not in own and not re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)",
                                                         source):
                    found[fragment] = f"{other}:{key}"
    return found


def page_text(soup: BeautifulSoup) -> str:
    """What a reader or a screen reader meets: text plus alt, title, aria-label, placeholder."""
    for script in soup(["script", "style"]):
        script.decompose()
    attributes = [str(el.get(name)) for name in ("alt", "title", "aria-label", "placeholder")
                  for el in soup.find_all(attrs={name: True})]
    return " ".join([soup.get_text(" "), *attributes])


def _pages(built: Built) -> list[BeautifulSoup]:
    return [BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
            for p in public_pages(built.out)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_shows_no_label_of_another(language: str,
                                                 built_sites: dict[str, Built]) -> None:
    built = built_sites[f"sample-{language}"]
    foreign = foreign_fragments(language)
    assert len(foreign) > 30  # enough distinct words that a mix-up cannot go unseen
    leaks = set()
    for soup in _pages(built):
        text = page_text(soup)
        title = soup.title.get_text() if soup.title else "?"
        leaks |= {f"{title}: «{fragment}» ({key})" for fragment, key in foreign.items()
                  if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)}
    assert sorted(leaks) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_theme_follow_municipality_language(language: str,
                                                          built_sites: dict[str, Built]) -> None:
    built = built_sites[f"sample-{language}"]
    pages = _pages(built)
    assert len(pages) >= 13
    assert {soup.html["lang"] for soup in pages} == {language}
    home = built.html("")
    skip = home.select_one("a.md-skip")
    assert skip and skip.get_text(strip=True) == labels_for(language)["skip_to_content"]
    placeholder = home.select_one("input.md-search__input")["placeholder"]
    assert placeholder == {"nb": "Søk", "nn": "Søk", "en": "Search"}[language]


DATES = {  # Babel's month names and each language's own date and time punctuation
    "nb": ("11. februar 2020", "kl. 18.00–21.00"),
    "nn": ("11. februar 2020", "kl. 18.00–21.00"),
    "en": ("11 February 2020", "18:00–21:00"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_times_are_formatted_for_the_language(language: str,
                                                        built_sites: dict[str, Built]) -> None:
    built = built_sites[f"sample-{language}"]
    facts = built.main("verksteder/2020-02-11-forste-politiske-verksted/").select_one(
        "dl.verksted-facts")
    values = [dd.get_text(" ", strip=True) for dd in facts.select("dd")]
    day, clock = DATES[language]
    assert values[0] == day
    assert values[1] == clock
