"""The build's shortcuts (speedups.py) change no byte of the output.

The sample portal, plus a workshop that exercises the edges (a [flow, list], a link and an
image in Markdown fields, a link to an anchor of the page, HTML written in a field) and a
plan whose phase is titled as a later heading of its page (numbered by the toc), built
once with every shortcut and once the long way (VERKSTED_NO_SPEEDUPS=1): every file must be
identical. The shortcuts must also really be taken, or the comparison would prove nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from conftest import BIN, ENV, copy_sample
from verksted_plugin.pages.html_blocks import stash_html_blocks
from verksted_plugin.pages.paragraph_fields import field_html
from verksted_plugin.records.yamlread import parse_yaml_fast

EDGES = """\
---
title: Verksted med lenker
committee: kommuneplanutvalget
method: politisk-verksted
number: 9
start: "2020-09-01 18:00"
end: "21:00"
status: held
themes: [Visjon, Bærekraft]
inputs:
  - theme: Visjon
    text: Se [planen](../plan/kommuneplanens-samfunnsdel.md) og <em>dette</em>.
decisions:
  - Vedtatt med ![bilde](../bilder/verksted-1.jpg) og **fet** tekst.
  - Se [oppsummeringen](#oppsummering) over.
---
Oppsummering med [en lenke](https://www.lorenskog.kommune.no/) og <b>HTML</b>.
"""


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_shortcuts_change_no_byte(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    root = copy_sample(tmp_path / "src")
    (root / "data/workshops/2020-09-01-verksted-med-lenker.md").write_text(EDGES, "utf-8")
    # A plan whose phase is titled as the page's contact heading: the toc numbers the later
    # one on the whole page (template_page.py leaves such a plan page to Page.render).
    plan = (root / "data/plans/kommuneplanens-samfunnsdel.yml").read_text("utf-8")
    (root / "data/plans/kontaktplan.yml").write_text(plan.replace(
        "title: Kommuneplanens samfunnsdel", "title: Kontaktplan").replace(
        "  - title: Planprogram\n", "  - title: Kontakt om planen\n"), "utf-8")
    outputs = {}
    for name, switch in (("fast", "0"), ("slow", "1")):
        env = {**ENV, "SOURCE_DATE_EPOCH": "1700000000", "VERKSTED_NO_SPEEDUPS": switch}
        result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d",
                                 str(tmp_path / name)], cwd=root, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs[name] = digests(tmp_path / name)
    fast, slow = outputs["fast"], outputs["slow"]
    assert len(fast) > 50 and fast.keys() == slow.keys()
    assert [path for path in fast if fast[path] != slow[path]] == []
    assert "plan/kontaktplan/index.html" in fast and "plan/kommuneplanens-samfunnsdel/index.html" in fast
    assert "verkstedmd" not in (tmp_path / "fast/verksteder/2020-09-01-verksted-med-lenker"
                                / "index.html").read_text("utf-8")


def test_the_shortcuts_are_taken() -> None:
    raw: dict[str, str] = {}
    page = '# T\n\n<dl class="x">\n<dt>a</dt>\n<dd>b</dd>\n</dl>\n\n## U\n\n<p>c</p>\n'
    stashed = stash_html_blocks(page, raw)
    assert "<dl" not in stashed and "<p>" not in stashed and len(raw) == 2
    assert parse_yaml_fast("title: x\nthemes:\n  - Visjon\n") is not None
    # The sample's summaries are plain paragraphs (paragraph_fields.py), its decisions not.
    sample = (Path(__file__).parents[1] / "data/workshops/2020-02-11-forste-politiske-verksted.md")
    summary = sample.read_text("utf-8").split("\n---\n", 1)[1].strip()
    assert field_html(summary) is not None and field_html("Et **fett** ord") is None
