"""A workshop's VEVENT written directly, byte for byte as icalendar 7 writes it.

icalendar builds a property object per value and folds each line character by character:
with a thousand workshops that was most of the calendars' time. A workshop's event holds
only text, a web address, and times in Oslo or UTC (or days): those are written here with
icalendar's own rules (RFC 5545 text escaping, its property order, folding at 75 octets
without splitting a character or an escape). Any other value returns None and icalendar
writes the event. tests/test_feeds_unit.py compares the two on hard cases, and
tests/test_speedups_same_output.py the sample's calendars.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from ..dates import OSLO

# icalendar's Event.canonical_order; the other properties follow alphabetically.
_CANONICAL = ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID",
              "SEQUENCE", "RRULE", "RDATE", "EXDATE")
_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "STATUS"}
_MOMENTS = {"DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED"}


class _Unwritten(Exception):
    """A value this module does not write: icalendar does."""


def _escape(text: str) -> str:
    """icalendar's TEXT escaping, in its order."""
    return (text.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
            .replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n")
            .replace("\r", r"\n"))


def _fold(line: str) -> bytes:
    """Lines of at most 74 octets: a fold never splits a UTF-8 character, and a line does
    not end in a backslash or caret (the escape stays with what it escapes)."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    start = 0
    while len(data) - start > 74:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # inside a character: fold before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _moment(value: Any) -> tuple[str, str]:
    """(parameters, value) of a DATE-TIME in UTC or Oslo, or of a DATE."""
    if isinstance(value, datetime):
        stamp = (f"{value.year:04}{value.month:02}{value.day:02}"
                 f"T{value.hour:02}{value.minute:02}{value.second:02}")
        if value.tzinfo is UTC:
            return "", stamp + "Z"
        if value.tzinfo is OSLO:
            return ";TZID=Europe/Oslo", stamp
        raise _Unwritten
    if isinstance(value, date):
        return ";VALUE=DATE", f"{value.year:04}{value.month:02}{value.day:02}"
    raise _Unwritten


def _line(name: str, value: Any) -> bytes:
    if name in _MOMENTS:
        params, text = _moment(value)
        return _fold(f"{name}{params}:{text}")
    if not isinstance(value, str):
        raise _Unwritten
    if name in _TEXT:
        return _fold(f"{name}:{_escape(value)}")
    if name == "UID" and not any(c in value for c in ",;\\\r\n"):
        return _fold(f"UID:{value}")
    if name == "URL" and "\n" not in value and "\r" not in value:
        return _fold(f"URL:{value}")
    raise _Unwritten


def _order(name: str) -> tuple[int, str]:
    return (_CANONICAL.index(name), "") if name in _CANONICAL else (len(_CANONICAL), name)


def vevent(properties: Sequence[tuple[str, Any]]) -> bytes | None:
    """The VEVENT of (property name, value) pairs, or None where icalendar must write it."""
    names = [name.upper() for name, _ in properties]
    if len(set(names)) != len(names):
        return None
    try:
        lines = [_line(name, value) for name, value in sorted(
            zip(names, (value for _, value in properties), strict=True),
            key=lambda item: _order(item[0]))]
    except _Unwritten:
        return None
    return b"\r\n".join([b"BEGIN:VEVENT", *lines, b"END:VEVENT"]) + b"\r\n"
