""""Sist oppdatert": the last commit touching a page's record, or its file date outside git."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from conftest import ENV, PLAN, SiteFactory, run_build

GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Kommunikasjon", "GIT_AUTHOR_EMAIL": "k@testvik.no",
           "GIT_COMMITTER_NAME": "Kommunikasjon", "GIT_COMMITTER_EMAIL": "k@testvik.no",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**GIT_ENV, **({"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else {})}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def updated(built: object, url: str) -> tuple[str, str]:
    stamp = built.main(url).select_one(".verksted-updated time")  # type: ignore[attr-defined]
    assert stamp is not None, url
    return stamp["datetime"], stamp.parent.get_text()


def test_dates_come_from_the_last_commit_of_each_record(site: SiteFactory) -> None:
    root = site.write()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Første versjon", when="2021-03-04T12:00:00+01:00")
    (root / "data/plans/samfunnsdel.yml").write_text(PLAN + "phases: []\n", encoding="utf-8")
    git(root, "commit", "-qam", "Planen endret", when="2022-10-31T23:30:00+00:00")
    built = run_build(root)
    assert updated(built, "verksteder/2020-02-11-forste/") == (
        "2021-03-04", "Sist oppdatert 4. mars 2021")
    # 23:30 UTC is already 1 November in Oslo
    assert updated(built, "plan/samfunnsdel/") == ("2022-11-01", "Sist oppdatert 1. november 2022")
    # an overview shows many records: the newest of them
    assert updated(built, "verksteder/")[0] == "2022-11-01"


def _git_calls(site: SiteFactory, tmp_path: Path, workshops: int) -> tuple[list[str], object]:
    for number in range(2, 2 + workshops):
        site.set(f"data/workshops/2020-03-{number:02d}-verksted.md",
                 f"---\ntitle: Verksted {number}\ncommittee: planutvalget\nstart: 2020-03-{number:02d}\n"
                 "---\nOppsummering.\n")
    root = site.write()
    shutil.rmtree(root / ".git", ignore_errors=True)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Alt", when="2021-03-04T12:00:00+01:00")
    shim, log = tmp_path / f"shim{workshops}", tmp_path / f"git-calls-{workshops}.txt"
    shim.mkdir()
    real = shutil.which("git")
    (shim / "git").write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n',
                              encoding="utf-8")
    (shim / "git").chmod(0o755)
    built = run_build(root, env={**ENV, "PATH": f"{shim}{os.pathsep}{ENV['PATH']}"})
    return log.read_text(encoding="utf-8").strip("\n").split("\n"), built


def test_git_history_is_read_once_per_build(site: SiteFactory, tmp_path: Path) -> None:
    """Pages and feeds share one read of the history: the calls do not grow with records."""
    few, _ = _git_calls(site, tmp_path, 1)
    many, built = _git_calls(site, tmp_path, 20)
    assert len(many) == len(few) <= 3
    assert sum(" log " in f" {call} " for call in many) == 1
    assert updated(built, "verksteder/2020-03-21-verksted/")[0] == "2021-03-04"


def test_outside_git_the_file_date_is_used(site: SiteFactory) -> None:
    root = site.write()
    old = datetime(2018, 1, 1, 12).timestamp()
    for path in (root / "data").rglob("*"):
        os.utime(path, (old, old))
    recent = datetime(2019, 6, 1, 12).timestamp()
    os.utime(root / "data/workshops/2020-02-11-forste.md", (recent, recent))
    built = run_build(root)
    assert updated(built, "verksteder/2020-02-11-forste/") == (
        "2019-06-01", "Sist oppdatert 1. juni 2019")
    assert updated(built, "utvalg/planutvalget/")[0] == "2018-01-01"
    assert updated(built, "kontakt/")[0] == "2019-06-01"


def test_english_site_says_last_updated(site: SiteFactory) -> None:
    from conftest import MUNICIPALITY

    site.set("data/municipality.yml", MUNICIPALITY.replace("language: nb", "language: en"))
    root = site.write()
    day = datetime(2019, 6, 1, 12).timestamp()
    os.utime(root / "data/methods/politisk-verksted.yml", (day, day))
    built = run_build(root)
    assert updated(built, "metode/politisk-verksted/")[1] == "Last updated 1 June 2019"
