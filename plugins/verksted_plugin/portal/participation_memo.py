"""Participation charts kept between the rebuilds of one `mkdocs serve`.

Each plan and committee page draws its chart (participation.chart_svg) on every rebuild,
a large part of the preview's page work, although a saved workshop changes one chart at
most. A chart is a function of its rows' headings and figures, the totals, the language's
labels (fixed for a process, labels.labels_for) and its id: with all of those the same,
the very same SVG is reused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup

from ..kept import Kept
from ..language.labels import Labels
from .participation import Figures, Series, chart_svg
from .views import WorkshopView

_charts: Kept[Markup] = Kept()  # one per process: `mkdocs serve` rebuilds in the same process


def _figures(figures: Figures) -> Hashable:
    return tuple(sorted(figures.counts.items())), figures.incomplete


def chart(data: Series, heading: Callable[[WorkshopView], str], t: Labels,
          chart_id: str) -> Markup:
    """`chart_svg(data, heading, t, chart_id)`, reused while everything it shows is the same."""
    shown = (t.language, _figures(data.totals), tuple((heading(w), _figures(f)) for w, f in data.rows))
    return _charts.get(chart_id, lambda: chart_svg(data, heading, t, chart_id), equal=shown)
