"""Values kept between the rebuilds of one `mkdocs serve` while their inputs stay the same.

Each value is kept under a key (a workshop's id) with what it was made from: objects
compared by identity (record_cache.py hands back the very same record for an unchanged
file, a changed file gives a new one) and values compared by equality. The entry holds the
objects, so an identity is never reused by another object while it is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class KeptWhileSame(Generic[T]):
    def __init__(self) -> None:
        self._kept: dict[str, tuple[list[Any], tuple[Any, ...], T]] = {}

    def get(self, key: str, same: list[Any], equal: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The value kept for `key` if made from the same inputs, else `make()` (then kept)."""
        kept = self._kept.get(key)
        if kept is not None and kept[1] == equal and len(kept[0]) == len(same) and all(
                a is b for a, b in zip(kept[0], same, strict=True)):
            return kept[2]
        made = make()
        self._kept[key] = (same, equal, made)
        return made

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget the keys that are gone (workshops deleted), so the store never outgrows the data."""
        wanted = set(keys)
        for gone in [key for key in self._kept if key not in wanted]:
            del self._kept[gone]
