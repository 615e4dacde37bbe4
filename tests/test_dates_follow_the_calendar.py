"""Dates that follow the calendar (issue 22): "vi er her" moves on by itself when a plan's
phases are written as start dates only."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import BIN, ENV, PLAN, Built, SiteFactory, run_build
from verksted_plugin.portal.views import current_phase
from verksted_plugin.records import model

YEARLY = [model.Phase(title="Oppstart", start=date(2024, 1, 1)),
          model.Phase(title="Planforslag", start=date(2025, 1, 1)),
          model.Phase(title="Vedtak", start=date(2026, 1, 1))]


@pytest.mark.parametrize("today, current", [
    (date(2023, 12, 31), None),  # before the first phase
    (date(2024, 1, 1), 0), (date(2024, 12, 31), 0),
    (date(2025, 1, 1), 1), (date(2025, 12, 31), 1),
    (date(2026, 1, 1), 2), (date(2030, 6, 1), 2),  # the last phase lasts until the plan is done
])
def test_a_phase_without_end_lasts_until_the_next_one_starts(today: date, current: int | None) -> None:
    assert current_phase(YEARLY, today) == current


def test_an_end_still_ends_a_phase_and_a_flag_still_wins() -> None:
    ended = [model.Phase(title="Oppstart", start=date(2024, 1, 1), end=date(2024, 6, 30)), *YEARLY[1:]]
    assert current_phase(ended, date(2024, 9, 1)) is None  # between an end and the next start
    assert current_phase(ended, date(2025, 2, 1)) == 1
    flagged = [*YEARLY[:2], model.Phase(title="Vedtak", start=date(2026, 1, 1), current=False)]
    assert current_phase(flagged, date(2026, 6, 1)) is None
    undated = [YEARLY[0], model.Phase(title="Høring"), YEARLY[2]]  # an undated phase is skipped
    assert current_phase(undated, date(2025, 6, 1)) == 0


def test_the_plan_page_moves_on_without_a_commit(site: SiteFactory) -> None:
    phases = "phases:\n" + "".join(f"  - title: {p.title}\n    start: {p.start.isoformat()}\n" for p in YEARLY)
    root = site.set("data/plans/samfunnsdel.yml", PLAN + phases).write()
    for now, title in (("2024-06-01T12:00", "Oppstart"), ("2025-06-01T12:00", "Planforslag"),
                       ("2026-06-01T12:00", "Vedtak")):
        built = run_build(root, env={**ENV, "VERKSTED_NOW": now})
        current = built.main("plan/samfunnsdel/").select(".verksted-phase[aria-current=step]")
        assert [item.h3.get_text(strip=True).rstrip("¶") for item in current] == [title], now
        assert "Vi er her" in current[0].get_text()


# --- deadlines follow the workshop, not its form ----------------------------------------------

KEEPS = {"planned": "status: planned", "moved-online": "status: moved-online",
         "hybrid": "attendance: hybrid", "postponed": "status: postponed", "unset": ""}
LOSES = {"cancelled": "status: cancelled"}


def workshop_file(number: int, line: str) -> str:
    return (f"---\ntitle: Verksted {number}\ncommittee: planutvalget\nmethod: politisk-verksted\n"
            f"number: {number}\nstart: \"2027-03-{number + 9:02d} 18:00\"\n"
            "online_url: https://møte.example.no/verksted\n"
            f"location:\n  name: Rådhuset\n{line}\n---\nOm verkstedet.\n")


@pytest.fixture(scope="module")
def statuses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One coming workshop of each status and form, all in March 2027 (the suite's clock is
    in June 2026); the method's 7-day step gives each a deadline a week before."""
    site = SiteFactory(tmp_path_factory.mktemp("statuses") / "site")
    site.set("data/workshops/2020-02-11-forste.md", None)
    ids = {}
    for number, (name, line) in enumerate({**KEEPS, **LOSES}.items(), 1):
        ids[name] = f"2027-03-{number + 9:02d}-verksted-{number}"
        site.set(f"data/workshops/{ids[name]}.md", workshop_file(number, line))
    return site.write(), ids


def deadline_day(workshop_id: str) -> date:
    return date.fromisoformat(workshop_id[:10]) - timedelta(days=7)


@pytest.mark.parametrize("name", [*KEEPS, *LOSES])
def test_every_coming_workshop_keeps_its_deadlines_on_page_calendar_and_frister(
        statuses: tuple[Path, dict[str, str]], name: str) -> None:
    root, ids = statuses
    built = built_once(root)
    workshop_id, keeps = ids[name], name in KEEPS
    day = deadline_day(workshop_id)
    written = f"{day.day}. mars 2027"
    page = built.main(f"verksteder/{workshop_id}/").get_text(" ", strip=True)
    assert (f"Sendes ut senest {written}" in page) is keeps, page
    event = Calendar.from_ical((built.out / "kalender" / "verksted" / f"{workshop_id}.ics").read_bytes())
    description = str(next(iter(event.walk("VEVENT"))).get("DESCRIPTION", ""))
    assert (f"– {written}: Forberedelse" in description) is keeps, description
    frister = subprocess.run([str(BIN / "verksted"), "frister", "--format", "json"], cwd=root,
                             env=ENV, capture_output=True, text=True, timeout=120)
    listed = {item["workshop"] for item in json.loads(frister.stdout)}
    assert (workshop_id in listed) is keeps
    opendata = json.loads((built.out / "apne-data" / "verksted.json").read_text(encoding="utf-8"))
    record = next(w for w in opendata["workshops"] if w["id"] == workshop_id)
    assert bool(record["deadlines"]) is keeps


_BUILT: dict[Path, Built] = {}


def built_once(root: Path) -> Built:
    if root not in _BUILT:
        _BUILT[root] = run_build(root)
    return _BUILT[root]


def test_a_workshop_moved_online_is_online_on_its_page_and_in_its_calendar(
        statuses: tuple[Path, dict[str, str]]) -> None:
    """Setting only `status: moved-online` (attendance still in person) hides the room on the
    page as the calendar and JSON-LD already did; a hybrid workshop shows both."""
    root, ids = statuses
    built = built_once(root)
    for name, shows_room in (("moved-online", False), ("hybrid", True), ("planned", True)):
        facts = built.main(f"verksteder/{ids[name]}/").select_one("dl.verksted-facts")
        assert facts is not None
        assert ("Rådhuset" in facts.get_text(" ")) is shows_room, name
    moved = built.main(f"verksteder/{ids['moved-online']}/").select_one("dl.verksted-facts").get_text(" ")
    assert "Digitalt" in moved
    event = Calendar.from_ical((built.out / "kalender" / "verksted" / f"{ids['moved-online']}.ics").read_bytes())
    assert str(next(iter(event.walk("VEVENT")))["LOCATION"]) == "https://møte.example.no/verksted"
