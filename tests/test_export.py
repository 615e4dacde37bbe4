"""`verksted export DIR`: the sample as a plain MkDocs project, built by MkDocs + Material
with no verksted plugin, reads as the portal does (doc/engines.md)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import BIN, ENV, Built, SiteFactory, copy_sample, run_build
from conftest import WORKSHOP as WORKSHOP_SOURCE
from i18n_helpers import english_words
from verksted_plugin.cli.main import main
from verksted_plugin.pages.generated import DEFAULT_PATHS

WORKSHOP = "verksteder/2020-02-11-forste-politiske-verksted/"
COMMITTEE = "utvalg/kommuneplanutvalget/"
PLAN = "plan/kommuneplanens-samfunnsdel/"


@dataclass(frozen=True)
class Exported:
    root: Path  # the sample portal the export was made from
    target: Path  # DIR
    result: subprocess.CompletedProcess[str]
    built: Built  # DIR built with plain MkDocs
    sources_before: dict[str, tuple[int, int]]


def sources(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of docs/ and data/ with its size and modification time."""
    return {p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for folder in ("docs", "data") for p in sorted((root / folder).rglob("*"))}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    folder = tmp_path_factory.mktemp("export")
    (folder / "sample").mkdir()
    root = copy_sample(folder / "sample")
    before = sources(root)
    target = folder / "ut"
    result = subprocess.run([str(BIN / "verksted"), "export", str(target)], cwd=root, env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return Exported(root, target, result, run_build(target), before)


def article(html: str) -> str:
    """A page's <article>, its whitespace between tags as one space (the plugin collapses it)."""
    found = BeautifulSoup(html, "lxml").select_one("article")
    assert found is not None
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(found)))


def text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def test_export_is_a_project_without_the_plugin(exported: Exported) -> None:
    assert re.fullmatch(r"skrev \d+ filer i .+; bygg dem med: cd .+ && mkdocs build\n",
                        exported.result.stdout), exported.result.stdout
    assert "Traceback" not in exported.result.stderr
    config = yaml.safe_load((exported.target / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert plugins == ["search", "blog"]
    assert config["theme"]["name"] == "material" and config["theme"]["custom_dir"] == "overrides"
    assert config["extra_css"] == ["verksted/verksted.css"]
    assert config["extra_javascript"] == ["verksted/verksted.js"]
    assert {"toc", "admonition", "md_in_html", "attr_list"} <= {
        next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    assert config["nav"][0] == "index.md" and {"Utvalg": ["utvalg/index.md", f"{COMMITTEE[:-1]}.md"]} in config["nav"]
    docs = exported.target / "docs"
    pages = sorted(docs.rglob("*.md"))
    assert not [p for p in pages if "verkstedmd" in p.read_text(encoding="utf-8")]  # no placeholder left
    assert not (docs / "admin").exists()  # the editor writes records only the plugin reads
    assert {"feed.xml", "verksteder.ics", "apne-data/verksted.json", "verksted/verksted.css",
            "verksted/verksted.js", f"{WORKSHOP[:-1]}.md", "aktuelt/index.md"} <= {
        p.relative_to(docs).as_posix() for p in docs.rglob("*")}
    assert list(docs.glob("schema/*.json")) and list(docs.rglob("*.avif")) and list(docs.rglob("*.webp"))
    # The source folders are read, never written.
    assert sources(exported.root) == exported.sources_before


def test_plain_mkdocs_builds_the_pages_with_their_text(exported: Exported) -> None:
    built = exported.built
    assert "WARNING" not in built.result.stderr, built.result.stderr
    workshop = built.html(WORKSHOP)
    assert workshop.title is not None and workshop.title.text.startswith("Første politiske verksted")
    assert "diskuterte kommuneplanutvalget hvilke felles satsingsområder" in text(built.main(WORKSHOP))
    committee = built.main(COMMITTEE)
    assert committee.h1 is not None and committee.h1.text.rstrip("¶") == "Kommuneplanutvalget"
    assert "Knut Berg" in committee.text and "Nancy Gogstad" in committee.text
    plan = built.main(PLAN)
    assert plan.h1 is not None and plan.h1.text.rstrip("¶") == "Kommuneplanens samfunnsdel"
    assert "Gjennom politiske verksteder arbeider de folkevalgte" in text(plan)
    feed = feedparser.parse((built.out / "feed.xml").read_bytes())
    assert not feed.bozo and feed.entries
    for calendar in ("verksteder.ics", "kalender/verksted/2020-02-11-forste-politiske-verksted.ics"):
        assert (built.out / calendar).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    # The footer, the <head> additions and the skip link's words come along in `extra:`.
    assert "Lørenskog kommune" in built.html(COMMITTEE).select_one(".verksted-footer").text
    assert workshop.select_one('head script[type="application/ld+json"]') is not None
    assert "Hopp til hovedinnhold" in workshop.select_one(".md-skip").text


def test_generated_pages_read_as_in_the_portal(exported: Exported, sample: Built) -> None:
    """Every page the plugin makes: the same article in the export's build as in the portal.
    (Hand-written pages differ by the responsive photos the plugin adds after rendering.)"""
    folders = tuple(f"{folder}/" for folder in DEFAULT_PATHS.values())
    pages = [p.relative_to(sample.out).as_posix() for p in sample.out.rglob("index.html")
             if p.relative_to(sample.out).as_posix().startswith(folders)]
    assert len(pages) > 15 and f"{WORKSHOP}index.html" in pages
    differing = [page for page in pages if article((sample.out / page).read_text(encoding="utf-8"))
                 != article((exported.built.out / page).read_text(encoding="utf-8"))]
    assert differing == []


def test_the_front_page_says_what_happens_now(exported: Exported, sample: Built) -> None:
    """The `<!-- verksted:now -->` line is replaced in the export as in the build."""
    written = (exported.target / "docs" / "index.md").read_text(encoding="utf-8")
    assert "verksted:now" not in written and "Dette skjer nå" in written
    page = exported.built.main("")
    assert page.find("a", href="medvirkning/innspill-til-revisjonen/") is not None
    assert text(page) == text(sample.main(""))


@pytest.mark.parametrize("language, words", [
    ("nb", "finnes og er ikke en tom mappe"), ("nn", "finst og er ikkje ei tom mappe"),
    ("en", "exists and is not an empty folder")])
def test_export_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   language: str, words: str) -> None:
    target = tmp_path / "ut"
    target.mkdir()
    (target / "notat.txt").write_text("mitt\n", encoding="utf-8")
    assert main(["export", str(target), "--config", str(tmp_path / "mkdocs.yml"), "--lang", language]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"verksted export: {target} {words}"), err
    assert "Traceback" not in err
    assert [p.name for p in target.iterdir()] == ["notat.txt"]


def test_export_refuses_docs_data_a_missing_config_broken_records_and_no_plugin(
        site: SiteFactory, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = site.write()
    config = root / "mkdocs.yml"
    for target, words in ((root / "docs" / "ut", "ligger i"), (root / "data" / "ut", "ligger i")):
        assert main(["export", str(target), "--config", str(config)]) == 1
        assert words in capsys.readouterr().err
    assert not (root / "docs" / "ut").exists() and not (root / "data" / "ut").exists()
    assert main(["export", str(tmp_path / "ut"), "--config", str(root / "finnes-ikke.yml")]) == 1
    assert "fant ikke" in capsys.readouterr().err
    site.set("data/workshops/2020-02-11-forste.md", WORKSHOP_SOURCE.replace('"2020-02-11 18:00"', "11. februar"))
    site.write()
    assert main(["export", str(tmp_path / "ut"), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "verksted export: 1 feil i dataene" in err and "2020-02-11-forste.md:6: start:" in err, err
    site.mkdocs["plugins"] = ["search"]
    site.write()
    assert main(["export", str(tmp_path / "ut"), "--config", str(config)]) == 1
    assert "bruker ikke verksted-utvidelsen" in capsys.readouterr().err
    assert not (tmp_path / "ut").exists()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_export_help_speaks_the_language(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    monkeypatch.delenv("VERKSTED_LANG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--help", "--lang", language])
    assert stopped.value.code == 0
    page = capsys.readouterr().out
    assert "--config" in page and "Markdown" in page
    if language != "en":
        assert english_words(page) == set(), english_words(page)
