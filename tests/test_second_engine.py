"""A second engine: ProperDocs (a maintained continuation of MkDocs 1.x, pinned in the test
extra) builds the sample `--strict` into the same files as MkDocs, byte for byte, but for
the differences named in ALLOWED (doc/engines.md).

ProperDocs is installed in the suite's own environment, beside MkDocs: only its own
command (`properdocs`) points the `mkdocs.*` imports at `properdocs.*`
(properdocs/replacement.py is imported by properdocs/__main__.py alone, and no .pth file
ships), and it registers its search plugin under `properdocs.plugins`, which MkDocs does
not read. So `mkdocs` behaves as before for the rest of the suite
(test_properdocs_leaves_mkdocs_alone), and our plugin and Material, which import from
`mkdocs.*`, run under ProperDocs unchanged.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from conftest import BIN, ENV, REPO, SiteFactory, copy_sample

EPOCH = "1767225600"  # 1 January 2026: both engines' builds see the same moment
PROPERDOCS = BIN / "properdocs"


@dataclass(frozen=True)
class Allowed:
    """One difference between the engines' files: where, what, and why it is fine."""

    name: str
    suffix: str  # the files it may occur in
    pattern: re.Pattern[bytes]  # the differing text; both sides' matches are blanked
    reason: str


ALLOWED = [
    Allowed("generator meta tag", ".html",
            re.compile(rb'(?<=<meta name="generator" content=")mkdocs-[^,"]*(?=, mkdocs-material-)'),
            'Material names the engine in every page\'s <meta name="generator">: "mkdocs-1.6.1" '
            'from MkDocs, "mkdocs-ProperDocs 1.6.7" from ProperDocs. Nothing a reader sees.'),
]


def engine_build(command: str, root: Path, out: str) -> Path:
    result = subprocess.run(
        [str(BIN / command), "build", "--strict", "-f", "mkdocs.yml", "-d", str(root / out)],
        cwd=root, env={**ENV, "SOURCE_DATE_EPOCH": EPOCH}, capture_output=True, text=True,
        timeout=300)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    assert "Traceback" not in result.stderr
    return root / out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_properdocs_is_installed_and_pinned() -> None:
    assert PROPERDOCS.is_file(), "properdocs is in the test extra: make test installs it"
    shown = subprocess.run([str(PROPERDOCS), "--version"], env=ENV, capture_output=True, text=True)
    assert "1.6.7" in shown.stdout, shown.stdout + shown.stderr
    assert "properdocs==1.6.7\n" in (REPO / "requirements.lock").read_text(encoding="utf-8")


def test_properdocs_leaves_mkdocs_alone() -> None:
    """Installed beside MkDocs, ProperDocs neither replaces the `mkdocs` package nor adds
    a plugin MkDocs would load: MkDocs' own search stays MkDocs' own."""
    probe = ("import mkdocs, properdocs, sys; from mkdocs.plugins import get_plugins; "
             "print(mkdocs.__file__); print(get_plugins()['search'].value); "
             "print(sys.modules['mkdocs'] is properdocs)")
    result = subprocess.run([str(BIN / "python"), "-c", probe], env=ENV, capture_output=True,
                            text=True, check=True)
    where, search, aliased = result.stdout.split()
    assert Path(where).parent.name == "mkdocs"
    assert search == "mkdocs.contrib.search:SearchPlugin"
    assert aliased == "False"


def test_properdocs_builds_the_sample_into_the_same_files(tmp_path: Path) -> None:
    (tmp_path / "sample").mkdir()
    root = copy_sample(tmp_path / "sample")
    if (REPO / "node_modules").is_dir():  # the editor's files (admin/), found alike by both
        (root / "node_modules").symlink_to(REPO / "node_modules")
    ours = files_of(engine_build("mkdocs", root, "site-mkdocs"))
    theirs = files_of(engine_build("properdocs", root, "site-properdocs"))

    assert sorted(ours) == sorted(theirs)
    assert {"index.html", "verksteder/index.html", "utvalg/kommuneplanutvalget/index.html",
            "plan/kommuneplanens-samfunnsdel/index.html", "feed.xml", "verksteder.ics",
            "search/search_index.json", "sitemap.xml"} <= set(ours)
    used: dict[str, int] = {}
    differing = []
    for path, content in ours.items():
        if content == theirs[path]:
            continue
        mine, other = content, theirs[path]
        for allowed in ALLOWED:
            if path.endswith(allowed.suffix):
                mine, count = allowed.pattern.subn(b"", mine)
                other = allowed.pattern.sub(b"", other)
                used[allowed.name] = used.get(allowed.name, 0) + count
        if mine != other:
            differing.append(path)
    assert differing == [], "differences no entry of ALLOWED names"
    # Every allowance is still needed (a pinned engine that stops differing drops its entry).
    assert sorted(used) == sorted(a.name for a in ALLOWED), used
    assert used["generator meta tag"] == sum(path.endswith(".html") for path in ours
                                              if not path.startswith("admin/"))


def test_properdocs_stops_on_a_data_error_in_the_sites_language(site: SiteFactory) -> None:
    """Validation that stops the build runs in ProperDocs' build too (the plugin's on_config)."""
    root = site.set("data/workshops/2020-02-11-forste.md",
                    "---\ntitle: Første verksted\ncommittee: planutvalget\nmethod: politisk-verksted\n"
                    "start: 15. januar 2030\n---\nTekst.\n").write()
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "-f", "mkdocs.yml"], cwd=root,
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 feil i dataene" in result.stderr, result.stderr
    assert "data/workshops/2020-02-11-forste.md:5: start: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr

