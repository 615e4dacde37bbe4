"""Where each feed and file lives in the built site. These URLs are public: keep them stable."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

# Used when mkdocs.yml has no site_url: feeds need absolute addresses and calendar UIDs a host.
DEFAULT_SITE_URL = "https://verksted.invalid/"

CALENDAR_ALL = "verksteder.ics"
CALENDAR_DIR = "kalender"
ATOM_FEED = "feed.xml"
OPEN_DATA_DIR = "apne-data"
OPEN_DATA_JSON = f"{OPEN_DATA_DIR}/verksted.json"
OPEN_DATA_CSV = f"{OPEN_DATA_DIR}/verksteder.csv"
OPEN_DATA_ACTIVITIES_CSV = f"{OPEN_DATA_DIR}/medvirkning.csv"
OPEN_DATA_SCHEMA = f"{OPEN_DATA_DIR}/verksted.schema.json"
NEWS_FEED_NAME = "rss.xml"


def workshop_calendar(workshop_id: str) -> str:
    return f"{CALENDAR_DIR}/verksted/{workshop_id}.ics"


def committee_calendar(committee_id: str) -> str:
    return f"{CALENDAR_DIR}/utvalg/{committee_id}.ics"


@dataclass(frozen=True)
class FeedLinks:
    """The feeds' addresses as templates need them: root-relative, or absolute for webcal."""

    site_url: str = DEFAULT_SITE_URL
    calendar_all: str = CALENDAR_ALL
    atom_feed: str = ATOM_FEED
    open_data_json: str = OPEN_DATA_JSON
    open_data_csv: str = OPEN_DATA_CSV
    open_data_activities_csv: str = OPEN_DATA_ACTIVITIES_CSV
    open_data_schema: str = OPEN_DATA_SCHEMA

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or urlsplit(DEFAULT_SITE_URL).hostname or ""

    def absolute(self, path: str) -> str:
        return _joined(self.site_url, path)

    def webcal(self, path: str) -> str:
        """`webcal://` makes a calendar program subscribe instead of importing once."""
        return "webcal://" + self.absolute(path).split("://", 1)[1]

    def workshop_calendar(self, workshop_id: str) -> str:
        return workshop_calendar(workshop_id)

    def committee_calendar(self, committee_id: str) -> str:
        return committee_calendar(committee_id)


# The feeds ask for each page's address several times (calendar, JSON-LD, Atom, open data,
# share card): urljoin is pure and slow enough to matter over a thousand workshops.
_joined = lru_cache(maxsize=1 << 16)(urljoin)


def normal_site_url(site_url: str | None) -> str:
    """`site_url` with a trailing slash, or the documented default when it is unset."""
    if not site_url:
        return DEFAULT_SITE_URL
    return site_url if site_url.endswith("/") else site_url + "/"
