"""Hostile records, second pass: every field bounded and checked in the model, so `verksted
check`, the editor's JSON Schema and the build give the same answer, as a message in nb, nn
and en naming file, line and field, never a traceback (issue 21, points 4, 5, 6, 9, 11).
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from conftest import BIN, COMMITTEE, ENV, METHOD, MUNICIPALITY, PLAN, WORKSHOP, SiteFactory
from i18n_helpers import LANGUAGES, assert_norwegian
from verksted_plugin.adapter.siteconfig import folder_problems
from verksted_plugin.editor.fmt import run_fmt
from verksted_plugin.language.dates import OSLO
from verksted_plugin.language.i18n import forced_language
from verksted_plugin.pages.generated import DEFAULT_PATHS
from verksted_plugin.portal.drafts import draft_problems
from verksted_plugin.portal.views import build_portal
from verksted_plugin.records import model
from verksted_plugin.records.deadlines import is_coming, upcoming
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.parties import party_table
from verksted_plugin.records.problems import DataError
from verksted_plugin.records.schema import KINDS, record_schema

W = "data/workshops/2020-02-11-forste.md"
M = "data/methods/politisk-verksted.yml"


def problems(root: Path) -> dict[str, list[str]]:
    """The site's errors as `file:line: field: message`, by language (drafts named by a
    published record included, as `verksted check` and the build report them). The same
    places in every language, and no English word in nb or nn."""
    found: dict[str, list[Any]] = {}
    for language in LANGUAGES:
        with forced_language(language):
            try:
                dataset = load_dataset(root / "data", root / "docs", display_root=root)
                found[language] = draft_problems(dataset)
            except DataError as error:
                found[language] = error.problems
    places = {language: [(p.file, p.line, p.field) for p in items]
              for language, items in found.items()}
    assert places["nb"] == places["nn"] == places["en"]
    for language in ("nb", "nn"):
        assert_norwegian([p.message for p in found[language]], language)
    return {language: [str(p) for p in items] for language, items in found.items()}


def english(root: Path) -> list[str]:
    return problems(root)["en"]


def check(root: Path, language: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), "check"], cwd=root, capture_output=True,
                          env={**ENV, "VERKSTED_LANG": language}, text=True, timeout=120)


def workshop(**fields: str) -> str:
    """The minimal workshop with fields added after `number: 1` (YAML text as given)."""
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return WORKSHOP.replace("number: 1\n", f"number: 1\n{extra}")


def with_start(start: str, end: str) -> str:
    return WORKSHOP.replace('start: "2020-02-11 18:00"', f'start: "{start}"\nend: "{end}"')


# --- point 4: dates whose shapes do not match, or that run backwards ------------------------

def test_a_timed_start_with_a_date_only_end_is_a_message_not_a_traceback(
        site: SiteFactory) -> None:
    """Decision: `end` has the shape of `start`. A date-only end after a timed start has
    no time to end at (a calendar event is all-day or timed, never both): a message."""
    site.set(W, with_start("2020-02-11 18:00", "2020-02-12"))
    root = site.write()
    found = problems(root)
    assert found["en"] == [
        f'{W}:1: start has a time, so end needs a time too: "2020-02-11 21:00" or just '
        '"21:00" (or leave end out)']
    assert found["nb"] == [
        f'{W}:1: start har klokkeslett, så end trenger også klokkeslett: "2020-02-11 21:00" '
        'eller bare "21:00" (eller la end stå tom)']
    assert found["nn"][0].startswith(f"{W}:1: start har klokkeslett, så end treng òg")
    result = check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "start has a time, so end needs a time too" in result.stderr
    built = site.build(check=False)
    assert built.result.returncode == 1 and "Traceback" not in built.result.stderr
    assert "start has a time, so end needs a time too" not in built.result.stderr  # nb site
    assert "start har klokkeslett, så end trenger også klokkeslett" in built.result.stderr


def test_a_date_only_start_with_a_timed_end_is_a_message(site: SiteFactory) -> None:
    site.set(W, with_start("2020-02-11", "2020-02-12 21:00"))
    found = problems(site.write())
    assert found["en"] == [
        f"{W}:1: start is a date without a time, so end must be a date too, e.g. 2020-02-12; "
        'or give start a time: "2020-02-11 18:00"']
    assert found["nb"][0].startswith(f"{W}:1: start er bare en dato, så end må også være")
    assert found["nn"][0].startswith(f"{W}:1: start er berre ein dato, så end må òg vere")


def test_a_date_only_end_before_a_date_only_start_is_a_message(site: SiteFactory) -> None:
    """It passed unchecked and gave a calendar event whose DTEND was its DTSTART."""
    site.set(W, with_start("2020-02-11", "2020-02-09"))
    found = problems(site.write())
    assert found["en"] == [f"{W}:1: end is before start"]
    assert found["nb"] == [f"{W}:1: end er før start"]


def test_matching_shapes_still_load(site: SiteFactory) -> None:
    """A day to a later day, a day alone, a time to a time, and a time alone as the end."""
    for start, end in [("2020-02-11", "2020-02-12"), ("2020-02-11", "2020-02-11"),
                       ("2020-02-11 18:00", "2020-02-12 09:00"), ("2020-02-11 18:00", "21:00")]:
        site.set(W, with_start(start, end))
        root = site.write()
        dataset = load_dataset(root / "data", root / "docs", display_root=root)
        assert dataset.workshops["2020-02-11-forste"].record.end is not None


# --- point 4: every number and every year bounded ---------------------------------------------

def test_every_number_is_bounded_with_a_message(site: SiteFactory) -> None:
    """800,000 days before a planned workshop has no date: it passed `check` and crashed
    the build with OverflowError. Now each number field has a maximum in the model."""
    site.set(M, METHOD.replace("lead_time_days: 7", "lead_time_days: 800000"))
    site.set(W, workshop(status="planned", participants="{residents: 10000000}")
             .replace("number: 1", "number: 5000"))
    root = site.write()
    found = problems(root)
    assert found["en"] == [
        f"{M}:6: steps[1].lead_time_days: expected a number of at most 365; got 800000",
        f"{W}:5: number: expected a number of at most 1,000; got 5000",
        f"{W}:7: participants.residents: expected a number of at most 100,000; got 10000000"]
    assert found["nb"][0] == (f"{M}:6: steps[1].lead_time_days: verdien må være et tall på "
                              "høyst 365; her står 800000")
    assert found["nn"][0] == (f"{M}:6: steps[1].lead_time_days: verdien må vere eit tal på "
                              "høgst 365; her står 800000")
    result = check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("when", ["9999-12-31", "0001-01-02", "1899-12-31 18:00", "2200-01-01"])
def test_years_outside_a_plan_process_are_a_message(site: SiteFactory, when: str) -> None:
    """Year 9999 ended the build in ValueError (the calendar's time zone table for year
    10000), year 1 with a lead time in OverflowError."""
    site.set(W, WORKSHOP.replace('start: "2020-02-11 18:00"', f'start: "{when}"'))
    site.set("data/plans/samfunnsdel.yml", PLAN + f'phases:\n  - title: Oppstart\n    start: '
             f'"{when[:10]}"\n')
    root = site.write()
    found = problems(root)
    assert found["en"] == [
        "data/plans/samfunnsdel.yml:11: phases[1].start: expected a date with a year from "
        "1900 to 2199",
        f"{W}:6: start: expected a date with a year from 1900 to 2199"]
    assert found["nb"][1] == f"{W}:6: start: verdien må være en dato med et år fra 1900 til 2199"
    assert found["nn"][1] == f"{W}:6: start: verdien må vere ein dato med eit år frå 1900 til 2199"


def test_the_year_bounds_are_the_schemas() -> None:
    assert model.YEAR_MIN == 1900 and model.YEAR_MAX == 2199  # _DAY's pattern says so


WORKSHOP_FIELDS = {"title": "Verksted", "committee": "planutvalget", "start": "2020-02-11 18:00"}
METHOD_FIELDS = {"name": "Metode", "purpose": "Lære.", "steps": [{"title": "Steg"}]}
PLAN_FIELDS = {"title": "Plan", "contact": {"name": "Kari", "email": "kari@kommune.no"}}

# (kind, valid record, the mistake): the model and the editor's schema both refuse each.
SCHEMA_MISTAKES = [
    ("workshop", WORKSHOP_FIELDS, {"end": "2020-02-12"}),
    ("workshop", {**WORKSHOP_FIELDS, "start": "2020-02-11"}, {"end": "2020-02-12 21:00"}),
    ("workshop", {**WORKSHOP_FIELDS, "start": "2020-02-11"}, {"end": "21:00"}),
    ("workshop", WORKSHOP_FIELDS, {"number": 5000}),
    ("workshop", WORKSHOP_FIELDS, {"participants": {"residents": 10**7}}),
    ("workshop", WORKSHOP_FIELDS, {"start": "9999-12-31"}),
    ("workshop", WORKSHOP_FIELDS, {"start": "0001-01-02 18:00"}),
    ("workshop", WORKSHOP_FIELDS, {"themes": ["Index"]}),
    ("workshop", WORKSHOP_FIELDS, {"inputs": [{"theme": " INDEX ", "text": "Innspill"}]}),
    ("method", METHOD_FIELDS, {"steps": [{"title": "Steg", "lead_time_days": 800000}]}),
    ("plan", PLAN_FIELDS, {"phases": [{"title": "Høring", "end": "2300-01-01"}]}),
]


@pytest.mark.parametrize("kind, valid, mistake", SCHEMA_MISTAKES)
def test_the_editors_schema_refuses_what_the_model_refuses(
        kind: str, valid: dict[str, Any], mistake: dict[str, Any]) -> None:
    record, context = KINDS[kind][0], {"parties": party_table()}
    schema = Draft202012Validator(record_schema(kind))
    record.model_validate(valid, context=context)
    assert schema.is_valid(valid)
    wrong = {**valid, **mistake}
    with pytest.raises(ValidationError):
        record.model_validate(wrong, context=context)
    assert not schema.is_valid(wrong)


@pytest.mark.parametrize("start, end", [("2020-02-11 18:00", "21:00"),
                                        ("2020-02-11 18:00", "2020-02-12 01:00"),
                                        ("2020-02-11", "2020-02-13")])
def test_the_editors_schema_accepts_the_shapes_the_model_accepts(start: str, end: str) -> None:
    fields = {**WORKSHOP_FIELDS, "start": start, "end": end}
    model.Workshop.model_validate(fields)
    assert Draft202012Validator(record_schema("workshop")).is_valid(fields)


# --- point 5: control characters, in every text field of every kind -----------------------

def test_control_characters_from_yaml_escapes_are_named_in_every_kind(site: SiteFactory) -> None:
    site.set("data/municipality.yml", MUNICIPALITY.replace("name: Testvik kommune",
                                                           'name: "Testvik\\x1b kommune"'))
    site.set("data/parties.yml", 'parties:\n  - code: TL\n    nb: "Tverrpolitisk\\u0085 liste"\n')
    site.set("data/plans/samfunnsdel.yml", PLAN.replace("summary: Planen for *hele* kommunen.",
                                                        'summary: "Planen\\x0c for alle."'))
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace(
        "name: Ola Nordmann", 'name: "Ola\\x7f Nordmann"'))
    site.set(M, METHOD.replace("title: Forberedelse", 'title: "Forberedelse\\u009b"'))
    site.set(W, WORKSHOP.replace("title: Første verksted", 'title: "Første verksted\\x0b"'))
    found = problems(site.write())
    assert found["en"] == [
        "data/committees/planutvalget.yml:5: members[1].name: the text holds an invisible "
        "control character (U+007F) that cannot be published; delete it (it often comes from "
        "pasting, or from a \\x or \\u escape in quotes)",
        *[f"{where}: the text holds an invisible control character ({code}) that cannot be "
          "published; delete it (it often comes from pasting, or from a \\x or \\u escape in "
          "quotes)" for where, code in [
              (f"{M}:5: steps[1].title", "U+009B"),
              ("data/municipality.yml:1: name", "U+001B"),
              ("data/parties.yml:3: parties[1].nb", "U+0085"),
              ("data/plans/samfunnsdel.yml:2: summary", "U+000C"),
              (f"{W}:2: title", "U+000B")]]]
    assert found["nb"][-1] == (
        f"{W}:2: title: teksten inneholder et usynlig kontrolltegn (U+000B) som ikke kan "
        "publiseres; slett det (det kommer ofte fra innliming eller fra en \\x- eller "
        "\\u-kode i anførselstegn)")
    assert found["nn"][-1].startswith(
        f"{W}:2: title: teksten inneheld eit usynleg kontrollteikn (U+000B)")


@pytest.mark.parametrize("value, code", [('"a\\tb"', "U+0009"), ('"a\\rb"', "U+000D"),
                                         ('"\\ud800"', "U+D800"), ('"a\\uffff"', "U+FFFF"),
                                         ('"a\\x00b"', "U+0000")])
def test_a_line_of_text_holds_no_tab_cr_surrogate_or_non_character(
        site: SiteFactory, value: str, code: str) -> None:
    """A lone surrogate ended the build in UnicodeEncodeError; U+FFFF made feed.xml
    not well-formed XML."""
    site.set(W, WORKSHOP.replace("title: Første verksted", f"title: {value}"))
    [message] = english(site.write())
    assert message.startswith(f"{W}:2: title: the text holds an invisible control character "
                              f"({code})")


def test_a_line_break_in_a_one_line_field_is_named(site: SiteFactory) -> None:
    site.set(W, workshop(invited='["Ungdomsrådet\\nog eldrerådet"]'))
    found = problems(site.write())
    assert found["en"] == [
        f"{W}:6: invited[1]: this field is one line of text, but it holds a line break "
        "(U+000A); write the text on one line (a long text can be wrapped in the file with >- "
        "and indented lines below it)"]
    assert found["nb"][0].startswith(f"{W}:6: invited[1]: feltet er én linje tekst, men her "
                                     "er et linjeskift (U+000A)")
    assert found["nn"][0].startswith(f"{W}:6: invited[1]: feltet er éi linje tekst, men her "
                                     "er eit linjeskift (U+000A)")


def test_markdown_keeps_tabs_and_line_breaks_and_a_cr_becomes_a_line_break(
        site: SiteFactory) -> None:
    """And a folded one-line field (`>`) still ends in no line break."""
    site.set(W, workshop(status_note='"Flyttet.\\r\\nNy dato:\\tsnart.\\rSe under."'))
    site.set(M, METHOD.replace("title: Forberedelse", "title: >\n      Forberedelse"))
    root = site.write()
    dataset = load_dataset(root / "data", root / "docs", display_root=root)
    note = dataset.workshops["2020-02-11-forste"].record.status_note
    assert note == "Flyttet.\nNy dato:\tsnart.\nSe under."
    assert dataset.methods["politisk-verksted"].record.steps[0].title == "Forberedelse"


def test_a_control_character_in_a_workshops_summary_is_named_at_its_line(
        site: SiteFactory) -> None:
    site.set(W, WORKSHOP.replace("Vi møttes og diskuterte.\n",
                                 "Vi møttes.\n\nOg så\x1b diskuterte vi.\n"))
    root = site.write()
    found = problems(root)
    assert found["en"] == [
        f"{W}:10: the text holds an invisible control character (U+001B) that cannot be "
        "published; delete it (it often comes from pasting, or from a \\x or \\u escape in "
        "quotes)"]
    built = site.build(check=False)
    assert built.result.returncode == 1 and "Traceback" not in built.result.stderr
    assert f"{W}:10: teksten inneholder et usynlig kontrolltegn (U+001B)" in built.result.stderr


# --- point 6: names that would replace a generated page ---------------------------------------

def test_a_record_named_index_is_refused(site: SiteFactory) -> None:
    """`metode/index.yml` took `/metode/`, the overview of every method."""
    site.set("data/methods/index.yml", METHOD)
    site.set("data/workshops/2020-03-01-andre.md", WORKSHOP.replace(
        "method: politisk-verksted", "method: index").replace("number: 1", "number: 2"))
    found = problems(site.write())
    assert found["en"] == [
        'data/methods/index.yml:1: the file name "index" is the name of the folder\'s overview '
        "page and cannot be used for a record; give the file another name"]
    assert found["nb"] == [
        "data/methods/index.yml:1: filnavnet «index» er navnet på mappens oversiktsside og "
        "kan ikke brukes til en post; gi filen et annet navn"]
    assert found["nn"][0].startswith("data/methods/index.yml:1: filnamnet «index» er namnet")


def test_a_theme_named_index_is_refused(site: SiteFactory) -> None:
    site.set(W, workshop(themes='["Mobilitet", "Index"]'))
    site.set("data/workshops/2020-03-01-andre.md", WORKSHOP.replace("number: 1", "number: 2")
             .replace("---\nVi", "inputs:\n  - theme: ' index! '\n    text: Mer buss\n---\nVi"))
    found = problems(site.write())
    message = ('the theme\'s address would be "index", which is the overview page of all '
               "themes; give the theme another name")
    assert found["en"] == [f"{W}:6: themes[2]: {message}",
                           f"data/workshops/2020-03-01-andre.md:8: inputs[1].theme: {message}"]
    assert found["nb"][0] == (f"{W}:6: themes[2]: temaet ville fått adressen «index», som er "
                              "oversiktssiden over alle temaer; gi temaet et annet navn")
    assert found["nn"][0].startswith(f"{W}:6: themes[2]: temaet ville fått adressa «index»")


def test_folders_in_paths_may_not_collide(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"paths": {
        "methods": "plan", "themes": "verksteder/tema", "contact": "admin",
        "workshop": "x", "open_data": "../ut"}}}]
    built = site.build(check=False)
    log = built.result.stderr
    assert built.result.returncode == 1 and "Traceback" not in log and not built.out.exists()
    assert ("verksted-innstillingen for sidenes mapper (paths:) i mkdocs.yml: ukjent "
            "innstilling «workshop»; kjente: plans, committees, workshops, methods, contact, "
            "open_data, themes, activities; open_data: «../ut» er ikke et mappenavn") in log
    assert ("contact: mappen «admin» er, eller ligger i, en mappe nettstedet lager selv "
            "(«admin»); velg et annet navn") in log
    assert ("plans og methods er begge mappen «plan»; hver slags side trenger sin egen "
            "mappe") in log
    assert "themes («verksteder/tema») ligger inne i workshops («verksteder»)" in log
    english_build = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(built.out)], cwd=built.root,
        env={**ENV, "VERKSTED_LANG": "en"}, capture_output=True, text=True, timeout=300)
    assert ('plans and methods are both the folder "plan"; each kind of page needs a folder '
            "of its own") in english_build.stderr


def test_the_folder_check_in_every_language() -> None:
    paths = {"plans": "kalender/plan", "committees": "utvalg", "workshops": "utvalg"}
    with forced_language("nn"):
        found = folder_problems(paths, DEFAULT_PATHS)
    assert found == [
        "plans: mappa «kalender/plan» er, eller ligg i, ei mappe nettstaden lagar sjølv "
        "(«kalender»); vel eit anna namn",
        "committees og workshops er begge mappa «utvalg»; kvar slags side treng si eiga mappe"]
    with forced_language("en"):
        assert folder_problems({"themes": "aktuelt/tema"}, DEFAULT_PATHS, ["aktuelt"]) == [
            'themes: the folder "aktuelt/tema" is, or lies in, a folder the site makes itself '
            '("aktuelt"); choose another name']
        assert folder_problems({}, DEFAULT_PATHS) == []  # the defaults, open data included
        assert folder_problems({"plans": "planer/2030", "methods": "metoder"},
                               DEFAULT_PATHS, ["aktuelt"]) == []


# --- point 9: a byte order mark ---------------------------------------------------------------

def test_a_byte_order_mark_is_read_alike_by_check_and_fmt(site: SiteFactory,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    """`check` refused a workshop starting with a BOM that `fmt` formatted; both now read
    past it, and `fmt` removes it."""
    root = site.write()
    for relative in (W, "data/plans/samfunnsdel.yml", "data/municipality.yml"):
        path = root / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    dataset = load_dataset(root / "data", root / "docs", display_root=root)
    assert dataset.workshops["2020-02-11-forste"].record.title == "Første verksted"
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert run_fmt([root / W], root / "data", check=True, display_root=root) == 1
    run_fmt([], root / "data", check=False, display_root=root)
    capsys.readouterr()
    for relative in (W, "data/plans/samfunnsdel.yml", "data/municipality.yml"):
        assert not (root / relative).read_bytes().startswith(b"\xef\xbb\xbf"), relative
    assert check(root).returncode == 0


# --- point 4: a data folder that is a link, or links inside it ------------------------------

def test_a_data_folder_that_is_a_link_builds(site: SiteFactory, tmp_path: Path) -> None:
    """Decision: the data folder may be a link (a shared drive); it is read where it
    leads. Its pages got their "last updated" date from a path outside the site: ValueError."""
    root = site.write()
    elsewhere = tmp_path / "delt" / "data"
    elsewhere.parent.mkdir()
    (root / "data").rename(elsewhere)
    (root / "data").symlink_to(elsewhere)
    built = site.build(check=False)
    assert built.result.returncode == 0, built.result.stderr
    assert built.main("verksteder/2020-02-11-forste/").select_one(".verksted-updated")


def test_a_stray_link_out_of_the_data_folder_does_not_break_the_build(
        site: SiteFactory, tmp_path: Path) -> None:
    """A file that is no record (notes, a README) linked from elsewhere: not read, and no
    date on the site comes from it."""
    outside = tmp_path / "notater.txt"
    outside.write_text("hemmelig", encoding="utf-8")
    root = site.write()
    (root / "data" / "notater.txt").symlink_to(outside)
    (root / "data" / "plans" / "gammel").mkdir()
    (root / "data" / "plans" / "gammel" / "lenke.txt").symlink_to(outside)
    built = site.build(check=False)
    assert built.result.returncode == 0, built.result.stderr
    assert "hemmelig" not in built.result.stderr


# --- point 11: checks no test asserted --------------------------------------------------------

def test_a_published_workshop_may_not_name_a_draft_committee_or_method(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", "draft: true\n" + COMMITTEE)
    site.set(M, "draft: true\n" + METHOD)
    found = problems(site.write())
    assert found["en"] == [
        f'{W}:3: committee: the committee "planutvalget" is a draft (draft: true), so this '
        "record cannot be published; add draft: true here too, or publish the committee",
        f'{W}:4: method: the method "politisk-verksted" is a draft (draft: true), so this '
        "record cannot be published; add draft: true here too, or publish the method"]
    assert found["nb"] == [
        f"{W}:3: committee: utvalget «planutvalget» er et utkast (draft: true), så denne "
        "posten kan ikke publiseres; skriv draft: true her også, eller publiser utvalget",
        f"{W}:4: method: metoden «politisk-verksted» er et utkast (draft: true), så denne "
        "posten kan ikke publiseres; skriv draft: true her også, eller publiser metoden"]
    assert found["nn"][0].startswith(f"{W}:3: committee: utvalet «planutvalget» er eit utkast")


def test_a_draft_workshop_may_name_drafts(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", "draft: true\n" + COMMITTEE)
    site.set(M, "draft: true\n" + METHOD)
    site.set(W, WORKSHOP.replace("number: 1\n", "number: 1\ndraft: true\n"))
    root = site.write()
    assert draft_problems(load_dataset(root / "data", root / "docs", display_root=root)) == []


def test_a_plan_phase_has_dates_without_times_in_order(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yml", PLAN + (
        "phases:\n"
        "  - title: Oppstart\n    start: \"2020-01-15 09:00\"\n"
        "  - title: Høring\n    start: \"2020-06-30\"\n    end: \"2020-01-15\"\n"))
    found = problems(site.write())
    assert found["en"] == [
        "data/plans/samfunnsdel.yml:11: phases[1].start: expected a date like 2020-02-11",
        "data/plans/samfunnsdel.yml:12: phases[2]: end is before start"]
    assert found["nb"] == [
        "data/plans/samfunnsdel.yml:11: phases[1].start: verdien må være en dato som 2020-02-11",
        "data/plans/samfunnsdel.yml:12: phases[2]: end er før start"]
    assert found["nn"][1] == "data/plans/samfunnsdel.yml:12: phases[2]: end er før start"


# --- one definition of "planned" ---------------------------------------------------------------

@pytest.mark.parametrize("hour, ahead", [(8, True), (9, True), (15, False)])
def test_planned_means_the_same_to_the_pages_the_deadlines_and_the_warnings(
        site: SiteFactory, hour: int, ahead: bool) -> None:
    """A workshop at 09:00 on 10 March 2020, seen that same day: before 09:00 every part
    calls it planned (upcoming, its deadline listed, the passed one warned about); at 15:00
    every part calls it held. The deadlines used to compare days only, and called it
    planned all day while its page said held."""
    site.set(M, METHOD + "  - title: Case sendes ut\n    lead_time_days: 0\n")
    site.set(W, WORKSHOP.replace('"2020-02-11 18:00"', '"2020-03-10 09:00"'))
    root = site.write()
    now = datetime(2020, 3, 10, hour, tzinfo=OSLO)
    dataset = load_dataset(root / "data", root / "docs", display_root=root, today=now)
    portal = build_portal(dataset, now)
    view = portal.workshops["2020-02-11-forste"]
    record = view.record
    assert model.starts_ahead(record.start, now) is ahead
    assert (view.status == "planned") is ahead
    assert (view in portal.upcoming()) is ahead
    assert is_coming(record, now) is ahead
    assert bool(upcoming(dataset, now)) is ahead
    warned = [p for p in dataset.warnings if "deadline" in p.message or "fristen" in p.message]
    assert bool(warned) is ahead


@pytest.mark.parametrize("hour, listed", [(8, True), (15, False)])
def test_frister_calls_a_workshop_earlier_today_held_as_its_page_does(
        site: SiteFactory, hour: int, listed: bool) -> None:
    """`verksted frister` without `--today` reads the clock to the minute, not its day."""
    site.set(M, METHOD + "  - title: Case sendes ut\n    lead_time_days: 0\n")
    site.set(W, WORKSHOP.replace('"2020-02-11 18:00"', '"2020-03-10 09:00"'))
    root = site.write()
    result = subprocess.run([str(BIN / "verksted"), "frister", "--format", "json"], cwd=root,
                            env={**ENV, "VERKSTED_NOW": f"2020-03-10T{hour:02d}:00"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert bool(json.loads(result.stdout)) is listed


def test_check_reports_colliding_paths_as_the_build_does(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"paths": {"methods": "plan"}}}]
    root = site.write()
    result = check(root, "nb")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("mkdocs.yml:" in result.stderr and "paths: plans og methods er begge mappen «plan»; "
            "hver slags side trenger sin egen mappe") in result.stderr, result.stderr
