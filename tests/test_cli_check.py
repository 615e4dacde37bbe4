"""`verksted check`: the build's messages without a build, in three formats, with exit codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, COMMITTEE, ENV, MUNICIPALITY, SiteFactory, copy_sample, run_build

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), "check", *args], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)


def two_mistakes(site: SiteFactory) -> Path:
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace("role: leder", "role: sjef"))
    site.set("data/plans/samfunnsdel.yml", "titel: Samfunnsdelen\n")
    return site.write()


def test_sample_passes(tmp_path: Path) -> None:
    result = check(copy_sample(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no errors" in result.stdout


def test_every_error_at_once_with_file_line_and_field(site: SiteFactory) -> None:
    result = check(two_mistakes(site))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert ("error (stops publishing): data/committees/planutvalget.yml:7: members[1].role: expected one of: "
            'leder, nestleder, medlem or varamedlem; got "sjef"') in lines
    assert 'error (stops publishing): data/plans/samfunnsdel.yml:1: titel: unknown field; did you mean "title"? ' \
           "known fields here: title, summary, contact, phases, draft" in lines
    assert result.stdout.startswith("4 errors, 0 warnings")


def test_same_messages_as_the_build(site: SiteFactory) -> None:
    root = two_mistakes(site)
    built = run_build(root, check=False)
    assert built.result.returncode != 0
    for line in check(root).stderr.splitlines():
        assert line.removeprefix("error (stops publishing): ") in built.result.stdout + built.result.stderr


def test_data_folder_comes_from_mkdocs_yml(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"data_dir": "innhold"}}]
    site.files = {key.replace("data/", "innhold/", 1): text for key, text in site.files.items()}
    root = site.write()
    assert check(root).returncode == 0
    run_build(root)  # and MkDocs agrees about where the data is
    (root / "innhold" / "plans" / "samfunnsdel.yml").write_text("title: X\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "innhold/plans/samfunnsdel.yml:1: contact: required field is missing" in result.stderr


def test_config_option_points_at_another_mkdocs_yml(site: SiteFactory, tmp_path: Path) -> None:
    root = two_mistakes(site)
    result = check(tmp_path, "--config", str(root / "mkdocs.yml"))
    assert result.returncode == 1
    assert "planutvalget.yml:7: members[1].role" in result.stderr


def test_github_annotations_point_at_the_line(site: SiteFactory) -> None:
    result = check(two_mistakes(site), "--format", "github")
    assert result.returncode == 1
    assert ("::error file=data/committees/planutvalget.yml,line=7,title=verksted check::"
            'members[1].role: expected one of: leder, nestleder, medlem or varamedlem; got "sjef"'
            ) in result.stdout.splitlines()


def test_github_annotation_escapes_newlines_and_percent() -> None:
    from verksted_plugin.records.problems import Problem
    from verksted_plugin.records.report import github_annotation

    line = github_annotation(Problem("data/a,b:c.yml", 3, "x", "100% wrong\nreally"))
    assert line == ("::error file=data/a%2Cb%3Ac.yml,line=3,title=verksted check::"
                    "x: 100%25 wrong%0Areally")


def test_json_for_other_tools(site: SiteFactory) -> None:
    result = check(two_mistakes(site), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 4 and report["warnings"] == 0 and report["reminders"] == 0
    assert {"file": "data/committees/planutvalget.yml", "line": 7, "field": "members[1].role",
            "message": 'expected one of: leder, nestleder, medlem or varamedlem; got "sjef"',
            "severity": "error", "stops_publishing": True} in report["problems"]


def test_warnings_fail_only_with_strict(site: SiteFactory) -> None:
    site.set("data/municipality.yml", MUNICIPALITY.replace("accessibility_statement", "# x"))
    root = site.write()
    relaxed = check(root, "--format", "json")
    assert relaxed.returncode == 0
    [warning] = json.loads(relaxed.stdout)["problems"]
    assert warning["severity"] == "warning" and "accessibility_statement" in warning["message"]
    assert warning["stops_publishing"] is True  # with --strict, as the publishing templates build
    assert check(root, "--strict").returncode == 1
    github = check(root, "--format", "github").stdout
    assert github.startswith("::warning file=data/municipality.yml,line=1,")


def test_reads_mkdocs_yml_with_python_and_env_tags(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"data_dir": "innhold"}}]
    site.files = {key.replace("data/", "innhold/", 1): text for key, text in site.files.items()}
    root = site.write()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + (
        "copyright: !ENV [COPYRIGHT, 'Testvik']\n"
        "markdown_extensions_extra:\n"
        "  emoji_index: !!python/name:material.extensions.emoji.twemoji\n"), encoding="utf-8")
    (root / "innhold/plans/samfunnsdel.yml").write_text("title: X\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "innhold/plans/samfunnsdel.yml:1: contact: required field is missing" in result.stderr
