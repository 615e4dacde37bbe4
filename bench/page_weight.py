"""What a phone downloads for each page type of the sample, against a budget.

Builds the sample portal (or reads an already built site), and for one page of each type
adds up what the page loads, as a static host with gzip serves it: the HTML, the
stylesheets, the scripts, and the images a phone picks (412 CSS px at 2.625 device pixels,
Lighthouse's phone) — all photos, as if scrolled through. Text is counted gzip-compressed;
images as they are. Material also starts its search on every page (worker, Lunr's language
support, the index) and fetches sitemap.xml beside the Atom feed's link: counted as JS and
"data".

    make bench                                   # builds the sample, prints the table
    .venv/bin/python bench/page_weight.py site   # a site already built

Exits with 1 when a page type is over its budget.
"""

from __future__ import annotations

import gzip
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
PHONE_PIXELS = 412 * 2.625 - 32 * 2.625  # the content column of Lighthouse's phone
KINDS = ("html", "css", "js", "images", "data")
LUNR_LANGUAGE = {"nb": "no", "nn": "no"}  # English needs no file of its own
PAGE_TYPES = {
    "home": "",
    "plan": "plan/kommuneplanens-samfunnsdel/",
    "committee": "utvalg/kommuneplanutvalget/",
    "workshop list": "verksteder/",
    "workshop": "verksteder/2020-02-11-forste-politiske-verksted/",
    "method": "metode/politisk-verksted/",
    "contact": "kontakt/",
    "Åpne data": "apne-data/",
    "Aktuelt": "aktuelt/",
}
# Compressed kB per page type, set from the sample with room to grow. Material's CSS
# (~25 kB) and JS (~50 kB with the search worker and Lunr) are on every page; HTML grows with the
# content; images are the photos a page shows (the committee has two, a workshop one);
# data is the search index (and the sitemap where the Atom feed is linked).
KB = 1024
_SHARED = {"css": 32, "js": 64, "data": 48}
BUDGET_KB = {
    "home": {"html": 8, "images": 4, **_SHARED},
    "plan": {"html": 10, "images": 4, **_SHARED},
    "committee": {"html": 12, "images": 64, **_SHARED},
    "workshop list": {"html": 10, "images": 4, **_SHARED},
    "workshop": {"html": 12, "images": 32, **_SHARED},
    "method": {"html": 10, "images": 4, **_SHARED},
    "contact": {"html": 8, "images": 4, **_SHARED},
    "Åpne data": {"html": 10, "images": 4, **_SHARED},
    "Aktuelt": {"html": 8, "images": 4, **_SHARED},
}
BUDGET = {name: {**{k: v * KB for k, v in kinds.items()},
                 "total": sum(kinds.values()) * KB} for name, kinds in BUDGET_KB.items()}


@dataclass
class Resources:
    """What one page refers to: stylesheets, scripts, and per image the candidates."""

    css: list[str] = field(default_factory=list)
    js: list[str] = field(default_factory=list)
    icons: list[str] = field(default_factory=list)
    language: str = ""
    search: bool = False  # Material's search is configured: it starts on every page
    alternate: list[str] = field(default_factory=list)
    images: list[list[tuple[str, int]]] = field(default_factory=list)  # (url, width) or 0


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found = Resources()
        self._picture: list[tuple[str, int]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.found.language = a.get("lang", "")
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.found.css.append(a["href"])
        elif tag == "link" and a.get("rel") == "icon":
            self.found.icons.append(a["href"])
        elif tag == "link" and a.get("rel") == "alternate":
            self.found.alternate.append(a["href"])
        elif tag == "script" and a.get("id") == "__config":
            self.found.search = True
        elif tag == "script" and a.get("src"):
            self.found.js.append(a["src"])
        elif tag == "picture":
            self._picture = []
        elif tag == "source" and self._picture is not None and not self._picture:
            # The first <source> is the format a current phone browser takes (AVIF).
            for candidate in a.get("srcset", "").split(","):
                url, _, width = candidate.strip().partition(" ")
                self._picture.append((url, int(width.rstrip("w") or 0)))
        elif tag == "img" and a.get("src"):
            if self._picture:
                self.found.images.append(self._picture)
            else:
                self.found.images.append([(a["src"], 0)])

    def handle_endtag(self, tag: str) -> None:
        if tag == "picture":
            self._picture = None


def resources(html: str) -> Resources:
    parser = _PageParser()
    parser.feed(html)
    return parser.found


def _phone_pick(candidates: list[tuple[str, int]]) -> str:
    """The smallest file at least as wide as the phone needs, else the widest."""
    wide_enough = [c for c in sorted(candidates, key=lambda c: c[1]) if c[1] >= PHONE_PIXELS]
    return (wide_enough or sorted(candidates, key=lambda c: c[1]))[0 if wide_enough else -1][0]


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(site: Path, url: str) -> dict[str, int]:
    """Bytes per kind for one page of a built site (`url` like `verksteder/`)."""
    page = site / url / "index.html"
    found = resources(page.read_text(encoding="utf-8"))

    def file(ref: str) -> Path:
        return site / posixpath.normpath(posixpath.join(url, ref.split("#")[0].split("?")[0]))

    js = [file(ref) for ref in found.js]
    data: list[Path] = []
    if found.search:
        js += sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        lunr = site / "assets" / "javascripts" / "lunr" / "min"
        language = LUNR_LANGUAGE.get(found.language, found.language)
        js += [p for p in (lunr / "lunr.stemmer.support.min.js",
                           lunr / f"lunr.{language}.min.js") if p.is_file()]
        data.append(site / "search" / "search_index.json")
    # Material's language selector fetches sitemap.xml beside each alternate link.
    data += sorted({file(posixpath.join(posixpath.dirname(ref), "sitemap.xml"))
                    for ref in found.alternate})
    weight = {
        "html": _gzipped(page),
        "css": sum(_gzipped(file(ref)) for ref in found.css),
        "js": sum(_gzipped(p) for p in js),
        "images": sum(file(_phone_pick(c)).stat().st_size for c in found.images)
                  + sum(file(ref).stat().st_size for ref in found.icons),
        "data": sum(_gzipped(p) for p in data if p.is_file()),
    }
    weight["total"] = sum(weight.values())
    return weight


def over_budget(weights: dict[str, dict[str, int]]) -> list[str]:
    return [f"{name}: {kind} {weight[kind] / KB:.1f} kB > {BUDGET[name][kind] / KB:.0f} kB"
            for name, weight in weights.items() for kind in BUDGET[name]
            if weight[kind] > BUDGET[name][kind]]


def report(site: Path) -> tuple[str, list[str]]:
    weights = {name: page_weight(site, url) for name, url in PAGE_TYPES.items()}
    columns = [*KINDS, "total"]
    lines = ["Page weight on a phone, kB (text gzip-compressed; images as a phone picks them)"
             " / budget",
             f"{'page type':<14}" + "".join(f"{c:>13}" for c in columns)]
    for name, weight in weights.items():
        lines.append(f"{name:<14}" + "".join(
            f"{weight[c] / KB:>7.1f} /{BUDGET[name][c] / KB:>4.0f}" for c in columns))
    problems = over_budget(weights)
    lines += [f"OVER BUDGET {p}" for p in problems] or ["every page type is within budget"]
    return "\n".join(lines), problems


def build_sample(root: Path) -> Path:
    for name in ("mkdocs.yml", "data", "docs", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(MKDOCS), "build", "--strict", "-q", "-d", str(root / "site")],
                   cwd=root, env=env, check=True)
    return root / "site"


def main(args: list[str]) -> int:
    if args:
        text, problems = report(Path(args[0]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            text, problems = report(build_sample(Path(folder)))
    print(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
