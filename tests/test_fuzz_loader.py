"""Property-based fuzzing: generated records thrown at the loader.

Whatever a file holds (wrong types, RTL and zero-width characters, emoji, NUL, very long
strings, broken front matter, random YAML, bytes that are not UTF-8, names written in
Markdown or with an attribute list, control characters, text that looks like a field's
placeholder), loading ends in a dataset or in problems that each name a file and a line:
never another exception, never a hang. Such names, escaped by the pages' one rule
(render.markdown_text), stay text wherever a page template can place them. `make test`
runs a fixed-seed budget; `make fuzz` runs VERKSTED_FUZZ_EXAMPLES (10,000) cases per
record kind.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COMMITTEE, METHOD, MUNICIPALITY, PLAN, WORKSHOP, render_field, write
from verksted_plugin.pages.markdown_fields import TOKEN
from verksted_plugin.pages.render import markdown_text
from verksted_plugin.records.load import Dataset, load_dataset
from verksted_plugin.records.problems import DataError

EXAMPLES = int(os.environ.get("VERKSTED_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, print_blob=True,
                deadline=timedelta(seconds=20),  # a hang fails; a busy machine does not
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

PARTIES = "parties:\n  - code: Lok\n    nb: Lokallista\n"
# Where each kind lives and a valid record to start mutating from.
KINDS: dict[str, tuple[str, str]] = {
    "municipality": ("data/municipality.yml", MUNICIPALITY),
    "parties": ("data/parties.yml", PARTIES),
    "plans": ("data/plans/samfunnsdel.yml", PLAN),
    "committees": ("data/committees/planutvalget.yml", COMMITTEE),
    "methods": ("data/methods/politisk-verksted.yml", METHOD),
    "workshops": ("data/workshops/2020-02-11-forste.md", WORKSHOP),
}

# Names as they are written to hurt: Markdown (links, images, emphasis, code, extensions'
# marks, list and heading markers), attribute lists, control characters (STX and ETX are
# Python-Markdown's own), and field placeholders, of the old form and the prefix alone.
MARKUP = ["[a](javascript:alert(1))", "![i](x.png)", "[^1]", "*", "**", "_", "`", "~~", "==",
          "^^", "++", "{: onclick=alert(1) .c }", "{#id}", "{", "}", "\\", "#", "1. ", "- ",
          "> ", "| a |", ":smile:", "$x$", "https://x.no", "www.x.no", "a@x.no", "--", "(c)",
          "1/2", "<b>", "</p>", "&amp;", "&#91;", "\x0b", "\x1b", "\x85", "\x02", "\x03",
          "\x7f", "\u2028", "verkstedmd", "verkstedmd" + "0" * 24, '--8<-- "x"', "    ", "!!! note"]
# Text people paste: right-to-left marks, zero-width joiners, emoji, NUL, markup, YAML syntax.
SPECIAL = ["\u202e", "\u200b", "\u200d", "\ufeff", "👩‍👩‍👧", "\x00", "\t", "\r", "\n", ":", "#",
           "---", "- ", "&a", "*a", "!!python/object", "{", "[", "'", '"', "<script>", "ø",
           "2020-02-11", "18:00", "no", "~", "%", "@", "|", ">", *MARKUP]
names = st.lists(st.sampled_from(MARKUP) | st.text(max_size=5), min_size=1, max_size=12).map(
    "".join)
texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=5), max_size=12).map("".join),
    names,
    st.integers(1, 4).map(lambda n: "x" * (2_000 * n)),
)
scalars = st.one_of(texts, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(texts, inner, max_size=4), max_leaves=12)


def mutated(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The valid record with some fields replaced, dropped or added."""
    keys = sorted(base)
    return st.tuples(st.dictionaries(st.sampled_from(keys) | texts, values, max_size=4),
                     st.sets(st.sampled_from(keys))).map(
        lambda change: {**{k: v for k, v in base.items() if k not in change[1]}, **change[0]})


def as_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def file_contents(kind: str) -> st.SearchStrategy[bytes]:
    _, text = KINDS[kind]
    body = text.split("---", 2)[2] if kind == "workshops" else ""
    base = yaml.safe_load(text.split("---")[1] if kind == "workshops" else text)
    structured = mutated(base).map(as_yaml)
    random_yaml = values.map(as_yaml)
    cut = st.tuples(structured, st.integers(0, 400), texts).map(
        lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:])  # damaged somewhere in the middle
    documents = st.one_of(structured, random_yaml, cut, texts)
    if kind == "workshops":
        documents = st.one_of(
            st.tuples(documents, texts | st.just(body)).map(lambda t: f"---\n{t[0]}---\n{t[1]}"),
            st.tuples(documents, texts).map(lambda t: f"---\n{t[0]}{t[1]}"),  # never closed
            documents)
    return st.one_of(documents.map(lambda s: s.encode("utf-8", "surrogatepass")),
                     st.binary(max_size=200))


def valid_site(root: Path) -> Path:
    for _, (relative, text) in KINDS.items():
        write(root / relative, text)
    (root / "docs").mkdir(exist_ok=True)
    return root


def assert_dataset_or_problems(root: Path) -> None:
    try:
        dataset = load_dataset(root / "data", root / "docs", display_root=root)
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith("data/") and problem.line >= 1 and problem.message
            assert str(problem).startswith(f"{problem.file}:{problem.line}: ")
        return
    assert isinstance(dataset, Dataset)
    for warning in dataset.warnings:
        assert warning.file and warning.line >= 1 and warning.message


@pytest.mark.parametrize("kind", list(KINDS))
def test_loader_gives_a_dataset_or_problems(kind: str, tmp_path_factory: pytest.TempPathFactory
                                            ) -> None:
    root = valid_site(tmp_path_factory.mktemp(f"fuzz-{kind}"))
    target = root / KINDS[kind][0]

    @FUZZ
    @given(content=file_contents(kind))
    def loads(content: bytes) -> None:
        target.write_bytes(content)
        assert_dataset_or_problems(root)

    loads()


@FUZZ
@given(text=texts | st.lists(st.sampled_from(
    ["<script>", "</script>", "<img src=x onerror=a()>", "javascript:", "[a](", ")", "<iframe",
     "<a href='", "data:", "*", "\n\n", "<!--", "-->", "<svg onload=a()>", "&#", "{: onclick=x}"]
) | texts, max_size=15).map("".join))
def test_sanitized_field_never_carries_script(text: str) -> None:
    soup = BeautifulSoup(render_field(text), "lxml")
    assert not soup.find_all(["script", "iframe", "svg", "style", "object", "embed", "form"])
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        for name in ("href", "src"):
            address = re.sub(r"[\x00-\x20]", "", element.get(name, "")).lower()
            assert not address.startswith(("javascript:", "vbscript:", "data:")), element


# Every extension a site may turn on that acts on running text or a line's start.
EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "def_list", "tables", "abbr",
              "footnotes", "smarty", "sane_lists", "pymdownx.betterem", "pymdownx.tilde",
              "pymdownx.caret", "pymdownx.mark", "pymdownx.keys", "pymdownx.emoji",
              "pymdownx.magiclink", "pymdownx.smartsymbols", "pymdownx.superfences",
              "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.tasklist",
              "pymdownx.details", "pymdownx.critic", "pymdownx.arithmatex", "pymdownx.snippets"]
# (smartsymbols' 1st → 1<sup>st</sup> is typography of words, not markup a name can write.)
PAGE = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
    "toc": {"permalink": True}, "pymdownx.snippets": {"base_path": [], "check_paths": False},
    "pymdownx.smartsymbols": {"ordinal_numbers": False}})
# Where the page templates place a name: heading lines (alone and linked), HTML blocks, a
# paragraph and a list item of their own.
PLACES = '# {0}\n\n## <a href="x/">{0}</a>\n\n<p class="k">{0}</p>\n\n<ul>\n<li>{0}</li>\n</ul>\n\n{0}\n\n- {0}\n'
CONTAINERS = ["h1", "h2 > a[href='x/']", "p.k", "ul:first-of-type > li", "body > p:not(.k)",
              "ul:last-of-type > li"]


@FUZZ
@given(name=names.map(str.strip).filter(bool))
def test_an_escaped_name_is_text_wherever_a_page_places_it(name: str) -> None:
    escaped = markdown_text(name)
    assert not TOKEN.search(escaped)  # never a field's placeholder
    html = PAGE.reset().convert(PLACES.format(escaped))
    soup = BeautifulSoup(f"<body>{html}</body>", "html.parser")
    # Nothing but what the page itself wrote: no element, attribute or link from the name.
    made = [(e.name, sorted(e.attrs)) for e in soup.find_all(True)]
    assert {tag for tag, _ in made} == {"body", "h1", "h2", "a", "p", "ul", "li"}, made
    for element in soup.find_all(["h1", "h2", "li"]):
        assert set(element.attrs) <= {"id"}, element
    for link in soup.find_all("a"):
        assert link.get("href") == "x/" or link.get("class") == ["headerlink"], link
    # And it reads as written (control characters, which the model refuses, as U+FFFD).
    written = " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", name).split())
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    for where in CONTAINERS:
        [element] = soup.select(where)
        shown = " ".join(element.get_text().split())
        assert shown == written, (where, html)
