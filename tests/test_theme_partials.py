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

OURS = Path(__file__).resolve().parents[1] / "plugins/verksted_plugin/templates/theme/partials"
MATERIAL = Path(material.__file__).parent / "templates" / "partials"
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


def _undo(name: str, text: str) -> str:
    """Our file with our change taken out again."""
    if name == "search.html":
        return text.replace(' aria-label="{{ lang.t(\'verksted.search_dialog\') }}"', "")
    if name == "toc.html":
        return text.replace(TOC_OURS, TOC_MATERIAL)
    if name == "header.html":
        text = re.sub(r'<span class="verksted-header-button"[^>]*>', "", text)
        return text.replace("</span></label>", "</label>")
    if name == "nav-item.html":
        return re.sub(r' *<span class="verksted-visually-hidden">[^\n]*</span>\n', "", text)
    raise AssertionError(f"{name}: say here how to undo our change")


COPIES = ["search.html", "toc.html", "header.html", "nav-item.html"]


@pytest.mark.parametrize("name", COPIES)
def test_copy_is_materials_file_plus_our_change(name: str) -> None:
    ours = (OURS / name).read_text(encoding="utf-8")
    assert ours.startswith("{#- verksted:"), "the header must say what the copy changes"
    original = LEADING_COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    undone = _undo(name, LEADING_COMMENT.sub("", ours))
    assert undone != LEADING_COMMENT.sub("", ours), "our change is no longer in the copy"
    assert undone == original


def test_every_copied_partial_is_checked() -> None:
    ours = {p.name for p in OURS.glob("*.html")} & {p.name for p in MATERIAL.glob("*.html")}
    # copyright.html and language.html are written anew, not copied.
    assert ours - {"copyright.html", "language.html"} == set(COPIES)
