"""Pages without the theme's indentation: a third of a page's bytes, nothing a reader sees.

Material's templates indent deeply and leave many blank lines. Between elements, and in
running text, a line break followed by more white space shows exactly as one line break
does, so each such run becomes a single line break. Inside `<pre>`, `<code>`, `<textarea>`,
`<script>` and `<style>` white space may matter: those are left as they are. Only spaces,
tabs and line breaks are touched (a no-break space is content).
"""

from __future__ import annotations

import re

_RUN = re.compile(r"(<(pre|code|textarea|script|style)\b.*?</\2\s*>)|\n[ \t\r\n]+",
                  re.DOTALL | re.IGNORECASE)


def collapse_whitespace(html: str) -> str:
    return _RUN.sub(lambda m: m.group(1) or "\n", html)
