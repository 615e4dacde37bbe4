"""The editor's config.yml comes from the record model: every field, required as the model says."""

from __future__ import annotations

import re
import typing
from typing import Any

import pytest
from pydantic import BaseModel, Field, create_model

from verksted_plugin.editor import cmsconfig
from verksted_plugin.editor.cmsconfig import (
    EditorConfigError,
    EditorOptions,
    Folders,
    cms_config,
    collection_fields,
    read_options,
)
from verksted_plugin.records import model, schema
from verksted_plugin.records.parties import Party, party_table

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")

PARTIES = party_table([Party("Bygdel", "Bygdelista", "Bygdelista")])
COLLECTION_KIND = {"workshops": "workshop", "committees": "committee", "plans": "plan",
                   "methods": "method", "activities": "activity"}


def config(**options: Any) -> dict[str, Any]:
    return cms_config(read_options(options), PARTIES, Folders())


def collection(cfg: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in cfg["collections"] if c["name"] == name)


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def nested_record(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_record(arg)
        if found:
            return found
    return None


def assert_matches_model(record: type[BaseModel], fields: list[dict[str, Any]], where: str) -> int:
    """Every model field is a form field, required exactly when the model requires it."""
    form = by_name(fields)
    assert list(form)[:len(record.model_fields)] == list(record.model_fields), where
    checked = 0
    for name, info in record.model_fields.items():
        field = form[name]
        assert field["required"] is info.is_required(), f"{where}.{name}"
        # a workshop's start and end: the hint says both forms the loader reads
        hint = cmsconfig.WHEN_MESSAGES[name] if field["widget"] == "string" and name in (
            "start", "end") else info.description
        assert field["label"] and field["hint"] == hint, f"{where}.{name}"
        checked += 1
        inner = nested_record(info.annotation)
        if inner is not None:
            sub = field.get("fields")
            assert sub, f"{where}.{name} has no sub-fields"
            checked += assert_matches_model(inner, sub, f"{where}.{name}")
    return checked


def test_every_field_of_every_record_is_in_the_form_and_required_as_in_the_model() -> None:
    cfg = config()
    folders = [c["name"] for c in cfg["collections"] if "folder" in c]
    assert sorted(folders) == sorted(COLLECTION_KIND) == sorted(schema.FOLDER_KINDS)
    checked = 0
    for name, kind in COLLECTION_KIND.items():
        fields = collection(cfg, name)["fields"]
        record = schema.KINDS[kind][0]
        checked += assert_matches_model(record, fields[:len(record.model_fields)], name)
    settings = collection(cfg, "settings")["files"]
    checked += assert_matches_model(model.Municipality, settings[0]["fields"], "municipality")
    checked += assert_matches_model(model.PartyList, settings[1]["fields"], "parties")
    assert checked > 100


def test_a_new_model_field_appears_in_the_form_without_editing_the_config(
        monkeypatch: pytest.MonkeyPatch) -> None:
    extended = create_model(
        "Workshop", __base__=model.Workshop,
        interpreter=(model.Text | None, Field(None, description="Tolk til stede, f.eks. «tegnspråk»")),
        seats=(int, Field(description="Antall plasser i salen")))
    monkeypatch.setitem(schema.KINDS, "workshop", (extended, *schema.KINDS["workshop"][1:]))
    form = by_name(collection_fields("workshop", PARTIES, Folders()))
    assert form["interpreter"] == {"label": "Tolk til stede", "name": "interpreter",
                                   "widget": "string", "required": False,
                                   "hint": "Tolk til stede, f.eks. «tegnspråk»"}
    assert form["seats"]["widget"] == "number" and form["seats"]["value_type"] == "int"
    assert form["seats"]["required"] is True and form["seats"]["label"] == "Antall plasser i salen"
    workshops = collection(config(), "workshops")
    assert "interpreter" in by_name(workshops["fields"])  # the published config too


def test_references_are_relations_that_show_names_and_store_ids() -> None:
    workshop = by_name(collection(config(), "workshops")["fields"])
    committee = by_name(collection(config(), "committees")["fields"])
    activity = by_name(collection(config(), "activities")["fields"])
    for field, target, shown in ((workshop["committee"], "committees", "name"),
                                 (workshop["method"], "methods", "name"),
                                 (committee["plan"], "plans", "title"),
                                 (activity["plan"], "plans", "title"),
                                 (workshop["knowledge_from"], "activities", "title")):
        assert field["widget"] == "relation" and field["collection"] == target
        assert field["value_field"] == "{{slug}}"  # the file name is the id
        assert field["display_fields"] == [shown] and field["search_fields"] == [shown]
    # a list of ids: several picked in one field, stored as a list; one id: one value
    assert workshop["knowledge_from"]["multiple"] is True
    assert workshop["knowledge_from"]["required"] is False
    assert "multiple" not in workshop["committee"] and "multiple" not in activity["plan"]


def test_enumerations_are_selects_with_norwegian_labels_storing_record_values() -> None:
    workshop = by_name(collection(config(), "workshops")["fields"])
    committee = by_name(collection(config(), "committees")["fields"])
    status = {o["value"]: o["label"] for o in workshop["status"]["options"]}
    assert status == {"planned": "Planlagt", "held": "Gjennomført", "cancelled": "Avlyst",
                      "postponed": "Utsatt", "moved-online": "Flyttet til digitalt"}
    assert tuple(status) == typing.get_args(model.WorkshopStatus)
    attendance = {o["value"]: o["label"] for o in workshop["attendance"]["options"]}
    assert attendance["in-person"] == "Fysisk oppmøte"
    role = by_name(committee["members"]["fields"])["role"]
    assert [o["value"] for o in role["options"]] == ["leder", "nestleder", "medlem", "varamedlem"]
    kind = by_name(workshop["documents"]["fields"])["kind"]
    assert {o["label"] for o in kind["options"]} >= {"Saksframlegg", "Referat"}
    for field in (workshop["status"], workshop["attendance"], role, kind):
        assert "default" not in field  # an empty field means the model's default


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_an_activitys_kind_has_its_own_labels_and_its_documents_keep_theirs(language: str) -> None:
    cfg = cms_config(read_options({}), PARTIES, Folders(), language=language)
    activity = by_name(collection(cfg, "activities")["fields"])
    labels = cmsconfig.enum_labels(language)
    kind = {o["value"]: o["label"] for o in activity["kind"]["options"]}
    assert tuple(kind) == typing.get_args(model.ActivityKind)
    assert kind == {value: labels[f"activity_kind_{value}"].capitalize() for value in kind}
    assert "default" not in activity["kind"] and activity["kind"]["required"] is True
    documents = by_name(activity["documents"]["fields"])["kind"]  # nested: the documents' own
    assert {o["label"] for o in documents["options"]} == {
        labels[f"doc_{v}"].capitalize() for v in ("saksframlegg", "presentasjon", "referat",
                                                  "rapport", "annet")}
    if language == "nb":
        assert kind["undersokelse"] == "Undersøkelse" and kind["horing"] == "Høring"


def test_activities_are_a_collection_of_yaml_files_by_date_and_title() -> None:
    activities = collection(config(), "activities")
    assert activities["folder"] == "data/activities" and activities["extension"] == "yml"
    assert activities["format"] == "verksted-activity" and activities["slug"] == "{{slug}}"
    assert activities["label"] == "Medvirkning" and activities["identifier_field"] == "title"
    assert activities["summary"] == "{{start}} – {{title}}"
    assert activities["sortable_fields"] == ["title", "start"] and activities["delete"] is False
    form = by_name(activities["fields"])
    for name in ("start", "end"):  # days only: the date picker without a time
        assert form[name]["widget"] == "datetime" and form[name]["time_format"] is False
    assert [form[n]["widget"] for n in ("description", "how_to_take_part", "result")] == [
        "markdown"] * 3
    assert form["how_to_take_part"]["label"] == "Slik deltar du"
    pattern, message = form["url"]["pattern"]  # https only, as the loader says
    assert re.fullmatch(pattern, "https://kommune.no/skjema") and "https://" in message
    assert not re.fullmatch(pattern, "http://kommune.no/skjema")
    assert form["participants"]["widget"] == "number" and form["participants"]["min"] == 0


def test_party_is_a_select_from_the_party_table_with_the_local_parties() -> None:
    members = by_name(collection(config(), "committees")["fields"])["members"]
    party = by_name(members["fields"])["party"]
    values = [o["value"] for o in party["options"]]
    assert party["widget"] == "select" and party["required"] is False
    assert {"Ap", "H", "KrF", "MDG", "Bygdel"} <= set(values)
    assert {"label": "Bygdelista (Bygdel)", "value": "Bygdel"} in party["options"]


def test_dates_store_what_the_loader_reads() -> None:
    workshop = by_name(collection(config(), "workshops")["fields"])
    schema = cmsconfig.kind_schema("workshop")["properties"]
    for name in ("start", "end"):  # a text field with the loader's own pattern
        assert workshop[name]["widget"] == "string"
        pattern, message = workshop[name]["pattern"]
        wanted = schema[name].get("pattern") or schema[name]["anyOf"][0]["pattern"]
        assert pattern == wanted and "2030-05-06" in message and workshop[name]["hint"] == message
    assert re.fullmatch(workshop["start"]["pattern"][0], "2030-05-06")  # a date alone
    assert re.fullmatch(workshop["end"]["pattern"][0], "21:00")  # a time alone
    assert not re.fullmatch(workshop["start"]["pattern"][0], "6. mai 2030")
    phases = by_name(collection(config(), "plans")["fields"])["phases"]
    start = by_name(phases["fields"])["start"]
    assert start["format"] == "YYYY-MM-DD" and start["time_format"] is False
    for value in ("2030-05-06 18:00", "2030-05-06"):  # what the form writes, the model reads
        model.Workshop(title="T", committee="c", start=value)
    model.Workshop(title="T", committee="c", start="2030-05-06 18:00", end="21:00")


def test_lists_markdown_and_uploads() -> None:
    workshop = by_name(collection(config(), "workshops")["fields"])
    for name in ("invited", "themes", "agenda", "documents", "inputs", "decisions", "photos"):
        assert workshop[name]["widget"] == "list", name
    assert workshop["decisions"]["field"]["widget"] == "markdown"
    assert workshop["decisions"]["field"]["modes"] == ["raw"]  # never rewrites typed Markdown
    assert workshop["body"]["widget"] == "markdown" and workshop["body"]["modes"] == ["raw"]
    photo = by_name(workshop["photos"]["fields"])["src"]
    assert photo == {**photo, "widget": "image", "media_folder": "/docs/bilder",
                     "public_folder": "bilder"}
    document = by_name(workshop["documents"]["fields"])["file"]
    assert document["widget"] == "file" and document["media_folder"] == "/docs/dokumenter"
    assert document["public_folder"] == "dokumenter"
    method = by_name(collection(config(), "methods")["fields"])
    assert method["steps"]["min"] == 1


def markdown_widgets(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every Markdown widget among `fields`, at any depth (lists, objects)."""
    found = []
    for field in fields:
        if field.get("widget") == "markdown":
            found.append(field)
        found += markdown_widgets(field.get("fields", []))
        if isinstance(field.get("field"), dict):
            found += markdown_widgets([field["field"]])
    return found


def test_every_markdown_preview_is_sanitized() -> None:
    """A record's raw HTML must not run in the editor's preview (issue 21)."""
    cfg = config()
    widgets = [widget for entry in cfg["collections"]
               for widget in markdown_widgets(entry.get("fields", [])
                                              + [f for file in entry.get("files", [])
                                                 for f in file.get("fields", [])])]
    assert len(widgets) >= 10  # purpose, summary, decisions, the workshop's body, …
    assert [w for w in widgets if w.get("sanitize_preview") is not True] == []


def test_new_workshop_files_are_named_from_date_and_title() -> None:
    cfg = config()
    workshops = collection(cfg, "workshops")
    assert workshops["slug"] == "{{fields.start | date('YYYY-MM-DD')}}-{{slug}}"
    assert workshops["identifier_field"] == "title" and workshops["extension"] == "md"
    assert cfg["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert workshops["format"] == "verksted-workshop" and workshops["delete"] is False


@pytest.mark.parametrize(("name", "expected"), [("github", "github"), ("gitlab", "gitlab"),
                                                ("gitea", "gitea"), ("forgejo", "gitea"),
                                                ("azure", "azure")])
def test_backends_from_the_plugin_options(name: str, expected: str) -> None:
    cfg = config(backend=name, repo="kommune/verksted", branch="publisert",
                 editorial_workflow=True, base_url="https://auth.kommune.no")
    assert cfg["backend"]["name"] == expected
    assert cfg["backend"]["repo"] == "kommune/verksted"
    assert cfg["backend"]["branch"] == "publisert"
    assert cfg["backend"]["base_url"] == "https://auth.kommune.no"
    assert cfg["publish_mode"] == "editorial_workflow"
    assert cfg["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


def test_unconfigured_editor_has_no_real_backend_but_local_editing() -> None:
    cfg = config()
    assert cfg["backend"] == {"name": "test-repo"} and "publish_mode" not in cfg
    assert cfg["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert config(local_port=9123)["local_backend"]["url"] == "http://127.0.0.1:9123/api/v1"
    assert not read_options({}).configured and read_options({"backend": "github",
                                                             "repo": "a/b"}).configured


def test_wrong_options_are_all_reported_at_once() -> None:
    with pytest.raises(EditorConfigError) as caught:
        read_options({"backend": "svn", "repo": "noslash", "editorial_workflow": "yes",
                      "colour": "red", "local_port": 0})
    message = str(caught.value)
    for needle in ("backend: expected one of github", "repo: expected owner/name",
                   "editorial_workflow: expected true or false", "unknown option(s) colour",
                   "local_port"):
        assert needle in message
    with pytest.raises(EditorConfigError, match="repo: needed with backend"):
        read_options({"backend": "gitlab"})


def test_labels_fall_back_to_the_description() -> None:
    assert cmsconfig.label_for("x_y", "Antall plasser, f.eks. 40") == "Antall plasser"
    assert cmsconfig.label_for("x_y", "") == "X y"
    assert EditorOptions().local_port == 8081
