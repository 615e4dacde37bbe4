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

from ..language.labels import Labels
from .participation import Figures, Series, chart_svg
from .views import WorkshopView

_LIMIT = 512  # charts kept; past it the memo starts afresh (a portal has a few dozen)
_charts: dict[Hashable, Markup] = {}


def _figures(figures: Figures) -> Hashable:
    return tuple(sorted(figures.counts.items())), figures.incomplete


def chart(data: Series, heading: Callable[[WorkshopView], str], t: Labels,
          chart_id: str) -> Markup:
    """`chart_svg(data, heading, t, chart_id)`, reused while everything it shows is the same."""
    key = (t.language, chart_id, _figures(data.totals),
           tuple((heading(w), _figures(f)) for w, f in data.rows))
    found = _charts.get(key)
    if found is None:
        if len(_charts) >= _LIMIT:
            _charts.clear()
        found = _charts[key] = chart_svg(data, heading, t, chart_id)
    return found
