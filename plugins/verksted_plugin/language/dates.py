"""Dates and times as Norwegian readers expect them: "11. februar 2020", "kl. 18.00"."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time

OSLO = ZoneInfo("Europe/Oslo")

# Babel's "long" date for nb/nn is "11. februar 2020"; en gets "11 February 2020".
_DATE_PATTERNS = {"nb": "d. MMMM y", "nn": "d. MMMM y", "en": "d MMMM y"}
_TIME_PATTERNS = {"nb": "HH.mm", "nn": "HH.mm", "en": "HH:mm"}


def as_moment(value: date | datetime) -> datetime:
    """A point in Europe/Oslo time; a bare date is the start of that day."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=OSLO)
    return datetime.combine(value, time(0, 0), tzinfo=OSLO)


def format_day(value: date | datetime, language: str) -> str:
    day = value.date() if isinstance(value, datetime) else value
    return _day(day, language)


def format_clock(value: datetime | time, language: str) -> str:
    clock = value.time() if isinstance(value, datetime) else value
    return _clock(clock, language)


def format_month(value: date, language: str) -> str:
    return _month(value.year, value.month, language)


# Babel parses the pattern and looks up the locale on every call; a site shows the same few
# hundred days and times on many pages (lists, calendars, feeds), so each is formatted once.
@lru_cache(maxsize=4096)
def _day(day: date, language: str) -> str:
    return babel_format_date(day, _DATE_PATTERNS.get(language, "d. MMMM y"), locale=language)


@lru_cache(maxsize=1024)
def _clock(clock: time, language: str) -> str:
    return babel_format_time(clock, _TIME_PATTERNS.get(language, "HH.mm"), locale=language)


@lru_cache(maxsize=1024)
def _month(year: int, month: int, language: str) -> str:
    return babel_format_date(date(year, month, 1), "MMMM y", locale=language)
