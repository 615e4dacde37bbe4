"""Themes, participation, deadlines and share cards as plain Python (no MkDocs build)."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest

from conftest import BIN, ENV, SiteFactory
from verksted_plugin.language.dates import OSLO
from verksted_plugin.language.labels import Labels
from verksted_plugin.outputs.sharecard import shorten
from verksted_plugin.portal.participation import chart_svg, series
from verksted_plugin.portal.themes import theme_key, theme_slug
from verksted_plugin.portal.views import build_portal
from verksted_plugin.records.deadlines import upcoming
from verksted_plugin.records.load import load_dataset

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}

SVG = "{http://www.w3.org/2000/svg}"


def workshop(title: str, start: str, extra: str = "") -> str:
    return (f"---\ntitle: {title}\ncommittee: planutvalget\nmethod: politisk-verksted\n"
            f'start: "{start}"\n{extra}---\nOppsummering.\n')


METHOD = """\
name: Politisk verksted
purpose: Overføre kunnskap.
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


def test_theme_slug_follows_the_id_rule() -> None:
    assert theme_slug("Satsingsområder") == "satsingsomrader"
    assert theme_slug("Bærekraft og klima") == "baerekraft-og-klima"
    assert theme_slug("  Strandsona  ") == "strandsona"
    assert theme_slug("Kultur, idrett & fritid!") == "kultur-idrett-fritid"
    assert theme_slug("Økonomi") == "okonomi"
    assert theme_slug("Café-kultur") == "cafe-kultur"
    assert theme_slug("?!") == "tema"
    # Case and spacing make no difference to which theme a name is.
    assert theme_key("Strand sona") == theme_key("strandsona") == theme_key(" STRANDSONA ")
    assert theme_key("Visjon") != theme_key("Visjonen")


def _site(site: SiteFactory, workshops: dict[str, str]) -> SiteFactory:
    site.set("data/workshops/2020-02-11-forste.md", None)
    site.set("data/methods/politisk-verksted.yml", METHOD)
    for name, text in workshops.items():
        site.set(f"data/workshops/{name}.md", text)
    site.write()
    return site


def test_near_duplicate_themes_warn_with_file_line_and_field(site: SiteFactory) -> None:
    _site(site, {
        "a": workshop("A", "2020-02-11 18:00", "themes: [Bærekraft, Visjon]\n"),
        "b": workshop("B", "2020-03-10 18:00",
                      "themes: [visjon, ' Strand sona']\ninputs:\n  - theme: Strandsona\n"
                      "    text: Et innspill.\n  - theme: Berekraft\n    text: Et annet.\n"),
    })
    dataset = load_dataset(site.root / "data", site.root / "docs", display_root=site.root,
                           today=date(2020, 1, 1))
    warnings = [p for p in dataset.warnings if "looks like" in p.message]
    assert len(warnings) == 1, dataset.warnings  # visjon and Strand sona are the same themes
    warning = warnings[0]
    assert (warning.file, warning.field, warning.severity) == (
        "data/workshops/b.md", "inputs[2].theme", "warning")
    assert warning.line == 10
    assert '"Berekraft" looks like "Bærekraft" (data/workshops/a.md)' in warning.message
    # `verksted check` reports it the same way, and --strict fails on it.
    result = subprocess.run([str(BIN / "verksted"), "check", "--strict"], cwd=site.root,
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert 'data/workshops/b.md:10: inputs[2].theme: theme "Berekraft" looks like' in \
        result.stderr

    portal = build_portal(dataset, datetime(2021, 1, 1, tzinfo=OSLO))
    themes = {key: (t.slug, t.name, [w.id for w in t.workshops], len(t.inputs))
              for key, t in portal.themes.items()}
    assert themes == {
        "berekraft": ("berekraft", "Berekraft", ["b"], 1),
        "baerekraft": ("baerekraft", "Bærekraft", ["a"], 0),
        "strandsona": ("strand-sona", "Strand sona", ["b"], 1),
        "visjon": ("visjon", "Visjon", ["a", "b"], 0),
    }
    assert list(themes) == ["berekraft", "baerekraft", "strandsona", "visjon"]


def test_deadlines_come_from_start_and_lead_time(site: SiteFactory) -> None:
    _site(site, {
        "soon": workshop("Snart", "2027-02-09 18:00"),
        "later": workshop("Senere", "2027-03-01", "documents:\n  - title: Sak\n"
                          "    url: https://example.no/sak.pdf\n"),
        "held": workshop("Holdt", "2027-02-20 18:00", "status: held\n"),
        "draft": workshop("Utkast", "2027-02-10 18:00", "draft: true\n"),
    })
    today = date(2027, 1, 1)
    dataset = load_dataset(site.root / "data", today=today)
    found = [(u.deadline.day.isoformat(), u.workshop_id, u.deadline.step_name)
             for u in upcoming(dataset, today)]
    assert found == [
        ("2027-01-15", "later", "Invitasjon sendes ut"),
        ("2027-02-02", "soon", "Forberedt case sendes ut"),
        ("2027-02-03", "draft", "Forberedt case sendes ut"),
        ("2027-02-22", "later", "Forberedt case sendes ut"),
    ]  # the 45-day deadlines of "soon" and "draft" are already past on 1 January
    # Passed deadlines warn only for a published planned workshop without documents.
    overdue = [p for p in dataset.warnings if "deadline" in p.message]
    assert [(p.file, p.field) for p in overdue] == [("data/workshops/soon.md", "documents")]
    assert '"Invitasjon sendes ut" was 26 December 2026' in overdue[0].message  # as frister writes it
    assert overdue[0].severity == "reminder"
    assert not [p for p in load_dataset(site.root / "data", today=date(2026, 12, 1)).warnings
                if "deadline" in p.message]
    # `verksted frister` on the command line: the same list, in the site's language.
    result = subprocess.run([str(BIN / "verksted"), "frister", "--today", "2027-01-01"],
                            cwd=site.root, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("15. januar 2027") and "Senere [later]" in lines[0]
    assert "2. februar 2027" in lines[1] and "Forberedt case sendes ut" in lines[1]
    assert "Utkast (draft)" in lines[2] and len(lines) == 5
    assert lines[4].startswith("reminder (does not stop publishing): data/workshops/soon.md:1: documents: ")
    result = subprocess.run([str(BIN / "verksted"), "frister", "--today", "2027-02-03",
                             "--format", "json"], cwd=site.root, env=ENV, capture_output=True,
                            text=True, timeout=120)
    assert json.loads(result.stdout) == [{
        "date": "2027-02-03", "workshop": "draft", "title": "Utkast",
        "step": "Forberedt case sendes ut", "lead_time_days": 7, "draft": True}, {
        "date": "2027-02-22", "workshop": "later", "title": "Senere",
        "step": "Forberedt case sendes ut", "lead_time_days": 7, "draft": False}]


def test_participation_counts_held_workshops_and_never_invents_a_zero(
        site: SiteFactory) -> None:
    _site(site, {
        "a": workshop("A", "2020-02-11 18:00",
                      "participants: {politicians: 9, administration: 6}\n"),
        "b": workshop("B", "2020-03-10 18:00",
                      "participants: {politicians: 31, administration: 8, residents: 0}\n"),
        "c": workshop("C", "2020-04-10 18:00", "status: cancelled\n"),
        "d": workshop("D", "2030-04-10 18:00"),
    })
    portal = build_portal(load_dataset(site.root / "data"), datetime(2021, 1, 1, tzinfo=OSLO))
    data = series(portal.workshops.values(), portal.now)
    assert data is not None
    assert [w.id for w, _ in data.rows] == ["a", "b"]
    assert data.rows[0][1].counts == {"politicians": 9, "administration": 6, "residents": None}
    assert data.totals.counts == {"politicians": 40, "administration": 14, "residents": 0}
    assert data.totals.incomplete == {"residents"} and data.totals.total == 54

    for language, missing, at_least in (("nb", "ikke oppgitt", "minst 0"),
                                        ("nn", "ikkje oppgitt", "minst 0"),
                                        ("en", "not given", "at least 0")):
        svg = ET.fromstring(str(chart_svg(data, lambda w: w.record.title, Labels(language),
                                          "diagram")))
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == "diagram"
        title = svg.find(f"{SVG}title")
        assert title is not None and title.get("id") == "diagram" and at_least in title.text
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        assert texts.count(missing) == 1 and at_least in texts and "0" in texts
        bars = svg.findall(f"{SVG}rect")
        assert len(bars) == 8  # 3 + 2 given figures, 3 totals
        widths = [float(b.get("width")) for b in bars]
        assert max(widths) == 190 and min(widths) == 1  # 40 fills the scale, 0 is a hairline
        assert all(el.get("style") is None for el in svg.iter())  # the CSP forbids it

    assert series([w for w in portal.workshops.values() if w.id in ("c", "d")],
                  portal.now) is None


def test_share_card_description_is_cut_at_a_word() -> None:
    assert shorten("Kort   tekst\nover linjer") == "Kort tekst over linjer"
    long = "ord " * 100
    cut = shorten(long, 30)
    assert cut.endswith("…") and len(cut) <= 30 and "  " not in cut and not cut.endswith(" …")


def test_every_new_label_exists_in_all_three_languages() -> None:
    keys = ["participation_not_given", "deadline_send_by", "nav_themes", "themes_title",
            "share_site_description"]
    texts = {lang: {k: str(Labels(lang)(k, date="D", municipality="M")) for k in keys}
             for lang in ("nb", "nn", "en")}
    assert texts["nb"]["participation_not_given"] == "ikke oppgitt"
    assert texts["nn"]["participation_not_given"] == "ikkje oppgitt"
    assert texts["en"]["participation_not_given"] == "not given"
    assert texts["nb"]["deadline_send_by"] == "Sendes ut senest D"
    assert texts["nn"]["deadline_send_by"] == "Vert send ut seinast D"
