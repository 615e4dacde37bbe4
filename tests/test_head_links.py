"""The `<head>` links every page carries do not make the theme ask for a missing file, and
the calendars and open-data files stay discoverable without them."""

from __future__ import annotations

import json
import posixpath
from urllib.parse import urlsplit

from conftest import Built

SITE = "https://verksted.lorenskog.kommune.no/"


def _pages(built: Built) -> dict[str, str]:
    """Site path of each page's folder (\"\" for the root) -> its URL for `Built.html`."""
    found = {}
    for path in sorted(built.out.rglob("*.html")):
        relative = path.relative_to(built.out).as_posix()
        found[posixpath.dirname(relative)] = relative.removesuffix("index.html")
    return found


def test_no_alternate_link_sends_the_theme_to_a_missing_sitemap(sample: Built) -> None:
    """Material fetches `sitemap.xml` beside each `<link rel="alternate">` (its language
    selector): every such file must exist, or every visit logs a failed request."""
    checked = []
    for folder, url in _pages(sample).items():
        for link in sample.html(url).select("head link[rel~=alternate]"):
            target = posixpath.normpath(posixpath.join(folder, link["href"]))
            sitemap = posixpath.join(posixpath.dirname(target), "sitemap.xml")
            assert (sample.out / sitemap).is_file(), f"{url or '/'}: {link}"
            checked.append(target)
    # The Atom feed stays discoverable where it was: workshop list, committees, Åpne data.
    assert set(checked) == {"feed.xml"}
    assert len(checked) >= 3


def test_the_open_data_page_describes_its_files_as_a_dataset(sample: Built) -> None:
    scripts = sample.html("apne-data/").select('head script[type="application/ld+json"]')
    [dataset] = [d for d in map(lambda s: json.loads(s.string), scripts)
                 if d["@type"] == "Dataset"]
    assert dataset["url"] == SITE + "apne-data/"
    assert dataset["license"] == "https://data.norge.no/nlod/no/2.0"
    assert dataset["name"].endswith("Lørenskog kommune")
    formats = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert set(formats) == {"application/json", "text/csv", "text/calendar"}
    for address in formats.values():
        assert address.startswith(SITE)
        assert (sample.out / urlsplit(address).path.lstrip("/")).is_file(), address


def test_calendars_stay_linked_from_the_page_body(sample: Built) -> None:
    """Out of `<head>`, still one click away for a visitor (and a crawler)."""
    workshop = sample.main("verksteder/2020-02-11-forste-politiske-verksted/")
    link = workshop.select_one('a[type="text/calendar"]')
    assert link is not None and link["href"].endswith(
        "kalender/verksted/2020-02-11-forste-politiske-verksted.ics")
    committee = sample.main("utvalg/kommuneplanutvalget/")
    assert any(a["href"].endswith("kalender/utvalg/kommuneplanutvalget.ics")
               for a in committee.select('a[type="text/calendar"]'))
