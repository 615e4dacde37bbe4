"""The minified stylesheet means to Chromium exactly what the commented source means."""

from __future__ import annotations

from playwright.sync_api import Page

from conftest import REPO
from verksted_plugin.outputs.minify import minify_css

SOURCE = REPO / "plugins" / "verksted_plugin" / "pages" / "assets" / "verksted.css"
_RULES = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const walk = rules => [...rules].flatMap(r => r.cssRules ? [r.cssText.split('{')[0],
                                                             ...walk(r.cssRules)] : [r.cssText]);
  return walk(sheet.cssRules);
}"""


def test_minified_stylesheet_parses_to_the_same_rules(page: Page) -> None:
    source = SOURCE.read_text(encoding="utf-8")
    original = page.evaluate(_RULES, source)
    assert len(original) > 40  # every rule parsed, none dropped as invalid
    assert page.evaluate(_RULES, minify_css(source)) == original
