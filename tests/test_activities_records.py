"""Participation activities (issue 24) as records: data/activities/, `knowledge_from` on
workshops, their mistakes in `verksted check`, `verksted new activity`, `verksted fmt` and
the published JSON Schema."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import (
    BIN,
    ENV,
    PLAN,
    REPO,
    TODAY,
    WORKSHOP,
    SiteFactory,
    check_problems,
    copy_sample,
    edit,
    run_build,
)
from verksted_plugin.editor.fmt import kind_of
from verksted_plugin.records import model
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.schema import FOLDER_KINDS, KINDS, schema_text
from verksted_plugin.records.yamlread import parse_yaml

WORKSHOP_FILE = "data/workshops/2020-02-11-forste.md"
SURVEY = """\
title: Hva vil du med sentrum?
kind: undersokelse
plan: samfunnsdel
start: "2027-01-04"
end: "2027-02-05"
url: https://testvik.kommune.no/sentrum
"""


def verksted(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), *args], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)


def shown(problems: list[dict[str, object]]) -> list[str]:
    """Each problem as `verksted check` prints it: file:line: field: message."""
    return [f"{p['file']}:{p['line']}: {p['field']}: {p['message']}" for p in problems]


def knowledge_from(*ids: str) -> str:
    """The minimal workshop, building on the activities `ids`."""
    listed = "".join(f"  - {wanted}\n" for wanted in ids)
    return WORKSHOP.replace("number: 1\n", f"number: 1\nknowledge_from:\n{listed}")


# --- every mistake at once, with file, line and field ---------------------------------------

def test_each_mistake_is_reported_at_its_file_line_and_field_in_one_run(site: SiteFactory
                                                                         ) -> None:
    site.set("data/activities/sentrum.yml", SURVEY)
    site.set("data/activities/ukjent-plan.yml",
             SURVEY.replace("plan: samfunnsdel", "plan: arealdel"))
    site.set("data/activities/usikker.yml",
             SURVEY.replace("https://testvik", "http://testvik"))
    site.set("data/activities/baklengs.yml",
             SURVEY.replace('end: "2027-02-05"', 'end: "2026-12-24"'))
    site.set("data/activities/uten-frist.yml",
             "title: Høring\nkind: horing\nplan: samfunnsdel\nstart: \"2027-06-01\"\n")
    site.set(WORKSHOP_FILE, knowledge_from("sentrum", "finnes-ikke"))
    root = site.write()
    code, problems = check_problems(root, "en")
    assert code == 1
    assert sorted(shown(problems)) == [
        "data/activities/baklengs.yml:5: end: end is before start",
        'data/activities/ukjent-plan.yml:3: plan: no plan with id "arealdel" in data/plans/; '
        "known: samfunnsdel",
        "data/activities/usikker.yml:6: url: expected a secure web address starting with "
        "https://",
        "data/activities/uten-frist.yml:1: end: horing needs end: the deadline for input, "
        "e.g. 2031-03-15",
        # 1-based, as the guide counts: the second id of the list
        'data/workshops/2020-02-11-forste.md:8: knowledge_from[2]: no participation activity '
        'with id "finnes-ikke" in data/activities/; known: sentrum, ukjent-plan',
    ]
    assert all(p["severity"] == "error" for p in problems)
    # the build stops with the same messages, and nothing is built from half the data
    built = run_build(root, check=False)
    assert built.result.returncode != 0 and "Traceback" not in built.result.stderr
    assert not built.out.exists()
    log = built.result.stdout + built.result.stderr
    for problem in problems:  # (the build speaks the site's language, bokmål)
        assert f"{problem['file']}:{problem['line']}: {problem['field']}:" in log


def test_an_innspill_needs_its_deadline_too_in_every_language(site: SiteFactory) -> None:
    site.set("data/activities/innspill.yml",
             "title: Innspill\nkind: innspill\nplan: samfunnsdel\nstart: \"2027-01-05\"\n")
    root = site.write()
    messages = {language: shown(check_problems(root, language)[1])
                for language in ("nb", "nn", "en")}
    assert messages == {
        "nb": ["data/activities/innspill.yml:1: end: innspill trenger end: fristen for "
               "innspill, f.eks. 2031-03-15"],
        "nn": ["data/activities/innspill.yml:1: end: innspill treng end: fristen for "
               "innspel, t.d. 2031-03-15"],
        "en": ["data/activities/innspill.yml:1: end: innspill needs end: the deadline for "
               "input, e.g. 2031-03-15"]}


def test_a_meeting_of_one_day_needs_no_end_and_a_deadline_may_be_the_first_day(
        site: SiteFactory) -> None:
    site.set("data/activities/folkemote.yml",
             "title: Folkemøte\nkind: folkemote\nplan: samfunnsdel\nstart: \"2027-02-23\"\n")
    site.set("data/activities/horing.yml", "title: Høring\nkind: horing\nplan: samfunnsdel\n"
             'start: "2027-06-01"\nend: "2027-06-01"\n')
    root = site.write()
    assert check_problems(root) == (0, [])
    dataset = load_dataset(root / "data", root / "docs")
    meeting = dataset.activities["folkemote"].record
    assert meeting.end is None and meeting.last_day == meeting.start
    assert model.activity_status(meeting, meeting.start) == "open"
    assert model.activity_status(meeting, TODAY) == "upcoming"


# --- drafts ---------------------------------------------------------------------------------

def test_a_published_workshop_may_not_build_on_a_draft_activity(site: SiteFactory) -> None:
    site.set("data/activities/sentrum.yml", SURVEY + "draft: true\n")
    site.set(WORKSHOP_FILE, knowledge_from("sentrum"))
    root = site.write()
    code, problems = check_problems(root, "en")
    assert code == 1
    assert shown(problems) == [
        'data/workshops/2020-02-11-forste.md:7: knowledge_from[1]: the activity "sentrum" is '
        "a draft (draft: true), so this record cannot be published; add draft: true here "
        "too, or publish the activity"]
    assert not run_build(root, check=False).out.exists()
    # a draft workshop may: both are left out together
    edit(root, WORKSHOP_FILE, "number: 1\n", "number: 1\ndraft: true\n")
    assert check_problems(root) == (0, [])


def test_a_published_activity_may_not_belong_to_a_draft_plan(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yml", PLAN + "draft: true\n")
    site.set("data/committees/planutvalget.yml", None)  # its plan would be a draft too
    site.set(WORKSHOP_FILE, None)
    site.set("data/activities/sentrum.yml", SURVEY)
    root = site.write()
    _, problems = check_problems(root, "en")
    assert shown(problems) == [
        'data/activities/sentrum.yml:3: plan: the plan "samfunnsdel" is a draft (draft: '
        "true), so this record cannot be published; add draft: true here too, or publish "
        "the plan"]


# --- the commands -----------------------------------------------------------------------------

def test_check_counts_the_activities(site: SiteFactory) -> None:
    root = site.write()
    before = verksted(root, "check", "--lang", "en").stdout
    site.set("data/activities/sentrum.yml", SURVEY).write()
    after = verksted(root, "check", "--lang", "en").stdout
    assert before.startswith("4 records checked") and after.startswith("5 records checked")


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path)
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def test_new_activity_makes_a_valid_draft_in_fmt_form(sample_copy: Path) -> None:
    result = verksted(sample_copy, "new", "activity", "folkemote-pa-solheim")
    assert result.returncode == 0, result.stderr
    path = sample_copy / "data/activities/folkemote-pa-solheim.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/activity.json\n")
    assert "\nplan: kommuneplanens-samfunnsdel\n" in text  # the only plan
    assert f'\nstart: "{TODAY.isoformat()}"\n' in text    # the clock's day
    assert "\ntitle: Folkemote pa solheim\n" in text and text.endswith("\ndraft: true\n")
    assert verksted(sample_copy, "fmt", "--check", str(path)).returncode == 0
    checked = verksted(sample_copy, "check", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # published as it stands: valid without a deadline (kind: annet)
    edit(sample_copy, "data/activities/folkemote-pa-solheim.yml", "\ndraft: true\n", "\n")
    assert verksted(sample_copy, "check", "--strict").returncode == 0
    record = load_dataset(sample_copy / "data").activities["folkemote-pa-solheim"].record
    assert record.kind == "annet" and record.plan == "kommuneplanens-samfunnsdel"


def test_new_activity_asks_which_plan_when_there_are_several(site: SiteFactory) -> None:
    site.set("data/plans/arealdel.yml", PLAN.replace("Kommuneplanens samfunnsdel", "Arealdel"))
    root = site.write()
    result = verksted(root, "new", "activity", "sentrum", "--lang", "en")
    assert result.returncode == 1
    assert "choose the plan with --plan (known: arealdel, samfunnsdel)" in result.stderr
    unknown = verksted(root, "new", "activity", "sentrum", "--plan", "kommuneplan", "--lang", "en")
    assert unknown.returncode == 1 and 'no plan with id "kommuneplan"' in unknown.stderr
    assert not (root / "data/activities").exists()
    assert verksted(root, "new", "activity", "sentrum", "--plan", "arealdel").returncode == 0
    assert "\nplan: arealdel\n" in (root / "data/activities/sentrum.yml").read_text("utf-8")
    assert check_problems(root) == (0, [])


def test_fmt_knows_activities_and_writes_them_in_the_models_order(site: SiteFactory) -> None:
    site.set("data/activities/sentrum.yml", "url: https://testvik.kommune.no/sentrum\n"
             "start: 2027-01-04  # første dag\nplan: samfunnsdel\nkind: undersokelse\n"
             "themes: [Sentrum]\ntitle: 'Hva vil du med sentrum?'\n")
    root = site.write()
    path = root / "data/activities/sentrum.yml"
    assert kind_of(path) == "activity"
    assert verksted(root, "fmt", "--check").returncode == 1  # found without naming it
    assert verksted(root, "fmt").returncode == 0
    assert path.read_text(encoding="utf-8") == (
        "title: Hva vil du med sentrum?\nkind: undersokelse\nplan: samfunnsdel\n"
        'start: "2027-01-04"  # første dag\nthemes:\n  - Sentrum\n'
        "url: https://testvik.kommune.no/sentrum\n")
    assert check_problems(root) == (0, [])


# --- the JSON Schema ------------------------------------------------------------------------

def fields_of(path: Path) -> object:
    return parse_yaml(path.read_text(encoding="utf-8")).data


def test_the_schema_is_valid_published_and_accepts_every_sample_activity() -> None:
    assert FOLDER_KINDS["activities"] == "activity" and KINDS["activity"][0] is model.Activity
    shipped = REPO / "schema/activity.json"
    assert shipped.read_text(encoding="utf-8") == schema_text("activity")
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["title"] == "Medvirkning" and "data/activities/<id>.yml" in schema["description"]
    assert schema["required"] == ["title", "kind", "plan", "start"]
    validator = Draft202012Validator(schema)
    files = sorted((REPO / "data/activities").glob("*.yml"))
    files += sorted((REPO / "docs/redaktor/eksempler/activities").glob("*.yml"))
    assert len(files) >= 8
    for path in files:
        errors = [error.message for error in validator.iter_errors(fields_of(path))]
        assert errors == [], f"{path.name}: {errors}"
    # the workshop's schema knows knowledge_from: a list of ids
    workshop = json.loads((REPO / "schema/workshop.json").read_text(encoding="utf-8"))
    items = workshop["properties"]["knowledge_from"]["items"]
    assert items["pattern"] == model.ID_PATTERN.pattern


VALID = {"title": "Undersøkelse", "kind": "undersokelse", "plan": "samfunnsdel",
         "start": "2027-01-04"}


@pytest.mark.parametrize("mistake", [
    {"url": "http://testvik.no/skjema"}, {"url": "testvik.no/skjema"},
    {"kind": "høring"}, {"start": "4. januar 2027"}, {"end": "2027-02-05 18:00"},
    {"plan": "Samfunnsdel"}, {"participants": -1}, {"email": "post at testvik"},
    {"status": "open"},  # the status comes from the dates, never from the file
    {"kind": "horing"}, {"kind": "innspill"},  # without their deadline (`end`)
])
def test_the_schema_rejects_what_the_loader_rejects(mistake: dict[str, object]) -> None:
    validator = Draft202012Validator(json.loads(schema_text("activity")))
    model.Activity.model_validate(VALID)
    assert validator.is_valid(VALID)
    wrong = {**VALID, **mistake}
    with pytest.raises(ValueError):
        model.Activity.model_validate(wrong)
    assert not validator.is_valid(wrong), wrong

