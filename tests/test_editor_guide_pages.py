"""The editor's guide (docs/redaktor/) matches the tool: the party table is the tool's, each
command is spelled the one way that works after `make site`, every example is in the
canonical form of `verksted fmt`, and no link in the guide leads nowhere."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import BIN, ENV, REPO, Built, copy_sample, run_build
from verksted_plugin.records import model
from verksted_plugin.records.parties import BUILT_IN_PARTIES

GUIDE = REPO / "docs/redaktor"
EXAMPLES = GUIDE / "eksempler"
PAGES = sorted(GUIDE.glob("*.md"))
FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
SNIPPET = re.compile(r'^--8<-- "(?P<file>[^":]+)(?::(?P<section>[^"]+))?"$')


def page_id(page: Path) -> str:
    return page.name


def blocks(page: Path, lang: str) -> list[str]:
    return [m["body"] for m in FENCE.finditer(page.read_text(encoding="utf-8"))
            if m["lang"] == lang]


# --- the party table -----------------------------------------------------------------------

def test_the_party_table_is_the_tools() -> None:
    text = (GUIDE / "partier.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(?P<code>[^`]+)` \| (?P<name>[^|]+?) \|$", text, re.MULTILINE)
    assert rows == [(party.code, party.nb) for party in BUILT_IN_PARTIES]


# --- one way to spell each command -----------------------------------------------------------

# What the guide may tell an editor to type: the tool in the folder `make site` makes, and
# the make targets that have no verksted command of their own.
MAKE_TARGETS = {"make site", "make preview", "make edit", "make serve"}
# The other spellings: `verksted` alone is not on the PATH after `make site`, and `make
# check`/`make fmt` would be a second name for a verksted command.
OTHER_SPELLING = re.compile(r"(?<![\w/.-])verksted (?:check|new|schema|frister|fmt|init)\b"
                            r"|\bmake (?:check|fmt)\b|\bvenv/bin/verksted\b(?<!\.venv/bin/verksted)")


def without_quoted_output(text: str) -> str:
    """The page without its ```text blocks: those quote the tool's own messages."""
    return FENCE.sub(lambda m: "" if m["lang"] == "text" else m[0], text)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_each_command_is_spelled_the_way_that_works_after_make_site(page: Path) -> None:
    text = without_quoted_output(page.read_text(encoding="utf-8"))
    assert not OTHER_SPELLING.findall(text)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for block in blocks(page, "sh"):
        for line in filter(None, (line.strip() for line in block.splitlines())):
            assert line.startswith(".venv/bin/verksted ") or line in MAKE_TARGETS, line
            if line in MAKE_TARGETS:
                assert re.search(rf"^{line.split()[1]}:", makefile, re.MULTILINE), line


def test_every_verksted_command_in_the_guide_runs_with_the_options_shown() -> None:
    used = {m[0] for page in PAGES
            for m in re.finditer(r"\.venv/bin/verksted [^`\n]+", page.read_text(encoding="utf-8"))}
    assert {command.split()[1] for command in used} == {"check", "new", "frister", "fmt"}
    for command in sorted(used):
        result = subprocess.run([str(BIN / "verksted"), *command.split()[1:], "--help"],
                                env=ENV, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (command, result.stderr)


# --- every example in canonical form ----------------------------------------------------------

def good_examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*")
                  if p.is_file() and p.relative_to(EXAMPLES).parts[0] != "feil")


# folder (or file) in data/, in the order a fragment's keys are looked up
KINDS: list[tuple[str, type[model.Record]]] = [
    ("workshops", model.Workshop), ("committees", model.Committee), ("methods", model.Method),
    ("plans", model.Plan), ("activities", model.Activity), ("parties.yml", model.PartyList),
    ("municipality.yml", model.Municipality)]


def record_file(root: Path, number: int, block: str) -> Path:
    """A yaml block of the guide as a record file where `verksted fmt` knows its kind."""
    keys = set(yaml.safe_load(block))
    for folder, record in KINDS:
        if keys <= set(record.model_fields):
            if folder.endswith(".yml"):
                path = root / f"{number}" / folder
            elif folder == "workshops":
                path, block = root / f"{number}" / folder / "blokk.md", f"---\n{block}---\n"
            else:
                path = root / f"{number}" / folder / "blokk.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block, encoding="utf-8")
            return path
    raise AssertionError(f"no record has the fields {sorted(keys)}:\n{block}")


def guide_yaml_blocks() -> list[tuple[str, str]]:
    """(page, block) for every yaml block written in the guide itself, not included."""
    found = []
    for page in PAGES:
        for block in blocks(page, "yaml"):
            snippet = SNIPPET.match(block.strip())
            if snippet is None:
                found.append((page.name, block))
            elif not snippet["file"].startswith("feil/"):
                assert (EXAMPLES / snippet["file"]) in good_examples(), block
    return found


def fmt_check(root: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), "fmt", "--check", *map(str, files)],
                          cwd=root, env=ENV, capture_output=True, text=True, timeout=120)


def test_every_example_file_is_in_the_form_verksted_fmt_writes(tmp_path: Path) -> None:
    files = []
    for example in good_examples():  # in the folders of data/, where fmt knows the kind
        target = tmp_path / example.relative_to(EXAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(example.read_bytes())
        files.append(target)
    assert len(files) >= 6
    result = fmt_check(tmp_path, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_yaml_block_of_the_guide_is_in_the_form_verksted_fmt_writes(
        tmp_path: Path) -> None:
    written = guide_yaml_blocks()
    assert len(written) >= 2
    files = [record_file(tmp_path, n, block) for n, (_, block) in enumerate(written)]
    result = fmt_check(tmp_path, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_canonical_check_sees_the_form_the_guide_once_showed(tmp_path: Path) -> None:
    """The test above would catch a folded `alt: >-` (issue 22): fmt rejects it."""
    folded = ("photos:\n  - src: bilder/verksted-1.jpg\n    alt: >-\n"
              "      Politikere sitter i grupper rundt bord med store papirark og skriver ned\n"
              "      innspill med tusj.\n")
    result = fmt_check(tmp_path, [record_file(tmp_path, 0, folded)])
    assert result.returncode == 1


# --- no dead link ------------------------------------------------------------------------------

def target_of(built: Built, page_url: str, href: str) -> tuple[Path, str]:
    """The built file a relative link leads to, and its #anchor."""
    parts = urlsplit(href)
    base = (built.out / page_url).resolve()
    path = (base / unquote(parts.path)).resolve() if parts.path else base / "index.html"
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_link_in_the_guide_leads_to_a_page_and_heading_that_exist(
        sample: Built, page: Path) -> None:
    url = "redaktor/" if page.stem == "index" else f"redaktor/{page.stem}/"
    article = sample.main(url)
    links = [a["href"] for a in article.select("a[href]")] + \
            [img["src"] for img in article.select("img[src]")]
    relative = [href for href in links if not urlsplit(href).scheme and href != "#"]
    if page.stem == "index":  # the list of tasks: one link per page of the guide
        assert {href.split("#")[0] for href in relative} >= {
            f"{other.stem}/" for other in PAGES if other.stem != "index"}
    for href in relative:
        path, anchor = target_of(sample, url, href)
        assert path.is_file() and path.is_relative_to(sample.out.resolve()), (page.name, href)
        if anchor and path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            assert re.search(rf'\bid="{re.escape(anchor)}"', html), (page.name, href)


def test_the_guides_reminder_is_what_check_says_and_never_stops_publishing(tmp_path: Path) -> None:
    """The overdue-deadline reminder, quoted in feilmeldinger.md, is what `check` prints for the
    guide's planned workshop five days before it, and neither `check --strict` nor the strict
    build stops on it."""
    guide = (REPO / "docs/redaktor/feilmeldinger.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Påminnelse: fristen er passert"):]
    quoted = re.search(r"```text\n(.+)\n```", section)
    assert quoted, "the reminder's message is quoted"
    root = copy_sample(tmp_path)
    example = "2027-02-09-sjette-politiske-verksted.md"
    (root / "data" / "workshops" / example).write_text(
        (REPO / "docs/redaktor/eksempler/workshops" / example).read_text(encoding="utf-8"), encoding="utf-8")
    env = {**ENV, "VERKSTED_NOW": "2027-02-04T12:00", "VERKSTED_LANG": "nb"}
    checked = subprocess.run([str(BIN / "verksted"), "check", "--strict"], cwd=root, env=env,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    line = f"påminnelse (stopper ikke publiseringen): data/workshops/{example}:"
    reminders = [row for row in checked.stderr.splitlines() if row.startswith(line)]
    assert len(reminders) == 1 and reminders[0].split(": ", 2)[2] == quoted.group(1), reminders
    assert run_build(root, env=env).result.returncode == 0
