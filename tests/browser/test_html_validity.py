"""The Nu HTML Checker (vnu.jar from npm, run with the machine's Java) finds no error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .allowances import vnu_allowed
from .harness import VNU_JAR, ServedSite


def vnu(folder: Path) -> list[dict[str, object]]:
    """Every message vnu gives for the HTML files under `folder`."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True, text=True, timeout=300)
    # vnu exits 1 when it found errors; its JSON report goes to stderr.
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stderr)["messages"]


def errors(messages: list[dict[str, object]]) -> list[str]:
    return [f"{str(m.get('url', '')).rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if m.get("type") == "error" or m.get("subType") == "fatal"
            if not vnu_allowed(str(m["message"]), str(m.get("extract", "")))]


def test_whole_site_is_valid_html(served: ServedSite) -> None:
    assert len(served.pages) >= 13
    assert errors(vnu(served.folder)) == []


def test_vnu_reports_an_error_it_is_shown(tmp_path: Path) -> None:
    """The checker really runs: a label pointing at nothing is an error."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="nb"><title>x</title><label for="nowhere">x</label>',
        encoding="utf-8")
    assert any("for" in e for e in errors(vnu(tmp_path)))
