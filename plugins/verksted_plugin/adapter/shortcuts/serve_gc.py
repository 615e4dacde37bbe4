"""`mkdocs serve`: the objects that live through the whole session are left out of the
garbage collector's rounds.

A rebuild allocates a whole site's worth of objects, so Python's collector runs many
times in it, and each full round walks every object the process holds: the kept records,
pages, compiled templates and calendar events of the session as well (0.15–0.25 s of a
rebuild at 1,000 workshops, measured with `gc.callbacks`). After the first build those
are moved out of its reach (`gc.freeze`, meant for this: objects made once at start-up
and kept); a rebuild's rounds then walk what the rebuild made. The first build's own
pages and files, frozen with them, stay in memory once for the session instead of being
collected: one build's worth, never more, and once a process (a process running several
sessions, as the tests do, freezes after the first session's first build only).
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_after_first_build() -> None:
    """Called after each build of a `mkdocs serve` session; freezes after the first."""
    global _frozen
    if not _frozen:
        gc.collect()  # what the first build left over is not kept
        gc.freeze()
        _frozen = True
