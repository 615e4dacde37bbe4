"""The accessibility statement: linked from every page's footer; its absence is a warning
in the build (so `mkdocs build --strict` fails) and in `verksted check`."""

from __future__ import annotations

import subprocess

from conftest import BIN, ENV, MUNICIPALITY, Built, SiteFactory, public_pages

STATEMENT = "https://uustatus.no/nb/erklaringer/publisert/testvik"


def test_every_page_links_the_statement_in_its_footer(sample: Built) -> None:
    statement = (sample.root / "data" / "municipality.yml").read_text(encoding="utf-8")
    pages = public_pages(sample.out)
    assert len(pages) >= 13
    for path in pages:
        url = path.relative_to(sample.out).as_posix()
        links = sample.html(url).select("footer .verksted-footer a")
        hits = [a for a in links if a.get_text(strip=True) == "Tilgjengelighetserklæring"]
        assert len(hits) == 1, url
        assert f"accessibility_statement: {hits[0]['href']}" in statement, url


def test_missing_statement_warns_and_fails_a_strict_build(site: SiteFactory) -> None:
    municipality = "\n".join(line for line in MUNICIPALITY.splitlines()
                             if not line.startswith("accessibility_statement"))
    site.set("data/municipality.yml", municipality + "\n").write()
    lenient = subprocess.run([str(BIN / "mkdocs"), "build", "-d", "out"], cwd=site.root,
                             env=ENV, capture_output=True, text=True, timeout=300)
    assert lenient.returncode == 0, lenient.stderr
    assert "WARNING" in lenient.stderr and "accessibility_statement" in lenient.stderr
    assert not (site.root / "out" / "index.html").read_text(encoding="utf-8").count(
        "Tilgjengelighetserklæring")

    strict = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", "out"],
                            cwd=site.root, env=ENV, capture_output=True, text=True, timeout=300)
    assert strict.returncode != 0
    assert "accessibility_statement" in strict.stderr

    check = subprocess.run([str(BIN / "verksted"), "check", "--strict"], cwd=site.root,
                           env=ENV, capture_output=True, text=True, timeout=60)
    assert check.returncode != 0
    assert "accessibility_statement" in check.stdout + check.stderr


def test_statement_present_builds_strictly(site: SiteFactory) -> None:
    built = site.build()
    assert "accessibility_statement" not in built.result.stderr
    footer = built.html("").select_one("footer .verksted-footer")
    assert footer.find("a", href=STATEMENT)
