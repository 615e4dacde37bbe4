"""adapter/internals.py: a private name MkDocs or Material no longer has turns off what needs
it, with a notice, and `mkdocs build --strict` still builds the site.

Each build hides one name as a release that renamed it would: the name is taken out of its
module before the plugin is imported (the plugin looks its names up then) and put back
after, so MkDocs and Material themselves, which use some of them too, still work. The
sample (with a workshop whose fields hold links, an image and an anchor link) is then
compared, file by file, with its build when nothing is hidden.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import BIN, ENV, copy_sample
from test_speedups_same_output import EDGES, digests
from verksted_plugin.language.i18n import tr, use_language

# `mkdocs` as its command runs it, with one name hidden while the plugin is imported.
HIDDEN_BUILD = """\
import importlib, sys
import material.plugins.blog.plugin  # Material imports some of MkDocs' names itself
where, name = sys.argv[1].rsplit(".", 1)
module = importlib.import_module(where)
kept = getattr(module, name)
delattr(module, name)
import verksted_plugin.adapter.plugin  # looks its names up now (internals.py)
setattr(module, name, kept)
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[2:]]
cli()
"""
REPRODUCIBLE = {**ENV, "SOURCE_DATE_EPOCH": "1700000000"}
# test_speedups_same_output.py's edge workshop, with a decision linking another page.
PLAN_LINK = "[planen](../plan/kommuneplanens-samfunnsdel.md)"
WORKSHOP = EDGES.replace("  - Se [oppsummeringen](#oppsummering) over.\n",
                         f"  - Se [oppsummeringen](#oppsummering) over.\n  - Les {PLAN_LINK}.\n")
EDGES_PAGE = "verksteder/2020-09-01-verksted-med-lenker/index.html"


def build(root: Path, out: Path, hidden: str | None = None) -> subprocess.CompletedProcess[str]:
    start = [str(BIN / "mkdocs")] if hidden is None else [
        str(BIN / "python"), "-c", HIDDEN_BUILD, hidden]
    return subprocess.run([*start, "build", "--strict", "-d", str(out)], cwd=root,
                          env=REPRODUCIBLE, capture_output=True, text=True, timeout=300)


def notice(name: str, effect: str) -> str:
    """The notice as the sample's language (bokmål) writes it."""
    with use_language("nb"):
        return f"INFO    -  verksted_plugin: {tr('internals_missing', name=name, effect=tr(effect))}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """The sample with the edge workshop, built with every name found."""
    root = copy_sample(tmp_path_factory.mktemp("src"))
    (root / "data/workshops/2020-09-01-verksted-med-lenker.md").write_text(WORKSHOP, "utf-8")
    out = tmp_path_factory.mktemp("whole") / "site"
    result = build(root, out)
    assert result.returncode == 0, result.stderr
    assert "internals" not in result.stderr and "finnes ikke lenger" not in result.stderr
    return root, digests(out), out


@pytest.mark.parametrize("hidden, effect", [
    # The page shortcut (template_page.py) is off: MkDocs renders every page itself.
    ("mkdocs.structure.pages._ExtractTitleTreeprocessor", "internals_off_headings"),
    # Also the fields' links: rendered through MkDocs' public Page.render instead.
    ("mkdocs.structure.pages._RelativePathTreeprocessor", "internals_off_field_links"),
])
def test_a_missing_mkdocs_name_changes_no_page(
        sample: tuple[Path, dict[str, str], Path], tmp_path: Path, hidden: str,
        effect: str) -> None:
    root, whole, whole_out = sample
    result = build(root, tmp_path / "site", hidden)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(notice(hidden, effect)) == 1, result.stderr
    assert "WARNING" not in result.stderr
    found = digests(tmp_path / "site")
    assert found.keys() == whole.keys() and len(found) > 50
    assert [path for path in found if found[path] != whole[path]] == []
    # The fields' links were really rewritten for their page (and the anchor link kept).
    page = (tmp_path / "site" / EDGES_PAGE).read_text("utf-8")
    assert '<a href="../../plan/kommuneplanens-samfunnsdel/">planen</a>' in page
    assert 'src="../../bilder/verksted-1.jpg"' in page and 'href="#oppsummering"' in page
    assert page == (whole_out / EDGES_PAGE).read_text("utf-8")


def test_without_mkdocs_link_processor_a_broken_field_link_still_fails_a_strict_build(
        tmp_path: Path) -> None:
    """Page.render warns about a field's missing link target in MkDocs' own words."""
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    (root / "data/workshops/2020-09-01-verksted-med-lenker.md").write_text(WORKSHOP.replace(
        PLAN_LINK, "[planen](../plan/finnes-ikke.md)"), "utf-8")
    results = [build(root, tmp_path / name, hidden) for name, hidden in (
        ("whole", None), ("hidden", "mkdocs.structure.pages._RelativePathTreeprocessor"))]
    warnings = [[line for line in result.stderr.splitlines() if line.startswith("WARNING")]
                for result in results]
    assert [result.returncode for result in results] == [1, 1]
    assert warnings[0] == warnings[1] and warnings[0]  # one for each page showing the field
    assert all("contains a link '../plan/finnes-ikke.md'" in line for line in warnings[0])


def test_a_missing_material_blog_class_leaves_the_feed_without_posts(
        sample: tuple[Path, dict[str, str], Path], tmp_path: Path) -> None:
    root, whole, whole_out = sample
    hidden = "material.plugins.blog.plugin.BlogPlugin"
    result = build(root, tmp_path / "site", hidden)
    assert result.returncode == 0, result.stderr  # the blog's page links the feed: it is there
    assert result.stderr.count(notice(hidden, "internals_off_news_feed")) == 1, result.stderr
    found = digests(tmp_path / "site")
    assert found.keys() == whole.keys()
    # The menu still keeps the posts in Aktuelt: only the feed differs, and the front page,
    # whose "what happens now" leaves out the newest posts it cannot read.
    assert sorted(path for path in found if found[path] != whole[path]) == [
        "aktuelt/rss.xml", "index.html"]
    front = BeautifulSoup((tmp_path / "site/index.html").read_text("utf-8"), "lxml")
    assert front.select(".verksted-now-news") == []
    assert front.select(".verksted-now-phases")  # the rest of the section is there
    bare = feedparser.parse((tmp_path / "site/aktuelt/rss.xml").read_bytes())
    full = feedparser.parse((whole_out / "aktuelt/rss.xml").read_bytes())
    assert not bare.bozo and bare.entries == [] and len(full.entries) >= 1
    assert bare.feed.title == full.feed.title and bare.feed.link == full.feed.link
