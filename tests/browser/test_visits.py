"""The shared visit (visits.py) can fail each of its checks: a copy of the sample's home
page with one defect for each of them is visited the way every site is, and every check
names the defect, and only there. (The other pages of the copy but the contact page, where
the phone menu is opened, are removed, so this takes seconds.)"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser

from conftest import Built

from .harness import ServedSite, serve
from .visits import visit_site

DEFECTS = (
    '<img src="finnes-ikke.png">'  # no alt text (axe) and a missing file (requests)
    '<script>window.inline = 1</script>'  # an inline script (the policy refuses it)
    '<input size="500" aria-label="Bred">'  # wider than a phone and a desktop
    # a heading with a line holding only its (invisible) permalink
    '<h1 id="t">Tittel<br><span><a class="headerlink" href="#t">&para;</a></span></h1>'
)


def test_each_check_of_the_shared_visit_reports_its_defect(
        sample: Built, browser: Browser, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(sample.out, folder,
                    ignore=shutil.ignore_patterns("admin"))
    for page in folder.rglob("*.html"):
        if page not in (folder / "index.html", folder / "kontakt" / "index.html"):
            page.unlink()
    home = folder / "index.html"
    html = home.read_text(encoding="utf-8")
    article = '<article class="md-content__inner md-typeset">'
    assert article in html and 'class="md-skip">' in html
    html = html.replace(article, article + DEFECTS, 1)
    html = html.replace('class="md-skip">', 'class="md-skip">Hopp ', 1)  # wrong wording
    home.write_text(html, encoding="utf-8")

    with serve(folder) as base:
        visit = visit_site(browser, ServedSite("sample-nb", folder, base))
    assert visit.pages == ["", "kontakt/"] and visit.visited == 4
    assert visit.menu_and_search == []  # the phone menu and the search opened (kontakt/, /)
    for width in ("1280px", "375px"):
        assert "image-alt" in {v["id"] for v in visit.axe[f"{width} /"]}, visit.axe
        assert any(r.startswith("script-src") for r in visit.csp[f"{width} /"]), visit.csp
        assert any(p.startswith(f"{width} /: scrolls sideways") for p in visit.layout), \
            visit.layout
        assert any(f.startswith(f"{width} /: HTTP 404") and "finnes-ikke.png" in f
                   for f in visit.log.failures), visit.log.failures
        assert any(where == f"{width} /" and "Content Security Policy" in text
                   for where, _, text in visit.log.console), visit.log.console
    assert any(p.startswith("375px /: heading with an empty line") and 'id="t"' in p
               for p in visit.layout), visit.layout
    assert any("its text is" in p for p in visit.skip_link), visit.skip_link
    assert not any("kontakt/" in p for p in visit.layout + visit.skip_link), visit.layout
    assert visit.screenshots == 4
