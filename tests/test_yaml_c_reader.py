"""libyaml (PyYAML's C parser) reads a record exactly as the pure-Python loader does.

The C reading is only a speed-up: wherever it answers, its data, key lines and duplicate
keys equal the pure reading's; wherever the pure loader refuses (anchors, aliases, deep
nesting, forbidden characters, syntax errors) the C reading steps aside, so every message
still comes from the pure loader.
"""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from test_fuzz_loader import FUZZ, KINDS, file_contents
from test_hostile_files import BILLION_LAUGHS
from verksted_plugin.records.yamlread import YamlSyntaxError, parse_yaml_fast, parse_yaml_pure

REPO = Path(__file__).resolve().parents[1]


def same_as_pure(text: str) -> bool:
    """True when the C reading answered; fails the test if its answer differs."""
    fast = parse_yaml_fast(text)
    if fast is None:
        return False
    pure = parse_yaml_pure(text)  # raises YamlSyntaxError if the C reading accepted too much
    assert (repr(fast.data), fast.lines, fast.duplicate_keys) == \
        (repr(pure.data), pure.lines, pure.duplicate_keys)
    return True


def test_libyaml_is_there() -> None:
    assert yaml.__with_libyaml__, "PyYAML without libyaml: the loader falls back to pure Python"


def test_the_sample_records_are_read_by_c_and_equal() -> None:
    files = sorted((REPO / "data").rglob("*.yml")) + sorted((REPO / "data").rglob("*.md"))
    assert len(files) >= 7
    for path in files:
        text = path.read_text("utf-8")
        if path.suffix == ".md":
            text = frontmatter.YAMLHandler().split(text)[0]
        assert same_as_pure(text), path


@pytest.mark.parametrize("text", [
    BILLION_LAUGHS.split("---")[1],
    "a: &x 1\n", "a: 1\nb: *x\n", "{a:&x 1}\n", "a: [&x 1]\n", "- &x\n  b: 1\n- *x\n",
    "x: " + "[" * 40 + "]" * 40, "x: " + "[" * 100_000 + "]" * 100_000,
    "x:\n" + "".join("  " * depth + "b:\n" for depth in range(1, 40)),
    "a: \x07\n", "a: b: c\n", "a: 1\na: 2\n", "---\na: 1\n---\nb: 2\n", "a:\t1\n",
    "a: 1\r\nb:\r\n  - 2\r\n", "\ufeffa: 1\n", "a: x\u0085b\n", "a: 'x\r\n\n y'\n", "? a\n: 1\n",
    "questions: [Hva nå?]\n", "a: {b: c?}\n",
])
def test_what_the_pure_loader_judges_is_left_to_it(text: str) -> None:
    assert parse_yaml_fast(text) is None or same_as_pure(text)
    try:
        parse_yaml_pure(text)
    except YamlSyntaxError:
        assert parse_yaml_fast(text) is None


@FUZZ
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data())
def test_generated_records_read_the_same(kind: str, data: st.DataObject) -> None:
    raw = data.draw(file_contents(kind))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        parse_yaml_pure(text)
    except YamlSyntaxError:
        assert parse_yaml_fast(text) is None
        return
    same_as_pure(text)
