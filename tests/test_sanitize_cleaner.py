"""The sanitizer's cleaner is made once (issue 11): it must clean exactly as `nh3.clean` with
the same allow-lists does, on the markup fields produce and on hostile markup."""

from __future__ import annotations

import random

import nh3

from verksted_plugin.records import safe_markdown

PIECES = [
    "<p>", "</p>", '<a href="https://x.no/a?b=1&c=2">', "<a href='javascript:alert(1)'>", "</a>",
    '<img src="//evil.example/x.png" alt=a>', '<img src="bilder/a.jpg" onerror=x>',
    "<script>alert(1)</script>", "<style>p{}</style>", '<div class="admonition note" style="x">',
    "</div>", '<span class="k">', '<span class="evil">', "</span>", "<table><tr><td colspan=2>",
    "</td></tr></table>", "<!-- c -->", "æøå", "&amp;", "&nbsp;", "\u00a0", "<", ">", '"', "'",
    '<code class="highlight">', "</code>", '<h2 id="x">', "</h2>", '<abbr title="t">', "</abbr>",
    "<iframe src=x></iframe>", '<a href="mailto:a@b.no">', '<a href="tel:+4712345678">', "<br>",
    "<ul><li>", "</li></ul>", "<input type=checkbox checked>", "<svg><circle/></svg>", "tekst ",
    "\n",
]


def fresh(html: str) -> str:
    return nh3.clean(html, tags=set(safe_markdown.TAGS),
                     clean_content_tags=set(safe_markdown.CONTENT_TAGS),
                     attributes={t: set(n) for t, n in safe_markdown.ATTRIBUTES.items()},
                     attribute_filter=safe_markdown._keep_url,
                     url_schemes=set(safe_markdown.URL_SCHEMES),
                     allowed_classes={t: set(n) for t, n in safe_markdown.CLASSES.items()},
                     link_rel=None, strip_comments=True)


def test_the_kept_cleaner_cleans_as_nh3_clean_does() -> None:
    rng = random.Random(11)
    fragments = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20)))
                 for _ in range(2000)]
    changed = 0
    for html in fragments:
        assert safe_markdown.sanitize(html) == fresh(html), html
        changed += safe_markdown.sanitize(html) != html
    assert changed > 1000  # the fragments do exercise the allow-lists
