"""The page's policy from the scripts found while collapsing its white space (issue 11).

on_post_page collapses a page (html_whitespace.py) and then adds its Content-Security-Policy
(csp.py); the scripts the policy hashes are among the elements the collapse keeps as they
are, so the page is not searched for them a second time. Where that could differ from
searching the collapsed page (a script inside `<pre>`, a policy already there, a script the
search would read otherwise), the page is searched as before. Each case compares the two.
"""

from __future__ import annotations

import pytest

from verksted_plugin.adapter.shortcuts.html_whitespace import collapse_whitespace, collapsed_and_kept
from verksted_plugin.outputs.csp import hashes_of_kept, inline_script_hashes, with_policy

HEAD = '<html><head><meta charset="utf-8">'
CASES = {
    "plain": (HEAD + '<script>a()</script>\n  <script src="x.js"></script>'
              '<script type="application/ld+json">{"a": 1}</script></head><body>\n\n  <p>x</p>'
              '<pre>\n  keep\n\n</pre></body></html>', False),
    "upper case and spaces": (HEAD + '<SCRIPT type="module">a()</SCRIPT >\n <script\n>b()'
                              '</script\n  ></head></html>', False),
    "script in pre": (HEAD + '<script>a()</script></head><body><pre><script>b()</script></pre>'
                      '</body></html>', True),
    "script in textarea": (HEAD + '</head><body>\n  <textarea>\n <script>c()</script>'
                           '</textarea></body></html>', True),
    "script in code, style": (HEAD + '<style>\n <script>z()</script></style><code><SCRIPT>y()'
                              '</script></code></head></html>', True),
    "policy already there": (HEAD + '<meta http-equiv="Content-Security-Policy" content="x">'
                             '<script>a()</script></head></html>', False),
    "policy text in a script": (HEAD + '<script>var s = "<meta http-equiv=\\"Content-Security-'
                                'Policy\\" content=1>";</script></head></html>', False),
    "'>' in an attribute, a tag in a string": (
        HEAD + '<script data-x="a>b">q()</script><script>document.write("<script>")</script>'
        '</head><body><script>never closed</body></html>', False),
    "no closing tag at all": (HEAD + '<script</script>x</script></head></html>', True),
    "a longer tag name": (HEAD + '<scriptx>no</scriptx><script>ok()</script></head></html>',
                          False),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_kept_scripts_give_the_same_policy(name: str) -> None:
    page, searched_again = CASES[name]
    collapsed, kept = collapsed_and_kept(page)
    assert collapsed == collapse_whitespace(page)
    hashes = hashes_of_kept(kept)
    assert (hashes is None) is searched_again
    if hashes is not None:
        assert hashes == inline_script_hashes(collapsed)
    assert with_policy(collapsed, hashes) == with_policy(collapse_whitespace(page))
    assert "'sha256-" in with_policy(collapsed, hashes) or "script" not in page.lower()
