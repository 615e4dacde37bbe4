"""Labels with `{name}` fields filled in without string.Formatter.

`Markup(escape(text)).format(**values)` runs Python's string.Formatter through markupsafe's
EscapeFormatter: some 15 µs a label, and a workshop page fills a dozen. A label's text is
taken apart once; filling it in escapes each value as EscapeFormatter does for a field
without format spec or conversion: a `Markup` value stays as it is, a `str` is HTML-escaped,
an `int` written in digits. Any other field (`{0}`, `{a.b}`, `{n:>3}`, `{n!r}`) or value
type goes to markupsafe itself. tests/test_label_format.py compares the two on generated
labels and values.

`plain` is the same label for outputs that are not HTML (calendars, feeds, share cards,
JSON): text as written, which the output's own serializer escapes once.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache

from markupsafe import Markup, escape

_PARSER = string.Formatter()
_Parts = tuple[tuple[str, str | None], ...]


@lru_cache(maxsize=4096)
def _parts(text: str) -> tuple[Markup, _Parts | None]:
    """The escaped label, and its literal parts and field names (None: not simple fields)."""
    template = Markup(escape(text))
    try:
        parsed = list(_PARSER.parse(template))
    except ValueError:
        return template, None
    parts = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (not name.isidentifier() or spec or conversion):
            return template, None
        parts.append((literal, name))
    return template, tuple(parts)


def fill(text: str, values: Mapping[str, object]) -> Markup:
    """`Markup(escape(text)).format(**values)`, the same bytes."""
    template, parts = _parts(text)
    if parts is None:
        return template.format(**values)
    out: list[str] = []
    for literal, name in parts:
        out.append(literal)
        if name is None:
            continue
        value = values.get(name, _MISSING)
        kind = type(value)
        if kind is Markup:
            out.append(value)  # type: ignore[arg-type]
        elif kind is str:
            out.append(escape(value))
        elif kind is int:
            out.append(str(value))
        else:  # missing, or a type whose formatting markupsafe decides
            return template.format(**values)
    return Markup("".join(out))


_MISSING = object()


def plain(text: str, values: Mapping[str, object]) -> str:
    """The label with `values` filled in as plain text: nothing escaped. A `Markup` value
    (another label) is turned back into the text it shows."""
    if not values and "{" not in text and "}" not in text:
        return text
    return text.format_map({name: as_plain(value) for name, value in values.items()})


def as_plain(value: object) -> object:
    """A value for a plain-text label: HTML (`Markup`) as the text it shows, tags dropped."""
    return value.striptags() if isinstance(value, Markup) else value
