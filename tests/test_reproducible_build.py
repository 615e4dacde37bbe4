"""Two builds of one commit give the same bytes; `make site` swaps in only a good build."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import yaml

from conftest import BIN, ENV, REPO, SiteFactory, copy_sample, run_build

COMMIT_TIME = "2024-03-05T10:20:30+00:00"


def commit_all(root: Path) -> None:
    env = {**ENV, "GIT_AUTHOR_DATE": COMMIT_TIME, "GIT_COMMITTER_DATE": COMMIT_TIME,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.no",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.no"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True, capture_output=True)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(root: Path, out: str, env: dict[str, str]) -> Path:
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(root / out)],
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return root / out


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    commit_all(root)
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    first = digests(build_into(root, "../ut-1", env))
    second = digests(build_into(root, "../ut-2", env))
    assert len(first) > 50 and first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
    # Open data names the commit, not the clock.
    document = json.loads((tmp_path / "ut-1/apne-data/verksted.json").read_text("utf-8"))
    assert datetime.fromisoformat(document["generated"]) == datetime.fromisoformat(COMMIT_TIME)


def test_source_date_epoch_is_the_build_moment(site: SiteFactory) -> None:
    epoch = 1_600_000_000  # 13 September 2020, 12:26:40 UTC
    built = run_build(site.write(), env={**ENV, "SOURCE_DATE_EPOCH": str(epoch)})
    document = json.loads((built.out / "apne-data/verksted.json").read_text("utf-8"))
    assert datetime.fromisoformat(document["generated"]).timestamp() == epoch
    sitemap = (built.out / "sitemap.xml").read_text("utf-8")
    assert "<lastmod>2020-09-13</lastmod>" in sitemap
    with gzip.open(built.out / "sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    raw = (built.out / "sitemap.xml.gz").read_bytes()
    # The gzip header's time is the day of the build moment, not the clock.
    assert int.from_bytes(raw[4:8], "little") == int(datetime(2020, 9, 13, tzinfo=UTC).timestamp())


def atomic_build(root: Path) -> subprocess.CompletedProcess[str]:
    """What `make site` runs, without a network (CI runs as root, so `unshare` may)."""
    return subprocess.run(["unshare", "--net", "bash", str(REPO / "scripts/build-site.sh"),
                           "site"], cwd=root,
                          env={**ENV, "MKDOCS": str(BIN / "mkdocs")}, capture_output=True,
                          text=True, timeout=300)


def test_failed_build_leaves_the_previous_site_intact(site: SiteFactory) -> None:
    root = site.write()
    assert atomic_build(root).returncode == 0
    (root / "site/merke.txt").write_text("forrige bygg", encoding="utf-8")
    before = digests(root / "site")
    site.set("data/plans/samfunnsdel.yml", "titel: Feil\n").write()
    failed = atomic_build(root)
    assert failed.returncode == 1
    assert "data/plans/samfunnsdel.yml:1" in failed.stderr and "site/ is unchanged" in failed.stderr
    assert digests(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []
    site.set("data/plans/samfunnsdel.yml", None).set("data/committees/planutvalget.yml", None)
    site.set("data/workshops/2020-02-11-forste.md", None).write()
    for gone in ("data/plans/samfunnsdel.yml", "data/committees/planutvalget.yml",
                 "data/workshops/2020-02-11-forste.md"):
        os.remove(root / gone)
    assert atomic_build(root).returncode == 0
    assert not (root / "site/merke.txt").exists() and (root / "site/index.html").is_file()
    assert oct((root / "site").stat().st_mode & 0o777) == oct(0o755)
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_publishing_templates_deploy_only_a_successful_build() -> None:
    github = yaml.safe_load((REPO / "publishing/github-pages.yml").read_text("utf-8"))
    build, deploy = github["jobs"]["build"], github["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "if" in deploy and "always" not in deploy["if"]
    for step in build["steps"]:  # a failed step stops the job before the upload
        assert not step.get("continue-on-error") and "always()" not in str(step.get("if", ""))
    names = [s.get("uses", s.get("run", "")) for s in build["steps"]]
    upload = next(i for i, n in enumerate(names) if n.startswith("actions/upload-pages"))
    assert any("mkdocs build --strict" in str(n) for n in names[:upload])
    gitlab = yaml.safe_load((REPO / "publishing/gitlab-ci.yml").read_text("utf-8"))
    pages = gitlab["pages"]
    assert not pages.get("allow_failure") and pages["artifacts"].get("when", "on_success") == \
        "on_success"
    assert any("mkdocs build --strict" in line for line in pages["script"])
