"""`mkdocs serve` hears of a saved record from the system (inotify here) at once, and of
nothing but changes: the rebuild reads the records, and that must not start another."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from verksted_plugin.preview import serve_watch
from verksted_plugin.preview.serve_watch import DATA_POLL_SECONDS, SETTLE_SECONDS, watch_data_folder


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    """Whether MkDocs' own handler asked for a rebuild within `within` seconds."""
    with server._rebuild_cond:
        wanted = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)
        server._want_rebuild = False
    return bool(wanted)


def test_a_saved_record_is_heard_at_once_and_reading_one_is_not(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "workshops").mkdir(parents=True)
    record = tmp_path / "data" / "workshops" / "a.md"
    record.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    observer = watch_data_folder(server, tmp_path / "data")
    try:
        assert observer is not None  # Linux has inotify: no polling for the data folder
        assert server.observer.emitters == set()  # nothing of ours on MkDocs' polling observer
        assert server.build_delay == SETTLE_SECONDS
        record.read_text("utf-8")  # what a rebuild does: opened, closed unwritten
        assert not _wants_rebuild(server, 0.3)
        began = time.perf_counter()
        record.write_text("---\ntitle: B\n---\n", encoding="utf-8")
        assert _wants_rebuild(server, 2)
        assert time.perf_counter() - began < DATA_POLL_SECONDS  # sooner than any poll
        (tmp_path / "data" / "workshops" / "b.md").write_text("x", encoding="utf-8")
        assert _wants_rebuild(server, 2)
        record.unlink()
        assert _wants_rebuild(server, 2)
    finally:
        if observer is not None:
            observer.stop()
        server.server_close()


def test_without_notifications_the_data_folder_is_polled_twice_as_often(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve_watch, "_native_observer", lambda folder: None)  # a platform without
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    try:
        server.watch(str(tmp_path / "docs"))  # what MkDocs watches before on_serve
        assert watch_data_folder(server, tmp_path / "data") is None
        server.watch(str(tmp_path / "mkdocs.yml"))  # and after (a file: its folder is polled)
        server.observer.start()
        intervals = {Path(emitter.watch.path).name: emitter.timeout
                     for emitter in server.observer.emitters}
        assert intervals == {"docs": 0.5, "data": DATA_POLL_SECONDS, tmp_path.name: 0.5}
        assert server.build_delay == 0.1  # MkDocs' own: polled files can be caught mid-write
    finally:
        server.observer.stop()
        server.server_close()
