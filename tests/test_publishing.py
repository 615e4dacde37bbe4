"""The publishing templates parse as YAML, and the commands they run work on the sample."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import BIN, ENV, REPO, copy_sample

GITHUB = REPO / "publishing/github-pages.yml"
GITLAB = REPO / "publishing/gitlab-ci.yml"
# The same kind of templates that `verksted init` copies into a new portal's ci/.
STARTER_CI = REPO / "plugins/verksted_plugin/cli/starter/ci"
HOOKS = REPO / ".pre-commit-hooks.yaml"
LOCAL_HOOKS = REPO / "publishing/pre-commit-config.yaml"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_commands() -> list[str]:
    steps = load(GITHUB)["jobs"]["build"]["steps"]
    return [line for step in steps for line in str(step.get("run", "")).splitlines() if line]


def gitlab_commands(job: str) -> list[str]:
    return [str(line) for line in load(GITLAB)[job]["script"]]


def ours(commands: list[str]) -> list[str]:
    """The commands that check and build (installing is the machine's business)."""
    return [c for c in commands if c.split()[0] in ("verksted", "mkdocs")]


def run(command: str, root: Path) -> subprocess.CompletedProcess[str]:
    env = {**ENV, "PATH": f"{BIN}{os.pathsep}{ENV['PATH']}"}
    return subprocess.run(shlex.split(command), cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def test_github_workflow_checks_builds_and_deploys() -> None:
    workflow = load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "pull_request" in triggers
    build = workflow["jobs"]["build"]
    checkout = build["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    commands = ours(github_commands())
    assert commands == ["verksted check --format github", "mkdocs build --strict --site-dir site"]
    artifact = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload"))
    assert artifact["with"]["path"] == "site"


def test_gitlab_pipeline_checks_builds_and_publishes_public() -> None:
    pipeline = load(GITLAB)
    assert pipeline["variables"]["GIT_DEPTH"] == 0
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    for job in ("check", "pages"):
        assert ours(gitlab_commands(job)) == ["verksted check",
                                              "mkdocs build --strict --site-dir public"]


# Pages that follow the calendar (open/finished participation, upcoming/held workshops, "Vi er
# her") roll over only when the site is built again: every template rebuilds each night.

@pytest.mark.parametrize("path", [GITHUB, STARTER_CI / "github-pages.yml"])
def test_github_templates_rebuild_every_night(path: Path) -> None:
    workflow = load(path)
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request", "workflow_dispatch", "schedule"} <= set(triggers)
    [entry] = triggers["schedule"]
    minute, hour, *days = entry["cron"].split()
    assert days == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # daily, one time
    # A scheduled run deploys: neither the upload nor the deploy job is kept to pushes.
    assert "schedule" not in workflow["jobs"]["deploy"].get("if", "")
    upload = next(s for s in workflow["jobs"]["build"]["steps"]
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert "schedule" not in upload.get("if", "")


@pytest.mark.parametrize("path", [GITLAB, STARTER_CI / "gitlab-ci.yml"])
def test_gitlab_templates_publish_from_a_pipeline_schedule(path: Path) -> None:
    """GitLab has no schedule in .gitlab-ci.yml (it is made in the project's settings, see
    doc/publishing.md): the pages job must run when the schedule starts the pipeline."""
    pipeline = load(path)
    conditions = [rule["if"] for rule in pipeline["pages"]["rules"]]
    scheduled = [c for c in conditions if '$CI_PIPELINE_SOURCE == "schedule"' in c]
    assert scheduled and all("$CI_DEFAULT_BRANCH" in c for c in scheduled), conditions
    assert "workflow" not in pipeline or "schedule" in str(pipeline["workflow"])
    assert "Europe/Oslo" in path.read_text(encoding="utf-8")  # the comment says how


def test_publishing_doc_tells_how_to_make_the_gitlab_schedule() -> None:
    doc = (REPO / "doc/publishing.md").read_text(encoding="utf-8")
    for step in ("New schedule", "Europe/Oslo", "CI/CD", "Schedules", "cron"):
        assert step in doc, step


@pytest.mark.parametrize("source", ["github", "gitlab"])
def test_the_workflow_commands_pass_on_the_sample(tmp_path: Path, source: str) -> None:
    root = copy_sample(tmp_path)
    commands = ours(github_commands() if source == "github" else gitlab_commands("pages"))
    for command in commands:
        result = run(command, root)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    out = root / ("site" if source == "github" else "public")
    assert (out / "index.html").is_file() and (out / "schema/workshop.json").is_file()


def test_the_github_command_annotates_a_broken_sample(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    plan = root / "data/plans/kommuneplanens-samfunnsdel.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title:", "titel:", 1), "utf-8")
    result = run(ours(github_commands())[0], root)
    assert result.returncode == 1
    assert re.search(r"^::error file=data/plans/kommuneplanens-samfunnsdel\.yml,line=\d+,",
                     result.stdout, re.MULTILINE)


@pytest.mark.parametrize("path", [HOOKS, LOCAL_HOOKS])
def test_pre_commit_hook_runs_verksted_check(tmp_path: Path, path: Path) -> None:
    parsed = load(path)
    hooks = parsed if isinstance(parsed, list) else parsed["repos"][0]["hooks"]
    [hook] = hooks
    assert hook["id"] == "verksted-check" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for changed in ("data/workshops/2020-02-11-x.md", "docs/bilder/a.jpg", "mkdocs.yml"):
        assert files.search(changed), changed
    assert not files.search("README.md")
    root = copy_sample(tmp_path)
    assert run(hook["entry"], root).returncode == 0
    (root / "data/methods/feil.yml").write_text("navn: Feil\n", encoding="utf-8")
    failed = run(hook["entry"], root)
    assert failed.returncode == 1 and "data/methods/feil.yml" in failed.stderr
