"""page_links.PageLinks: MkDocs' link rewriting, telling a piece that reads the same on every
page (kept once by markdown_fields.py and template_page.py) from one that does not."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from verksted_plugin.adapter.page_links import PageLinks


@pytest.fixture(scope="module")
def converter(tmp_path_factory: pytest.TempPathFactory) -> tuple[markdown.Markdown, PageLinks,
                                                                  list[File]]:
    root: Path = tmp_path_factory.mktemp("site")
    for name in ("verksteder/a.md", "utvalg/b.md"):
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text("# X\n", "utf-8")
    (root / "docs" / "bilde.jpg").write_bytes(b"")
    (root / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    files = [File(name, config.docs_dir, config.site_dir, True)
             for name in ("verksteder/a.md", "utvalg/b.md", "bilde.jpg")]
    md = markdown.Markdown(extensions=["attr_list"])
    links = PageLinks(None, Files(files), config)  # type: ignore[arg-type]
    links._register(md)
    return md, links, files


@pytest.mark.parametrize("text, specific, html", [
    ("Bare tekst.", False, "<p>Bare tekst.</p>"),
    ("Se [over](#oppsummering).", False, '<p>Se <a href="#oppsummering">over</a>.</p>'),
    ("Se [utvalget](../utvalg/b.md).", True, '<p>Se <a href="../../utvalg/b/">utvalget</a>.</p>'),
    ("Se [kommunen](https://kommune.no/).", True,
     '<p>Se <a href="https://kommune.no/">kommunen</a>.</p>'),
    ("![Bilde](../bilde.jpg)", True, '<p><img alt="Bilde" src="../../bilde.jpg" /></p>'),
])
def test_a_piece_is_page_specific_when_an_address_may_depend_on_the_page(
        converter: tuple[markdown.Markdown, PageLinks, list[File]], text: str, specific: bool,
        html: str) -> None:
    md, links, files = converter
    links.start(files[0])
    assert md.reset().convert(text) == html
    assert links.page_specific is specific
    # The anchor of the page itself is noted for MkDocs' anchor check (template_page.py).
    assert links.links_to_anchors == ({files[0]: {"oppsummering": "#oppsummering"}}
                                      if "#" in text else {})
    links.start(files[1])
    assert links.page_specific is False and links.links_to_anchors == {}
