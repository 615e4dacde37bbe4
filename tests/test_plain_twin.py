"""The benchmark's plain site (bench/plain_twin.py) publishes what the portal publishes.

`make bench` compares the portal's build with plain MkDocs building the same pages written
by hand as Markdown; the comparison is only fair if the two sites say the same. So the
sample's every generated page is written as Markdown, built by plain MkDocs without
verksted, and each page's article must read word for word as the portal's."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import yaml

from conftest import REPO, Built, run_build

sys.path.insert(0, str(REPO / "bench"))
import plain_twin  # noqa: E402
from portal_vs_plain import article_html  # noqa: E402

_TAG = re.compile(r"<[^>]*>")


def words(page: Path) -> str:
    """The article's text as a reader gets it; heading permalinks (¶) left out. Tags go
    without a space: `<strong>Name</strong>,` and `Name,` read the same."""
    article = article_html(page.read_text(encoding="utf-8"))
    assert article is not None, page
    return "".join(html.unescape(_TAG.sub("", article)).replace("¶", "").split())


def test_the_plain_twin_publishes_the_portals_pages_word_for_word(
        sample: Built, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    converted = plain_twin.write_twin(sample.root, plain)
    settings = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    assert all("verksted" not in str(plugin) for plugin in settings["plugins"])
    assert "custom_dir" not in settings["theme"]
    twin = run_build(plain)  # plain MkDocs, --strict

    generated = sorted(md.relative_to(plain / "docs") for md in (plain / "docs").rglob("*.md")
                       if not (sample.root / "docs" / md.relative_to(plain / "docs")).exists())
    assert len(generated) == converted > 15
    assert {str(uri) for uri in generated} >= {
        "verksteder/2020-02-11-forste-politiske-verksted.md", "utvalg/kommuneplanutvalget.md",
        "plan/kommuneplanens-samfunnsdel.md", "metode/politisk-verksted.md", "tema/index.md",
        "kontakt/index.md"}
    for uri in generated:
        url = uri.parent if uri.name == "index.md" else uri.with_suffix("")
        page = Path(url) / "index.html"
        assert words(twin.out / page) == words(sample.out / page), uri
    workshop = (plain / "docs" / "verksteder" / "2020-02-11-forste-politiske-verksted.md"
                ).read_text(encoding="utf-8")
    # Written as an editor would: Markdown, links to the .md files, the programme kept out of
    # the search index as the portal keeps it.
    assert "](../utvalg/kommuneplanutvalget.md)" in workshop
    assert "## Program { data-search-exclude }" in workshop
    assert "<dl" not in workshop and "<p" not in workshop


def test_the_workshops_only_twin_keeps_the_workshop_pages_and_titles_the_rest(
        sample: Built, tmp_path: Path) -> None:
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    whole.mkdir()
    cut.mkdir()
    plain_twin.write_twin(sample.root, whole)
    plain_twin.write_twin(sample.root, cut, workshops_only=True)
    workshop = Path("docs/verksteder/2020-02-11-forste-politiske-verksted.md")
    assert (cut / workshop).read_text(encoding="utf-8") == (whole / workshop).read_text(
        encoding="utf-8")
    for listing in ("utvalg/kommuneplanutvalget.md", "plan/kommuneplanens-samfunnsdel.md",
                    "verksteder/index.md"):
        title = (cut / "docs" / listing).read_text(encoding="utf-8")
        assert title.startswith("# ") and title.count("\n") == 1, listing
        assert (whole / "docs" / listing).read_text(encoding="utf-8").startswith(title)
