"""Wrong data stops `mkdocs build` with every message, a non-zero exit and no traceback."""

from __future__ import annotations

import subprocess

import pytest

from conftest import BIN, COMMITTEE, ENV, MUNICIPALITY, SiteFactory

# These tests assert the English texts; nb and nn: test_messages_i18n.py, test_load_errors.py.
pytestmark = pytest.mark.usefixtures("english")
ENV = {**ENV, "VERKSTED_LANG": "en"}


def test_build_stops_with_all_messages_and_no_site(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace("party: H", "party: Hoyre")
             + "  - name: Per\n    role: sjef\n")
    site.set("data/municipality.yml", MUNICIPALITY.replace("language: nb", "language: no"))
    built = site.build(check=False)
    assert built.result.returncode == 1
    log = built.result.stderr
    assert 'data/committees/planutvalget.yml:6: members[1].party: unknown party "Hoyre"' in log
    assert "data/committees/planutvalget.yml:9: members[2].role: expected one of: leder, " \
           'nestleder, medlem or varamedlem; got "sjef"' in log
    assert 'data/municipality.yml:3: language: expected one of: nb, nn or en; got "no"' in log
    assert "3 errors in the data" in log
    assert "Traceback" not in log
    assert not built.out.exists(), "never a site built from half the data"


def test_missing_accessibility_statement_warns_and_strict_fails(site: SiteFactory) -> None:
    site.set("data/municipality.yml", "\n".join(
        line for line in MUNICIPALITY.splitlines() if "accessibility" not in line) + "\n")
    built = site.build(check=False)
    assert built.result.returncode == 1
    assert "data/municipality.yml:1: no accessibility_statement" in built.result.stderr
    relaxed = subprocess.run([str(BIN / "mkdocs"), "build", "-d", str(site.root / "out")],
                             cwd=site.root, env=ENV, capture_output=True, text=True)
    assert relaxed.returncode == 0
    assert "WARNING" in relaxed.stderr and "accessibility_statement" in relaxed.stderr


def test_verksted_check_reports_the_same_messages(site: SiteFactory) -> None:
    root = site.write()
    ok = subprocess.run([str(BIN / "verksted"), "check"], cwd=root, env=ENV,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace("party: H", "party: Hoyre"))
    site.write()
    bad = subprocess.run([str(BIN / "verksted"), "check"], cwd=root, env=ENV,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert 'data/committees/planutvalget.yml:6: members[1].party: unknown party "Hoyre"' \
        in bad.stderr
    assert "Traceback" not in bad.stderr
