"""verksted as users install it: the sdist and wheel a release builds, installed into a clean
virtual environment (no editable install, no checkout on sys.path), and the README's
adoption steps run as written with that wheel in place of the package index.

Two groups, so xdist runs them side by side: the installed product, and the adoption steps
(each builds its own wheel: five seconds, against minutes of installing).
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ENV, REPO, copy_sample

PACKAGE = "verksted_plugin"
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.M)
EPOCH = "1767225600"  # 1 January 2026: both builds of the sample see the same "now"
# Python's own leftovers never ship (pyproject.toml's exclude-package-data).
NOT_SHIPPED = ("__pycache__", ".pyc", ".pyo")


def version() -> str:
    found = VERSION_LINE.search((REPO / "plugins" / PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    assert found, "plugins/verksted_plugin/__init__.py sets __version__"
    return found.group(1)


def run(args: list[str] | str, cwd: Path, env: dict[str, str] | None = None,
        timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env or clean_env(), capture_output=True, text=True,
                          timeout=timeout, shell=isinstance(args, str),
                          executable="/bin/bash" if isinstance(args, str) else None)


def clean_env(path_first: Path | None = None) -> dict[str, str]:
    """The suite's environment without anything that would put the checkout on sys.path."""
    env = {k: v for k, v in ENV.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP")}
    # The test venv's bin/ comes first on the suite's PATH; a user's shell has no such thing.
    paths = [p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p) != BIN]
    env["PATH"] = os.pathsep.join([str(path_first), *paths] if path_first else paths)
    return env


def tracked_package_files() -> set[str]:
    """Every file of the package in git (and new ones not yet committed, while developing)."""
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "plugins/"], REPO)
    assert listed.returncode == 0, listed.stderr
    return {line.removeprefix("plugins/") for line in listed.stdout.splitlines()
            if (REPO / line).is_file() and not any(part in line for part in NOT_SHIPPED)}


@dataclass(frozen=True)
class Release:
    wheel: Path
    sdist: Path
    twine: subprocess.CompletedProcess[str]


def build_release(folder: Path) -> Release:
    """`python -m build` on a copy of the checkout's files, as a release job builds them."""
    source = folder / "source"
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], REPO).stdout
    for name in listed.splitlines():
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = folder / "dist"
    built = run([str(BIN / "python"), "-m", "build", "--outdir", str(dist), str(source)], folder)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel, = dist.glob("*.whl")
    sdist, = dist.glob("*.tar.gz")
    twine = run([str(BIN / "twine"), "check", "--strict", str(wheel), str(sdist)], folder)
    return Release(wheel, sdist, twine)


def template_install_line() -> list[str]:
    """The install step of the repository's GitHub Pages template, as words."""
    workflow = yaml.safe_load((REPO / "publishing" / "github-pages.yml").read_text(encoding="utf-8"))
    lines = [step["run"] for step in workflow["jobs"]["build"]["steps"]
             if "pip install" in step.get("run", "")]
    assert len(lines) == 1, lines
    return shlex.split(lines[0])


def install_like_the_templates(venv: Path, wheel: Path) -> subprocess.CompletedProcess[str]:
    """The template's own words, with its `.` (this checkout) as the wheel built from it."""
    words = template_install_line()
    assert words[:4] == ["python", "-m", "pip", "install"] and words[-1] == ".", words
    options = words[4:-1]  # e.g. -c requirements.lock, read from the checkout
    return run([str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check",
                *options, str(wheel)], REPO)


@dataclass(frozen=True)
class Installed:
    release: Release
    venv: Path
    work: Path

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    folder = tmp_path_factory.mktemp("installed")
    release = build_release(folder)
    venv = folder / "venv"
    made = run([sys.executable, "-m", "venv", str(venv)], folder)
    assert made.returncode == 0, made.stderr
    result = install_like_the_templates(venv, release.wheel)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    work = folder / "work"
    work.mkdir()
    return Installed(release, venv, work)


# --- the installed product ------------------------------------------------------------------

INSTALLED = pytest.mark.xdist_group("installed-wheel")


@INSTALLED
def test_release_files_pass_twine_and_carry_every_package_file(installed: Installed) -> None:
    assert installed.release.twine.returncode == 0, installed.release.twine.stdout
    assert installed.release.wheel.name == f"verksted-{version()}-py3-none-any.whl"
    in_wheel = set(zipfile.ZipFile(installed.release.wheel).namelist())
    with tarfile.open(installed.release.sdist) as sdist:
        in_sdist = {name.split("/", 2)[2] for name in sdist.getnames() if name.count("/") >= 2
                    and name.split("/")[1] == "plugins"}
    package = tracked_package_files()
    assert {name for name in package if name.endswith("/messages/nb.yml")}  # the file that was missing
    assert package - in_wheel == set(), "not in the wheel"
    assert package - in_sdist == set(), "not in the sdist"
    assert not [name for name in in_wheel if any(part in name for part in NOT_SHIPPED)]
    metadata = zipfile.ZipFile(installed.release.wheel).read(
        f"verksted-{version()}.dist-info/METADATA").decode()
    for field in ("Classifier: Framework :: MkDocs", "License-Expression: MIT", "License-File: LICENSE",
                  "Project-URL: Repository", "Description-Content-Type: text/markdown",
                  "Requires-Python: >=3.11"):
        assert field in metadata, field


@INSTALLED
def test_installed_cli_speaks_bokmal_from_site_packages(installed: Installed) -> None:
    where = run([installed.bin("python"), "-c", f"import {PACKAGE}; print({PACKAGE}.__file__)"],
                installed.work)
    assert Path(where.stdout.strip()).is_relative_to(installed.venv), where.stdout + where.stderr
    assert not Path(where.stdout.strip()).is_relative_to(REPO)
    helped = run([installed.bin("verksted"), "--help"], installed.work)
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("bruk: verksted") and "kontroller alle poster" in helped.stdout
    shown = run([installed.bin("verksted"), "--version"], installed.work)
    assert shown.returncode == 0 and shown.stdout.strip() == f"verksted {version()}"


@INSTALLED
def test_installed_init_checks_formats_and_builds_strict(installed: Installed) -> None:
    project = installed.work / "ny-portal"
    made = run([installed.bin("verksted"), "init", str(project), "--name", "Testvik kommune"], installed.work)
    assert made.returncode == 0, made.stdout + made.stderr
    # init names the wheel it was installed from, and copies it along
    assert (project / "vendor" / installed.release.wheel.name).read_bytes() == installed.release.wheel.read_bytes()
    requirement = [line for line in (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#")]
    assert requirement == [f"./vendor/{installed.release.wheel.name}"]
    for command in (["verksted", "check"], ["verksted", "fmt", "--check"], ["mkdocs", "build", "--strict"]):
        result = run([installed.bin(command[0]), *command[1:]], project)
        assert result.returncode == 0, (command, result.stdout + result.stderr)
        assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").is_file()


@INSTALLED
def test_installed_build_of_a_broken_record_is_one_norwegian_message(installed: Installed) -> None:
    project = installed.work / "brukket"
    assert run([installed.bin("verksted"), "init", str(project)], installed.work).returncode == 0
    workshop, = (project / "data" / "workshops").glob("*.md")
    text = workshop.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("start:"))
    workshop.write_text(re.sub(r"^start: .*$", "start: 15. januar 2030", text, flags=re.M), encoding="utf-8")
    result = run([installed.bin("mkdocs"), "build", "--strict"], project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "1 feil i dataene" in result.stderr, result.stderr
    assert f"data/workshops/{workshop.name}:{line}: start: " in result.stderr, result.stderr
    assert not (project / "site").exists()


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@INSTALLED
def test_installed_sample_builds_the_same_files_as_the_checkout(installed: Installed) -> None:
    (installed.work / "eksempel").mkdir()
    root = copy_sample(installed.work / "eksempel")
    if (REPO / "node_modules").is_dir():  # the editor's files, found the same way by both
        (root / "node_modules").symlink_to(REPO / "node_modules")
    env = {**clean_env(), "SOURCE_DATE_EPOCH": EPOCH}
    sites = {}
    for name, mkdocs in (("checkout", str(BIN / "mkdocs")), ("wheel", installed.bin("mkdocs"))):
        result = run([mkdocs, "build", "--strict", "-d", str(installed.work / name)], root, env)
        assert result.returncode == 0, (name, result.stderr[-3000:])
        sites[name] = digests(installed.work / name)
    assert len(sites["wheel"]) > 200
    assert sites["wheel"].keys() == sites["checkout"].keys()
    assert [path for path, digest in sites["wheel"].items() if sites["checkout"][path] != digest] == []


# --- the adoption steps of the README, as written --------------------------------------------

ADOPTION_HEADING = "## Adopting it for a municipality"


def adoption_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(ADOPTION_HEADING):]
    section = section[:section.index("\n## ", len(ADOPTION_HEADING))]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the adoption section has a sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def workflow_commands(path: Path) -> list[str]:
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    return [step["run"] for step in steps if "run" in step]


@pytest.mark.xdist_group("adoption-steps")
def test_readme_adoption_steps_run_as_written(tmp_path: Path) -> None:
    release = build_release(tmp_path / "release")
    commands = adoption_commands()
    wheel_in_readme = re.search(r"verksted-[\w.]+-py3-none-any\.whl", commands[0])
    assert wheel_in_readme and wheel_in_readme.group(0) == release.wheel.name, commands[0]
    machine = tmp_path / "maskin"
    machine.mkdir()
    shutil.copy2(release.wheel, machine / release.wheel.name)  # "the wheel from the release page"
    # npm may answer from its cache instead of asking the registry again; nothing else differs.
    env = {**clean_env(), "npm_config_prefer_offline": "true", "npm_config_audit": "false",
           "npm_config_fund": "false"}
    script = "set -euo pipefail\n" + "\n".join(commands)
    result = run(script, machine, env, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    portal = machine / "min-portal"
    assert (portal / "site" / "index.html").is_file()
    assert (portal / "vendor" / release.wheel.name).is_file()
    assert (portal / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file()
    # Then the portal's own CI, step by step, with the portal's Python as `python`.
    steps = workflow_commands(portal / "ci" / "github-pages.yml")
    assert steps[0] == "python -m pip install -r requirements.txt", steps
    ci_env = {**clean_env(portal / ".venv" / "bin"), "npm_config_prefer_offline": "true"}
    for step in steps:
        done = run(step, portal, ci_env)
        assert done.returncode == 0, (step, done.stdout[-2000:] + done.stderr[-2000:])
    assert (portal / "site" / "admin" / "decap-cms.js").is_file()


@INSTALLED
def test_publishing_templates_install_as_the_installed_test_does() -> None:
    """Both templates' install lines are the one this module runs (`install_like_the_templates`)."""
    github = " ".join(template_install_line())
    gitlab = yaml.safe_load((REPO / "publishing" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["default"]["before_script"] == [github]
    starter = REPO / "plugins" / PACKAGE / "cli" / "starter" / "ci"
    starter_github = [line for line in workflow_commands(starter / "github-pages.yml") if "pip install" in line]
    starter_gitlab = yaml.safe_load((starter / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert [line for line in starter_gitlab["default"]["before_script"] if "pip install" in line] \
        == starter_github == ["python -m pip install -r requirements.txt"]


@INSTALLED
def test_release_workflow_builds_checks_and_publishes_with_trusted_publishing() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as true
    build = " ".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    for command in ("python -m build", "twine check --strict dist/*", "GITHUB_REF_NAME", "__init__.py"):
        assert command in build, command
    pypi = workflow["jobs"]["pypi"]
    assert pypi["permissions"] == {"id-token": "write"} and pypi["environment"]["name"] == "pypi"
    assert [step["uses"] for step in pypi["steps"]][-1].startswith("pypa/gh-action-pypi-publish@")
    assert not [job for job in workflow["jobs"].values() if "password" in str(job)]  # no stored token
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_init_names_the_origin_pip_recorded_for_verksted(tmp_path: Path) -> None:
    from verksted_plugin.cli.install_source import _from_direct_url

    commit = "0123456789abcdef0123456789abcdef01234567"
    tagged = _from_direct_url({"url": "https://github.com/eier/verksted",
                               "vcs_info": {"vcs": "git", "requested_revision": "v0.1.0", "commit_id": commit}})
    assert tagged.line == f"verksted @ git+https://github.com/eier/verksted@{commit}" and tagged.resolves
    online = _from_direct_url({"url": "https://example.no/verksted-0.1.0-py3-none-any.whl", "archive_info": {}})
    assert online.line == "verksted @ https://example.no/verksted-0.1.0-py3-none-any.whl" and online.resolves
    wheel = tmp_path / "verksted-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    local = _from_direct_url({"url": wheel.as_uri(), "archive_info": {}})
    assert (local.line, local.wheel) == ("./vendor/verksted-0.1.0-py3-none-any.whl", wheel)
    wheel.unlink()  # gone since: nothing another machine can reach
    for gone in (_from_direct_url({"url": wheel.as_uri(), "archive_info": {}}),
                 _from_direct_url({"url": REPO.as_uri(), "dir_info": {"editable": True}})):
        assert gone.line == f"verksted=={version()}" and not gone.resolves
