"""Themes across a series: every theme the workshops worked on, with its workshops and input.

A theme comes from a workshop's `themes` list and from its inputs' `theme`. Names that
differ only in case or spacing are one theme; its address is the name made into an id by
the same rule as record ids (lowercase, æ→ae, ø→o, å→a, spaces to '-').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from . import model
from .i18n import tr
from .model import theme_slug
from .problems import Problem

if TYPE_CHECKING:
    from .load import Dataset
    from .portal import WorkshopView

# Slugs this much alike are probably one theme spelt two ways ("baerekraft"/"berekraft").
_NEAR = 0.85


def theme_key(name: str) -> str:
    """What makes two names one theme: the slug without its dashes, so "Strand sona",
    "strandsona" and " Strandsona " are one theme."""
    return theme_slug(name).replace("-", "")


@dataclass(eq=False)
class ThemeView:
    slug: str
    name: str
    # Every workshop that worked on the theme, in date order.
    workshops: list[WorkshopView] = field(default_factory=list)
    # (workshop, input text) in workshop order, then in the order written.
    inputs: list[tuple[WorkshopView, str]] = field(default_factory=list)

    @property
    def inputs_by_workshop(self) -> list[tuple[WorkshopView, list[str]]]:
        groups: dict[str, tuple[WorkshopView, list[str]]] = {}
        for workshop, text in self.inputs:
            groups.setdefault(workshop.id, (workshop, []))[1].append(text)
        return list(groups.values())

    @property
    def decisions(self) -> list[tuple[WorkshopView, list[str]]]:
        """A decision belongs to the themes of its workshop (documented in RECORDS.md)."""
        return [(w, list(w.record.decisions)) for w in self.workshops if w.record.decisions]


def workshop_themes(record: model.Workshop) -> list[str]:
    """The names a workshop works on: its `themes`, then its inputs' themes, each once."""
    seen: dict[str, str] = {}
    for name in [*record.themes, *(i.theme for i in record.inputs if i.theme)]:
        seen.setdefault(theme_key(name), name)
    return list(seen.values())


def collect_themes(workshops: Iterable[WorkshopView]) -> dict[str, ThemeView]:
    """`theme_key` → theme, sorted by name as Norwegian readers sort (æ, ø, å after z).

    One pass over the workshops in date order: the cost is linear in workshops and inputs.
    The first spelling met (in date order) is the name shown.
    """
    themes: dict[str, ThemeView] = {}
    for workshop in sorted(workshops, key=lambda w: (w.start, w.id)):
        record = workshop.record
        for name in workshop_themes(record):
            theme = themes.setdefault(theme_key(name),
                                      ThemeView(theme_slug(name), " ".join(name.split())))
            theme.workshops.append(workshop)
        for item in record.inputs:
            if item.theme:
                themes[theme_key(item.theme)].inputs.append((workshop, item.text))
    return dict(sorted(themes.items(), key=lambda pair: sort_key(pair[1].name)))


def sort_key(name: str) -> str:
    return name.lower().replace("æ", "{").replace("ø", "|").replace("å", "}")


def near_duplicate_warnings(dataset: Dataset) -> Iterator[Problem]:
    """One warning per theme spelt almost like an earlier one, e.g. "Berekraft"/"Bærekraft".

    Compares each new theme with the themes seen before it; themes are few (tens), so the
    pairwise comparison costs nothing next to the build.
    """
    seen: dict[str, tuple[str, str]] = {}  # key → (name, file where first written)
    for item in sorted(dataset.workshops.values(), key=lambda w: w.source.file):
        if item.record.draft:
            continue
        places = [(("themes", i), name) for i, name in enumerate(item.record.themes)]
        places += [(("inputs", i, "theme"), entry.theme)
                   for i, entry in enumerate(item.record.inputs) if entry.theme]
        for loc, name in places:
            key = theme_key(name)
            if key in seen:
                continue
            similar = next((known for known in seen if _alike(key, known)), None)
            if similar is not None:
                first, file = seen[similar]
                yield item.source.problem(
                    loc, tr("warn_theme_alike", name=name, first=first, file=file), "warning")
            seen[key] = (" ".join(name.split()), item.source.file)


def _alike(one: str, other: str) -> bool:
    if abs(len(one) - len(other)) > 2 or min(len(one), len(other)) < 4:
        return False
    return SequenceMatcher(None, one, other).ratio() >= _NEAR
