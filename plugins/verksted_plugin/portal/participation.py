"""How many took part across a series: per workshop and in total, as a table and a chart.

The chart is inline SVG drawn here, at build time: no script and no library in the
visitor's browser, no `style` attribute (the pages' CSP allows style sheets only). Colours
and print/forced-colours rules live in assets/verksted.css; every bar carries its number
as text, so the chart reads without colour. The table beside it is the accessible source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from .views import WorkshopView

GROUPS = ("politicians", "administration", "residents")
TOOK_PLACE = ("held", "moved-online")

# The chart's drawing units: the SVG scales to the column's width (see verksted.css).
_WIDTH = 360
_LABEL_END = 104
_BAR_START = 108
_BAR_MAX = 190
_ROW = 18
_HEADING = 20
_GAP = 10


@dataclass(frozen=True)
class Figures:
    """One row of counts; None where the file gives no figure (never shown as 0)."""

    counts: dict[str, int | None]
    # Groups where a figure is missing in some row that a total sums up.
    incomplete: frozenset[str] = frozenset()

    @property
    def total(self) -> int | None:
        given = [n for n in self.counts.values() if n is not None]
        return sum(given) if given else None

    @property
    def total_complete(self) -> bool:
        return not self.incomplete and all(n is not None for n in self.counts.values())


@dataclass(frozen=True)
class Series:
    rows: list[tuple[WorkshopView, Figures]]
    totals: Figures

    @property
    def any_figures(self) -> bool:
        return any(n is not None for _, f in self.rows for n in f.counts.values())


def took_place(workshop: WorkshopView, now: datetime) -> bool:
    return workshop.status in TOOK_PLACE and workshop.start <= now


def series(workshops: Iterable[WorkshopView], now: datetime) -> Series | None:
    """The workshops that have taken place, in date order, with their totals; None if none."""
    held = sorted((w for w in workshops if took_place(w, now)), key=lambda w: (w.start, w.id))
    if not held:
        return None
    rows = []
    for workshop in held:
        given = workshop.record.participants
        rows.append((workshop, Figures({g: getattr(given, g) if given else None
                                        for g in GROUPS})))
    totals: dict[str, int | None] = {}
    incomplete = set()
    for group in GROUPS:
        values = [f.counts[group] for _, f in rows]
        known = [n for n in values if n is not None]
        totals[group] = sum(known) if known else None
        if known and len(known) < len(values):
            incomplete.add(group)
    return Series(rows, Figures(totals, frozenset(incomplete)))


def chart_svg(data: Series, heading: Callable[[WorkshopView], str],
              label: Callable[..., str], chart_id: str) -> Markup:
    """Grouped horizontal bars: one group per workshop and one for the totals.

    `heading(workshop)` names a group; `label(key, **values)` gives the site's words.
    """
    groups: list[tuple[str, Figures]] = [(heading(w), f) for w, f in data.rows]
    groups.append((label("participation_total"), data.totals))
    largest = max([n for _, f in groups for n in f.counts.values() if n is not None] or [0])
    # f-strings with escape(): Markup.format costs most of the chart (thousands of rows);
    # every value below is a number, a label or escaped here.
    names = {group: escape(label(f"participation_{group}")) for group in GROUPS}
    not_given = escape(label("participation_not_given"))
    parts: list[str] = []
    y = 0
    for title, figures in groups:
        y += _HEADING
        parts.append(f'<text class="verksted-chart-heading" x="0" y="{y - 6}">'
                     f'{escape(title)}</text>')
        for group in GROUPS:
            value = figures.counts[group]
            middle = y + _ROW / 2 + 4
            parts.append(f'<text class="verksted-chart-label" x="{_LABEL_END}" y="{middle}" '
                         f'text-anchor="end">{names[group]}</text>')
            if value is None:
                parts.append(f'<text class="verksted-chart-missing" x="{_BAR_START}" '
                             f'y="{middle}">{not_given}</text>')
            else:
                length = round(_BAR_MAX * value / largest, 1) if largest else 0
                parts.append(f'<rect class="verksted-chart-bar verksted-chart-bar--{group}" '
                             f'x="{_BAR_START}" y="{y + 3}" width="{max(length, 1)}" '
                             f'height="{_ROW - 6}"/>')
                shown = escape(number_text(value, group in figures.incomplete, label))
                parts.append(f'<text class="verksted-chart-value" '
                             f'x="{_BAR_START + max(length, 1) + 4}" y="{middle}">{shown}</text>')
            y += _ROW
        y += _GAP
    summary = label("participation_chart_alt", totals=totals_sentence(data.totals, label))
    return Markup(
        '<svg class="verksted-chart" role="img" aria-labelledby="{id}" viewBox="0 0 {w} {h}" '
        'xmlns="http://www.w3.org/2000/svg">\n<title id="{id}">{summary}</title>\n{body}\n</svg>'
    ).format(id=chart_id, w=_WIDTH, h=y, summary=summary, body=Markup("\n".join(parts)))


def number_text(value: int | None, incomplete: bool, label: Callable[..., str]) -> str:
    """"12", "minst 12" when a figure behind a total is missing, or "ikke oppgitt"."""
    if value is None:
        return str(label("participation_not_given"))
    return str(label("participation_at_least", n=value)) if incomplete else str(value)


def totals_sentence(totals: Figures, label: Callable[..., str]) -> str:
    """"40 politikere, 14 fra administrasjonen, innbyggere: ikke oppgitt" for the chart's title."""
    parts = []
    for group in GROUPS:
        shown = number_text(totals.counts[group], group in totals.incomplete, label)
        parts.append(str(label(f"participation_{group}_count", value=shown)))
    return ", ".join(parts)
