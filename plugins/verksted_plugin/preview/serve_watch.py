"""`mkdocs serve` notices a saved record at once.

MkDocs watches files by polling every 0.5 s, so a saved workshop would wait 0.25 s on
average (up to 0.5 s) before the rebuild even starts: a quarter to a half of the one second
an editor should wait at 100 workshops. The data folder gets the platform's own file
notifications instead (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on
Windows: watchdog's `Observer`), a separate observer with MkDocs' own handler, so a save
starts the rebuild as MkDocs' polling would, only without the wait. Only changes count:
watchdog also reports files opened and closed unwritten, which the rebuild itself does.
Told of each write as it happens, MkDocs needs to wait less for a save's last write
before it rebuilds (its `build_delay`: 0.1 s after the last change): 0.05 s.

Where the platform has none, or refuses another watch (Linux's inotify watch limit), the
folder is polled every 0.25 s (a folder of a thousand records is read in a few
milliseconds): watchdog's polling observer gives each watch the interval it holds when
the watch is added, so that is set around our one watch and put back right after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver, PollingObserverVFS

DATA_POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.05  # MkDocs' build_delay: a save's writes come microseconds apart
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileDeletedEvent,
           FileMovedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def watch_data_folder(server: Any, folder: Path) -> BaseObserver | None:
    """Rebuild when a file under `folder` changes; the notifying observer started for it,
    to stop when serving ends (None when the folder is polled by MkDocs' own observer)."""
    native = _native_observer(folder)
    if native is not None:
        polling = server.observer
        server.observer = _Changes(native)  # MkDocs schedules its handler on `observer`
        try:
            server.watch(str(folder))
        finally:
            server.observer = polling
        if isinstance(getattr(server, "build_delay", None), int | float):
            server.build_delay = min(server.build_delay, SETTLE_SECONDS)
        return native
    observer = getattr(server, "observer", None)
    before = getattr(observer, "_timeout", None)
    if not isinstance(before, int | float) or before <= DATA_POLL_SECONDS:
        server.watch(str(folder))  # another watchdog or MkDocs: its own interval
        return None
    observer._timeout = DATA_POLL_SECONDS  # type: ignore[union-attr]
    try:
        server.watch(str(folder))
    finally:
        observer._timeout = before  # type: ignore[union-attr]
    return None


def _native_observer(folder: Path) -> BaseObserver | None:
    """A started observer that is told of changes by the system, if it can watch `folder`."""
    if issubclass(Observer, PollingObserver | PollingObserverVFS):  # watchdog's fallback
        return None
    try:
        observer = Observer()  # on Linux an inotify instance: there may be none left
    except OSError:
        return None
    try:
        observer.start()
        probe = observer.schedule(FileSystemEventHandler(), str(folder), recursive=True,
                                  event_filter=CHANGES)
        observer.unschedule(probe)
    except OSError:  # e.g. no inotify watches left
        observer.stop()
        return None
    return observer


class _Changes:
    """The observer as MkDocs' `watch` sees it: what it schedules hears only of changes."""

    def __init__(self, observer: BaseObserver) -> None:
        self._observer = observer

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False
                 ) -> Any:
        return self._observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
