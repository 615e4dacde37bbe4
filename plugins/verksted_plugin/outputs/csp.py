"""A Content-Security-Policy for every page, as a `<meta>` (static hosting sets no headers).

Everything comes from the site's own origin. Material writes a few inline scripts whose text
can differ from page to page, so each page's policy names the SHA-256 of exactly the inline
scripts in its final HTML; never 'unsafe-inline'. Data blocks (`application/ld+json`,
`application/json`) are not run by the browser and need no hash. Material's search runs in a
Web Worker from the site's assets (worker-src 'self') and fetches the index (connect-src).
`img-src` allows `data:` because Material's stylesheet draws its icons from `data:` SVGs; the
sanitizer never lets a `data:` image through from a record.
"""

from __future__ import annotations

import base64
import hashlib
import re

META_NAME = "Content-Security-Policy"
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.IGNORECASE)
# The script types a browser runs; anything else (JSON, JSON-LD) is a data block.
_JAVASCRIPT = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
               "application/ecmascript"}


def inline_script_hashes(html: str) -> list[str]:
    """`'sha256-…'` of every inline script the browser would run, in order, without repeats."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        _add_hash(hashes, match)
    return hashes


def _add_hash(hashes: list[str], match: re.Match[str]) -> None:
    attributes, body = match.group(1), match.group(2)
    kind = _TYPE.search(attributes)
    script_type = next((g for g in kind.groups() if g is not None), "") if kind else ""
    if _SRC.search(attributes) or script_type.strip().lower() not in _JAVASCRIPT:
        return
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    if f"'sha256-{digest}'" not in hashes:
        hashes.append(f"'sha256-{digest}'")


_SCRIPT_START = re.compile(r"<script\b", re.IGNORECASE)


def hashes_of_kept(kept: list[str]) -> list[str] | None:
    """`inline_script_hashes` of a page from the elements html_whitespace.py kept as they
    were (`<pre>`, `<code>`, `<textarea>`, `<script>`, `<style>`, in page order), without
    searching the page again. Each `<script>` the page's search finds is one of them, as
    long as none lies inside another kept element: then, and if a kept script is not what
    the search would read, None (the caller searches the page)."""
    hashes: list[str] = []
    for text in kept:
        if _SCRIPT_START.match(text):
            match = _SCRIPT.fullmatch(text)
            if match is None:
                return None
            _add_hash(hashes, match)
        elif _SCRIPT_START.search(text):
            return None
    return hashes


def policy(script_hashes: list[str]) -> str:
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "media-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(html: str, script_hashes: list[str] | None = None) -> str:
    """`html` with the policy early in `<head>` (after the charset), before any script or style.

    `script_hashes`: the page's `inline_script_hashes`, when the caller has them already."""
    if _EXISTING.search(html):
        html, script_hashes = _EXISTING.sub("", html), None  # the scripts are read afresh
    head = _HEAD.search(html)
    if head is None:
        return html
    head = _CHARSET.search(html, head.end()) or head
    if script_hashes is None:
        script_hashes = inline_script_hashes(html)
    meta = f'\n<meta http-equiv="{META_NAME}" content="{policy(script_hashes)}">'
    return html[:head.end()] + meta + html[head.end():]
