"""Themes across a series: every theme the workshops worked on, with its workshops and input.

A theme comes from a workshop's `themes` list and from its inputs' `theme`. Names that
differ only in case or spacing are one theme; its address is the name made into an id by
the same rule as record ids (lowercase, æ→ae, ø→o, å→a, spaces to '-').
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from ..records import model
from ..records.model import theme_slug
from ..records.theme_names import theme_key


class ThemedWorkshop(Protocol):
    """What a theme needs of a workshop (portal/views.py's W)."""

    id: str
    start: datetime
    record: model.Workshop


W = TypeVar("W", bound=ThemedWorkshop)

@dataclass(eq=False)
class ThemeView(Generic[W]):
    slug: str
    name: str
    # Every workshop that worked on the theme, in date order.
    workshops: list[W] = field(default_factory=list)
    # (workshop, input text) in workshop order, then in the order written.
    inputs: list[tuple[W, str]] = field(default_factory=list)
    # Participation activities on the theme, by start: what residents said comes first.
    activities: list[Any] = field(default_factory=list)

    @property
    def inputs_by_workshop(self) -> list[tuple[W, list[str]]]:
        groups: dict[str, tuple[W, list[str]]] = {}
        for workshop, text in self.inputs:
            groups.setdefault(workshop.id, (workshop, []))[1].append(text)
        return list(groups.values())

    @property
    def decisions(self) -> list[tuple[W, list[str]]]:
        """A decision belongs to the themes of its workshop (documented in RECORDS.md)."""
        return [(w, list(w.record.decisions)) for w in self.workshops if w.record.decisions]


def workshop_themes(record: model.Workshop) -> list[str]:
    """The names a workshop works on: its `themes`, then its inputs' themes, each once."""
    seen: dict[str, str] = {}
    for name in [*record.themes, *(i.theme for i in record.inputs if i.theme)]:
        seen.setdefault(theme_key(name), name)
    return list(seen.values())


def collect_themes(workshops: Iterable[W], activities: Iterable[Any] = ()
                   ) -> dict[str, ThemeView[W]]:
    """`theme_key` → theme, sorted by name as Norwegian readers sort (æ, ø, å after z).

    One pass over the workshops in date order: the cost is linear in workshops and inputs.
    The first spelling met (in date order) is the name shown.
    """
    themes: dict[str, ThemeView[W]] = {}
    for workshop in sorted(workshops, key=lambda w: (w.start, w.id)):
        record = workshop.record
        for name in workshop_themes(record):
            theme = themes.setdefault(theme_key(name),
                                      ThemeView(theme_slug(name), " ".join(name.split())))
            theme.workshops.append(workshop)
        for item in record.inputs:
            if item.theme:
                themes[theme_key(item.theme)].inputs.append((workshop, item.text))
    for activity in sorted(activities, key=lambda a: (a.record.start, a.id)):
        for name in {theme_key(n): n for n in reversed(activity.record.themes)}.values():
            theme = themes.setdefault(theme_key(name),
                                      ThemeView(theme_slug(name), " ".join(name.split())))
            theme.activities.append(activity)
    return dict(sorted(themes.items(), key=lambda pair: sort_key(pair[1].name)))


def sort_key(name: str) -> str:
    return name.lower().replace("æ", "{").replace("ø", "|").replace("å", "}")
