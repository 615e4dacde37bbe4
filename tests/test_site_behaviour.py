"""Purpose-made small sites: escaping, Markdown fields, ordering, overrides, URL styles."""

from __future__ import annotations

import json

from conftest import COMMITTEE, PLAN, WORKSHOP, SiteFactory, write

EVIL = "<script>alert('x')</script>"


def test_values_from_data_arrive_as_text(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace(
        "name: Ola Nordmann", f'name: "{EVIL} *Stjerne*"'))
    site.set("data/workshops/2020-02-11-forste.md", WORKSHOP.replace(
        "title: Første verksted", f'title: "{EVIL} & [lenke](x)"').replace(
        "number: 1\n", f'number: 1\ninputs:\n  - theme: "{EVIL}"\n    text: "{EVIL}"\n'))
    built = site.build()
    for url in ("utvalg/planutvalget/", "verksteder/2020-02-11-forste/", "verksteder/"):
        soup = built.html(url)
        # Only JSON-LD may hold the value, as data: no script of its own was opened.
        holding = [s for s in soup.find_all("script") if "alert" in s.get_text()]
        assert all(s.get("type") == "application/ld+json" and json.loads(s.string)
                   for s in holding), url
        assert EVIL in soup.select_one("article").get_text(), url
    member = built.main("utvalg/planutvalget/").select_one(".verksted-member-name")
    assert member.get_text() == f"{EVIL} *Stjerne*"
    workshop = built.html("verksteder/2020-02-11-forste/")
    assert workshop.title.get_text().startswith(f"{EVIL} & [lenke](x)")
    assert workshop.select_one("article h1").get_text().startswith(f"{EVIL} & [lenke](x)")
    themes = [h.get_text() for h in workshop.select("article h3")]
    assert any(h.startswith(EVIL) for h in themes)


def test_markdown_fields_are_rendered_as_markdown(site: SiteFactory) -> None:
    built = site.build()
    summary = built.main("plan/samfunnsdel/")
    assert summary.select_one("em").get_text() == "hele"


def test_upcoming_first_then_past(site: SiteFactory) -> None:
    for day, title in (("2098-05-01", "Senere"), ("2097-01-01", "Snart")):
        site.set(f"data/workshops/{day}-x.md", WORKSHOP.replace("2020-02-11", day).replace(
            "Første verksted", title).replace("number: 1\n", ""))
    site.set("data/workshops/2019-01-01-eldst.md", WORKSHOP.replace(
        '"2020-02-11 18:00"', "2019-01-01").replace("Første verksted", "Eldst").replace(
        "number: 1\n", ""))
    built = site.build()
    page = built.main("verksteder/")
    lists = page.select("ul.verksted-list")
    upcoming = [a.get_text() for a in lists[0].select("a")]
    past = [a.get_text() for a in lists[1].select("a")]
    assert upcoming == ["Snart", "Senere"]
    assert past == ["Første verksted", "Eldst"]
    assert "Planlagt" in lists[0].get_text() and "Gjennomført" in lists[1].get_text()
    # A date-only workshop has no time row.
    dates = built.main("verksteder/2019-01-01-eldst/").select("dl.verksted-facts dt")
    assert [d.get_text() for d in dates][:2] == ["Dato", "Sted"]


def test_every_status_in_words(site: SiteFactory) -> None:
    words = {"planned": "Planlagt", "held": "Gjennomført", "cancelled": "Avlyst",
             "postponed": "Utsatt", "moved-online": "Flyttet til digitalt"}
    for number, status in enumerate(words, start=1):
        site.set(f"data/workshops/w{number}.md", WORKSHOP.replace(
            "number: 1", f"number: {number + 1}\nstatus: {status}\nstatus_note: Fordi {status}."))
    built = site.build()
    for number, (status, word) in enumerate(words.items(), start=1):
        page = built.main(f"verksteder/w{number}/")
        assert page.select_one(".verksted-status").get_text() == word
        kind = "danger" if status == "cancelled" else "warning"
        assert f"Fordi {status}." in page.select_one(f".admonition.{kind}").get_text()


def test_site_overrides_replace_a_template(site: SiteFactory) -> None:
    site.set("overrides/verksted/workshop.md.j2",
             "# {{ workshop.record.title|md_text }}\n\n<p class=\"lokal\">Lokal mal for "
             "{{ workshop.committee.record.name }}</p>\n\n"
             # Markdown in an override still goes through Python-Markdown (template_page.py).
             "- Første *punkt*\n- Andre punkt\n")
    built = site.build()
    page = built.main("verksteder/2020-02-11-forste/")
    assert page.select_one("p.lokal").get_text() == "Lokal mal for Planutvalget"
    assert [li.get_text() for li in page.select("ul > li")] == ["Første punkt", "Andre punkt"]
    assert page.select_one("li em").get_text() == "punkt"
    assert built.main("utvalg/planutvalget/").select_one(".verksted-members")


def test_site_overrides_replace_the_footer(site: SiteFactory) -> None:
    site.set("overrides/verksted/footer.html.j2", "<p class=\"egen\">{{ portal.municipality.name }}</p>")
    built = site.build()
    assert built.html("").select_one("footer p.egen").get_text() == "Testvik kommune"


def test_without_directory_urls_links_still_resolve(site: SiteFactory) -> None:
    site.mkdocs["use_directory_urls"] = False
    built = site.build()
    page = built.html("verksteder/2020-02-11-forste.html")
    link = page.select_one("p.verksted-series a")["href"]
    assert link == "../utvalg/planutvalget.html"
    assert (built.out / "utvalg" / "planutvalget.html").exists()


def test_committee_contact_defaults_to_the_plan_and_can_be_its_own(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE + (
        "contact:\n  name: Per Sekretær\n  email: per@testvik.kommune.no\n"))
    built = site.build()
    card = built.main("utvalg/planutvalget/").select_one(".verksted-contact")
    assert "Per Sekretær" in card.get_text() and not card.find("a", href=lambda h: "tel:" in h)
    assert "Kari Kontakt" in built.main("plan/samfunnsdel/").select_one(
        ".verksted-contact").get_text()


def test_hand_written_page_at_a_generated_address_is_refused(site: SiteFactory) -> None:
    site.set("docs/verksteder/index.md", "# Mine verksteder\n")
    built = site.build(check=False)
    assert built.result.returncode == 1
    assert "verksteder/index.md" in built.result.stderr
    assert "Traceback" not in built.result.stderr


def test_own_pages_join_the_navigation(site: SiteFactory) -> None:
    site.set("docs/om.md", "# Om portalen\n")
    built = site.build()
    nav = [a.get_text(" ", strip=True) for a in built.html("").select(
        "nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")]
    assert nav[-2:] == ["Om portalen", "Kontakt"]


def test_plan_without_optional_fields(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yml", PLAN.split("summary:")[0] + PLAN.split("\n", 2)[2])
    write(site.root / "docs" / "index.md", "# Forside\n")
    built = site.build()
    assert built.main("plan/samfunnsdel/").h1


FULL_WORKSHOP = """\
---
title: Fullt verksted
committee: planutvalget
method: politisk-verksted
number: 2
start: "2020-03-01 17:30"
end: "2020-03-02 12:00"
status: postponed
status_note: Flyttet på grunn av **været**.
attendance: hybrid
location: {name: Rådhuset, address: "Storgata 1, 1234 Testvik", room: Sal A}
online_url: https://meet.example.no/verksted
invited: [Kommunestyret, Ungdomsrådet, Eldrerådet]
participants: {politicians: 1, administration: 2, residents: 1}
themes: [Visjon]
agenda:
  - label: A
    title: Eget steg
    description: Egen *beskrivelse*.
    questions:
      - Hva nå?
    lead_time_days: 1
documents:
  - title: Saksframlegget
    file: dokumenter/sak.pdf
    kind: saksframlegg
  - title: Referatet
    url: https://example.no/referat.pdf
    kind: referat
inputs:
  - text: Uten tema.
  - theme: Visjon
    text: Med tema.
decisions:
  - |
    Første vedtak,
    over to linjer med *kursiv*.
photos:
  - src: bilder/pynt.png
    decorative: true
---
Oppsummering.
"""


def test_every_optional_workshop_field_is_shown(site: SiteFactory) -> None:
    site.set("data/workshops/2020-03-01-fullt.md", FULL_WORKSHOP)
    site.set("docs/dokumenter/sak.pdf", "%PDF-1.4 test\n")
    from PIL import Image
    write(site.root / "docs" / "bilder" / "keep.txt", "")
    Image.new("RGB", (40, 20), "white").save(site.root / "docs" / "bilder" / "pynt.png")
    built = site.build()
    page = built.main("verksteder/2020-03-01-fullt/")
    facts = {dt.get_text(): " ".join(dd.get_text(" ").split())
             for dt, dd in zip(page.select("dt"), page.select("dd"), strict=True)}
    assert facts["Dato"] == "1. mars 2020–2. mars 2020"
    assert facts["Tid"] == "kl. 17.30"
    assert facts["Sted"] == "Fysisk og digitalt: Rådhuset, Sal A, Storgata 1, 1234 Testvik Delta digitalt"
    assert facts["Status"] == "Utsatt"
    assert facts["Invitert"] == "Kommunestyret, Ungdomsrådet og Eldrerådet"
    assert facts["Deltakere"] == "1 politiker, 2 fra administrasjonen og 1 innbygger"
    assert page.find("a", href="https://meet.example.no/verksted")
    assert "været" in page.select_one(".admonition.warning strong").get_text()
    # The workshop's own agenda replaces the method's steps.
    headings = [h.get_text().rstrip("¶") for h in page.select("h3")]
    assert "A: Eget steg" in headings and not any("Forberedelse" in h for h in headings)
    assert "Sendes ut 1 dag før verkstedet" in page.get_text()
    assert page.find("a", string="Saksframlegget")["href"] == "../../dokumenter/sak.pdf"
    assert (built.out / "dokumenter" / "sak.pdf").exists()
    assert "(referat)" in page.select("ul.verksted-documents li")[1].get_text()
    groups = [h.get_text().rstrip("¶") for h in page.select("h3")][-2:]
    assert groups == ["Visjon", "Andre innspill"]
    assert page.select_one("ol li em").get_text() == "kursiv"
    image = page.select_one("figure img")
    assert image["alt"] == "" and (image["width"], image["height"]) == ("40", "20")


def test_contact_page_shows_municipality_number(site: SiteFactory) -> None:
    assert "Kommunenummer: 9999" in site.build().main("kontakt/").get_text()
