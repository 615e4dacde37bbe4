"""Phones and desktops: no horizontal scrolling and no clipped text at 375 px, and a
screenshot of every page at 375 and 1280 px in test-artifacts/screenshots/ to look at.

The pages are visited once for several checks (visits.py); this test reads the layout's."""

from __future__ import annotations

from .harness import ServedSite
from .visits import SCREENSHOT_SITES, Visits


def test_no_horizontal_scroll_or_clipped_text_and_screenshots(served: ServedSite,
                                                                visits: Visits) -> None:
    visit = visits(served)
    assert len(visit.pages) >= 13, visit.pages
    assert visit.visited == len(visit.widths) * len(visit.pages)
    assert not visit.layout, "\n".join(visit.layout)
    if served.name in SCREENSHOT_SITES:
        assert visit.screenshots == len(visit.widths) * len(visit.pages)
