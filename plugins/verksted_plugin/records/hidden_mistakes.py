"""Warnings for mistakes an editor cannot see in the file: letters garbled by a wrong
encoding ("LÃ¸renskog"), a start date that has left the date in the file name (and so in
the page's address), and photo file names against the guide's rule (docs/redaktor/bilder.md).

Each names the file, the line and the field, and what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from ..language.i18n import tr
from . import model
from .problems import Problem
from .yamlread import Loc

if TYPE_CHECKING:
    from .dataset import Dataset, Loaded

# UTF-8 read as Latin-1 or Windows-1252: each letter outside ASCII becomes two or three
# characters, the first of them Ã or Â (ø → Ã¸, Ø → Ã˜, å → Ã¥) or â for punctuation
# (’ → â€™). Those never begin a Norwegian word's letter pair, so they are what is looked for.
_CONTINUATION = "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
                        for byte in range(0x80, 0xC0))
_TAIL = f"[{re.escape(_CONTINUATION)}]"
_GARBLED = re.compile(f"[ÃÂ]{_TAIL}|â{_TAIL}{_TAIL}")
_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'«»"


def _byte(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1")


def _repaired(match: re.Match[str]) -> str:
    try:
        return b"".join(_byte(char) for char in match.group(0)).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group(0)


def garbled(text: str) -> tuple[str, str, str] | None:
    """The first garbled word, as written and as meant, and the letters meant; or None."""
    found = _GARBLED.search(text)
    if found is None:
        return None
    word = next(w for w in _WORD.finditer(text) if w.start() <= found.start() < w.end())
    written = word.group(0).strip(_EDGE_PUNCTUATION) or word.group(0)
    meant = _GARBLED.sub(_repaired, written)
    if meant == written:
        return None
    letters = dict.fromkeys(_repaired(m) for m in _GARBLED.finditer(text))
    return written, meant, ", ".join(letter for letter in letters if letter.strip())


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))


def garbled_warnings(records: Iterable[Loaded[Any]]) -> Iterator[Problem]:
    """One warning per field (and per summary) with letters garbled by a wrong encoding."""
    for loaded in records:
        for loc, text in _texts(loaded.source.document.data, ()):
            if found := garbled(text):
                yield loaded.source.problem(loc, _garbled_message(*found), "warning")
        if loaded.body and (found := garbled(loaded.body)):
            before = loaded.body[:loaded.body.find(found[0])]
            yield Problem(loaded.source.file, loaded.body_line + before.count("\n"), "summary",
                          _garbled_message(*found), "warning")


def _garbled_message(written: str, meant: str, letters: str) -> str:
    return tr("warn_garbled_letters", written=written, meant=meant, letters=letters)


_DATED_NAME = re.compile(r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})-(?P<rest>.+)")


def start_date_warnings(dataset: Dataset) -> Iterator[Problem]:
    """A workshop whose start has moved away from the date its file name (its address) has.

    Not for a draft (it has no address yet) nor a postponed workshop: its address keeps the
    first date on purpose, so the links already sent out keep working."""
    for loaded in dataset.workshops.values():
        named = _DATED_NAME.fullmatch(loaded.id)
        if named is None or loaded.record.draft or loaded.record.status == "postponed":
            continue
        try:
            day_named = date.fromisoformat(named["day"])
        except ValueError:
            continue
        start = loaded.record.start
        day = start.date() if isinstance(start, datetime) else start
        if day != day_named:
            folder = PurePosixPath(loaded.source.file).parent
            yield loaded.source.problem(("start",), tr(
                "warn_start_not_file_date", start=day.isoformat(), named=day_named.isoformat(),
                name=f"{folder}/{day.isoformat()}-{named['rest']}.md"), "warning")


_PHOTO_EXTENSION = re.compile(r"[a-z0-9]+")


def photo_name_warnings(dataset: Dataset) -> Iterator[Problem]:
    """Photo files named against the guide's rule: lowercase a–z, digits and '-', and a
    lowercase extension (`IMG_2043.JPG` → `img-2043.jpg`)."""
    holders: list[Loaded[Any]] = [*dataset.committees.values(), *dataset.workshops.values(),
                                  *dataset.activities.values()]
    for loaded in holders:
        for index, photo in enumerate(loaded.record.photos):
            name = PurePosixPath(photo.src).name
            stem, dot, extension = name.rpartition(".")
            if not dot:
                stem, extension = name, ""
            if model.ID_PATTERN.fullmatch(stem) and _PHOTO_EXTENSION.fullmatch(extension):
                continue
            better = model.theme_slug(stem) + (f".{extension.lower()}" if extension else "")
            yield loaded.source.problem(("photos", index, "src"), tr(
                "warn_photo_name", name=name, better=better), "warning")
