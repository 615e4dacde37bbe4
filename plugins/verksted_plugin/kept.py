"""Values kept between the rebuilds of one `mkdocs serve` while their inputs stay the same.

The one mechanism behind everything the preview keeps: parsed records, generated pages,
participation charts, calendar events, JSON-LD, compiled templates, the editor's config
and the theme's file lists. Each store (`Kept`) holds values by name (a file, a page, a
workshop's id) with the inputs each was made from:

- `same`: objects compared by identity. record_cache.py hands back the very same record
  for an unchanged file and a new object for a changed one; the entry holds the objects,
  so an identity is never reused by another object while it is kept;
- `equal`: values compared by equality (texts, dates, addresses, a file's digest);
- `still`: for inputs a value discovers while it is made (the summaries a page read), a
  check that they give the same answers now.

One eviction rule for every store: a complete build forgets whatever it did not use of
the stores it used (`finish_build`), so no store outgrows the data, a build that fails
forgets nothing, and a store another session owns (tests run several in one process) is
left alone. Outside `mkdocs serve` a process builds once and nothing needs forgetting.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_stores: weakref.WeakSet[Kept[Any]] = weakref.WeakSet()
_build = 0  # the number of the current build of this process


@dataclass
class _Entry(Generic[T]):
    same: Sequence[object]
    equal: object
    value: T
    used: int  # the build that last used it


class Kept(Generic[T]):
    """Values by name, each returned while the inputs it was made from are unchanged."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, _Entry[T]] = {}
        self._used_in = -1  # the last build that used this store
        self.hits = 0
        self.misses = 0
        _stores.add(self)

    def find(self, name: Hashable, *, same: Sequence[object] = (), equal: object = (),
             still: Callable[[T], bool] | None = None) -> T | None:
        """The value kept as `name` if made from these inputs, else None."""
        self._used_in = _build
        entry = self._entries.get(name)
        if (entry is None or entry.equal != equal or len(entry.same) != len(same)
                or not all(a is b for a, b in zip(entry.same, same, strict=True))
                or (still is not None and not still(entry.value))):
            self.misses += 1
            return None
        entry.used = _build
        self.hits += 1
        return entry.value

    def keep(self, name: Hashable, value: T, *, same: Sequence[object] = (),
             equal: object = ()) -> T:
        """Keep `value` as `name`, made from these inputs (replacing what was kept)."""
        self._used_in = _build
        self._entries[name] = _Entry(tuple(same), equal, value, _build)
        return value

    def get(self, name: Hashable, make: Callable[[], T], *, same: Sequence[object] = (),
            equal: object = (), still: Callable[[T], bool] | None = None) -> T:
        """The value kept as `name` if made from these inputs, else `make()`, then kept."""
        found = self.find(name, same=same, equal=equal, still=still)
        if found is not None:
            return found
        return self.keep(name, make(), same=same, equal=equal)

    def __len__(self) -> int:
        return len(self._entries)

    def _forget_unused(self, build: int) -> None:
        if self._used_in != build:  # not this build's store: nothing to judge it by
            return
        for name in [name for name, entry in self._entries.items() if entry.used < build]:
            del self._entries[name]


def start_build() -> None:
    """A build begins: what it uses from now on counts as used by it."""
    global _build
    _build += 1


def finish_build() -> None:
    """A build completed: every store it used forgets what it did not use."""
    for store in list(_stores):
        store._forget_unused(_build)
