"""The tool's own messages (errors, warnings, `verksted` output and help) in nb, nn and en.

The texts live in one YAML catalogue per language beside the site labels
(`language/labels/messages/{nb,nn,en}.yml`), with named `{placeholders}`. The language is the
site's (`language:` in municipality.yml), bokmål before that file is read or when it is
broken; `verksted --lang` and the environment variable `VERKSTED_LANG` override it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

import yaml
from babel.numbers import format_decimal

from .labels import LABELS_DIR

MESSAGES_DIR = LABELS_DIR / "messages"
LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"
ENV_VARIABLE = "VERKSTED_LANG"

# None until a command, a build or the loader chooses: then `--lang`, VERKSTED_LANG or bokmål.
_current: ContextVar[str | None] = ContextVar("verksted_message_language", default=None)
_forced: ContextVar[str | None] = ContextVar("verksted_forced_language", default=None)


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every message of one language; a missing file or key is a bug the tests catch."""
    with (MESSAGES_DIR / f"{language}.yml").open(encoding="utf-8") as handle:
        return {str(key): str(value) for key, value in yaml.safe_load(handle).items()}


def current_language() -> str:
    return _current.get() or preset_language()


def tr(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with its `{placeholders}` filled in."""
    return catalogue(current_language())[key].format(**values)


def tr_n(key: str, count: int, /, **values: object) -> str:
    """A message that counts: `key_one` for 1, `key_other` otherwise; `{n}` is the count."""
    form = "one" if count == 1 else "other"
    return tr(f"{key}_{form}", n=count, **values)


def number(value: int) -> str:
    """A count written the current language's way: 1,000,000 / 1 000 000."""
    return format_decimal(value, locale=current_language())


class Message(ValueError):
    """A validator's complaint as a catalogue key; it reads in the language current when shown."""

    def __init__(self, key: str, /, *, at_field: str | None = None, **values: object) -> None:
        self.key = key
        self.at_field = at_field  # a record-wide check that concerns one field: shown there
        self.values = values
        super().__init__(key)

    def __str__(self) -> str:
        return tr(self.key, **self.values)


def normal_language(value: object) -> str | None:
    """`nb`, `nn` or `en` from a setting (any case, spaces around); None if it is none of them."""
    text = str(value or "").strip().lower()
    return text if text in LANGUAGES else None


def overriding_language() -> str | None:
    """`--lang`, else `VERKSTED_LANG`: what wins over the site's own language, if set."""
    return _forced.get() or normal_language(os.environ.get(ENV_VARIABLE))


def preset_language() -> str:
    """The language before any data is read: `--lang`, `VERKSTED_LANG` or bokmål."""
    return overriding_language() or DEFAULT_LANGUAGE


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Messages made inside the block are in `language`."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def forced_language(language: str | None) -> Iterator[None]:
    """`verksted --lang`: wins over `VERKSTED_LANG` and the site's language inside the block."""
    token = _forced.set(language)
    try:
        yield
    finally:
        _forced.reset(token)
