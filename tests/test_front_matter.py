"""front_matter.title_front_matter writes what PyYAML writes, for generated titles."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verksted_plugin.pages import front_matter

_TITLE = st.text(alphabet="aAzæøåÉü09 ,.()/«»–-:#'\"&;!?\t_~" + "yesnoNOYtrul", max_size=70)
_WORDS = st.lists(st.sampled_from(["Verksted", "12", "om", "visjon", "NO", "yes", "Null",
                                   "«Barn", "unge»", "–", "(2)", "a/b", "1.5", "2020-01-02",
                                   "x" * 30, "on", "Off", "~", "0x1F", "1_000", ".inf"]),
                  min_size=1, max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(title=st.one_of(_TITLE, _WORDS))
def test_titles_are_written_as_pyyaml_writes_them(title: str) -> None:
    assert front_matter.title_front_matter(title) == yaml.safe_dump({"title": title},
                                                                    allow_unicode=True)


def test_a_plain_title_takes_the_short_way() -> None:
    assert front_matter._PLAIN.fullmatch("Verksted 12 om «visjon» – del 2")
