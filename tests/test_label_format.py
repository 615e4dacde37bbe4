"""label_format.fill gives what markupsafe's `Markup(escape(text)).format(**values)` gives,
for every label of the three languages and for generated labels and values; label_format.plain
gives the same text unescaped, for outputs that are not HTML."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from verksted_plugin.language.label_format import fill, plain
from verksted_plugin.language.labels import labels_for

_NAMES = ["n", "date", "committee", "name", "a_b"]
_SIMPLE = st.sampled_from([f"{{{name}}}" for name in _NAMES])
_ODD = st.sampled_from(["{}", "{0}", "{n:>4}", "{n!r}", "{a.b}", "{{", "}}", "{n[0]}", "{",
                        "}", "{other}"])
_TEXT = st.lists(st.one_of(st.text(alphabet="ab <>&\"'.:!0", max_size=6), _SIMPLE, _SIMPLE,
                           _ODD), max_size=6).map("".join)
_VALUE = st.one_of(st.text(alphabet="ab<>&\"' ø", max_size=5),
                   st.text(alphabet="ab<>&\"' ø", max_size=5).map(Markup),
                   st.integers(-5, 1000), st.booleans(), st.none(), st.floats(0, 2),
                   st.text(max_size=3).map(escape))
_VALUES = st.dictionaries(st.sampled_from(_NAMES), _VALUE, min_size=3, max_size=5)


def outcome(call: object, *args: object) -> tuple[str, object]:
    try:
        result = call(*args)  # type: ignore[operator]
    except Exception as error:  # both ways must fail alike
        return "error", (type(error), str(error))
    assert type(result) is Markup
    return "html", str(result)


def markupsafe_way(text: str, values: dict[str, object]) -> Markup:
    return Markup(escape(text)).format(**values)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=_TEXT, values=_VALUES)
def test_generated_labels_fill_in_alike(text: str, values: dict[str, object]) -> None:
    assert outcome(fill, text, values) == outcome(markupsafe_way, text, values)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_label_fills_in_alike(language: str) -> None:
    values: dict[str, object] = {name: value for name, value in (
        ("n", 3), ("date", Markup("<time>1. mars</time>")), ("committee", "A & <B>"),
        ("name", "«Navn»"), ("start", "kl. 18.00"), ("end", "21.00"))}
    texts = labels_for(language)
    taken = 0
    for text in texts.values():
        if "{" in text:
            wanted = {name: values.get(name, "x<y") for name in
                      re.findall(r"\{(\w+)\}", text)}
            assert outcome(fill, text, wanted) == outcome(markupsafe_way, text, wanted)
            taken += 1
    assert taken > 20


_PLAIN_VALUE = st.one_of(st.text(alphabet="ab<>&\"' ø;", max_size=5), st.integers(-5, 1000))
_PLAIN_VALUES = st.dictionaries(st.sampled_from(_NAMES), _PLAIN_VALUE, min_size=3, max_size=5)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=_TEXT, values=_PLAIN_VALUES)
def test_a_plain_label_is_the_html_label_unescaped(text: str, values: dict[str, object]) -> None:
    """Plain text for calendars, feeds and share cards: what the page shows, escaped nowhere.
    (Where markupsafe refuses a label, `{n:>4}` with text, no label of ours is like it.)"""
    try:
        html = fill(text, values)
    except (ValueError, LookupError, AttributeError, TypeError):
        return
    result = plain(text, values)
    assert type(result) is str
    assert result == html.unescape()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_label_is_plain_text_as_written(language: str) -> None:
    values = {"n": 3, "committee": "A & <B>", "name": "«Navn» & co", "municipality": "Aure & Smøla"}
    for text in labels_for(language).values():
        wanted = {name: values.get(name, "x<y & z") for name in re.findall(r"\{(\w+)\}", text)}
        assert plain(text, wanted) == text.format(**wanted)
        assert "&amp;" not in plain(text, wanted) and "&lt;" not in plain(text, wanted)


def test_html_values_in_a_plain_label_are_the_text_they_show() -> None:
    assert plain("{a} og {b}", {"a": Markup("<time>1. mars</time>"), "b": Markup("A &amp; B")}) \
        == "1. mars og A & B"
