"""Take part (issue 24): the participation pages, where they show up on the other pages,
and the front page's "what happens now", in built sites read back with a real HTML parser.

The suite's clock stands on 1 June 2026 (conftest.PINNED_NOW): in the sample the call for
input on the revision (5 January 2026 to 31 January 2029) is open, the consultation of
the revised plan (from 1 September 2029) is upcoming, and the rest are finished.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import BIN, ENV, PLAN, WORKSHOP, Built, SiteFactory, run_build
from verksted_plugin.pages.now import MARKER, with_now_section

OPEN = "medvirkning/innspill-til-revisjonen/"
UPCOMING = "medvirkning/horing-av-revidert-samfunnsdel/"
SURVEY = "medvirkning/stedskompasset/"
RESIDENTS = "medvirkning/fremtidsverksted-med-innbyggere/"
HEARING = "medvirkning/horing-av-planforslaget/"
SECOND = "verksteder/2020-03-10-andre-politiske-verksted/"
PLANNED = "verksteder/2029-02-13-verksted-om-revisjon-av-samfunnsdelen/"


def text(tag: Tag | BeautifulSoup) -> str:
    """What a reader sees, without the permalink marks Material adds to headings: the
    strings as they run (a line break as a space)."""
    parts = [" " if isinstance(s, Tag) else str(s) for s in tag.descendants
             if isinstance(s, str) or s.name == "br"]
    return " ".join("".join(parts).replace("¶", "").split())


def section(page: Tag, title: str) -> list[Tag]:
    """The elements after the `<h2>`/`<h3>` reading `title`, up to the next heading of that
    level or above."""
    heads = [h for h in page.find_all(["h2", "h3"]) if text(h) == title]
    assert heads, f"no heading {title!r} in {text(page)[:300]}"
    head = heads[0]
    found: list[Tag] = []
    for sibling in head.find_next_siblings():
        if sibling.name in ("h1", "h2") or (sibling.name == "h3" and head.name == "h3"):
            break
        found.append(sibling)
    return found


def links(tags: list[Tag]) -> list[str]:
    return [a["href"] for tag in tags for a in tag.select("a[href]")]


def headings(page: Tag, name: str = "h2") -> list[str]:
    return [text(h) for h in page.find_all(name)]


# The sample ------------------------------------------------------------------------------

def test_overview_lists_open_then_upcoming_then_finished(sample: Built) -> None:
    page = sample.main("medvirkning/")
    assert headings(page) == ["Åpent nå", "Kommer senere", "Avsluttet"]
    assert links(section(page, "Åpent nå")) == ["innspill-til-revisjonen/"]
    assert links(section(page, "Kommer senere")) == ["horing-av-revidert-samfunnsdel/"]
    # Finished: the newest first (by the last day).
    assert links(section(page, "Avsluttet")) == [
        "horing-av-planforslaget/", "fremtidsverksted-med-innbyggere/", "stedskompasset/"]
    items = [text(li) for li in page.select("li")]
    assert items[0] == ("Innspill til revisjonen av samfunnsdelen Innspill · 5. januar 2026–"
                        "31. januar 2029 · Frist: 31. januar 2029")
    assert items[1].startswith("Høring av revidert samfunnsdel Høring · 1. september 2029–")
    assert items[1].endswith("Frist: 15. oktober 2029")
    # A deadline that has passed tells nothing; a meeting's one day has none.
    assert "Frist" not in items[2] and items[2].endswith("15. januar 2021–15. mars 2021")
    assert items[3] == "Fremtidsverksted med innbyggere Verksted · 20. februar 2020"
    assert page.select_one("time[datetime='2029-01-31']") is not None


def test_open_activity_says_how_to_take_part_and_by_when(sample: Built) -> None:
    page = sample.main(OPEN)
    assert text(page.h1) == "Innspill til revisjonen av samfunnsdelen"
    body = text(page)
    assert "Frist: 31. januar 2029" in body
    assert "Medvirkning i arbeidet med Kommuneplanens samfunnsdel" in body
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in page.select("dl dt")}
    assert facts == {"Type": "Innspill", "Dato": "5. januar 2026–31. januar 2029",
                     "Frist": "31. januar 2029", "Status": "Åpen",
                     "Tema": "Visjon og Bærekraft"}
    how = section(page, "Slik deltar du")
    assert "Merk innspillet med «Revisjon av samfunnsdelen»." in " ".join(map(text, how))
    assert links(how) == ["https://www.lorenskog.kommune.no/innspill-samfunnsdelen",
                          "mailto:postmottak@lorenskog.kommune.no"]
    assert "Postadresse: Lørenskog kommune, Postboks 304, 1471 Lørenskog" in body
    assert links(section(page, "Brukt i")) == [f"../../{PLANNED}"]
    themes = page.select("dl a[href]")
    assert [a["href"] for a in themes] == ["../../tema/visjon/", "../../tema/baerekraft/"]
    assert page.find("a", href="../../plan/kommuneplanens-samfunnsdel/") is not None
    assert "Resultat" not in headings(page)


def test_finished_activity_shows_its_result_and_where_it_went(sample: Built) -> None:
    page = sample.main(SURVEY)
    body = text(page)
    # The survey's address is kept in the record, but it is no use once it is closed.
    assert "lorenskog.kommune.no/stedskompasset" not in str(page)
    assert "Slik deltar du" not in headings(page)
    assert "Innbyggerne la mest vekt på trygge møteplasser" in " ".join(
        map(text, section(page, "Resultat")))
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in page.select("dl dt")}
    assert facts["Deltakere"] == "412 innbyggere" and facts["Status"] == "Avsluttet"
    assert links(section(page, "Brukt i")) == [f"../../{SECOND}"]
    assert "Andre politiske verksted" in body


def test_upcoming_activity_says_when_it_opens(sample: Built) -> None:
    page = sample.main(UPCOMING)
    how = " ".join(map(text, section(page, "Slik deltar du")))
    assert how == "Du kan delta fra 1. september 2029."
    assert not page.find("a", href=re.compile("^mailto:postmottak"))
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in page.select("dl dt")}
    assert facts["Status"] == "Planlagt" and facts["Frist"] == "15. oktober 2029"
    assert "Deltakere" not in facts  # nothing to count yet


def test_workshop_theme_and_plan_pages_show_the_activities(sample: Built) -> None:
    workshop = sample.main(SECOND)
    assert links(section(workshop, "Bygger på medvirkning")) == [
        f"../../{SURVEY}", f"../../{RESIDENTS}"]
    assert "Undersøkelse · 6. januar 2020–7. februar 2020" in text(workshop)

    theme = sample.main("tema/visjon/")
    order = headings(theme)
    # Citizens, then the workshops, their input and the decisions.
    assert order.index("Medvirkning") < order.index("Verkstedene") < order.index("Innspill") \
        < order.index("Vedtak")
    assert links(section(theme, "Medvirkning")) == [f"../../{SURVEY}", f"../../{OPEN}"]

    plan = sample.main("plan/kommuneplanens-samfunnsdel/")
    listed = links(section(plan, "Medvirkning i planarbeidet"))
    assert listed == [f"../../{a}" for a in (SURVEY, RESIDENTS, HEARING, OPEN, UPCOMING)]
    order = headings(plan)
    assert order.index("Medvirkning i planarbeidet") < order.index(
        "Politiske verksteder i planarbeidet")


def test_menu_has_the_overview_and_not_the_activities(sample: Built) -> None:
    nav = sample.html(SECOND).select_one("nav.md-nav--primary")
    entries = [text(a) for a in nav.select("a.md-nav__link")]
    assert entries.index("Planer") < entries.index("Medvirkning") < entries.index("Verksteder")
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert "../../medvirkning/" in hrefs
    assert not [h for h in hrefs if "medvirkning/" in h and h != "../../medvirkning/"]


def test_front_page_says_what_happens_now(sample: Built) -> None:
    page = sample.main("")
    # The municipality's own text stays around the section, in its place.
    assert headings(page) == ["Dette skjer nå", "Hva er et politisk verksted?", "Her finner du"]
    assert "Her kan du følge arbeidet med Kommuneplanens samfunnsdel" in text(page)
    assert headings(page, "h3") == ["Si din mening", "Neste verksted",
                                    "Her er vi i planarbeidet", "Aktuelt"]
    assert [text(li) for li in section(page, "Si din mening")[0].select("li")] == [
        "Innspill til revisjonen av samfunnsdelen Innspill · 5. januar 2026–31. januar 2029 · "
        "Frist: 31. januar 2029"]
    assert links(section(page, "Si din mening")) == [OPEN, "medvirkning/"]
    workshop = section(page, "Neste verksted")
    assert links(workshop) == [PLANNED]
    assert text(workshop[0]) == (
        "Politisk verksted om revisjon av samfunnsdelen 13. februar 2029, kl. 18.00 · "
        "Fysisk oppmøte: Lørenskog rådhus, Kommunestyresalen, Hasselveien 6, 1470 Lørenskog")
    phases = section(page, "Her er vi i planarbeidet")
    assert links(phases) == ["plan/kommuneplanens-samfunnsdel/"]
    assert text(phases[0]).endswith("Politiske verksteder · januar 2020–juni 2020 · Vi er her")
    news = section(page, "Aktuelt")
    assert links(news) == ["aktuelt/korona-pavirker-tredje-verksted/"]
    assert "20. april 2020" in text(news[0])
    assert "verksted:now" not in sample.html("").decode()


def test_share_cards_and_search(sample: Built) -> None:
    head = sample.html(SURVEY).head
    cards = {m.get("property") or m.get("name"): m["content"] for m in head.select("meta[content]")}
    assert cards["og:title"] == "Stedskompasset – innbyggernes vurdering av nærmiljøet"
    assert cards["og:description"].startswith("En digital undersøkelse der innbyggerne vurderte")
    assert cards["og:type"] == "article"
    assert cards["og:url"] == f"https://verksted.lorenskog.kommune.no/{SURVEY}"
    overview = {m.get("property"): m["content"] for m in
                sample.html("medvirkning/").head.select("meta[property]")}
    assert overview["og:title"] == "Medvirkning"

    index = json.loads((sample.out / "search" / "search_index.json").read_text("utf-8"))
    docs = index["docs"]
    survey = " ".join(d["title"] + " " + d["text"] for d in docs
                      if d["location"].startswith(SURVEY))
    assert "trygge møteplasser og grøntområder" in survey  # the result is found
    assert "Andre politiske verksted" not in survey  # "Brukt i" repeats the workshop's page
    front = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == "")
    assert "Innspill til revisjonen" not in front  # the section repeats other pages
    assert "tverrpolitiske grupper" in front


# Small sites -----------------------------------------------------------------------------

CALL = """\
title: Innspill til kystsoneplanen
kind: innspill
plan: samfunnsdel
start: "2026-05-01"
end: "2031-03-15"
themes: [Strandsona]
how_to_take_part: Skriv til oss.
url: https://example.no/skjema
email: plan@testvik.kommune.no
"""

SURVEY_NO_COUNT = """\
title: Spørreundersøkelse om nærmiljøet
kind: undersokelse
plan: samfunnsdel
start: "2020-01-01"
end: "2020-01-31"
url: https://example.no/undersokelse
photos:
  - src: bilder/mote.jpg
    alt: Innbyggere rundt et kart.
documents:
  - {title: Rapporten, url: "https://example.no/rapport.pdf", kind: rapport}
"""

PLANNED_WORKSHOP = """\
---
title: Planlagt verksted
committee: planutvalget
start: "2099-03-01 17:00"
location: {name: Rådhuset, room: Sal A, address: "Storgata 1, 1234 Testvik"}
---
"""

CANCELLED_WORKSHOP = """\
---
title: Avlyst verksted
committee: planutvalget
start: "2098-01-01 17:00"
status: cancelled
---
"""

PHASES = """\
phases:
  - {title: Oppstart, start: "2019-01-01", end: "2019-12-31"}
  - {title: Utarbeiding, start: "2020-01-01", end: "2099-12-31"}
"""

BLOG = {"blog": {"blog_dir": "aktuelt", "post_readtime": False, "post_url_format": "{slug}",
                 "authors": False}}

LANGUAGES = {
    "nb": {"menu": "Medvirkning", "deadline": "Frist: 15. mars 2031",
           "missing": "ikke oppgitt", "now": "Dette skjer nå"},
    "nn": {"menu": "Medverknad", "deadline": "Frist: 15. mars 2031",
           "missing": "ikkje oppgitt", "now": "Dette skjer no"},
    "en": {"menu": "Have your say", "deadline": "Deadline: 15 March 2031",
           "missing": "not given", "now": "What is happening now"},
}


def small_site(root: Path, language: str = "nb") -> SiteFactory:
    """Two activities (one open, one finished without figures), a workshop built on the
    finished one, a planned and a cancelled workshop, a current phase and four posts."""
    from PIL import Image

    site = SiteFactory(root)
    site.set("data/municipality.yml", site.files["data/municipality.yml"].replace(
        "language: nb", f"language: {language}"))
    site.set("data/plans/samfunnsdel.yml", PLAN + PHASES)
    site.set("data/activities/kystsonen.yml", CALL)
    site.set("data/activities/naermiljo.yml", SURVEY_NO_COUNT)
    site.set("data/workshops/2020-02-11-forste.md", WORKSHOP.replace(
        "number: 1\n", "number: 1\nknowledge_from: [naermiljo]\n"))
    site.set("data/workshops/2099-03-01-planlagt.md", PLANNED_WORKSHOP)
    site.set("data/workshops/2098-01-01-avlyst.md", CANCELLED_WORKSHOP)
    site.mkdocs["plugins"] = ["search", "verksted", BLOG]
    site.set("docs/aktuelt/index.md", "# Aktuelt\n")
    for day in range(1, 5):
        site.set(f"docs/aktuelt/posts/post-{day}.md",
                 f"---\ndate: 2026-0{day}-10\nslug: post-{day}\n---\n\n# Nyhet {day}\n\nTekst.\n")
    site.set("docs/index.md", f"# Forside\n\nVelkommen til portalen.\n\n{MARKER}\n\nHilsen oss.\n")
    site.set("docs/om/index.md", f"# Om\n\n{MARKER}\n\n```\n{MARKER}\n```\n")
    site.set("docs/annet.md", "# Annet\n\nIngen markør her.\n")
    site.write()
    (root / "docs" / "bilder").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), (90, 120, 160)).save(root / "docs" / "bilder" / "mote.jpg")
    return site


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The small site built once in each language."""
    return {language: run_build(small_site(tmp_path_factory.mktemp(f"small-{language}"),
                                           language).root)
            for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_deadline_and_missing_figures_speak_the_language(small: dict[str, Built],
                                                              language: str) -> None:
    built, words = small[language], LANGUAGES[language]
    nav = built.html("").select_one("nav.md-nav--primary")
    link = nav.find("a", href="medvirkning/")
    assert link is not None and text(link) == words["menu"]
    overview = built.main("medvirkning/")
    assert text(overview.h1) == words["menu"]
    assert words["deadline"] in text(overview)
    assert words["deadline"] in text(built.main("medvirkning/kystsonen/"))
    finished = built.main("medvirkning/naermiljo/")
    facts = [text(dd) for dd in finished.select("dl dd")]
    assert words["missing"] in facts
    assert headings(built.main(""))[0] == words["now"]


def test_finished_activity_without_figures_documents_and_photos(small: dict[str, Built]) -> None:
    page = small["nb"].main("medvirkning/naermiljo/")
    assert not page.find("a", href="https://example.no/undersokelse")  # closed: no link
    assert "Resultatet er ikke lagt ut ennå." in text(page)
    assert links(section(page, "Dokumenter")) == ["https://example.no/rapport.pdf"]
    figure = section(page, "Bilder")[0]
    assert figure.name == "figure" and figure.img["alt"] == "Innbyggere rundt et kart."
    assert figure.img["src"] == "../../bilder/mote.jpg"
    assert links(section(page, "Brukt i")) == ["../../verksteder/2020-02-11-forste/"]
    # The theme of an activity alone gets its page, the activity before the workshops.
    theme = small["nb"].main("tema/strandsona/")
    assert links(section(theme, "Medvirkning")) == ["../../medvirkning/kystsonen/"]
    assert text(section(theme, "Verkstedene")[0]) == \
        "Ingen verksteder har arbeidet med temaet ennå."


def test_open_call_shows_its_ways_in(small: dict[str, Built]) -> None:
    page = small["nb"].main("medvirkning/kystsonen/")
    assert links(section(page, "Slik deltar du")) == [
        "https://example.no/skjema", "mailto:plan@testvik.kommune.no"]
    assert "Brukt i" not in headings(page)


def test_front_page_sections_in_a_small_site(small: dict[str, Built]) -> None:
    page = small["nb"].main("")
    body = text(page)
    assert body.startswith("Forside Velkommen til portalen. Dette skjer nå")
    assert body.endswith("Hilsen oss.")
    # The next workshop that takes place: the cancelled one before it is passed over.
    assert text(section(page, "Neste verksted")[0]) == (
        "Planlagt verksted 1. mars 2099, kl. 17.00 · Fysisk oppmøte: Rådhuset, Sal A, "
        "Storgata 1, 1234 Testvik")
    assert "Utarbeiding" in text(section(page, "Her er vi i planarbeidet")[0])
    # The three newest posts, newest first.
    news = section(page, "Aktuelt")
    assert links(news) == ["aktuelt/post-4/", "aktuelt/post-3/", "aktuelt/post-2/"]
    assert "10. april 2026" in text(news[0])


def test_links_are_relative_to_the_page_and_fenced_markers_stay(small: dict[str, Built]) -> None:
    page = small["nb"].main("om/")
    assert "../medvirkning/kystsonen/" in links(section(page, "Si din mening"))
    assert links(section(page, "Aktuelt"))[0] == "../aktuelt/post-4/"
    # An example in a code block is shown as written, not replaced.
    assert MARKER in page.select_one("pre code").get_text()
    assert len(page.find_all("h2")) == 1
    untouched = small["nb"].main("annet/")
    assert headings(untouched) == [] and "Ingen markør her." in text(untouched)


def test_empty_sections_are_left_out(site: SiteFactory) -> None:
    """Nothing open, no workshop ahead, no phase, no blog: the marker gives nothing at
    all; with only a workshop ahead, only that section."""
    site.set("docs/index.md", f"# Forside\n\nFør.\n\n{MARKER}\n\nEtter.\n")
    built = site.build()
    page = built.main("")
    assert text(page) == "Forside Før. Etter."
    assert "verksted:now" not in built.html("").decode()

    site.set("data/workshops/2099-03-01-planlagt.md", PLANNED_WORKSHOP)
    page = site.build().main("")
    assert headings(page) == ["Dette skjer nå"]
    assert headings(page, "h3") == ["Neste verksted"]


def test_draft_activity_in_the_preview_only(site: SiteFactory) -> None:
    site.set("data/activities/utkast.yml", "draft: true\n" + CALL)
    site.write()
    preview = run_build(site.root, env={**ENV, "VERKSTED_PREVIEW_DRAFTS": "1"})
    banner = preview.main("medvirkning/utkast/").select_one(".verksted-draft[role=note]")
    assert banner is not None and banner.strong.get_text() == "Utkast"
    published = run_build(site.root)
    assert not (published.out / "medvirkning" / "utkast").exists()
    assert "Innspill til kystsoneplanen" not in text(published.main("medvirkning/"))


def test_the_marker_outside_a_build() -> None:
    made: list[str] = []

    def section_text() -> str:
        made.append("once")
        return "## Nå\n"

    page = f"# A\n\n{MARKER}\n\n~~~\n{MARKER}\n~~~\n\n    {MARKER}\n\n{MARKER}  \n"
    result = with_now_section(page, section_text)
    assert result.count("## Nå") == 2 and made == ["once"]  # made once, used twice
    assert f"~~~\n{MARKER}\n~~~" in result and f"    {MARKER}" in result
    assert with_now_section("# B\n", section_text) == "# B\n"
    assert with_now_section(f"# C\n\n{MARKER}\n", lambda: "") == "# C\n\n\n"


def test_starter_project_has_the_marker() -> None:
    starter = Path(__file__).resolve().parents[1] / "plugins/verksted_plugin/cli/starter"
    assert MARKER in (starter / "docs" / "index.md").read_text("utf-8")


def test_init_project_builds_with_the_front_page_section(tmp_path: Path) -> None:
    """`verksted init`'s project: the marker is replaced (its planned workshop, if any)."""
    result = subprocess.run([str(BIN / "verksted"), "init", str(tmp_path / "ny")], env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    built = run_build(tmp_path / "ny")
    assert "verksted:now" not in built.html("").decode()
