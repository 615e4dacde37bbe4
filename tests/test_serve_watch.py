"""`mkdocs serve` polls the data folder every 0.25 s (MkDocs' own watches stay at 0.5 s)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from verksted_plugin.serve_watch import DATA_POLL_SECONDS, watch_data_folder


def test_the_data_folder_is_polled_twice_as_often_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    try:
        server.watch(str(tmp_path / "docs"))  # what MkDocs watches before on_serve
        watch_data_folder(server, tmp_path / "data")
        server.watch(str(tmp_path / "mkdocs.yml"))  # and after (a file: its folder is polled)
        server.observer.start()
        intervals = {Path(emitter.watch.path).name: emitter.timeout
                     for emitter in server.observer.emitters}
        assert intervals == {"docs": 0.5, "data": DATA_POLL_SECONDS, tmp_path.name: 0.5}
    finally:
        server.observer.stop()
        server.server_close()
