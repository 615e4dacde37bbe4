"""Lean pages: our stylesheet is published minified, and every page type of the sample stays
within the page-weight budget that `make bench` prints."""

from __future__ import annotations

import gzip
import sys

from conftest import REPO, Built
from verksted_plugin.outputs.minify import minify_css

sys.path.insert(0, str(REPO / "bench"))
import page_weight  # noqa: E402

SOURCE = REPO / "plugins" / "verksted_plugin" / "pages" / "assets" / "verksted.css"


def test_minify_keeps_strings_and_meaning_and_drops_the_rest() -> None:
    css = ('/* a comment */\n.a  >  .b ,\n.c :hover {\n  color : red ;\n  content: " x ; } /* y */";\n}\n'
           "@media (min-width: 60em) {\n  [data-x='a  b'] ~ .d { margin: 0 auto; }\n}\n")
    assert minify_css(css) == ('.a>.b,.c :hover{color :red;content:" x ; } /* y */"}'
                               "@media (min-width:60em){[data-x='a  b'] ~ .d{margin:0 auto}}\n")


def test_the_published_stylesheet_is_minified_and_half_the_size(sample: Built) -> None:
    published = (sample.out / "verksted" / "verksted.css").read_bytes()
    source = SOURCE.read_bytes()
    assert published == minify_css(SOURCE.read_text(encoding="utf-8")).encode()
    assert b"/*" not in published and published.count(b"\n") == 1
    assert len(gzip.compress(published)) < 0.6 * len(gzip.compress(source))


def test_every_page_type_is_within_its_budget(sample: Built) -> None:
    text, problems = page_weight.report(sample.out)
    assert problems == [], text
    weights = {name: page_weight.page_weight(sample.out, url)
               for name, url in page_weight.PAGE_TYPES.items()}
    # The figures are real: Material's CSS and JS are on every page, photos where shown.
    assert all(w["css"] > 15_000 and w["js"] > 25_000 and w["data"] > 1_000
               for w in weights.values()), weights
    assert weights["committee"]["images"] > weights["workshop"]["images"] > \
        weights["home"]["images"] > 0
    # A phone gets the 1200 px AVIF of a photo (it needs ~1000 px), not the JPEG.
    picked = page_weight.resources(
        (sample.out / "verksteder/2020-02-11-forste-politiske-verksted/index.html")
        .read_text(encoding="utf-8")).images
    assert [page_weight._phone_pick(c).rsplit("-", 1)[1] for c in picked] == ["1200.avif"]


def test_a_page_over_budget_is_reported() -> None:
    heavy = {kind: 0 for kind in page_weight.BUDGET["home"]}
    assert page_weight.over_budget({"home": {**heavy, "images": 500_000}}) == [
        "home: images 488.3 kB > 4 kB"]
