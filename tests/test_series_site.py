"""From input to decision, in built sites: theme pages, participation, deadlines, open data
and share cards, read back with real HTML, iCalendar and JSON Schema parsers."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar
from PIL import Image

from conftest import TODAY, Built, SiteFactory, run_build
from verksted_plugin.language.dates import format_day

# A series with every case: themes spelt differently, a missing figure, a cancelled and a
# planned workshop (far ahead, so the test does not age), a photo for the share card.
METHOD = """\
name: Politisk verksted
purpose: Overføre **kunnskap** fra innbyggerne til politikerne.
steps:
  - label: Pre-fase
    title: Invitasjon sendes ut
    lead_time_days: 45
  - label: "0"
    title: Forberedt case sendes ut
    lead_time_days: 7
  - label: "1"
    title: Gruppediskusjon
"""

FIRST = """\
---
title: Første verksted
committee: planutvalget
method: politisk-verksted
number: 1
start: "2020-02-11 18:00"
participants: {politicians: 9, administration: 6}
themes: [Visjon, Strandsona]
inputs:
  - {theme: Visjon, text: Kort og lett å huske.}
  - {theme: strandsona, text: Allmenn tilgang til sjøen.}
decisions:
  - Visjonen skal være **kort**.
photos:
  - src: bilder/foto.jpg
    alt: Politikere i grupper rundt bord med store ark.
---
På det første verkstedet arbeidet utvalget med *visjonen* og strandsona.
"""

SECOND = """\
---
title: Andre verksted
committee: planutvalget
method: politisk-verksted
number: 2
start: "2020-03-10 18:00"
participants: {politicians: 31, administration: 8, residents: 12}
themes: ["  visjon "]
inputs:
  - {theme: Visjon, text: Innbyggerne skal kjenne seg igjen.}
  - {theme: Strand sona, text: Ingen nye hytter i strandsona.}
decisions:
  - Forslaget til visjon sendes på høring.
---
Det andre verkstedet.
"""

CANCELLED = """\
---
title: Avlyst verksted
committee: planutvalget
start: "2020-04-14 18:00"
status: cancelled
---
"""

PLANNED = """\
---
title: Fjerde verksted
committee: planutvalget
method: politisk-verksted
number: 4
start: "2099-02-09 18:00"
themes: [Visjon]
documents:
  - {title: Invitasjon, url: "https://example.no/invitasjon.pdf"}
---
"""

LANGUAGES = {
    "nb": {"missing": "ikke oppgitt", "deadline": "Sendes ut senest 2. februar 2099",
           "themes": "Tema", "locale": "nb_NO", "at_least": "minst 12"},
    "nn": {"missing": "ikkje oppgitt", "deadline": "Vert send ut seinast 2. februar 2099",
           "themes": "Tema", "locale": "nn_NO", "at_least": "minst 12"},
    "en": {"missing": "not given", "deadline": "To be sent out by 2 February 2099",
           "themes": "Themes", "locale": "en_GB", "at_least": "at least 12"},
}


def series_site(root: Path, language: str = "nb") -> SiteFactory:
    site = SiteFactory(root)
    site.set("data/municipality.yml",
             site.files["data/municipality.yml"].replace("language: nb", f"language: {language}"))
    site.set("data/methods/politisk-verksted.yml", METHOD)
    site.set("data/workshops/2020-02-11-forste.md", FIRST)
    site.set("data/workshops/2020-03-10-andre.md", SECOND)
    site.set("data/workshops/2020-04-14-avlyst.md", CANCELLED)
    site.set("data/workshops/2099-02-09-fjerde.md", PLANNED)
    site.write()
    (root / "docs" / "bilder").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 630), (90, 120, 160)).save(root / "docs" / "bilder" / "foto.jpg")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The series built once in each language."""
    return {language: run_build(series_site(tmp_path_factory.mktemp(f"series-{language}"),
                                            language).root)
            for language in LANGUAGES}


def words(tag: object) -> str:
    return " ".join(str(tag.get_text(" ")).replace("¶", "").split())  # type: ignore[attr-defined]


def test_theme_overview_lists_every_theme_with_counts(built: dict[str, Built]) -> None:
    site = built["nb"]
    page = site.main("tema/")
    items = [words(li) for li in page.select("ul.verksted-themes li")]
    assert items == ["Strandsona 2 verksteder · 2 innspill", "Visjon 3 verksteder · 2 innspill"]
    assert [a["href"] for a in page.select("ul.verksted-themes a")] == \
        ["strandsona/", "visjon/"]
    # In the menu as one entry; the theme pages themselves are not (the tree stays small).
    hrefs = [a.get("href") or "" for a in site.html("").select(".md-nav--primary a")]
    assert "tema/" in hrefs, hrefs
    assert not any("visjon" in h for h in hrefs)


def test_theme_page_follows_the_theme_from_input_to_decision(built: dict[str, Built]) -> None:
    page = built["nb"].main("tema/visjon/")
    assert words(page.h1) == "Visjon"
    workshops = page.select("ul.verksted-list li")
    assert [words(li.a) for li in workshops] == ["Første verksted", "Andre verksted",
                                                  "Fjerde verksted"]
    assert "Planutvalget" in words(workshops[0]) and "Gjennomført" in words(workshops[0])
    assert "Planlagt" in words(workshops[2]) and "9. februar 2099" in words(workshops[2])
    inputs = [words(li) for li in page.select("ul.verksted-inputs li")]
    assert inputs == ["Kort og lett å huske.", "Innbyggerne skal kjenne seg igjen."]
    decisions = page.select("ol li")
    assert [words(li) for li in decisions] == ["Visjonen skal være kort .",
                                               "Forslaget til visjon sendes på høring."]
    assert decisions[0].strong is not None  # the Markdown of a decision is rendered
    strand = built["nb"].main("tema/strandsona/")
    assert [words(li) for li in strand.select("ul.verksted-inputs li")] == [
        "Allmenn tilgang til sjøen.", "Ingen nye hytter i strandsona."]


def test_workshop_page_links_each_theme(built: dict[str, Built]) -> None:
    page = built["nb"].main("verksteder/2020-02-11-forste/")
    themes = page.find("dt", string="Tema").find_next("dd")
    assert [(a.get_text(), a["href"]) for a in themes.select("a")] == [
        ("Visjon", "../../tema/visjon/"), ("Strandsona", "../../tema/strandsona/")]
    headings = [h.a["href"] for h in page.select("h3") if h.a and "tema/" in h.a["href"]]
    assert headings == ["../../tema/visjon/", "../../tema/strandsona/"]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_participation_table_and_chart(built: dict[str, Built], language: str) -> None:
    words_of = LANGUAGES[language]
    for url in ("utvalg/planutvalget/", "plan/samfunnsdel/"):
        page = built[language].main(url)
        table = page.select_one("table.verksted-participation")
        assert table is not None and table.caption is not None, url
        rows = [[words(cell) for cell in tr.select("th, td")] for tr in table.select("tbody tr")]
        # Held workshops only, in date order; the cancelled and planned ones have no row.
        assert [r[0].split(" 1")[0] for r in rows] == ["Første verksted", "Andre verksted"]
        assert rows[0][1:] == ["9", "6", words_of["missing"], words_of["at_least"][:-2] + "15"]
        assert rows[1][1:] == ["31", "8", "12", "51"]
        total = [words(c) for c in table.select("tfoot th, tfoot td")]
        assert total[1:] == ["40", "14", words_of["at_least"], words_of["at_least"][:-2] + "66"]
        assert all(th.get("scope") for th in table.select("th"))
        svg = page.select_one("figure.verksted-chart-figure svg")
        assert svg is not None and svg["role"] == "img"
        title = svg.find("title")
        assert title is not None and title["id"] == svg["aria-labelledby"]
        assert "40" in title.get_text() and words_of["at_least"] in title.get_text()
        assert not page.select("[style]") and not page.select("script")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_planned_workshop_shows_its_deadlines_as_dates(built: dict[str, Built],
                                                       language: str) -> None:
    page = built[language].main("verksteder/2099-02-09-fjerde/")
    deadlines = page.select(".verksted-lead-time .verksted-deadline")
    assert [words(d) for d in deadlines][1] == LANGUAGES[language]["deadline"]
    assert [d.time["datetime"] for d in deadlines] == ["2098-12-26", "2099-02-02"]
    held = built[language].main("verksteder/2020-02-11-forste/")
    assert held.select(".verksted-lead-time") and not held.select(".verksted-deadline")
    method = built[language].main("metode/politisk-verksted/")
    assert not method.select(".verksted-deadline")


def test_calendar_event_carries_the_deadlines(built: dict[str, Built]) -> None:
    site = built["nb"]
    event = Calendar.from_ical(
        (site.out / "kalender/verksted/2099-02-09-fjerde.ics").read_bytes()).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    assert ("Frister før verkstedet:\n– 26. desember 2098: Invitasjon sendes ut\n"
            "– 2. februar 2099: Forberedt case sendes ut") in description
    held = Calendar.from_ical(
        (site.out / "kalender/verksted/2020-02-11-forste.ics").read_bytes()).walk("VEVENT")[0]
    assert "Frister" not in str(held["DESCRIPTION"])


def test_open_data_has_themes_participation_and_deadlines(built: dict[str, Built]) -> None:
    site = built["nb"]
    document = json.loads((site.out / "apne-data/verksted.json").read_text(encoding="utf-8"))
    schema = json.loads((site.out / "apne-data/verksted.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        document)
    assert document["version"] == "1.2" and schema["properties"]["version"]["const"] == "1.2"
    themes = {t["slug"]: t for t in document["themes"]}
    assert themes["visjon"] == {
        "slug": "visjon", "name": "Visjon", "url": "https://verksted.example.no/tema/visjon/",
        "workshops": 3, "inputs": 2,
        "workshop_ids": ["2020-02-11-forste", "2020-03-10-andre", "2099-02-09-fjerde"],
        "activity_ids": []}
    assert (site.out / "tema/visjon/index.html").exists()
    expected = {"workshops": 2, "politicians": 40, "administration": 14, "residents": 12,
                "incomplete": ["residents"]}
    assert document["participation"] == expected
    assert document["committees"][0]["participation"] == expected
    assert document["plans"][0]["participation"] == expected
    planned = {w["id"]: w for w in document["workshops"]}
    assert planned["2099-02-09-fjerde"]["deadlines"] == [
        {"date": "2098-12-26", "step": "Invitasjon sendes ut", "lead_time_days": 45},
        {"date": "2099-02-02", "step": "Forberedt case sendes ut", "lead_time_days": 7}]
    assert planned["2020-02-11-forste"]["deadlines"] == []
    # The schema really checks the new parts: a wrong deadline date is refused.
    planned["2099-02-09-fjerde"]["deadlines"][0]["date"] = "2. februar 2099"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def _meta(page: object) -> dict[str, str]:
    return {m.get("property") or m.get("name"): m["content"]  # type: ignore[attr-defined]
            for m in page.select("meta[property^='og:'], meta[name^='twitter:']")}  # type: ignore[attr-defined]


def test_every_generated_page_has_a_share_card(built: dict[str, Built]) -> None:
    site = built["nb"]
    workshop = _meta(site.html("verksteder/2020-02-11-forste/"))
    assert workshop["og:title"] == "Første verksted"
    assert workshop["og:description"] == \
        "På det første verkstedet arbeidet utvalget med visjonen og strandsona."
    assert workshop["og:url"] == "https://verksted.example.no/verksteder/2020-02-11-forste/"
    assert workshop["og:image"] == "https://verksted.example.no/bilder/foto.jpg"
    assert workshop["og:image:alt"] == "Politikere i grupper rundt bord med store ark."
    assert (workshop["og:image:width"], workshop["og:image:height"]) == ("1200", "630")
    assert workshop["twitter:card"] == "summary_large_image"
    assert workshop["og:locale"] == "nb_NO" and workshop["og:type"] == "article"
    method = _meta(site.html("metode/politisk-verksted/"))
    assert method["og:description"] == "Overføre kunnskap fra innbyggerne til politikerne."
    assert method["twitter:card"] == "summary" and "og:image" not in method
    theme = _meta(site.html("tema/visjon/"))
    assert theme["og:description"].startswith("Visjon: 3 verksteder og 2 innspill")
    generated = ["plan/", "utvalg/", "verksteder/", "metode/", "kontakt/", "apne-data/",
                 "tema/", "tema/strandsona/", "plan/samfunnsdel/", "utvalg/planutvalget/",
                 "verksteder/2020-04-14-avlyst/"]
    for url in generated:
        card = _meta(site.html(url))
        assert card["og:title"] and card["og:description"] and card["og:url"].startswith(
            "https://verksted.example.no/"), url
    assert "og:title" not in _meta(site.html(""))  # the hand-written home page is the site's
    assert _meta(built["en"].html("tema/"))["og:locale"] == "en_GB"


def test_without_site_url_the_card_has_no_addresses(tmp_path: Path) -> None:
    site = series_site(tmp_path / "site")
    site.mkdocs = {k: v for k, v in site.mkdocs.items() if k != "site_url"}
    site.write()
    built = run_build(site.root)
    card = _meta(built.html("verksteder/2020-02-11-forste/"))
    assert card["og:title"] == "Første verksted" and card["og:description"]
    assert not {"og:url", "og:image", "twitter:image"} & set(card)


def test_build_reminds_when_a_deadline_passed_without_documents(site: SiteFactory) -> None:
    """A reminder, caused by the date alone: the strict build logs it and goes on."""
    from datetime import timedelta
    start = TODAY + timedelta(days=3)  # three days after the suite's pinned clock
    name = f"data/workshops/{start.isoformat()}-snart.md"
    site.set("data/workshops/2020-02-11-forste.md", None)
    site.set(name, f'---\ntitle: Snart\ncommittee: planutvalget\nmethod: politisk-verksted\n'
                   f'start: "{start.isoformat()} 18:00"\n---\n')
    result = site.build(check=False)
    assert result.result.returncode == 0, result.result.stderr  # --strict, and not stopped
    day = format_day(start - timedelta(days=7), "nb")
    assert (f"påminnelse (stopper ikke publiseringen): {name}:1: documents: fristen «Forberedelse» "
            f"var {day}") in result.result.stderr
    assert "WARNING" not in result.result.stderr


def test_the_sample_shows_the_series(sample: Built) -> None:
    """Lørenskog's sample: three themes, the figures of the held workshops, one planned."""
    themes = [words(a) for a in sample.main("tema/").select("ul.verksted-themes li a")]
    assert themes == ["Bærekraft", "Satsingsområder", "Visjon"]
    table = sample.main("utvalg/kommuneplanutvalget/").select_one("table.verksted-participation")
    assert table is not None
    third = [words(td) for td in table.select("tbody tr")[2].select("td")]
    assert third == ["10", "7", "ikke oppgitt", "minst 17"]
    planned = sample.main("verksteder/2029-02-13-verksted-om-revisjon-av-samfunnsdelen/")
    assert [words(d) for d in planned.select(".verksted-deadline")] == [
        "Sendes ut senest 30. desember 2028", "Sendes ut senest 6. februar 2029"]
