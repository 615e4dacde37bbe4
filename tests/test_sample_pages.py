"""The Lørenskog sample, built with real MkDocs: every page reads like the seed page."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import Tag

from conftest import BIN, ENV, Built, copy_sample, public_pages, run_build

COMMITTEE = "utvalg/kommuneplanutvalget/"
FIRST = "verksteder/2020-02-11-forste-politiske-verksted/"
SECOND = "verksteder/2020-03-10-andre-politiske-verksted/"
THIRD = "verksteder/2020-05-12-tredje-politiske-verksted/"
PLANNED = "verksteder/2029-02-13-verksted-om-revisjon-av-samfunnsdelen/"
PLAN = "plan/kommuneplanens-samfunnsdel/"
METHOD = "metode/politisk-verksted/"


def text(soup: Tag) -> str:
    """What a reader sees, without the permalink marks Material adds to headings."""
    parts = [s for s in soup.find_all(string=True)
             if not any(p.get("class") == ["headerlink"] for p in s.parents if p.name == "a")]
    return " ".join("".join(parts).split())


def heading(page: Tag, name: str, label: str) -> Tag:
    found = [h for h in page.find_all(name) if text(h) == label]
    assert found, f"no <{name}> {label!r}"
    return found[0]


def test_committee_page_has_purpose_mandate_composition_and_members(sample: Built) -> None:
    page = sample.main(COMMITTEE)
    body = text(page)
    assert text(page.h1) == "Kommuneplanutvalget"
    assert "gi rådmannen råd og innspill" in body
    assert "skal ikke erstatte den politiske styringen" in body
    assert "en representant fra hvert parti" in body
    members = [text(li) for li in page.select("ul.verksted-members li")]
    assert members == [
        "Knut Berg, leder – Høyre (H)",
        "Nancy Gogstad, nestleder – Sosialistisk Venstreparti (SV)",
        "Dan Levi Hykkerud, medlem – Kristelig Folkeparti (KrF)",
        "Linda Kolstad, medlem – Fremskrittspartiet (FrP)",
        "André Helgestad, medlem – Miljøpartiet De Grønne (MDG)",
        "Lisa Kara Frøyland, varamedlem – Miljøpartiet De Grønne (MDG)",
    ]
    captions = [text(f) for f in page.select("figure figcaption")]
    assert captions[0].startswith("Fra venstre: Dan Levi Hykkerud (KrF), Linda Kolstad (FrP)")
    assert captions[1].endswith("Foto: Lørenskog kommune")
    images = page.select("figure img")
    assert all(img["alt"] and img["width"] == "1200" and img["height"] == "800" for img in images)


def test_committee_page_lists_its_workshops_in_order_with_status_and_note(sample: Built) -> None:
    page = sample.main(COMMITTEE)
    headings = heading(page, "h2", "Gjennomføring").find_all_next("h3")
    links = [h.a["href"] for h in headings if h.a]
    assert links == [f"../../{FIRST}", f"../../{SECOND}", f"../../{THIRD}", f"../../{PLANNED}"]
    whens = [text(p) for p in page.select("p.verksted-when")]
    assert whens[0] == "Verksted nr. 1 · 11. februar 2020, kl. 18.00 · Gjennomført"
    assert whens[2].endswith("Flyttet til digitalt")
    note = page.select_one("div.admonition.warning")
    assert note.select_one(".admonition-title").get_text() == "Flyttet til digitalt"
    assert "Korona påvirker" in text(note)
    meetings = page.find("a", string=re.compile("Les mer om møtene i Kommuneplanutvalget"))
    assert meetings["href"] == "https://www.lorenskog.kommune.no/politikk"


def test_contact_person_is_in_the_body_with_tel_and_mailto(sample: Built) -> None:
    for url in (COMMITTEE, FIRST, PLAN, "kontakt/"):
        card = sample.main(url).select_one(".verksted-contact")
        assert "Kari Westgaard Berg, fagsjef" in text(card), url
        assert "Ansvarlig for planarbeidet" in text(card)
        assert card.find("a", href="tel:+4799048920").get_text() == "990 48 920"
        assert card.find("a", href="mailto:kwe@lorenskog.kommune.no")


def test_workshop_page_shows_every_field(sample: Built) -> None:
    page = sample.main(FIRST)
    facts = dict(zip([text(dt) for dt in page.select("dl.verksted-facts dt")],
                     [text(dd) for dd in page.select("dl.verksted-facts dd")], strict=True))
    assert facts == {
        "Dato": "11. februar 2020",
        "Tid": "kl. 18.00–21.00",
        "Sted": "Fysisk oppmøte: Lørenskog rådhus, Kommunestyresalen, Hasselveien 6, 1470 Lørenskog",
        "Status": "Gjennomført",
        "Invitert": "Kommuneplanutvalget",
        "Deltakere": "9 politikere, 6 fra administrasjonen og 0 innbyggere",
        "Metode": "Politisk verksted",
        "Tema": "Visjon og Satsingsområder",
    }
    assert page.select_one("p.verksted-series a")["href"] == f"../../{COMMITTEE}"
    assert page.select_one("dl.verksted-facts a")["href"] == f"../../{METHOD}"
    body = text(page)
    assert "Innspillene ble skrevet ned" in body or "innspillene ble skrevet ned" in body
    # The programme defaults to the method's steps, with their questions and lead times.
    steps = [text(h) for h in heading(page, "h2", "Program").find_all_next("h3", limit=7)]
    assert steps[0].startswith("Pre-fase: ") and steps[1].startswith("0. ")
    assert "Sendes ut 7 dager før verkstedet" in body
    assert "Hva bør kommunen prioritere først?" in body
    documents = page.select("ul.verksted-documents li")
    assert text(documents[0]).endswith("(saksframlegg)")
    assert documents[0].a["href"].startswith("https://www.lorenskog.kommune.no/")
    themes = [text(h) for h in heading(page, "h2", "Innspill").find_all_next("h3", limit=3)]
    assert themes == ["Satsingsområder", "Visjon", "Bærekraft"]
    assert len(page.select("ul.verksted-inputs li")) == 7
    decisions = heading(page, "h2", "Vedtak og forslag").find_next("ol")
    assert decisions.select_one("strong").get_text() == "felles satsingsområder"
    assert page.select_one("figure img")["src"] == "../../bilder/verksted-1.jpg"
    nav = page.select_one("nav.verksted-series-nav")
    assert nav.select_one("a[rel=next]")["href"] == "../2020-03-10-andre-politiske-verksted/"
    assert nav.select_one("a[rel=prev]") is None


def test_changed_workshop_shows_its_note_and_online_link(sample: Built) -> None:
    page = sample.main(THIRD)
    assert "Verksted nr. 3 i Kommuneplanutvalget" in text(page.select_one(".verksted-series"))
    assert "Korona påvirker" in text(page.select_one(".admonition"))
    place = page.find("dt", string="Sted").find_next("dd")
    assert text(place) == "Digitalt Delta digitalt"
    assert place.a["href"].startswith("https://")
    assert page.select_one("a[rel=prev]")["href"] == "../2020-03-10-andre-politiske-verksted/"


def test_workshop_list_has_date_and_status_in_words(sample: Built) -> None:
    page = sample.main("verksteder/")
    assert [text(h) for h in page.select("h2")] == ["Kommende verksteder", "Tidligere verksteder",
                                                    "Følg med"]
    items = [text(li) for li in page.select("ul.verksted-list li")]
    assert items[0] == ("Politisk verksted om revisjon av samfunnsdelen 13. februar 2029, "
                        "kl. 18.00 · Kommuneplanutvalget · Planlagt")
    assert items[1] == ("Tredje politiske verksted 12. mai 2020, kl. 18.00 · "
                        "Kommuneplanutvalget · Flyttet til digitalt")
    assert len(items) == 4


def test_method_page_has_purpose_and_every_step(sample: Built) -> None:
    page = sample.main(METHOD)
    body = text(page)
    assert "overføre kunnskap fra samskapings- og medvirkningsprosesser" in body
    steps = [text(h) for h in heading(page, "h2", "Programmet steg for steg")
             .find_all_next("h3")]
    assert [s.split(" ")[0] for s in steps] == ["Pre-fase:", "0.", "1.", "2.", "3.", "4.", "5."]
    assert "Sendes ut 45 dager før verkstedet" in body
    assert len(page.select("ul.verksted-questions")) == 4


def test_plan_page_marks_the_current_phase(sample: Built) -> None:
    page = sample.main(PLAN)
    phases = page.select(".verksted-timeline .verksted-phase")
    assert len(phases) == 5
    current = page.select(".verksted-phase[aria-current=step]")
    assert len(current) == 1 and "Vi er her" in text(current[0])
    assert text(current[0].h3) == "Politiske verksteder"
    dates = [text(p) for p in page.select(".verksted-phase-meta")]
    assert dates[1] == "januar 2020–juni 2020 · Vi er her" and dates[-1] == "juni 2021"
    assert page.find("a", href=f"../../{COMMITTEE}")
    assert len(page.select("ul.verksted-list:not(.verksted-activities) li")) == 4


def test_contact_page_has_the_municipality(sample: Built) -> None:
    page = sample.main("kontakt/")
    body = text(page)
    assert "Besøksadresse Hasselveien 6 1470 LØRENSKOG" in body
    assert "Postadresse Postboks 304 1471 LØRENSKOG" in body
    assert page.find("a", href="tel:+4767934000")


def test_every_page_has_the_footer_with_the_accessibility_statement(sample: Built) -> None:
    for path in public_pages(sample.out):
        footer = sample.html(path.relative_to(sample.out).as_posix()).select_one("footer")
        assert "Lørenskog kommune" in text(footer), path
        assert "Hasselveien 6, 1470 LØRENSKOG" in text(footer)
        link = footer.find("a", string="Tilgjengelighetserklæring")
        assert link and link["href"].startswith("https://uustatus.no/"), path
        assert "Made with" not in text(footer)


def test_navigation_lists_overviews_but_not_workshops(sample: Built) -> None:
    nav = sample.html(FIRST).select_one("nav.md-nav--primary")
    hrefs = {a["href"] for a in nav.select("a[href]")}
    labels = [text(a) for a in nav.select("a.md-nav__link, label.md-nav__link")]
    for label in ("Planer", "Utvalg", "Verksteder", "Metode", "Kontakt"):
        assert label in labels
    assert not any("2020-0" in href for href in hrefs)


def test_search_index_holds_contacts_members_and_inputs(sample: Built) -> None:
    index = json.loads((sample.out / "search" / "search_index.json").read_text())
    everything = " ".join(doc["text"] for doc in index["docs"])
    for needle in ("kwe@lorenskog.kommune.no", "990 48 920", "Nancy Gogstad",
                   "Grøntområdene og Marka skal tas vare på"):
        assert needle in everything


def test_internal_links_and_images_resolve(sample: Built) -> None:
    checked = 0
    for path in public_pages(sample.out):
        url = path.relative_to(sample.out).as_posix()
        soup = sample.html(url)
        for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = element[attribute]
                parsed = urlparse(target)
                if parsed.scheme or target.startswith("#"):
                    continue
                resolved = urlparse(urljoin(f"http://site/{url}", target)).path.lstrip("/")
                file = sample.out / resolved
                if resolved == "" or resolved.endswith("/"):
                    file = file / "index.html"
                assert file.exists(), f"{url}: {target} -> {resolved}"
                checked += 1
    assert checked > 200


def test_no_request_to_another_host(sample: Built) -> None:
    for path in public_pages(sample.out):
        soup = sample.html(path.relative_to(sample.out).as_posix())
        for element in soup.find_all(["script", "link", "img", "iframe", "source"]):
            for attribute in ("src", "href"):
                value = element.get(attribute, "")
                if element.name == "link" and element.get("rel") == ["canonical"]:
                    continue
                assert not urlparse(value).netloc, f"{path}: {element}"
    css = " ".join(p.read_text() for p in sample.out.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_dates_read_the_norwegian_way(sample: Built) -> None:
    body = text(sample.main(SECOND))
    assert "10. mars 2020" in body and "kl. 18.00–21.00" in body


def test_build_writes_nothing_into_docs_or_data(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = _snapshot(root)
    run_build(root)
    assert _snapshot(root) == before


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).digest()
            for folder in ("docs", "data") for p in (root / folder).rglob("*") if p.is_file()}


def test_generated_pages_need_no_files_in_docs(sample: Built) -> None:
    generated = {p.relative_to(sample.root / "docs").as_posix()
                 for p in Path(sample.root / "docs").rglob("*.md")
                 if not p.is_relative_to(sample.root / "docs/redaktor")}  # the editor's guide
    # Aktuelt updates (Material's blog) are written by hand in docs/ by design.
    assert {p for p in generated if not p.startswith("aktuelt/")} == {"index.md"}


def test_build_needs_no_network(tmp_path: Path) -> None:
    """The sample builds inside a network namespace with no interfaces but loopback."""
    root = copy_sample(tmp_path)
    result = subprocess.run(
        ["unshare", "--net", str(BIN / "mkdocs"), "build", "--strict", "-d", str(root / "site")],
        cwd=root, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "verksteder" / "index.html").exists()
