"""`mkdocs serve` keeps generated pages between rebuilds (page_memo.py): never a stale one.

Two serve sessions run side by side the way `mkdocs serve` runs them (the plugin object kept
between rebuilds, a fresh configuration for each): a plain one and a `--dirty` one (`make
preview`). After each edit of a series that touches every kind of input a page has, both
must give what a fresh session's clean build of the same files gives, byte for byte: the
dirty preview too, its search index holding the pages it did not render again
(dirty_search.py) and a deleted workshop's page and calendar gone (dirty_pages.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image

from conftest import ENV
from test_series_site import series_site

FIRST = "data/workshops/2020-02-11-forste.md"
SECOND = "data/workshops/2020-03-10-andre.md"
PLANNED = "data/workshops/2099-02-09-fjerde.md"
ADDED = "data/workshops/2020-03-20-ekstra.md"
ACTIVITY = "data/activities/kall.yml"
# Open on the sessions' first day (14 November 2023), closed once the days pass (March 2024).
CALL = """\
title: Innspill om strandsona
kind: innspill
plan: samfunnsdel
start: "2023-01-01"
end: "2024-01-31"
themes: [Strandsona, Friluftsliv]
url: https://example.no/skjema
"""
SEARCH_INDEX = "search/search_index.json"


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Session:
    """One `mkdocs serve` process, without the web server: its own kept plugin objects."""

    def __init__(self, root: Path, out: Path, *, dirty: bool = False) -> None:
        self.root, self.out, self.dirty = root, out, dirty
        self._plugins: dict[str, Any] = {}
        with self._own_plugins():
            config = self._config()
            config.plugins.on_startup(command="serve", dirty=dirty)
            self.plugin: Any = config.plugins["verksted"]
            build(config)  # serve's first build is a full one

    @contextmanager
    def _own_plugins(self) -> Iterator[None]:
        cache = MkDocsConfig.plugins.plugin_cache
        saved = dict(cache)
        cache.clear()
        cache.update(self._plugins)
        try:
            yield
        finally:
            self._plugins = dict(cache)
            cache.clear()
            cache.update(saved)

    def _config(self) -> Any:
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.out))

    def rebuild(self) -> None:
        with self._own_plugins():
            config = self._config()
            assert config.plugins["verksted"] is self.plugin  # kept, as serve keeps it
            build(config, dirty=self.dirty)


@pytest.fixture(autouse=True)
def build_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_MKDOCS_2_WARNING", "VERKSTED_CACHE_DIR"):
        monkeypatch.setenv(name, ENV[name])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023
    monkeypatch.delenv("VERKSTED_NO_SPEEDUPS", raising=False)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_every_kind_of_edit_gives_a_clean_builds_output(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = series_site(tmp_path / "src").root
    # The front page says what happens now: with --dirty too, it follows every data edit.
    edit(root, "docs/index.md", "Velkommen.", "Velkommen.\n\n<!-- verksted:now -->")
    plain = Session(root, tmp_path / "plain")
    dirty = Session(root, tmp_path / "dirty", dirty=True)
    overrides = root / "overrides" / "verksted"
    package = Path(__file__).resolve().parents[1] / "plugins/verksted_plugin/pages/templates/verksted"

    def new_photo() -> None:
        Image.new("RGB", (800, 800), (10, 200, 30)).save(root / "docs/bilder/foto.jpg")

    def override() -> None:
        overrides.mkdir(parents=True, exist_ok=True)
        text = (package / "workshop.md.j2").read_text("utf-8")
        (overrides / "workshop.md.j2").write_text(text + "\nOverstyrt mal.\n", "utf-8")

    edits: list[tuple[str, Callable[[], None]]] = [
        ("summary", lambda: edit(root, SECOND, "Det andre verkstedet.", "Det andre, endret.")),
        # Past the first paragraph: the committee's list shows the excerpt, not this.
        ("summary's second paragraph", lambda: edit(root, SECOND, "Det andre, endret.",
                                                    "Det andre, endret.\n\nMer om det.")),
        ("title", lambda: edit(root, FIRST, "title: Første verksted", "title: Første møte")),
        ("theme added and one renamed", lambda: (
            edit(root, SECOND, 'themes: ["  visjon "]', 'themes: ["  visjon ", Mobilitet]'),
            edit(root, FIRST, "[Visjon, Strandsona]", "[Visjonen, Strandsona]"))),
        ("method step", lambda: edit(root, "data/methods/politisk-verksted.yml",
                                     "title: Gruppediskusjon", "title: Gruppearbeid")),
        ("committee renamed", lambda: edit(root, "data/committees/planutvalget.yml",
                                           "name: Planutvalget", "name: Planrådet")),
        ("workshop added", lambda: (root / ADDED).write_text(
            "---\ntitle: Ekstra verksted\ncommittee: planutvalget\nnumber: 3\n"
            'start: "2020-03-20 18:00"\nthemes: [Strandsona]\n---\nEkstra.\n', "utf-8")),
        ("workshop deleted", lambda: (root / ADDED).unlink()),
        ("activity added", lambda: (
            (root / ACTIVITY).parent.mkdir(exist_ok=True),
            (root / ACTIVITY).write_text(CALL, "utf-8"))),
        ("activity edited", lambda: edit(root, ACTIVITY, "title: Innspill om strandsona",
                                         "title: Innspill om sjøen")),
        ("knowledge_from", lambda: edit(root, SECOND, "number: 2\n",
                                        "number: 2\nknowledge_from: [kall]\n")),
        ("date to the past", lambda: edit(root, PLANNED, 'start: "2099-02-09 18:00"',
                                          'start: "2021-02-09 18:00"')),
        # No file changes: the day of the build passes a planned workshop's start.
        ("days pass", lambda: (edit(root, FIRST, 'start: "2020-02-11 18:00"',
                                    'start: "2024-02-11 18:00"'), plain.rebuild(),
                               dirty.rebuild(),
                               monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000"))),
        ("photo changed", new_photo),
        ("hand-written page", lambda: edit(root, "docs/index.md", "# Forside", "# Framside")),
        ("template override", override),
    ]
    for step, (name, change) in enumerate(edits):
        change()
        plain.rebuild()
        dirty.rebuild()
        clean = tmp_path / f"clean-{step}"
        Session(root, clean)
        expected = digests(clean)
        plain_files = digests(plain.out)
        assert plain_files == expected, (name, sorted(
            p for p in expected.keys() | plain_files.keys()
            if plain_files.get(p) != expected.get(p)))
        dirty_files = digests(dirty.out)
        differ = sorted(p for p in expected.keys() | dirty_files.keys()
                        if dirty_files.get(p) != expected.get(p))
        assert differ == [], (name, differ)
        if name == "summary":  # the edit the preview is for: the pages showing it rendered
            memo = plain.plugin.page_memo
            assert "verksteder/2020-03-10-andre.md" in memo.rendered
            assert "verksteder/2020-04-14-avlyst.md" not in memo.rendered
            # Only the pages that show the summary: its own and its committee's list of
            # excerpts (the neighbours, theme and overview pages show the title, date, place).
            assert sorted(memo.rendered) == ["utvalg/planutvalget.md",
                                             "verksteder/2020-03-10-andre.md"], memo.rendered
        if name == "activity edited":  # the pages that show it, not the others
            memo = plain.plugin.page_memo
            assert "medvirkning/kall.md" in memo.rendered
            assert "tema/strandsona.md" in memo.rendered
            assert "utvalg/planutvalget.md" not in memo.rendered
            assert "verksteder/2020-03-10-andre.md" not in memo.rendered
            assert "Innspill om sjøen" in (dirty.out / "index.html").read_text("utf-8")
        if name == "knowledge_from":
            memo = plain.plugin.page_memo
            assert {"medvirkning/kall.md", "verksteder/2020-03-10-andre.md"} <= set(
                memo.rendered)
        if name == "summary's second paragraph":
            memo = plain.plugin.page_memo
            assert memo.rendered == ["verksteder/2020-03-10-andre.md"], memo.rendered
    assert "Overstyrt mal." in (plain.out / "verksteder/2020-02-11-forste/index.html").read_text(
        "utf-8")
    assert not os.path.exists(dirty.out / "verksteder/2020-03-20-ekstra")
    # The last edits reached the pages: the call has closed and a workshop built on it;
    # nothing is open or ahead any more, so the front page has no section left.
    front = (dirty.out / "index.html").read_text("utf-8")
    assert "Dette skjer nå" not in front and "Innspill om sjøen" not in front
    called = (plain.out / "medvirkning/kall/index.html").read_text("utf-8")
    assert "Avsluttet" in called and "2020-03-10-andre" in called
    index = json.loads((dirty.out / SEARCH_INDEX).read_text("utf-8"))
    assert {"verksteder/2020-04-14-avlyst/", ""} <= {d["location"] for d in index["docs"]}
