"""The sample portal builds strictly and has every page type."""

from conftest import Built

PAGES = [
    "", "plan/", "plan/kommuneplanens-samfunnsdel/", "utvalg/", "utvalg/kommuneplanutvalget/",
    "verksteder/", "verksteder/2020-02-11-forste-politiske-verksted/", "metode/",
    "metode/politisk-verksted/", "kontakt/",
]


def test_every_page_type_is_built(sample: Built) -> None:
    for url in PAGES:
        soup = sample.html(url)
        assert soup.select_one("article h1"), url
