"""admin/ on the built site: self-hosted Decap, generated config, private, and `verksted init`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import yaml
from bs4 import BeautifulSoup

from conftest import BIN, ENV, REPO, Built, SiteFactory, public_pages, run_build
from verksted_plugin.editor.cmsconfig import Folders, cms_config, read_options
from verksted_plugin.records.parties import party_table


def admin_page(built: Built) -> BeautifulSoup:
    return BeautifulSoup((built.out / "admin" / "index.html").read_text(encoding="utf-8"), "lxml")


def csp_of(page: BeautifulSoup) -> dict[str, list[str]]:
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    return {part.split()[0]: part.split()[1:] for part in meta["content"].split(";") if part.strip()}


def test_admin_is_self_hosted_private_and_generated(sample: Built) -> None:
    page = admin_page(sample)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = page.find_all("script")
    assert scripts and all(s.get("src") and not s.string for s in scripts)  # no inline script
    for script in scripts:
        assert not urlparse(script["src"]).netloc
        assert (sample.out / "admin" / script["src"]).is_file(), script["src"]
    bundle = (sample.out / "admin" / "decap-cms.js").read_text(encoding="utf-8")
    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["decap-cms"]
    assert re.fullmatch(r"3\.\d+\.\d+", pinned) and pinned in bundle
    assert len(list((sample.out / "admin").glob("*.decap-cms.js"))) > 20  # its lazy chunks
    assert (sample.out / "admin" / "yaml" / "index.js").is_file()
    csp = csp_of(page)
    assert csp["default-src"] == ["'none'"] and csp["script-src"] == ["'self'", "'unsafe-eval'"]
    hosts = {urlparse(s).hostname for values in csp.values() for s in values if "://" in s}
    assert hosts == {"127.0.0.1", "localhost"}  # unconfigured: no git host, no CDN
    config = yaml.safe_load((sample.out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config == cms_config(read_options({}), party_table(), Folders(),
                                site_url="https://verksted.lorenskog.kommune.no/")
    assert "Redigering i nettleseren er ikke satt opp" in page.get_text()


def test_admin_is_out_of_navigation_search_and_sitemap(sample: Built) -> None:
    assert "admin/" not in (sample.out / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((sample.out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("admin")]
    for path in public_pages(sample.out):
        links = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all("a", href=True)
        # (the guide may show the local address http://127.0.0.1:8000/admin/)
        assert not [a for a in links if "admin/" in a["href"] and not urlparse(a["href"]).netloc], path


def test_configured_backend_reaches_the_config_and_the_csp(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"editor": {
        "backend": "gitlab", "repo": "testvik/verksted", "branch": "main",
        "editorial_workflow": True, "base_url": "https://gitlab.testvik.no"}}}]
    built = site.build()
    config = yaml.safe_load((built.out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "gitlab" and config["backend"]["repo"] == "testvik/verksted"
    assert config["publish_mode"] == "editorial_workflow"
    connect = csp_of(admin_page(built))["connect-src"]
    assert "https://gitlab.com" in connect and "https://gitlab.testvik.no" in connect
    settings = json.loads((built.out / "admin" / "verksted-editor.json").read_text(encoding="utf-8"))
    assert settings["configured"] is True and settings["installed"] is True
    assert set(settings["orders"]) == {"municipality", "parties", "plan", "committee", "method",
                                       "workshop", "activity"}


def test_wrong_editor_options_fail_the_build_with_a_clear_message(site: SiteFactory) -> None:
    site.mkdocs["plugins"] = ["search", {"verksted": {"editor": {"backend": "svn"}}}]
    built = site.build(check=False)
    assert built.result.returncode != 0
    assert "backend: verdien må være en av github" in built.result.stderr
    assert "Traceback" not in built.result.stderr


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def test_init_writes_a_portal_that_builds_strict_at_once(tmp_path: Path) -> None:
    result = run([str(BIN / "verksted"), "init", "portal", "--name", "Testvik kommune"], tmp_path)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "portal"
    for name in ("mkdocs.yml", "data/municipality.yml", "data/plans/kommuneplanens-samfunnsdel.yml",
                 "data/committees/planutvalget.yml", "data/methods/politisk-verksted.yml",
                 "data/workshops/2030-01-15-forste-verksted.md", "docs/aktuelt/index.md",
                 "package.json", "ci/github-pages.yml", "ci/gitlab-ci.yml", ".gitignore"):
        assert (project / name).is_file(), name
    texts = {p: p.read_text(encoding="utf-8") for p in project.rglob("*") if p.is_file()}
    assert not [p for p, text in texts.items() if "lorenskog" in text.lower() or "lørenskog" in text.lower()]
    assert "Testvik kommune" in texts[project / "data" / "municipality.yml"]
    for example in ("plans", "committees", "methods", "workshops"):  # each one commented
        assert any(text.lstrip("-\n").startswith("#") for p, text in texts.items()
                   if p.parent.name == example)
    assert list((project / "docs" / "aktuelt" / "posts").glob("*.md")) == []  # an empty Aktuelt
    for command in (["check", "--strict"], ["fmt", "--check"]):
        checked = run([str(BIN / "verksted"), *command], project)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_build(project)
    assert (built.out / "admin" / "config.yml").is_file()
    assert any("Første verksted" in p.read_text(encoding="utf-8") for p in public_pages(built.out))


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "mine.txt").write_text("min fil", encoding="utf-8")
    result = run([str(BIN / "verksted"), "init", "portal"], tmp_path)
    assert result.returncode == 1 and "er ikke en tom mappe" in result.stderr
    assert [p.name for p in (tmp_path / "portal").iterdir()] == ["mine.txt"]
