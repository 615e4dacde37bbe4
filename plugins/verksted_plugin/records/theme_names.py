"""Theme names as editors write them: which spellings are one theme, and which are probably
one theme spelt two ways (a warning, so the theme pages do not split)."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from ..language.i18n import tr
from .dataset import Dataset, Loaded
from .model import Activity, Workshop, theme_slug
from .problems import Problem

# Slugs this much alike are probably one theme spelt two ways ("baerekraft"/"berekraft").
_NEAR = 0.85


def theme_key(name: str) -> str:
    """What makes two names one theme: the slug without its dashes, so "Strand sona",
    "strandsona" and " Strandsona " are one theme."""
    return theme_slug(name).replace("-", "")


def near_duplicate_warnings(dataset: Dataset) -> Iterator[Problem]:
    """One warning per theme spelt almost like an earlier one, e.g. "Berekraft"/"Bærekraft".

    Compares each new theme with the themes seen before it; themes are few (tens), so the
    pairwise comparison costs nothing next to the build.
    """
    seen: dict[str, tuple[str, str]] = {}  # key → (name, file where first written)
    holders: list[Loaded[Workshop] | Loaded[Activity]] = [
        *dataset.workshops.values(), *dataset.activities.values()]
    for item in sorted(holders, key=lambda w: w.source.file):
        if item.record.draft:
            continue
        places = [(("themes", i), name) for i, name in enumerate(item.record.themes)]
        if isinstance(item.record, Workshop):
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
