"""The portal against plain MkDocs + Material publishing the same pages.

Generates a synthetic portal (the sample's plan and method, 20 committees, N workshops with
a place, themes, inputs, decisions and a summary) and a plain site without verksted:

- `--plain twin` (the default): every page the portal publishes, written as Markdown from
  the portal's own built pages (bench/plain_twin.py), at the same addresses, in the same
  menu, with the same theme and settings; "article text" shows both say the same;
- `--plain twin-workshops`: the twin's workshop pages whole, its other pages cut to their
  title (the portal still builds its list pages);
- `--plain lean`: the sample's own pages and settings with short hand-written workshop
  pages (facts, summary, inputs, decisions; no programme, contact or neighbours) and
  committee pages with a title only, and none of the list pages (the comparison of the
  third and fourth rounds);
- `--plain bare`: only those lean pages, with bare settings (the issue's first comparison).

Each build runs in a fresh process
(bench/_timed_build.py) that times the phases with timing hooks wrapped around the functions
doing the work (exclusive time: a phase nested in another is not counted twice), and reports
its own peak memory (getrusage maxrss).

    make bench                                        # 1,000 and 5,000 workshops
    .venv/bin/python bench/portal_vs_plain.py 200     # quicker, while iterating
    .venv/bin/python bench/portal_vs_plain.py --repeat 3 1000
    .venv/bin/python bench/portal_vs_plain.py --plain lean --repeat 3 1000
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("_timed_build.py")
TWIN = Path(__file__).with_name("plain_twin.py")
DEFAULT_SIZES = (1000, 5000)
COMMITTEES = 20
THEMES = ["Visjon", "Satsingsområder", "Bærekraft", "Folkehelse", "Mobilitet", "Boliger",
          "Næringsliv", "Kultur", "Barn og unge", "Klima"]
PLACES = [("Lørenskog rådhus", "Kommunestyresalen", "Hasselveien 6, 1470 Lørenskog"),
          ("Lørenskog bibliotek", "Møterom 2", "Festplassen 1, 1473 Lørenskog"),
          ("Fjellhamar skole", "Aulaen", "Fjellhamarveien 40, 1472 Fjellhamar")]


def workshop(n: int) -> dict[str, object]:
    """The content of workshop n, shared by both sites."""
    committee = f"utvalg-{n % COMMITTEES:02d}"
    themes = [THEMES[n % len(THEMES)], THEMES[(n * 3 + 1) % len(THEMES)]]
    if themes[0] == themes[1]:
        themes = themes[:1]
    place = PLACES[n % len(PLACES)]
    day = f"{2021 + n // 600}-{1 + (n // 50) % 12:02d}-{1 + n % 28:02d}"
    inputs = [(themes[i % len(themes)], f"Innspill {i + 1} fra verksted {n}: gruppene ønsket "
               f"mer {themes[i % len(themes)].lower()} i sentrum og langs Langvannet.")
              for i in range(4)]
    return {
        "id": f"{day}-verksted-{n:05d}", "title": f"Verksted {n} om {themes[0].lower()}",
        "committee": committee, "number": n // COMMITTEES + 1, "day": day, "place": place,
        "themes": themes, "inputs": inputs,
        "decisions": [f"Utvalget ble enige om **forslag {n}-{k}** til videre arbeid."
                      for k in (1, 2)],
        "summary": (f"På verksted {n} drøftet utvalget {', '.join(t.lower() for t in themes)}. "
                    "Deltakerne arbeidet i tverrpolitiske grupper og skrev innspillene ned på "
                    "store ark.\n\nDiskusjonene var konstruktive, og mange innspill gikk igjen "
                    "på tvers av partiene."),
    }


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML strings


def portal_record(w: dict[str, object]) -> str:
    name, room, address = w["place"]  # type: ignore[misc]
    lines = ["---", f"title: {_quote(str(w['title']))}", f"committee: {w['committee']}",
             "method: politisk-verksted", f"number: {w['number']}",
             f'start: "{w["day"]} 18:00"', 'end: "21:00"', "status: held",
             "attendance: in-person", "location:", f"  name: {_quote(name)}",
             f"  room: {_quote(room)}", f"  address: {_quote(address)}",
             "participants:", "  politicians: 9", "  administration: 4", "  residents: 0",
             "themes:", *[f"  - {_quote(t)}" for t in w["themes"]],  # type: ignore[attr-defined]
             "inputs:"]
    for theme, text in w["inputs"]:  # type: ignore[attr-defined]
        lines += [f"  - theme: {_quote(theme)}", f"    text: {_quote(text)}"]
    lines += ["decisions:", *[f"  - {_quote(d)}" for d in w["decisions"]],  # type: ignore[attr-defined]
              "---", str(w["summary"]), ""]
    return "\n".join(lines)


def plain_page(w: dict[str, object]) -> str:
    """A short workshop page written by hand (`--plain lean` and `bare`)."""
    name, room, address = w["place"]  # type: ignore[misc]
    lines = [f"# {w['title']}", "",
             f"**Tid:** {w['day']}, kl. 18.00–21.00  ",
             f"**Sted:** {name}, {room}, {address}  ",
             f"**Utvalg:** [{w['committee']}](../utvalg/{w['committee']}.md)  ",
             "**Metode:** Politisk verksted  ",
             "**Deltakere:** 9 politikere, 4 fra administrasjonen", "",
             "**Tema:** " + ", ".join(w["themes"]), "",  # type: ignore[arg-type]
             "## Oppsummering", "", str(w["summary"]), "", "## Innspill", ""]
    lines += [f"- *{theme}:* {text}" for theme, text in w["inputs"]]  # type: ignore[attr-defined]
    lines += ["", "## Vedtak og videre arbeid", ""]
    lines += [f"- {d}" for d in w["decisions"]]  # type: ignore[attr-defined]
    return "\n".join(lines) + "\n"


def make_portal(root: Path, count: int) -> None:
    for name in ("mkdocs.yml", "data", "docs", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    committee = (REPO / "data" / "committees" / "kommuneplanutvalget.yml").read_text("utf-8")
    for c in range(COMMITTEES):
        text = committee.replace("name: Kommuneplanutvalget", f"name: Utvalg {c:02d}")
        (root / "data" / "committees" / f"utvalg-{c:02d}.yml").write_text(text, "utf-8")
    folder = root / "data" / "workshops"
    for n in range(count):
        w = workshop(n)
        (folder / f"{w['id']}.md").write_text(portal_record(w), "utf-8")


def make_plain(root: Path, count: int) -> None:
    """`--plain lean`: the sample's own pages (front page, Aktuelt, the editor's guide), its
    theme and Markdown settings, and short workshop and committee pages written by hand
    (less than the portal publishes: see bench/plain_twin.py for the same pages)."""
    make_bare_plain(root, count)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = [p for p in config["plugins"]
                         if not (isinstance(p, dict) and "verksted" in p) and p != "verksted"]
    config["theme"].pop("custom_dir", None)
    config["not_in_nav"] = str(config.get("not_in_nav", "")) + "/verksteder/\n"
    config["nav"] = (["index.md", {"Aktuelt": "aktuelt/index.md"},
                      {"Utvalg": ["utvalg/index.md", *(f"utvalg/utvalg-{c:02d}.md"
                                                       for c in range(COMMITTEES))]}])
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")


def make_bare_plain(root: Path, count: int) -> None:
    """The issue's first comparison: only the workshop and committee pages, bare settings."""
    docs = root / "docs"
    (docs / "verksteder").mkdir(parents=True)
    (docs / "utvalg").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Politiske verksteder\nsite_url: https://example.org/\n"
        "theme:\n  name: material\n  language: nb\n  font: false\n"
        "  features: [navigation.indexes, navigation.top, search.highlight]\n"
        "plugins:\n  - search:\n      lang: ['no']\n"
        "markdown_extensions: [toc, admonition, md_in_html, attr_list]\n"
        "nav:\n  - index.md\n  - Utvalg:\n    - utvalg/index.md\n"
        + "".join(f"    - utvalg/utvalg-{c:02d}.md\n" for c in range(COMMITTEES)) +
        "not_in_nav: |\n  /verksteder/\n", "utf-8")
    (docs / "index.md").write_text("# Politiske verksteder\n\nAlle verkstedene.\n", "utf-8")
    (docs / "utvalg" / "index.md").write_text(
        "# Utvalg\n\n" + "".join(f"- [Utvalg {c:02d}](utvalg-{c:02d}.md)\n"
                                 for c in range(COMMITTEES)), "utf-8")
    for c in range(COMMITTEES):
        (docs / "utvalg" / f"utvalg-{c:02d}.md").write_text(f"# Utvalg {c:02d}\n", "utf-8")
    for n in range(count):
        w = workshop(n)
        (docs / "verksteder" / f"{w['id']}.md").write_text(plain_page(w), "utf-8")


def build(root: Path, plain: bool = False) -> dict[str, object]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1893456000"}
    started = time.perf_counter()
    out = subprocess.run([sys.executable, str(DRIVER), str(root), *(["--plain"] if plain else [])],
                         cwd=root, env=env,
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


_ARTICLE = re.compile(r"<article\b.*</article>", re.S)
_TAG = re.compile(r"<[^>]*>")


def article_html(page_html: str) -> str | None:
    """A built page's `<article>`: what the page says, without Material's frame."""
    found = _ARTICLE.search(page_html)
    return found.group(0) if found else None


def article_text(page: Path) -> int:
    """Characters of visible text in a page's article: what a reader gets, however written."""
    article = article_html(page.read_text("utf-8")) or ""
    return len(" ".join(html.unescape(_TAG.sub(" ", article)).split()))


def sizes(site: Path, count: int) -> dict[str, float]:
    pages = [p / "index.html" for p in (site / "verksteder").iterdir()
             if p.is_dir() and (p / "index.html").is_file()]
    pages = [p for p in pages if p.parent.name != "index"][:count]
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    ours = [d for d in index["docs"] if d["location"].startswith("verksteder/")
            and d["location"] != "verksteder/"]
    per_workshop = sum(len(json.dumps(d, ensure_ascii=False).encode()) for d in ours) / count
    return {"page_kb": sum(p.stat().st_size for p in pages) / len(pages) / 1024,
            "text_kb": sum(article_text(page) for page in site.rglob("*.html")) / 1024,
            "index_kb_per_workshop": per_workshop / 1024,
            "index_total_kb": (site / "search" / "search_index.json").stat().st_size / 1024,
            "index_kb_total_per_workshop":
                (site / "search" / "search_index.json").stat().st_size / 1024 / count}


def prepare(folder: Path, count: int, plain: str) -> dict[str, Path]:
    """The portal of `count` workshops and its plain site, in their own folders. A first
    portal build is not timed: it fills the photo cache, and the twin is written from it."""
    roots = {kind: folder / f"{kind}-{count}" for kind in ("portal", "plain")}
    for root in roots.values():
        root.mkdir()
    make_portal(roots["portal"], count)
    build(roots["portal"])
    if plain.startswith("twin"):
        subprocess.run([sys.executable, str(TWIN), str(roots["portal"]), str(roots["plain"]),
                        *(["--workshops-only"] if plain == "twin-workshops" else [])],
                       check=True, capture_output=True, text=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    else:
        (make_bare_plain if plain == "bare" else make_plain)(roots["plain"], count)
    return roots


Runs = dict[int, dict[str, list[dict[str, object]]]]


def run(counts: list[int], repeat: int, plain: str = "twin"
        ) -> tuple[dict[int, dict[str, dict[str, object]]], Runs]:
    """Every build alternates with the others (1,000 portal, plain, 5,000 portal, plain,
    1,000 portal, ...), so a busy spell on a shared machine falls on all of them; the
    fastest build of each counts. Also returns every build, in the order they ran."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        roots = {count: prepare(Path(folder), count, plain) for count in counts}
        runs: Runs = {count: {kind: [] for kind in roots[count]} for count in counts}
        for _ in range(repeat):
            for count in counts:
                for kind, root in roots[count].items():
                    runs[count][kind].append(build(root, plain=kind == "plain"))
        results: dict[int, dict[str, dict[str, object]]] = {}
        for count in counts:
            results[count] = {}
            for kind, root in roots[count].items():
                best = dict(min(runs[count][kind], key=lambda r: r["wall"]))  # type: ignore[arg-type, return-value]
                best.update(sizes(root / "site", count))
                results[count][kind] = best
    return results, runs


def report(count: int, results: dict[str, dict[str, object]]) -> None:
    portal, plain = results["portal"], results["plain"]
    print(f"\n== {count} workshops ==")
    print(f"{'':26}{'portal':>10}{'plain':>10}")
    for label, key, fmt in (("build (s, wall)", "wall", "{:.2f}"),
                            ("build (s, CPU)", "cpu", "{:.2f}"),
                            ("peak memory (MB)", "maxrss_mb", "{:.0f}"),
                            ("workshop page (KB)", "page_kb", "{:.1f}"),
                            ("index per workshop (KB)", "index_kb_per_workshop", "{:.2f}"),
                            ("whole index / workshops (KB)", "index_kb_total_per_workshop",
                             "{:.2f}"),
                            ("search index total (KB)", "index_total_kb", "{:.0f}"),
                            ("article text, all pages (KB)", "text_kb", "{:.0f}")):
        print(f"{label:28}{fmt.format(portal[key]):>10}{fmt.format(plain[key]):>10}")
    # CPU time is steadier than wall time on a shared machine; both are shown.
    print(f"ratio portal/plain: {portal['wall'] / plain['wall']:.2f}× wall, "  # type: ignore[operator]
          f"{portal['cpu'] / plain['cpu']:.2f}× CPU")  # type: ignore[operator]
    print("phases (CPU s, exclusive, timing hooks):")
    names = sorted(set(portal["phases"]) | set(plain["phases"]))  # type: ignore[arg-type]
    for name in names:
        a = portal["phases"].get(name, 0.0)  # type: ignore[attr-defined]
        b = plain["phases"].get(name, 0.0)  # type: ignore[attr-defined]
        print(f"  {name:31}{a:>7.2f}{b:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1, help="builds per site; the fastest counts")
    parser.add_argument("--plain", choices=("twin", "twin-workshops", "lean", "bare"),
                        default="twin",
                        help="twin: every page the portal publishes, written as Markdown "
                             "(bench/plain_twin.py); twin-workshops: the twin's workshop pages, "
                             "its other pages cut to their title; lean: the sample's own pages with lean "
                             "hand-written workshop and committee pages (the third and fourth "
                             "rounds' comparison); bare: only those lean pages, bare settings "
                             "(the issue's first comparison)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; python "
          f"{sys.version.split()[0]}")
    results, runs = run(args.sizes, args.repeat, args.plain)
    for count in args.sizes:
        report(count, results[count])
    if len(args.sizes) > 1:
        low, high = min(args.sizes), max(args.sizes)
        best = {count: results[count]["portal"] for count in (low, high)}
        print(f"\nportal t{high}/t{low}: {best[high]['wall'] / best[low]['wall']:.2f} wall, "  # type: ignore[operator]
              f"{best[high]['cpu'] / best[low]['cpu']:.2f} CPU (fastest of each; linear: "  # type: ignore[operator]
              f"{high / low:.1f})")
        # Builds next to each other in time meet the same machine: one ratio per round.
        rounds = [f"{big['cpu'] / small['cpu']:.2f}"  # type: ignore[operator]
                  for small, big in zip(runs[low]["portal"], runs[high]["portal"], strict=True)]
        print(f"portal t{high}/t{low}, CPU, round by round: {', '.join(rounds)}")


if __name__ == "__main__":
    main()
