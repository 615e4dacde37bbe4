"""Helpers for tests that run the same mistakes in nb, nn and en."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from verksted_plugin.records import model
from verksted_plugin.records.problems import Problem

LANGUAGES = ["nb", "nn", "en"]
# Words of an English sentence (ours or pydantic's/PyYAML's/argparse's) that never occur in
# a Norwegian message outside a field name, a value or a path.
ENGLISH = frozenset("""
missing expected unknown required should must input got known field fields value values
valid invalid please error errors warning warnings found cannot does is are with this here
only least of an or and the these line lines exists already write use usage options
optional positional arguments show message exit following following unrecognized
choose from needs need empty whole link outside folder
""".split())


def _field_names() -> set[str]:
    names: set[str] = set()
    for item in vars(model).values():
        if isinstance(item, type) and issubclass(item, BaseModel):
            names |= set(item.model_fields)
    return names


FIELD_NAMES = frozenset(_field_names())
# Quoted values, code, tags, paths and anything with a digit or _: the editor's own words.
_VERBATIM = re.compile(r"%\([a-z_]+\)[sr]|«[^»]*»|\"[^\"]*\"|'[^']*'|`[^`]*`|<[^>]*>|\{[^}]*\}|\S*[/._\\\d@:]\S*")


def english_words(message: str) -> set[str]:
    """English words in a message, beside field names, values and paths."""
    text = _VERBATIM.sub(" ", message)
    return {word for word in re.findall(r"[A-Za-zÆØÅæøå-]+", text)
            if word.lower() in ENGLISH and word not in FIELD_NAMES}


def assert_norwegian(messages: Iterable[str], language: str) -> None:
    """In an nb or nn run, no message has an English word (an untranslated text)."""
    if language == "en":
        return
    leftovers = {message: words for message in messages if (words := english_words(message))}
    assert not leftovers, f"English in a {language} run: {leftovers}"


def problems_in_every_language(root: Path) -> list[str]:
    """The loader's problems for the site in `root`, as English text for the assertions;
    the same problems (file, line, field) are found in nb and nn, none in English words."""
    import pytest

    from verksted_plugin.language.i18n import forced_language
    from verksted_plugin.records.load import load_dataset
    from verksted_plugin.records.problems import DataError

    found: dict[str, list[Problem]] = {}
    for language in LANGUAGES:
        with forced_language(language), pytest.raises(DataError) as caught:
            load_dataset(root / "data", root / "docs", display_root=root)
        found[language] = caught.value.problems
    places = {language: [(p.file, p.line, p.field) for p in problems]
              for language, problems in found.items()}
    assert places["nb"] == places["nn"] == places["en"]
    for language in ("nb", "nn"):
        assert_norwegian([p.message for p in found[language]], language)
    return [str(p) for p in found["en"]]
