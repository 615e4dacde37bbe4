"""Our copies of Material partials differ from the installed Material only by our changes.

Each copy in templates/theme/partials/ fixes one accessibility or HTML problem (its header
says which). Undoing that change must give Material's file back exactly; when Material is
upgraded and its partial changes, this fails, and the copy must be made again from the
new file.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

THEME = Path(__file__).resolve().parents[1] / "plugins/verksted_plugin/pages/templates/theme"
OURS = THEME / "partials"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MATERIAL = MATERIAL_TEMPLATES / "partials"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)

TOC_OURS = """    {% if nav_item is defined %}
      <label class="md-nav__title" for="__toc">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </label>
    {% else %}
      <div class="md-nav__title">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </div>
    {% endif %}
"""
TOC_MATERIAL = """    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>
"""


# issue 11: a partial whose HTML is shared between pages is wrapped in a memo (theme_memo.py).
MEMO_START = re.compile(r"\A\{% (?:set verksted_key|if verksted_partials|set verksted_toc_key) "
                        r".*?\{% set verksted_(?:nav|search|toc) %\}")
MEMO_END = re.compile(r"\{% endset %\}\{\{ verksted_[^\n]*\{% endif %\}\n\Z")


def _unmemo(text: str) -> str:
    return MEMO_END.sub("\n", MEMO_START.sub("", text))


def _undo(name: str, text: str) -> str:
    """Our file with our change taken out again."""
    if name == "search.html":
        text = _unmemo(text)
        return text.replace(' aria-label="{{ lang.t(\'verksted.search_dialog\') }}"', "")
    if name == "nav.html":
        return _unmemo(text)
    if name == "toc.html":
        return _unmemo(text).replace(TOC_OURS, TOC_MATERIAL)
    if name == "header.html":
        text = re.sub(r'<span class="verksted-header-button"[^>]*>', "", text)
        return text.replace("</span></label>", "</label>")
    if name == "nav-item.html":
        return re.sub(r' *<span class="verksted-visually-hidden">[^\n]*</span>\n', "", text)
    if name == "partials/post.html":
        return re.sub(r'(<nav class="md-post__action") aria-label="[^"]*"', r"\1", text)
    if name == "blog-post.html":
        return re.sub(r'(<nav class="md-nav md-nav--primary") aria-label="[^"]*"', r"\1", text)
    raise AssertionError(f"{name}: say here how to undo our change")


COPIES = ["search.html", "toc.html", "header.html", "nav-item.html", "nav.html"]
# Copies outside partials/, named from the theme folder: the blog's landmarks get names.
OTHER_COPIES = ["partials/post.html", "blog-post.html"]


@pytest.mark.parametrize("name", COPIES + OTHER_COPIES)
def test_copy_is_materials_file_plus_our_change(name: str) -> None:
    relative = name if "/" in name or name in OTHER_COPIES else f"partials/{name}"
    ours = (THEME / relative).read_text(encoding="utf-8")
    assert ours.startswith("{#- verksted:"), "the header must say what the copy changes"
    original = LEADING_COMMENT.sub("", (MATERIAL_TEMPLATES / relative).read_text(encoding="utf-8"))
    undone = _undo(name, LEADING_COMMENT.sub("", ours))
    assert undone != LEADING_COMMENT.sub("", ours), "our change is no longer in the copy"
    assert undone == original


def test_every_copied_partial_is_checked() -> None:
    ours = {p.name for p in OURS.glob("*.html")} & {p.name for p in MATERIAL.glob("*.html")}
    # copyright.html and language.html are written anew, not copied.
    assert ours - {"copyright.html", "language.html"} == set(COPIES) | {"post.html"}
    top = {p.name for p in THEME.glob("*.html")} & {p.name for p in MATERIAL_TEMPLATES.glob("*.html")}
    # main.html only extends base.html to add our <head> partial; it is not a copy.
    assert top - {"main.html"} == {"blog-post.html"}
