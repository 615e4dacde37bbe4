"""Pages without the theme's indentation: a third of a page's bytes, nothing a reader sees.

Material's templates indent deeply and leave many blank lines. Between elements, and in
running text, a line break followed by more white space shows exactly as one line break
does, so each such run becomes a single line break. Inside `<pre>`, `<code>`, `<textarea>`,
`<script>` and `<style>` white space may matter: those are left as they are. Only spaces,
tabs and line breaks are touched (a no-break space is content).
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(r"\n[ \t\r\n]+")


def collapse_whitespace(html: str) -> str:
    return collapsed_and_kept(html)[0]


def collapsed_and_kept(html: str) -> tuple[str, list[str]]:
    """The collapsed page, and the kept elements' text in page order (csp.py hashes the
    scripts among them instead of searching the page for them a second time)."""
    # The text between the kept elements is collapsed with a plain replacement string:
    # a Python function called for each of a page's thousands of runs cost far more.
    parts: list[str] = []
    kept_texts: list[str] = []
    at = 0
    for kept in _KEPT.finditer(html):
        parts.append(_RUN.sub("\n", html[at:kept.start()]))
        kept_texts.append(kept.group(0))
        parts.append(kept_texts[-1])
        at = kept.end()
    parts.append(_RUN.sub("\n", html[at:]))
    return "".join(parts), kept_texts
