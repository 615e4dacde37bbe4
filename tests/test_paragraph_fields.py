"""Fields of plain paragraphs skip Python-Markdown and nh3 (paragraph_fields.py): the HTML
must be, byte for byte, what the site's converter and nh3 make of them.

Generated texts, for several sites' extension lists: whenever the shortcut takes a text,
its HTML is compared with markdown_fields.FieldRenderer's long way (the site's extensions,
MkDocs' link rules, nh3). Texts mixing words with Markdown and HTML syntax check that the
shortcut leaves alone what it must; texts of sentences check that it is really taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from verksted_plugin.adapter.field_html import FieldRenderer
from verksted_plugin.pages import paragraph_fields
from verksted_plugin.pages.markdown_fields import FieldStore

SITES: dict[str, list[Any]] = {
    "sample": [{"toc": {"permalink": True}}, "admonition", "md_in_html", "attr_list",
               "pymdownx.highlight", "pymdownx.superfences",
               {"pymdownx.snippets": {"check_paths": True}}],
    "minimal": ["toc", "admonition", "md_in_html", "attr_list"],
    "every quiet one": [*sorted(paragraph_fields.QUIET_EXTENSIONS - {"pymdownx.superfences"}),
                        {"pymdownx.superfences": {"custom_fences": [
                            {"name": "mermaid", "class": "mermaid",
                             "format": "pymdownx.superfences.fence_code_format"}]}}],
}


@pytest.fixture(scope="module", params=list(SITES))
def renderer(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[FieldRenderer, File]:
    root: Path = tmp_path_factory.mktemp("site")
    (root / "docs" / "verksteder").mkdir(parents=True)
    (root / "docs" / "verksteder" / "a.md").write_text("# A\n", "utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(
        {"site_name": "x", "markdown_extensions": SITES[request.param]}), "utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    page = File("verksteder/a.md", config.docs_dir, config.site_dir, True)
    fields = FieldRenderer(FieldStore(), config, Files([page]))
    assert fields._paragraphs  # the sites above are all ones the shortcut is for
    return fields, page


_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåABCÆØÅéüß"
_WORD = st.text(alphabet=_LETTERS + "0123456789²", min_size=1, max_size=8).filter(
    lambda word: word[0].isalpha())
# What may stand between words in running text.
_GAP = st.sampled_from([" ", " ", ", ", ". ", " – ", "—", "\u00a0", " (", ") ", "'", '"',
                        " 50 % ", "/", "@", ": ", "? ", "! ", "…", " «", "» ", "-", ";"])
# Markup, line structure and characters a Markdown extension or nh3 may act on.
_SYNTAX = st.sampled_from(["\n", "\n\n", "\n\n\n", "  \n", " \n", "\t", "*", "**", "_", "<",
                           ">", "&", "&amp;", "#", "1. ", "- ", "[", "]", "(", "`", "=", "==",
                           "\\", ":", "|", "~", "^", "+", "{: .x }", "<b>", "http://a.no",
                           "\n    ", "\n: ", "\n---", "\n===", "*[A]: b", "[^1]", " ", "\r",
                           "\x00", "\u2028", "!!! note", "\x02", "&nbsp;", "\ufeff"])

_SENTENCE = st.builds(lambda first, rest: first + "".join(g + w for g, w in rest),
                      _WORD, st.lists(st.tuples(_GAP, _WORD), max_size=12))
_PLAIN = st.builds(lambda paras: "\n\n".join("\n".join(lines) for lines in paras),
                   st.lists(st.lists(_SENTENCE, min_size=1, max_size=3), min_size=1,
                            max_size=3))
_MIXED = st.builds(lambda parts: "".join(parts),
                   st.lists(st.one_of(_WORD, _GAP, _SYNTAX), min_size=1, max_size=25))

_SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(text=_PLAIN)
def test_sentences_take_the_shortcut_and_read_the_same(
        renderer: tuple[FieldRenderer, File], text: str) -> None:
    fields, page = renderer
    fast = paragraph_fields.field_html(text)
    assert fast is not None
    assert fast == fields.converted(text, page)


@_SETTINGS
@given(text=_MIXED)
def test_whatever_the_shortcut_takes_reads_the_same(
        renderer: tuple[FieldRenderer, File], text: str) -> None:
    fields, page = renderer
    text = text.strip()  # as the page templates' `|md` stores it
    fast = paragraph_fields.field_html(text)
    if fast is not None:
        assert fast == fields.converted(text, page)


@pytest.mark.parametrize("extensions, configs", [
    (["toc", "smarty"], {}), (["nl2br"], {}), (["pymdownx.magiclink"], {}),
    (["pymdownx.emoji"], {}), (["pymdownx.smartsymbols"], {}),
    (["abbr"], {"abbr": {"glossary": {"HTML": "Hyper Text"}}}),
    ([{"admonition": {}}], {}),  # not a name: cannot tell what it is
])
def test_sites_with_an_extension_that_reads_plain_words_take_the_long_way(
        extensions: list[Any], configs: dict[str, Any]) -> None:
    assert not paragraph_fields.usable(extensions, configs)
    assert paragraph_fields.usable(["toc", "admonition", "attr_list"], {})
