"""The JSON Schemas: generated from the model, shipped up to date, published, and agreeing
with the loader on the sample (accepted) and on typical mistakes (rejected)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from conftest import REPO, Built
from verksted_plugin.records.parties import party_table
from verksted_plugin.records.schema import FOLDER_KINDS, KINDS, record_schema, schema_text
from verksted_plugin.records.yamlread import parse_yaml


def fields_of(path: Path) -> Any:
    """A record's fields exactly as the loader reads them (YAML 1.2 core, dates as text)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = frontmatter.YAMLHandler().split(text)[0]
    return parse_yaml(text).data


def validator(kind: str) -> Draft202012Validator:
    schema = record_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("kind", list(KINDS))
def test_shipped_schema_is_up_to_date_with_the_model(kind: str) -> None:
    shipped = REPO / "schema" / f"{kind}.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(kind), \
        "schema/ is out of date: run `verksted schema`"


def descriptions_missing(node: Any, path: str = "") -> list[str]:
    missing: list[str] = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{path}.{name}")
        for key, child in node.items():
            if key in ("if", "then"):  # conditions repeat fields, they do not define them
                continue
            missing += descriptions_missing(child, f"{path}/{key}")
    elif isinstance(node, list):
        for child in node:
            missing += descriptions_missing(child, path)
    return missing


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_has_a_norwegian_description(kind: str) -> None:
    schema = record_schema(kind)
    assert descriptions_missing(schema) == []
    assert schema["title"] and "Feltene i" in schema["description"]


def test_sample_data_is_valid_against_the_schema() -> None:
    files = [(REPO / "data/municipality.yml", "municipality")]
    for folder, kind in FOLDER_KINDS.items():
        files += [(path, kind) for path in sorted((REPO / "data" / folder).iterdir())]
    assert len(files) >= 6
    for path, kind in files:
        errors = [e.message for e in validator(kind).iter_errors(fields_of(path))]
        assert errors == [], f"{path.name}: {errors}"


WORKSHOP = {"title": "Verksted", "committee": "planutvalget", "start": "2020-02-11 18:00"}
CONTACT = {"name": "Kari", "email": "kari@kommune.no"}
PLAN = {"title": "Plan", "contact": CONTACT}
COMMITTEE = {"name": "Utvalg", "plan": "samfunnsdel", "purpose": "Råd."}

# (kind, valid record, the mistake) — each one the loader rejects too.
MISTAKES = [
    ("workshop", WORKSHOP, {"titel": "Skrivefeil"}),
    ("workshop", WORKSHOP, {"title": None}),
    ("workshop", WORKSHOP, {"title": ""}),
    ("workshop", WORKSHOP, {"status": "avlyst"}),
    ("workshop", WORKSHOP, {"start": "11.02.2020"}),
    ("workshop", WORKSHOP, {"end": "klokka ni"}),
    ("workshop", WORKSHOP, {"number": "tre"}),
    ("workshop", WORKSHOP, {"number": 0}),
    ("workshop", WORKSHOP, {"committee": "Plan-Utvalget"}),
    ("workshop", WORKSHOP, {"online_url": "www.teams.no/mote"}),
    ("workshop", WORKSHOP, {"draft": "ja"}),
    ("workshop", WORKSHOP, {"themes": "Visjon"}),
    ("workshop", WORKSHOP, {"participants": {"politicians": -1}}),
    ("workshop", WORKSHOP, {"photos": [{"src": "bilder/a.jpg"}]}),
    ("workshop", WORKSHOP, {"documents": [{"title": "Sak"}]}),
    ("workshop", WORKSHOP, {"documents": [{"title": "Sak", "file": "a.pdf",
                                           "url": "https://a.no/a.pdf"}]}),
    ("plan", PLAN, {"contact": {"name": "Kari"}}),
    ("plan", PLAN, {"contact": {"name": "Kari", "email": "kari at kommune"}}),
    ("plan", PLAN, {"phases": [{"title": "Høring", "start": "januar"}]}),
    ("committee", COMMITTEE, {"members": [{"name": "Ola", "role": "sjef"}]}),
    ("committee", COMMITTEE, {"purpose": None}),
    ("method", {"name": "Metode", "purpose": "Lære.", "steps": [{"title": "Steg"}]},
     {"steps": []}),
    ("municipality", {"name": "Testvik kommune"}, {"language": False}),
    ("municipality", {"name": "Testvik kommune"}, {"number": "12"}),
    ("municipality", {"name": "Testvik kommune"},
     {"visiting_address": {"street": "Gata 1", "postcode": "123", "city": "BY"}}),
]


@pytest.mark.parametrize("kind, valid, mistake", MISTAKES)
def test_schema_rejects_what_the_loader_rejects(kind: str, valid: dict[str, Any],
                                                mistake: dict[str, Any]) -> None:
    record, context = KINDS[kind][0], {"parties": party_table()}
    record.model_validate(valid, context=context)
    assert validator(kind).is_valid(valid)
    wrong = {**valid, **mistake}
    with pytest.raises(ValidationError):
        record.model_validate(wrong, context=context)
    assert not validator(kind).is_valid(wrong), json.dumps(wrong, ensure_ascii=False)


def test_schemas_are_published_with_the_site(sample: Built) -> None:
    for kind in KINDS:
        published = (sample.out / "schema" / f"{kind}.json").read_text(encoding="utf-8")
        assert json.loads(published) == record_schema(kind)


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    from verksted_plugin.cli.main import main

    assert main(["schema", "--out", str(tmp_path), "--check"]) == 1
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.json" for k in KINDS)
