"""One clock (reproducible.now): the pages, the build's overdue warnings, `verksted check`
and `verksted frister` all stand on the same day: SOURCE_DATE_EPOCH when set, else
VERKSTED_NOW (the suite pins it in conftest.py), else the wall clock."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import BIN, ENV, PINNED_NOW, TODAY, WORKSHOP, SiteFactory, run_build
from verksted_plugin.records.reproducible import NOW_ENV, ClockError, now, today

ENV = {**ENV, "VERKSTED_LANG": "en"}
# A workshop far ahead: its 7-day deadline ("Forberedelse", conftest's METHOD) is 3 March.
AHEAD = WORKSHOP.replace('start: "2020-02-11 18:00"', 'start: "2099-03-10 18:00"')
RECORD = "data/workshops/2099-03-10-forste.md"
PAGE = "verksteder/2099-03-10-forste/"
# A reminder: caused only by the date, it never stops publishing (problems.Severity).
OVERDUE = ('reminder (does not stop publishing): data/workshops/2099-03-10-forste.md:1: '
           'documents: the deadline "Forberedelse" was 3 March 2099')


def epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=UTC).timestamp()))


def verksted(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), *args], cwd=root, env={**ENV, **env},
                          capture_output=True, text=True, timeout=120)


def test_the_suite_runs_on_its_pinned_day() -> None:
    assert today() == TODAY and now().isoformat().startswith(PINNED_NOW)


def test_source_date_epoch_wins_then_verksted_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, "2030-05-17")
    assert today() == date(2030, 5, 17) and now().hour == 0  # the start of Oslo's day
    monkeypatch.setenv(NOW_ENV, "2030-05-17T23:30+00:00")
    assert today() == date(2030, 5, 18)  # already the 18th in Oslo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2031-01-02"))
    assert today() == date(2031, 1, 2)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.delenv(NOW_ENV)
    assert abs((now() - datetime.now(UTC)).total_seconds()) < 60  # the wall clock


def test_a_clock_that_cannot_be_read_is_an_error(site: SiteFactory,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, "next tuesday")
    with pytest.raises(ClockError):
        now()
    root = site.write()
    for result in (verksted(root, "check", VERKSTED_NOW="next tuesday"),
                   run_build(root, check=False, env={**ENV, NOW_ENV: "next tuesday"}).result):
        assert result.returncode != 0
        assert "VERKSTED_NOW=next tuesday: not a date or date-time" in result.stderr
        assert "Traceback" not in result.stderr


def test_check_and_build_remind_on_the_day_of_source_date_epoch(site: SiteFactory) -> None:
    """The pages have always stood on SOURCE_DATE_EPOCH; the overdue warning stood on the
    wall clock, so `check` and the build's warnings disagreed with the page they warn about.
    The reminder never stops publishing: not `check --strict`, not a strict build."""
    root = site.set("data/workshops/2020-02-11-forste.md", None).set(RECORD, AHEAD).write()
    after = epoch("2099-03-06")
    checked = verksted(root, "check", "--strict", SOURCE_DATE_EPOCH=after)
    assert checked.returncode == 0 and OVERDUE in checked.stderr, checked.stderr
    assert "0 warnings and 1 reminder" in checked.stdout
    built = run_build(root, check=False, env={**ENV, "SOURCE_DATE_EPOCH": after})
    assert built.result.returncode == 0 and OVERDUE in built.result.stderr
    assert "WARNING" not in built.result.stderr
    before = verksted(root, "check", "--strict", SOURCE_DATE_EPOCH=epoch("2099-03-02"))
    assert before.returncode == 0 and "reminder" not in before.stderr


def test_frister_counts_from_the_clock(site: SiteFactory) -> None:
    root = site.set("data/workshops/2020-02-11-forste.md", None).set(RECORD, AHEAD).write()
    coming = verksted(root, "frister", VERKSTED_NOW="2099-03-01")
    assert coming.returncode == 0 and coming.stdout.startswith("3. mars 2099")
    none = verksted(root, "frister", VERKSTED_NOW="2099-03-04")
    first, reminder = none.stdout.splitlines()
    assert first == "no coming deadlines from 4. mars 2099" and reminder.startswith(OVERDUE)
    pinned = verksted(root, "frister", VERKSTED_NOW="2099-03-04",
                      SOURCE_DATE_EPOCH=epoch("2099-03-01"))
    assert pinned.stdout.startswith("3. mars 2099")  # SOURCE_DATE_EPOCH wins


def test_the_pages_stand_on_the_same_day(site: SiteFactory) -> None:
    root = site.set("data/workshops/2020-02-11-forste.md", None).set(RECORD, AHEAD).write()
    built = run_build(root, env={**ENV, NOW_ENV: "2099-03-01"})
    assert "3. mars 2099" in built.main(PAGE).get_text(" ")
    later = run_build(root, env={**ENV, NOW_ENV: "2099-03-11"})  # the workshop has passed
    assert "3. mars 2099" not in later.main(PAGE).get_text(" ")
