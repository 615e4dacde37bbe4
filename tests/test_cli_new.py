"""`verksted new`: commented templates, pre-filled, never overwriting, valid from the start."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ENV, REPO, SiteFactory, copy_sample
from verksted_plugin.records.load import load_dataset

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}


def verksted(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), *args], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path)
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def test_new_workshop_is_prefilled_and_passes_check(sample_copy: Path) -> None:
    result = verksted(sample_copy, "new", "workshop", "2020-09-15-fjerde-politiske-verksted")
    assert result.returncode == 0, result.stderr
    path = sample_copy / "data/workshops/2020-09-15-fjerde-politiske-verksted.md"
    text = path.read_text(encoding="utf-8")
    assert "committee: kommuneplanutvalget\n" in text  # the only committee
    assert "method: politisk-verksted\n" in text       # the only method
    assert "number: 4\n" in text                         # after 1, 2 and 3
    assert 'start: "2020-09-15"\n' in text               # from the id
    assert "title: Fjerde politiske verksted\n" in text    # plain, as fmt writes it
    assert verksted(sample_copy, "check").returncode == 0
    dataset = load_dataset(sample_copy / "data", sample_copy / "docs")
    workshop = dataset.workshops["2020-09-15-fjerde-politiske-verksted"].record
    assert workshop.draft and workshop.number == 4


@pytest.mark.parametrize("kind, folder, suffix", [
    ("workshop", "workshops", ".md"), ("committee", "committees", ".yml"),
    ("method", "methods", ".yml"), ("plan", "plans", ".yml"),
    ("activity", "activities", ".yml")])
def test_every_kind_starts_valid_with_a_working_schema_line(
        sample_copy: Path, kind: str, folder: str, suffix: str) -> None:
    assert verksted(sample_copy, "new", kind, "ny-post").returncode == 0
    path = sample_copy / "data" / folder / f"ny-post{suffix}"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^# yaml-language-server: \$schema=(\S+)$", text, re.MULTILINE)
    assert match, text
    assert (path.parent / match.group(1)).resolve() == (sample_copy / f"schema/{kind}.json")
    assert (path.parent / match.group(1)).is_file()
    result = verksted(sample_copy, "check", "--strict")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("kind", ["workshop", "committee", "method", "plan", "activity"])
def test_the_template_explains_every_field(sample_copy: Path, kind: str) -> None:
    from verksted_plugin.cli.newrecord import KIND_FOLDERS
    from verksted_plugin.records.schema import KINDS

    assert verksted(sample_copy, "new", kind, "ny-post").returncode == 0
    suffix = ".md" if kind == "workshop" else ".yml"
    text = (sample_copy / "data" / KIND_FOLDERS[kind] / f"ny-post{suffix}").read_text("utf-8")
    for name in KINDS[kind][0].model_fields:
        # written or shown commented out, below a comment (Norwegian) that explains it
        found = re.search(rf"^(#.*\n)(?:#.*\n)*#? ?{name}:", text, re.MULTILINE)
        assert found, f"{kind}: no commented line for {name}"
    comments = " ".join(line for line in text.splitlines() if line.startswith("#"))
    assert "utkast" in comments and "forhåndsvisningen" in comments


@pytest.mark.parametrize("kind, record_id", [
    ("workshop", "2027-05-04-nytt-verksted"), ("committee", "nytt-utvalg"),
    ("method", "on"), ("plan", "2030"),  # titles fmt must quote ("On", "2030")
    ("activity", "ny-horing")])
def test_a_new_file_is_already_in_the_form_verksted_fmt_writes(
        sample_copy: Path, kind: str, record_id: str) -> None:
    from verksted_plugin.cli.newrecord import KIND_FOLDERS

    assert verksted(sample_copy, "new", kind, record_id).returncode == 0
    suffix = ".md" if kind == "workshop" else ".yml"
    path = sample_copy / "data" / KIND_FOLDERS[kind] / f"{record_id}{suffix}"
    result = verksted(sample_copy, "fmt", "--check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    # the command spelled as the guide spells it (what works after `make site`)
    text = path.read_text(encoding="utf-8")
    assert "«.venv/bin/verksted check»" in text
    assert not re.search(r"(?<![\w/.-])verksted (?:check|new|frister|fmt)\b", text)


def test_a_workshop_without_a_method_filled_in_is_in_fmt_form_too(sample_copy: Path) -> None:
    assert verksted(sample_copy, "new", "method", "ny-metode").returncode == 0  # two methods now
    assert verksted(sample_copy, "new", "workshop", "nytt").returncode == 0
    path = sample_copy / "data/workshops/nytt.md"
    assert "\n# method: politisk-verksted\n" in path.read_text(encoding="utf-8")
    result = verksted(sample_copy, "fmt", "--check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_themes_are_set_before_the_workshop_and_draft_is_last(sample_copy: Path) -> None:
    assert verksted(sample_copy, "new", "workshop", "2027-05-04-nytt-verksted").returncode == 0
    text = (sample_copy / "data/workshops/2027-05-04-nytt-verksted.md").read_text("utf-8")
    after = text.index("# Etter verkstedet")
    assert text.index("\n# themes:\n") < after
    assert text.index("\n# agenda:\n") < after and text.index("\n# participants:\n") > after
    assert text.endswith("\ndraft: true\n---\n")  # where fmt puts it


def test_refuses_to_overwrite(sample_copy: Path) -> None:
    path = sample_copy / "data/committees/kommuneplanutvalget.yml"
    before = path.read_text(encoding="utf-8")
    result = verksted(sample_copy, "new", "committee", "kommuneplanutvalget")
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("bad", ["Første-verksted", "nytt verksted", "ny_post", "ny-"])
def test_rejects_an_invalid_id_with_the_reason(sample_copy: Path, bad: str) -> None:
    result = verksted(sample_copy, "new", "workshop", bad)
    assert result.returncode == 1
    assert "not a valid id: use lowercase letters a-z, digits and '-'" in result.stderr
    assert not list((sample_copy / "data/workshops").glob("*ny*"))


def test_asks_which_committee_when_there_are_several(site: SiteFactory) -> None:
    site.set("data/committees/annet-utvalg.yml", "name: Annet\nplan: samfunnsdel\npurpose: X\n")
    root = site.write()
    result = verksted(root, "new", "workshop", "nytt")
    assert result.returncode == 1
    assert "choose the committee with --committee (known: annet-utvalg, planutvalget)" \
        in result.stderr
    assert verksted(root, "new", "workshop", "nytt", "--committee", "planutvalget").returncode == 0
    text = (root / "data/workshops/nytt.md").read_text(encoding="utf-8")
    assert "number: 2\n" in text and "committee: planutvalget\n" in text
    unknown = verksted(root, "new", "workshop", "nytt2", "--committee", "finnes-ikke")
    assert unknown.returncode == 1 and 'no committee with id "finnes-ikke"' in unknown.stderr


def test_writes_into_the_data_folder_named_in_mkdocs_yml(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"data_dir": "innhold"}}]
    site.files = {key.replace("data/", "innhold/", 1): text for key, text in site.files.items()}
    root = site.write()
    shutil.copytree(REPO / "schema", root / "schema")
    assert verksted(root, "new", "method", "ny-metode").returncode == 0
    text = (root / "innhold/methods/ny-metode.yml").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../../schema/method.json\n" in text
    assert verksted(root, "check").returncode == 0
