"""The documentation a newcomer reads: a short README, and links that lead somewhere.

Every relative link in README.md, doc/*.md and bench/README.md must point at a file or
folder of this repository, and a `#fragment` at a heading of the Markdown file it names,
spelt as GitHub makes the anchor."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO

README_MAX_LINES = 250
PAGES = [REPO / "README.md", *sorted((REPO / "doc").glob("*.md")), REPO / "bench" / "README.md"]

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)


def _prose(text: str) -> str:
    """The text without fenced blocks and code spans: what GitHub reads as Markdown."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def github_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    anchors: set[str] = set()
    seen: Counter[str] = Counter()
    for match in HEADING.finditer(FENCE.sub("", path.read_text(encoding="utf-8"))):
        text = CODE_SPAN.sub(lambda code: code.group(2), match.group(2))
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        anchors.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
        seen[slug] += 1
    return anchors


def relative_links(path: Path) -> list[str]:
    targets = LINK.findall(_prose(path.read_text(encoding="utf-8")))
    return [target for target in targets if not re.match(r"[a-z][a-z0-9+.-]*:", target, re.I)]


def test_readme_is_at_most_250_lines() -> None:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; move detail to doc/"


def test_the_readme_links_every_doc_page() -> None:
    linked = {(REPO / target.split("#")[0]).resolve() for target in relative_links(REPO / "README.md")}
    pages = [*sorted((REPO / "doc").glob("*.md")), REPO / "bench" / "README.md",
             REPO / "SECURITY.md", REPO / "RECORDS.md", REPO / "CHANGELOG.md"]
    assert [page.relative_to(REPO).as_posix() for page in pages if page.resolve() not in linked] == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(REPO).as_posix())
def test_relative_links_and_anchors_resolve(page: Path) -> None:
    broken = []
    for target in relative_links(page):
        file_part, _, fragment = target.partition("#")
        destination = (page.parent / file_part).resolve() if file_part else page
        if not destination.exists() or REPO.resolve() not in (destination, *destination.parents):
            broken.append(f"{target}: no such file")
        elif fragment and destination.suffix == ".md" and fragment not in github_anchors(destination):
            broken.append(f"{target}: no heading with that anchor")
    assert broken == []


def test_the_anchor_rule_matches_githubs() -> None:
    page = REPO / "doc" / "editor.md"
    anchors = github_anchors(page)
    assert "canonical-form-verksted-fmt" in anchors  # a code span keeps its text
    assert "the-editors-content-security-policy" in anchors  # punctuation goes
    assert "editing-in-the-browser-decap-cms" in anchors


def test_the_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [here](missing.md), [there](#title), [web](https://x.invalid/)"
                    " and `[code](not-a-link.md)`.\n\n```\n[fenced](nor-this.md)\n```\n", encoding="utf-8")
    assert relative_links(page) == ["missing.md", "#title"]
    assert github_anchors(page) == {"title"}
