"""The front page's "what happens now": a hand-written page's `<!-- verksted:now -->` line.

The municipality writes its own front page; where it puts the line, the build puts what
happens now (PageBuilder.now_section, templates/verksted/now.md.j2): the open activities
with their deadlines, the next workshop, where each plan stands and the newest Aktuelt
posts. The text around the line stays as written. The line is an HTML comment, so the page
reads the same without the plugin (and the line shows nothing where nothing is happening).
A line inside a fenced code block is an example, not the marker: it is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MARKER = "<!-- verksted:now -->"
# A fence opens with three or more backticks or tildes (up to three spaces in) and closes
# with at least as many of the same character.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# The marker alone on its line; four spaces in, it is an indented code block's text.
_LINE = re.compile(rf" {{0,3}}{re.escape(MARKER)}[ \t\r]*")


def has_now_marker(markdown: str) -> bool:
    """Whether the page may have the line (cheap: every hand-written page is asked)."""
    return MARKER in markdown


def with_now_section(markdown: str, section: Callable[[], str]) -> str:
    """`markdown` with each line that is the marker alone replaced by `section()` (made
    once, only if a marker is found), set apart by blank lines as a block of its own."""
    if not has_now_marker(markdown):
        return markdown
    lines = markdown.split("\n")
    fence: str | None = None
    made: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and \
                    len(opening.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if _LINE.fullmatch(line):
            if made is None:
                made = section().strip("\n")
            lines[index] = f"\n{made}\n" if made else ""
    return "\n".join(lines)
