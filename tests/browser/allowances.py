"""The one place where a checker's finding is let through, each with its reason.

Nothing else in the browser tests may disable an axe rule or drop a vnu message.
"""

from __future__ import annotations

# axe-core rules switched off for the whole site: none. Every violation found so far was
# fixed in verksted.css or the theme partials instead.
AXE_DISABLED_RULES: dict[str, str] = {}

# Nu HTML Checker messages that are upstream, harmless and not ours to fix:
# (start of the message, text that must appear in the offending markup) -> reason.
VNU_ALLOWED: dict[tuple[str, str], str] = {
    ("Attribute “autocomplete” is only allowed when the input type is",
     'class="md-toggle"'):
        "Material's base.html puts autocomplete=\"off\" on its two hidden drawer/search "
        "toggle checkboxes so Firefox does not reopen the drawer or search after Back. "
        "Current HTML no longer allows the attribute on checkboxes; browsers and assistive "
        "technology ignore it there. Removing it would mean copying all of base.html.",
}


def vnu_allowed(message: str, extract: str) -> bool:
    return any(message.startswith(start) and marker in extract
               for start, marker in VNU_ALLOWED)
