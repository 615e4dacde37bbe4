"""`mkdocs serve` notices a saved record twice as soon.

MkDocs watches files by polling every 0.5 s, so a saved workshop waits 0.25 s on average
(up to 0.5 s) before the rebuild even starts: a quarter of the one second an editor
should wait at 100 workshops. The data folder is polled every 0.25 s instead (a folder of
a thousand records is read in a few milliseconds). MkDocs has no setting for it; watchdog's
observer gives each watch the interval it holds when the watch is added, so that is set
around our one watch, when the observer has it, and put back right after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_POLL_SECONDS = 0.25


def watch_data_folder(server: Any, folder: Path) -> None:
    observer = getattr(server, "observer", None)
    before = getattr(observer, "_timeout", None)
    if not isinstance(before, int | float) or before <= DATA_POLL_SECONDS:
        server.watch(str(folder))  # another watchdog or MkDocs: its own interval
        return
    observer._timeout = DATA_POLL_SECONDS  # type: ignore[union-attr]
    try:
        server.watch(str(folder))
    finally:
        observer._timeout = before  # type: ignore[union-attr]
