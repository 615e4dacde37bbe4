"""A stress portal: long names, many members, every optional field, photos, every status.

Written with the shared SiteFactory, so it is built exactly as a municipality builds.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from PIL import Image

from conftest import SiteFactory

STATUSES = ["planned", "held", "cancelled", "postponed", "moved-online"]
LONG = "Kommuneplanens samfunnsdel for Nordre Follo-og-Øvre-Romerike-interkommunale"
LONG_WORD = "Arealplanleggingsreferansegruppemedlemskapsforpliktelseserklæringsskjema"
PARTIES = ["Ap", "H", "FrP", "Sp", "SV", "R", "V", "KrF", "MDG", "PF"]
ROLES = ["leder", "nestleder", "medlem", "varamedlem"]


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _contact(n: int) -> dict[str, str]:
    return {"name": f"Kari-Marie Langnavn-Kontaktperson {n}", "title": "fagsjef for samfunnsplan",
            "role": "Ansvarlig for planarbeidet og medvirkningen", "phone": "990 48 920",
            "email": f"kari.marie.langnavn-kontaktperson{n}@testvik.kommune.no"}


def _photo(src: str, n: int, decorative: bool = False) -> dict[str, object]:
    if decorative:
        return {"src": src, "decorative": True}
    return {"src": src, "alt": f"Politikere arbeider i grupper rundt bord med store ark, bilde {n}",
            "caption": "Fra venstre: Dan Levi Hykkerud (KrF), Linda Kolstad (FrP), André "
                       "Helgestad (MDG) og Lisa Kara Frøyland (MDG).",
            "credit": "Testvik kommune / Fotograf Fotografsen"}


def _step(n: int) -> dict[str, object]:
    return {"label": "Pre-fase" if n == 0 else str(n), "title": f"Steg {n}: {LONG}",
            "description": f"Deltakerne **arbeider** i grupper. Se [planen](https://example.no/{n}).",
            "questions": ["Hva er viktigst for innbyggerne?", f"Hvordan måler vi {LONG_WORD}?"],
            "lead_time_days": 7 - n if n < 7 else 0}


def _workshop(n: int, status: str) -> str:
    future = status in ("planned", "postponed")
    day = f"{2099 if future else 2020}-0{n + 1}-1{n}"
    front: dict[str, object] = {
        "title": f"{n + 1}. politiske verksted om {LONG} ({status})",
        "committee": "utvalg", "method": "metode", "number": n + 1,
        "start": f"{day} 18:00", "end": f"{day} 21:30", "status": status,
        "status_note": f"**Endring.** Verkstedet er {status} på grunn av forhold vi "
                       "ikke rår over. Les mer i [saken](https://example.no/sak).",
        "attendance": ["in-person", "online", "hybrid"][n % 3],
        "location": {"name": "Testvik rådhus og kulturhus", "address": "Storgata 1, 1234 Testvik",
                     "room": "Kommunestyresalen i tredje etasje"},
        "online_url": "https://example.no/digitalt-mote",
        "invited": ["Kommunestyret", "Utvalgene", "Ungdomsrådet", "Eldrerådet",
                    "Rådet for personer med funksjonsnedsettelse"],
        "participants": {"politicians": 31, "administration": 1, "residents": 120},
        "themes": ["Visjon", "Satsingsområder", LONG_WORD],
        "agenda": [_step(i) for i in range(3)],
        "documents": [
            {"title": f"Saksframlegg: {LONG}", "url": "https://example.no/sak.pdf",
             "kind": "saksframlegg"},
            {"title": "Presentasjon", "file": "dokumenter/presentasjon.pdf",
             "kind": "presentasjon"},
            {"title": "Referat", "url": "https://example.no/referat.pdf", "kind": "referat"},
            {"title": "Rapport", "url": "https://example.no/rapport.pdf", "kind": "rapport"},
            {"title": "Annet", "url": "https://example.no/annet.pdf", "kind": "annet"},
        ],
        "inputs": [{"theme": "Visjon", "text": f"Innspill {i}: {LONG_WORD} må med."}
                   for i in range(4)] + [{"text": "Et innspill uten tema."}],
        "decisions": ["Utvalget **anbefaler** visjonen.", "Planen sendes på høring."],
        "photos": [_photo("bilder/foto-1.jpg", 1), _photo("bilder/foto-2.png", 2),
                   _photo("bilder/pynt.jpg", 3, decorative=True)],
    }
    body = f"Vi møttes og diskuterte {LONG_WORD}.\n\n" * 3
    return f"---\n{_yaml(front)}---\n{body}"


def _activity(kind: str, start: str, end: str | None, n: int) -> str:
    """A participation activity with every field, long names and long words."""
    data: dict[str, object] = {
        "title": f"{n}. medvirkning om {LONG} ({kind})", "kind": kind, "plan": "samfunnsdel",
        "start": start, "themes": ["Visjon", LONG_WORD],
        "description": f"Alle kan **delta**. Se [planen](https://example.no/plan). {LONG_WORD}.",
        "how_to_take_part": "Svar på nett, send e-post eller skriv et brev. Merk det med "
                            f"«{LONG_WORD}».",
        "url": "https://example.no/medvirkning-med-en-svaert-lang-adresse-som-ikke-brytes",
        "email": "postmottak@nordre-follo-ovre-romerike.kommune.no",
        "address": f"Postboks 1, 1235 Testvik, merk konvolutten «{LONG_WORD}»",
        "result": f"Innbyggerne la vekt på **{LONG_WORD}** og trygge møteplasser.",
        "participants": 1234,
        "documents": [{"title": f"Rapport: {LONG}", "url": "https://example.no/rapport.pdf",
                       "kind": "rapport"},
                      {"title": "Presentasjon", "file": "dokumenter/presentasjon.pdf",
                       "kind": "presentasjon"}],
        "photos": [_photo("bilder/foto-1.jpg", 6), _photo("bilder/pynt.jpg", 7, decorative=True)],
    }
    if end:
        data["end"] = end
    return _yaml(data)


ACTIVITIES = {  # by the suite's clock (1 June 2026): finished, open, upcoming
    "undersokelse": ("undersokelse", "2020-01-06", "2020-02-07"),
    "innspill": ("innspill", "2026-01-05", "2099-01-31"),
    "horing": ("horing", "2099-09-01", "2099-10-15"),
    "folkemote": ("folkemote", "2020-01-20", None),
}


def _write_images(docs: Path) -> None:
    (docs / "bilder").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 1067), (90, 120, 160)).save(docs / "bilder" / "foto-1.jpg")
    Image.new("RGB", (800, 1000), (160, 120, 90)).save(docs / "bilder" / "foto-2.png")
    Image.new("RGB", (1200, 200), (200, 200, 200)).save(docs / "bilder" / "pynt.jpg")
    (docs / "dokumenter").mkdir(exist_ok=True)
    (docs / "dokumenter" / "presentasjon.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")


def stress_site(root: Path) -> SiteFactory:
    """The factory for the stress portal; call `.build()` on it."""
    site = SiteFactory(root)
    site.set("data/workshops/2020-02-11-forste.md", None)
    site.set("data/municipality.yml", _yaml({
        "name": "Nordre Follo-og-Øvre-Romerike-interkommunale kommune", "number": "9999",
        "language": "nb", "website": "https://www.testvik.kommune.no/",
        "phone": "12 34 56 78", "email": "postmottak@nordre-follo-ovre-romerike.kommune.no",
        "visiting_address": {"street": "Storgata 1", "postcode": "1234", "city": "TESTVIK"},
        "postal_address": {"street": "Postboks 1", "postcode": "1235", "city": "TESTVIK"},
        "accessibility_statement": "https://uustatus.no/nb/erklaringer/publisert/testvik",
    }))
    site.set("data/plans/samfunnsdel.yml", _yaml({
        "title": LONG, "summary": f"Planen for *hele* kommunen. {LONG_WORD}.",
        "contact": _contact(1),
        "phases": [
            {"title": "Oppstart og planprogram", "start": "2019-01-01", "end": "2019-12-31",
             "description": "Planprogrammet vedtas."},
            {"title": f"Utarbeiding av {LONG}", "start": "2020-01-01", "end": "2099-06-30",
             "description": "Politiske verksteder.", "current": True},
            {"title": "Høring og offentlig ettersyn", "start": "2099-07-01"},
            {"title": "Vedtak i kommunestyret", "end": "2099-12-31"},
        ],
    }))
    site.set("data/committees/planutvalget.yml", None)
    site.set("data/committees/utvalg.yml", _yaml({
        "name": f"Utvalget for {LONG}", "plan": "samfunnsdel",
        "purpose": "Gi **råd** om planen.", "mandate": "Rådgivende; erstatter ikke kommunestyret.",
        "composition": "En representant fra hvert parti.",
        "members": [{"name": f"Medlem Medlemsen-{LONG_WORD[:20]} {i}", "party": PARTIES[i % 10],
                     "role": ROLES[min(i, 3)]} for i in range(40)],
        "meetings_url": "https://example.no/moter", "contact": _contact(2),
        "photos": [_photo("bilder/foto-1.jpg", 4), _photo("bilder/pynt.jpg", 5, decorative=True)],
    }))
    site.set("data/methods/politisk-verksted.yml", None)
    site.set("data/methods/metode.yml", _yaml({
        "name": f"Politisk verksted for {LONG}", "purpose": "Overføre **kunnskap**.",
        "steps": [_step(i) for i in range(8)],
    }))
    for n, status in enumerate(STATUSES):
        workshop = _workshop(n, status)
        if status == "held":  # built on what residents said: "Bygger på medvirkning"
            workshop = workshop.replace("\n---\n", "\nknowledge_from: [undersokelse, folkemote]"
                                        "\n---\n", 1)
        site.set(f"data/workshops/verksted-{status}.md", workshop)
    for n, (name, (kind, start, end)) in enumerate(ACTIVITIES.items()):
        site.set(f"data/activities/{name}.yml", _activity(kind, start, end, n + 1))
    # The front page's "what happens now" between the municipality's own words.
    site.set("docs/index.md", f"# {LONG}\n\nVelkommen. {LONG_WORD}.\n\n"
                              "<!-- verksted:now -->\n\nMer om portalen.\n")
    _write_images(root / "docs")
    return site
