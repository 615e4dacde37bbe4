"""Dates that follow the calendar (issue 22): "vi er her" moves on by itself when a plan's
phases are written as start dates only."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import ENV, PLAN, SiteFactory, run_build
from verksted_plugin import model
from verksted_plugin.portal import current_phase

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
