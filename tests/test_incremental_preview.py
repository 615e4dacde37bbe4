"""`mkdocs serve` rebuilds reuse the records whose files did not change.

The rebuilds run the way `mkdocs serve` runs them (mkdocs/commands/serve.py): one
`on_startup(command="serve")`, then for every rebuild a freshly loaded configuration (the
plugin object is kept, as MkDocs keeps plugins that have `on_startup`) and a build. After one
workshop file changes, every other record is the very object parsed before, the changed one
is read again, and the output equals a clean build of the changed data, byte for byte.
"""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from conftest import ENV, copy_sample

CHANGED = "data/workshops/2020-03-10-andre-politiske-verksted.md"


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Serve:
    """One `mkdocs serve` session, without the web server."""

    def __init__(self, root: Path, out: Path, dirty: bool = False) -> None:
        self.root, self.out, self.dirty = root, out, dirty
        MkDocsConfig.plugins.plugin_cache.clear()  # a new `mkdocs serve` process
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        self.plugin: Any = config.plugins["verksted"]
        build(config)  # serve's first build is a full one

    def config(self) -> Any:
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.out))

    def rebuild(self) -> None:
        config = self.config()
        assert config.plugins["verksted"] is self.plugin  # kept, as serve keeps it
        build(config, dirty=self.dirty)

    def records(self) -> dict[str, object]:
        portal = self.plugin.site.portal
        found = {f"plan:{k}": v.record for k, v in portal.plans.items()}
        found |= {f"committee:{k}": v.record for k, v in portal.committees.items()}
        found |= {f"method:{k}": v.record for k, v in portal.methods.items()}
        return found | {f"workshop:{k}": v.record for k, v in portal.workshops.items()}


@pytest.fixture(autouse=True)
def build_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_MKDOCS_2_WARNING", "VERKSTED_CACHE_DIR", "SOURCE_DATE_EPOCH"):
        if name in ENV:
            monkeypatch.setenv(name, ENV[name])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))


def test_a_changed_workshop_is_read_again_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    before = session.records()
    assert len(before) >= 7

    record = root / CHANGED
    record.write_text(record.read_text("utf-8").replace(
        "andre politiske verkstedet", "andre politiske verkstedet (endret)", 1), "utf-8")
    (root / "data/plans/kommuneplanens-samfunnsdel.yml").touch()  # touched, not changed
    session.rebuild()
    after = session.records()

    changed = "workshop:" + Path(CHANGED).stem
    assert after.keys() == before.keys()
    assert [k for k in before if after[k] is not before[k]] == [changed]
    assert "(endret)" in (tmp_path / "preview/verksteder/2020-03-10-andre-politiske-verksted"
                          / "index.html").read_text("utf-8")

    # The same data built from scratch by a fresh session gives the same bytes.
    clean = Serve(root, tmp_path / "clean")
    assert clean.plugin is not session.plugin
    assert digests(tmp_path / "preview") == digests(tmp_path / "clean")


def test_a_broken_file_is_reported_on_every_rebuild(tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    record = root / CHANGED
    good = record.read_text("utf-8")
    record.write_text(good.replace("number: 2", "number: to"), "utf-8")
    for _ in range(2):  # a kept record never hides the problem
        caplog.clear()
        with pytest.raises(Abort):
            session.rebuild()
        assert "andre-politiske-verksted.md:5: number" in caplog.text
    record.write_text(good, "utf-8")
    session.rebuild()
    assert session.plugin.records.hits > 0


def test_a_save_while_the_preview_validates_is_shown_by_the_next_rebuild(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor saves a workshop again while the rebuild for its first save is validating
    it: the next rebuild shows the second save (the cache is keyed on the bytes parsed,
    record_cache.py), not the first one until some later save."""
    from verksted_plugin.records import load

    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    record = root / CHANGED
    page = tmp_path / "preview/verksteder/2020-03-10-andre-politiske-verksted/index.html"
    original = record.read_text("utf-8")
    record.write_text(original.replace("andre politiske verkstedet", "(første lagring)", 1),
                      "utf-8")
    validate = load._Collector.validate

    def save_again_while_validating(self: Any, source: Any, kind: Any, context: Any) -> Any:
        result = validate(self, source, kind, context)
        if source.file.endswith(Path(CHANGED).name):
            record.write_text(original.replace("andre politiske verkstedet",
                                               "(andre lagring)", 1), "utf-8")
        return result

    with monkeypatch.context() as patch:
        patch.setattr(load._Collector, "validate", save_again_while_validating)
        session.rebuild()
    assert "(første lagring)" in page.read_text("utf-8")
    session.rebuild()  # the watcher's rebuild for the second save
    assert "(andre lagring)" in page.read_text("utf-8")


def test_serve_dirty_renders_only_the_pages_whose_markdown_changed(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview", dirty=True)
    pages = {p: p.stat().st_mtime_ns for p in (tmp_path / "preview").rglob("index.html")}
    record = root / CHANGED
    record.write_text(record.read_text("utf-8").replace(
        "andre politiske verkstedet", "andre politiske verkstedet (endret)", 1), "utf-8")
    session.rebuild()
    rendered = {p.relative_to(tmp_path / "preview").as_posix() for p, mtime in pages.items()
                if p.stat().st_mtime_ns != mtime}
    assert "verksteder/2020-03-10-andre-politiske-verksted/index.html" in rendered
    assert "verksteder/2020-02-11-forste-politiske-verksted/index.html" not in rendered
    assert "metode/politisk-verksted/index.html" not in rendered
    # What was rendered again, and what was not, reads as a clean build of the changed data,
    # the search index (Aktuelt's posts and archive included) and every other file too.
    Serve(root, tmp_path / "clean")
    preview, fresh = digests(tmp_path / "preview"), digests(tmp_path / "clean")
    differ = [p for p in fresh.keys() | preview.keys() if preview.get(p) != fresh.get(p)]
    assert differ == [], (rendered, differ)


def test_the_editor_config_follows_the_parties_between_rebuilds(tmp_path: Path) -> None:
    """admin/config.yml is kept between rebuilds (editor/config_memo.py) only while its
    inputs are the same: a new local party shows up in it, as in a clean build."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview", dirty=True)
    config = tmp_path / "preview/admin/config.yml"
    assert "Bygdelista Testvik" not in config.read_text("utf-8")
    (root / "data/parties.yml").write_text(
        "parties:\n  - code: BTV\n    nb: Bygdelista Testvik\n    nn: Bygdelista Testvik\n",
        "utf-8")
    session.rebuild()
    assert "Bygdelista Testvik" in config.read_text("utf-8")
    Serve(root, tmp_path / "clean")
    assert digests(tmp_path / "preview")["admin/config.yml"] == \
        digests(tmp_path / "clean")["admin/config.yml"]


def test_kept_calendar_events_follow_the_method_and_the_summary(tmp_path: Path) -> None:
    """Calendar events are kept between rebuilds (outputs/event_cache.py) only while what
    they show is the same: a changed lead time in the method moves the planned workshop's
    deadline, a changed summary its description, and the whole output equals a clean build
    (the workshops' JSON-LD too, kept by head_memo.py: a committee renamed is in it)."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    planned = "kalender/verksted/2029-02-13-verksted-om-revisjon-av-samfunnsdelen.ics"
    held = "kalender/verksted/2020-03-10-andre-politiske-verksted.ics"
    before = digests(tmp_path / "preview")
    method = root / "data/methods/politisk-verksted.yml"
    method.write_text(method.read_text("utf-8").replace("lead_time_days: 45", "lead_time_days: 40",
                                                        1), "utf-8")
    record = root / CHANGED
    record.write_text(record.read_text("utf-8").replace(
        "andre politiske verkstedet", "andre politiske verkstedet (endret)", 1), "utf-8")
    # The workshops' JSON-LD (head_memo.py) names the committee: renamed, it follows.
    committee = root / "data/committees/kommuneplanutvalget.yml"
    committee.write_text(committee.read_text("utf-8").replace(
        "name: Kommuneplanutvalget", "name: Kommuneplanrådet", 1), "utf-8")
    session.rebuild()
    after = digests(tmp_path / "preview")
    assert after[planned] != before[planned]
    assert after[held] != before[held]
    assert "(endret)" in (tmp_path / "preview" / held).read_text("utf-8")
    first = tmp_path / "preview/verksteder/2020-02-11-forste-politiske-verksted/index.html"
    assert '"name": "Kommuneplanrådet"' in first.read_text("utf-8")
    Serve(root, tmp_path / "clean")
    assert after == digests(tmp_path / "clean")


def test_kept_participation_charts_follow_the_figures(tmp_path: Path) -> None:
    """Charts are kept between rebuilds (participation_memo.py) only while what they show
    is the same: changed head counts redraw the committee's chart as a clean build would,
    also when the totals stay the same (two workshops, +2 and -2)."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    page = "utvalg/kommuneplanutvalget/index.html"
    before = digests(tmp_path / "preview")
    record = root / CHANGED
    record.write_text(record.read_text("utf-8").replace("politicians: 31", "politicians: 29", 1),
                      "utf-8")
    first = root / "data/workshops/2020-02-11-forste-politiske-verksted.md"
    first.write_text(first.read_text("utf-8").replace("politicians: 9", "politicians: 11", 1),
                     "utf-8")
    session.rebuild()
    after = digests(tmp_path / "preview")
    assert after[page] != before[page]
    assert ">29</text>" in (tmp_path / "preview" / page).read_text("utf-8")
    Serve(root, tmp_path / "clean")
    assert after == digests(tmp_path / "clean")


def _git(root: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_kept_git_history_follows_a_new_commit(tmp_path: Path) -> None:
    """The data folder's `git log` is kept between rebuilds (modified.py) only for the same
    HEAD: a commit made while serving gives its date to the calendar, as a clean build does."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    _git(root, "init", "-q", when="2021-03-04T12:00:00+01:00")
    _git(root, "add", "-A", when="2021-03-04T12:00:00+01:00")
    _git(root, "commit", "-qm", "Første versjon", when="2021-03-04T12:00:00+01:00")
    session = Serve(root, tmp_path / "preview")
    ics = tmp_path / "preview/kalender/verksted/2020-03-10-andre-politiske-verksted.ics"
    assert "LAST-MODIFIED:20210304T110000Z" in ics.read_text("utf-8")
    record = root / CHANGED
    record.write_text(record.read_text("utf-8").replace(
        "andre politiske verkstedet", "andre politiske verkstedet (endret)", 1), "utf-8")
    _git(root, "commit", "-qam", "Endret", when="2022-10-31T23:30:00+00:00")
    session.rebuild()
    assert "LAST-MODIFIED:20221031T233000Z" in ics.read_text("utf-8")
    Serve(root, tmp_path / "clean")
    assert digests(tmp_path / "preview") == digests(tmp_path / "clean")


def test_the_frozen_session_objects_change_no_output(tmp_path: Path) -> None:
    """serve_gc.py takes the session's objects out of the garbage collector's rounds after
    the first build, once a process: rebuilds after that still follow every edit and give
    a clean build's bytes, and the freeze is not repeated."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    frozen = gc.get_freeze_count()
    assert frozen > 0  # the first build of a `mkdocs serve` froze what it kept
    committee = root / "data/committees/kommuneplanutvalget.yml"
    committee.write_text(committee.read_text("utf-8").replace(
        "name: Kommuneplanutvalget", "name: Kommuneplanrådet", 1), "utf-8")
    (root / CHANGED).unlink()
    session.rebuild()
    session.rebuild()
    assert gc.get_freeze_count() <= frozen  # once: what later rebuilds make is collected
    assert "Kommuneplanrådet" in (tmp_path / "preview/utvalg/kommuneplanutvalget/index.html"
                                  ).read_text("utf-8")
    Serve(root, tmp_path / "clean")
    preview, fresh = digests(tmp_path / "preview"), digests(tmp_path / "clean")
    stale = sorted(p for p in preview.keys() - fresh.keys())  # serve leaves old files; ours
    assert all(p.startswith("verksteder/2020-03-10") or p.startswith("kalender/verksted/2020-03-10")
               for p in stale), stale
    assert {p: d for p, d in preview.items() if p in fresh} == fresh


def test_a_rebuild_forgets_what_it_no_longer_uses(tmp_path: Path) -> None:
    """kept.py's one eviction rule: after a rebuild, the records, pages and calendar events
    of a deleted workshop are no longer held; a failed rebuild forgets nothing."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    session = Serve(root, tmp_path / "preview")
    records, memo = session.plugin.records._kept, session.plugin.page_memo._pages
    held = {"records": len(records), "pages": len(memo)}
    record = root / CHANGED
    text = record.read_text("utf-8")
    record.write_text(text.replace("start:", "start: ikke en dato\nx:", 1), "utf-8")
    with pytest.raises(Abort):
        session.rebuild()  # a broken file: the build stops, nothing is forgotten
    assert {"records": len(records), "pages": len(memo)} == held
    record.unlink()
    session.rebuild()
    assert len(records) == held["records"] - 1
    assert len(memo) == held["pages"] - 1
    assert not any(Path(CHANGED).name in name[0] for name in records._entries)
