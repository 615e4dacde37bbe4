"""The search index: what citizens search for is in it, what every page repeats is not.

A workshop's page keeps its name, place, themes, inputs and decisions findable; its copy of
the method's programme and the committee's contact card stay out (the method's page and the
contact page hold them), and so do the lists of workshops on the overview, committee, plan,
method and theme pages (each workshop's own page is found).
"""

from __future__ import annotations

import json
from collections import defaultdict

from conftest import Built

WORKSHOP = "verksteder/2020-02-11-forste-politiske-verksted/"
STEP = "Case innen stedsutvikling"  # a step of the method's programme


def entries(sample: Built) -> list[dict[str, str]]:
    index = json.loads((sample.out / "search" / "search_index.json").read_text("utf-8"))
    return index["docs"]


def test_names_places_themes_and_inputs_are_found(sample: Built) -> None:
    page = " ".join(e["title"] + " " + e["text"] for e in entries(sample)
                    if e["location"].startswith(WORKSHOP))
    for needle in ("Første politiske verksted", "Lørenskog rådhus", "Kommunestyresalen",
                   "Satsingsområder", "Visjon", "Bærekraft",
                   "Grøntområdene og Marka skal tas vare på", "felles satsingsområder"):
        assert needle in page, needle


def test_repeated_blocks_stay_out_and_are_found_once(sample: Built) -> None:
    docs = entries(sample)
    with_step = {e["location"].split("#")[0] for e in docs
                 if STEP in e["title"] + e["text"]}
    assert with_step == {"metode/politisk-verksted/"}
    assert not [e for e in docs if e["location"].startswith("verksteder/")
                and "#kontakt" in e["location"]]
    assert any("kwe@lorenskog.kommune.no" in e["text"] for e in docs
               if e["location"].startswith("kontakt/"))
    # The theme pages list other pages' inputs: only their name and introduction are indexed.
    theme = [e for e in docs if e["location"].startswith("tema/visjon/")]
    assert len(theme) == 1 and "Visjon" in theme[0]["title"]


def test_an_index_of_at_most_2_5_kb_per_workshop(sample: Built) -> None:
    sizes: dict[str, int] = defaultdict(int)
    for entry in entries(sample):
        if entry["location"].startswith("verksteder/") and entry["location"] != "verksteder/":
            sizes[entry["location"].split("#")[0]] += len(
                json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    assert len(sizes) >= 4
    # The sample's first workshop is its richest (seven inputs, documents, photos).
    assert sum(sizes.values()) / len(sizes) <= 2.5 * 1024, sizes


def test_the_search_plugin_is_handed_less_html() -> None:
    from verksted_plugin.adapter.shortcuts.search_view import without_unsearched

    page = ('<h1 id="a">A</h1><p>kept</p><h2 data-search-exclude id="b">B</h2><ul><li>x</li>'
            '</ul><h3 data-search-exclude id="c">C</h3><p>y</p><h2 id="d">D</h2><p>kept</p>'
            '<h2 data-search-exclude id="e">E</h2><div><p>open</p>')
    assert without_unsearched(page) == ('<h1 id="a">A</h1><p>kept</p><h2 id="d">D</h2>'
                                        '<p>kept</p><h2 data-search-exclude id="e">E</h2>'
                                        '<div><p>open</p>')


def test_the_search_view_leaves_out_headings_permalinks_only() -> None:
    # issue 11: the parser ignores a permalink's text inside its heading; elsewhere it stays.
    from verksted_plugin.adapter.shortcuts.search_view import without_unsearched
    link = '<a class="headerlink" href="#{}" title="Permanent link">&para;</a>'
    page = (f'<h2 id="a">A <a href="x">b</a>{link.format("a")}</h2><p>{link.format("p")}</p>'
            f'<h3>No id{link.format("n")}</h3>')
    assert without_unsearched(page) == (f'<h2 id="a">A <a href="x">b</a></h2>'
                                        f'<p>{link.format("p")}</p><h3>No id{link.format("n")}</h3>')
