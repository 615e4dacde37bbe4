"""The portal against plain MkDocs + Material on the same workshop content.

Generates a synthetic portal (the sample's plan and method, 20 committees, N workshops with
a place, themes, inputs, decisions and a summary) and the equivalent hand-written site: the
same workshop content as Markdown pages in docs/, out of the navigation, built by plain
MkDocs with Material and its search plugin. The plain site also holds the sample's own
pages and settings (front page, Aktuelt, the editor's guide), which the portal builds as
well; `--bare-plain` leaves them out (the comparison the issue first made). Each build runs in a fresh process
(bench/_timed_build.py) that times the phases with timing hooks wrapped around the functions
doing the work (exclusive time: a phase nested in another is not counted twice), and reports
its own peak memory (getrusage maxrss).

    make bench                                        # 1,000 and 5,000 workshops
    .venv/bin/python bench/portal_vs_plain.py 200     # quicker, while iterating
    .venv/bin/python bench/portal_vs_plain.py --repeat 3 1000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("_timed_build.py")
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
    """The same workshop written by hand as a Markdown page."""
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
    """The same site without verksted: the sample's own pages (front page, Aktuelt, the
    editor's guide), its theme and Markdown settings, and the portal's workshop and
    committee pages written by hand. Only the plugin's work differs between the two."""
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


def sizes(site: Path, count: int) -> dict[str, float]:
    pages = [p / "index.html" for p in (site / "verksteder").iterdir()
             if p.is_dir() and (p / "index.html").is_file()]
    pages = [p for p in pages if p.parent.name != "index"][:count]
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    ours = [d for d in index["docs"] if d["location"].startswith("verksteder/")
            and d["location"] != "verksteder/"]
    per_workshop = sum(len(json.dumps(d, ensure_ascii=False).encode()) for d in ours) / count
    return {"page_kb": sum(p.stat().st_size for p in pages) / len(pages) / 1024,
            "index_kb_per_workshop": per_workshop / 1024,
            "index_total_kb": (site / "search" / "search_index.json").stat().st_size / 1024,
            "index_kb_total_per_workshop":
                (site / "search" / "search_index.json").stat().st_size / 1024 / count}


def run(count: int, repeat: int, bare: bool = False) -> dict[str, dict[str, object]]:
    """Both sites' builds alternate (portal, plain, portal, plain, ...), so a busy spell on
    a shared machine falls on both; the fastest build of each counts."""
    makers = {"portal": make_portal, "plain": make_bare_plain if bare else make_plain}
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        roots = {kind: Path(folder) / kind for kind in makers}
        for kind, make in makers.items():
            roots[kind].mkdir()
            make(roots[kind], count)
        runs: dict[str, list[dict[str, object]]] = {kind: [] for kind in makers}
        for _ in range(repeat):
            for kind in makers:
                runs[kind].append(build(roots[kind], plain=kind == "plain"))
        results: dict[str, dict[str, object]] = {}
        for kind in makers:
            best = min(runs[kind], key=lambda r: r["wall"])  # type: ignore[arg-type, return-value]
            best.update(sizes(roots[kind] / "site", count))
            results[kind] = best
    return results


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
                            ("search index total (KB)", "index_total_kb", "{:.0f}")):
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
    parser.add_argument("--bare-plain", action="store_true",
                        help="plain site with only the workshop and committee pages (without "
                             "the sample's own pages and settings the portal also builds)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; python "
          f"{sys.version.split()[0]}")
    walls: dict[int, float] = {}
    cpus: dict[int, float] = {}
    for count in args.sizes:
        results = run(count, args.repeat, args.bare_plain)
        report(count, results)
        walls[count] = results["portal"]["wall"]  # type: ignore[assignment]
        cpus[count] = results["portal"]["cpu"]  # type: ignore[assignment]
    if len(walls) > 1:
        low, high = min(walls), max(walls)
        print(f"\nportal t{high}/t{low}: {walls[high] / walls[low]:.2f} wall, "
              f"{cpus[high] / cpus[low]:.2f} CPU (linear: {high / low:.1f})")


if __name__ == "__main__":
    main()
