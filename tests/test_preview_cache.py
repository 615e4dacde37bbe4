"""The preview's record cache never keeps a record that differs from its file.

`mkdocs serve` keeps parsed records between rebuilds (record_cache.py). A record is reused
only when the bytes the loader reads now are the bytes it was parsed from: a save that lands
while the old text is being validated, or a second save with the same time and size, is
seen on the next rebuild, not lost until the one after.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import WORKSHOP, SiteFactory
from verksted_plugin.records import load
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.record_cache import RecordCache

RECORD = "data/workshops/2020-02-11-forste.md"
ID = "2020-02-11-forste"


def titled(title: str) -> str:
    return WORKSHOP.replace("Første verksted", title)


def load_title(root: Path, cache: RecordCache) -> str:
    dataset = load_dataset(root / "data", root / "docs", display_root=root, cache=cache)
    return dataset.workshops[ID].record.title


def test_a_save_during_validation_is_seen_by_the_next_load(
        site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = site.set(RECORD, titled("Gammel tittel")).write()
    record = root / RECORD
    validate = load._Collector.validate

    def validate_then_save(self: Any, source: Any, kind: Any, context: Any) -> Any:
        result = validate(self, source, kind, context)
        if source.file.endswith(Path(RECORD).name):  # the editor saves while we validate
            record.write_text(titled("Ny tittel"), encoding="utf-8")
        return result

    cache = RecordCache()
    with monkeypatch.context() as patch:
        patch.setattr(load._Collector, "validate", validate_then_save)
        assert load_title(root, cache) == "Gammel tittel"  # what was read before the save
    assert load_title(root, cache) == "Ny tittel"
    assert load_title(root, cache) == "Ny tittel"
    assert cache.hits > 0  # the unchanged records (and then the new one) are reused


def test_a_second_save_with_the_same_time_and_size_is_seen(site: SiteFactory) -> None:
    root = site.set(RECORD, titled("Tittel A")).write()
    record = root / RECORD
    cache = RecordCache()
    assert load_title(root, cache) == "Tittel A"
    before = record.stat()
    record.write_text(titled("Tittel B"), encoding="utf-8")  # same length
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))  # a coarse clock's tick
    assert record.stat().st_size == before.st_size
    assert load_title(root, cache) == "Tittel B"


def test_a_touched_file_is_still_taken_from_the_cache(site: SiteFactory) -> None:
    root = site.write()
    cache = RecordCache()
    first = load_dataset(root / "data", root / "docs", display_root=root, cache=cache)
    (root / RECORD).touch()
    again = load_dataset(root / "data", root / "docs", display_root=root, cache=cache)
    assert again.workshops[ID] is first.workshops[ID]
