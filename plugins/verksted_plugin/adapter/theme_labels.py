"""Theme strings Material prints that our own labels replace (the skip link, the names of
the search dialog and of the header's menu and search buttons).

Material takes these from its language files; the law's wording ("Hopp til hovedinnhold")
and the site's language come from our labels instead. The theme partial
`partials/language.html` looks keys up here before Material's own files.
"""

from __future__ import annotations

from ..language.labels import Labels

# Material's key (or a `verksted.` key our partials ask for) -> our label key.
MATERIAL_KEYS = {
    "action.skip": "skip_to_content",
    "verksted.search_dialog": "search_dialog",
    "verksted.menu": "menu",
    "verksted.search_open": "search_open",
}


def theme_labels(language: str) -> dict[str, str]:
    """Material key -> the site's own text, HTML-escaped (the theme's env does not escape)."""
    t = Labels(language)
    return {material: str(t(ours)) for material, ours in MATERIAL_KEYS.items()}
