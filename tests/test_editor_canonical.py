"""The canonical form (`verksted fmt`) and the editor's JavaScript twin write the same bytes."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ENV, REPO, copy_sample
from verksted_plugin.editor.canonical import ORDERS, FormatError, format_text, parse
from verksted_plugin.editor.fmt import kind_of, record_files
from verksted_plugin.records.yamlread import parse_yaml

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}

NODE = shutil.which("node") or "node"
CLI = REPO / "tests" / "js" / "canonical_cli.mjs"

# Everything the rules talk about, in one workshop that is not yet canonical.
TRICKY = """\
---
# Kommentar øverst
end: 2030-05-06 21:00   # slutt
title: 'Verksted: «Ås» #1'
start: "2030-05-06 18:00"
committee: planutvalget
unknown_field: kept   # ukjent
number: 3
draft: false
status_note: >-
  Foldet tekst
  på to linjer.
location: {name: Rådhuset, room: "0301"}
themes: [yes, "no", 18:00, "12", '-1', ~, ""]
inputs:
  - text: "Et innspill: med kolon"
    theme: Visjon
  # om det andre innspillet
  - text: |
      Linje en
      # ikke en kommentar, men tekst

      Linje tre
decisions:
  - "**Fet** tekst"
participants: {politicians: 9, residents: 0}
invited: []
---
Oppsummeringen *står* urørt.\r
  Også   mellomrom.
"""


def run_js(files: list[dict[str, object]]) -> list[dict[str, str]]:
    result = subprocess.run([NODE, str(CLI)], input=json.dumps({"orders": ORDERS, "files": files}),
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def sample_files() -> list[tuple[str, str, str]]:
    paths = record_files(REPO / "data")
    examples = REPO / "docs" / "redaktor" / "eksempler"
    paths += [p for p in sorted(examples.rglob("*.*")) if kind_of(p)]
    return [(p.relative_to(REPO).as_posix(), kind_of(p) or "", p.read_text(encoding="utf-8"))
            for p in paths]


def test_python_and_javascript_write_the_same_canonical_form() -> None:
    files = [*sample_files(), ("tricky.md", "workshop", TRICKY)]
    assert len(files) > 30
    results = run_js([{"kind": kind, "text": text} for _, kind, text in files])
    compared = 0
    for (name, kind, text), js in zip(files, results, strict=True):
        try:
            python = format_text(text, kind)
        except FormatError:
            assert "error" in js, name
            continue
        assert js.get("text") == python, name + "\n" + "".join(difflib.unified_diff(
            python.splitlines(True), str(js.get("text", js)).splitlines(True), "python", "js"))
        compared += 1
    assert compared > 30


def test_the_canonical_form_of_the_tricky_workshop() -> None:
    assert format_text(TRICKY, "workshop") == """\
---
# Kommentar øverst
title: "Verksted: «Ås» #1"
committee: planutvalget
number: 3
start: "2030-05-06 18:00"
end: "2030-05-06 21:00"  # slutt
status_note: Foldet tekst på to linjer.
location:
  name: Rådhuset
  room: "0301"
participants:
  politicians: 9
  residents: 0
themes:
  - "yes"
  - "no"
  - "18:00"
  - "12"
  - "-1"
  - null
  - ""
inputs:
  - theme: Visjon
    text: "Et innspill: med kolon"
  # om det andre innspillet
  - text: |
      Linje en
      # ikke en kommentar, men tekst

      Linje tre
decisions:
  - "**Fet** tekst"
draft: false
unknown_field: kept  # ukjent
---
Oppsummeringen *står* urørt.
  Også   mellomrom.
"""


def test_canonical_text_means_what_the_original_meant() -> None:
    original = parse_yaml(TRICKY.split("---\n")[1]).data
    result = parse_yaml(format_text(TRICKY, "workshop").split("---\n")[1]).data
    assert result["location"]["room"] == "0301" and result["themes"][:4] == ["yes", "no", "18:00", "12"]
    assert result["start"] == original["start"] == "2030-05-06 18:00"
    assert result["end"] == "2030-05-06 21:00"  # a plain date stays the text the loader reads
    assert result["unknown_field"] == "kept"
    assert "invited" not in result  # an empty list means "not given"
    assert format_text(format_text(TRICKY, "workshop"), "workshop") == format_text(TRICKY, "workshop")


def test_editor_round_trip_changes_one_line_and_keeps_body_comments_and_unknown_fields() -> None:
    canonical = format_text(TRICKY, "workshop")
    [edited, retitled_new] = run_js([
        {"kind": "workshop", "text": canonical, "edit": {"title": "Nytt navn"}},
        {"kind": "workshop", "text": canonical, "edit": {"number": 4, "body": "Ny tekst"}},
    ])
    diff = [line for line in difflib.unified_diff(canonical.splitlines(), edited["text"].splitlines(),
                                                  lineterm="", n=0) if line[:1] in "+-"]
    assert diff == ["--- ", "+++ ", "-title: \"Verksted: «Ås» #1\"", "+title: Nytt navn"]
    assert retitled_new["text"].endswith("---\nNy tekst\n")
    assert "__verksted_source" not in edited["text"]
    assert "number: 4\n" in retitled_new["text"] and "unknown_field: kept  # ukjent" in edited["text"]


def test_editor_writes_a_new_record_without_comments_in_canonical_form() -> None:
    [new] = run_js([{"kind": "workshop", "text": "---\n---\n",
                     "edit": {"start": "2030-05-06 18:00", "title": "Ny", "committee": "planutvalget",
                              "method": "", "themes": [], "body": ""}}])
    assert new["text"] == ('---\ntitle: Ny\ncommittee: planutvalget\nstart: "2030-05-06 18:00"\n'
                           "---\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "portal").mkdir()
    return copy_sample(tmp_path / "portal")


def verksted(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), *args], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=120)


def test_fmt_check_fails_then_fmt_writes_and_check_passes(project: Path) -> None:
    # The sample is kept in the form the editor writes, so its diffs stay one line.
    assert verksted(project, "fmt", "--check").returncode == 0
    workshop = project / "data" / "workshops" / "2020-02-11-forste-politiske-verksted.md"
    hand_written = workshop.read_text(encoding="utf-8").replace(
        "address: Hasselveien 6, 1470 Lørenskog", 'address: "Hasselveien 6, 1470 Lørenskog"')
    workshop.write_text(hand_written, encoding="utf-8")
    before = workshop.read_text(encoding="utf-8")
    first = verksted(project, "fmt", "--check")
    assert first.returncode == 1 and "not in canonical form" in first.stderr
    assert workshop.read_text(encoding="utf-8") == before  # --check changes nothing
    assert verksted(project, "fmt").returncode == 0
    assert verksted(project, "fmt", "--check").returncode == 0
    after = workshop.read_text(encoding="utf-8")
    assert after.count("# illustrativ verdi") == before.count("# illustrativ verdi")
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # summary untouched
    check = verksted(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_fmt_leaves_a_broken_file_alone_and_says_which(project: Path) -> None:
    broken = project / "data" / "committees" / "kommuneplanutvalget.yml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    result = verksted(project, "fmt")
    assert result.returncode == 1
    assert "data/committees/kommuneplanutvalget.yml" in result.stderr
    assert broken.read_text(encoding="utf-8") == "name: [unclosed\n"
    assert "Traceback" not in result.stderr


def test_parse_reads_yaml_like_the_loader() -> None:
    data, comments = parse("a: 0301\nb: no\nc: 1.5\nd: true\ne: ~\n# slutt\n")
    assert data == {"a": "0301", "b": "no", "c": 1.5, "d": True, "e": None}
    assert comments.tail == [" slutt"]
