"""The editor's guide (docs/redaktor/): every example is a real file that behaves as the
guide says, and a person following it can add a workshop and see it in the preview."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest

from conftest import BIN, ENV, REPO, Built, SiteFactory, copy_sample, run_build
from verksted_plugin.records import model
from verksted_plugin.records.load import load_dataset

GUIDE = REPO / "docs/redaktor"
EXAMPLES = GUIDE / "eksempler"
HELPERS = {"feil/plans/kladdeplan.yml": "feil/committees/utkast-plan.yml"}  # helper → example
# example → (a sample photo in docs/bilder/, the name the example gives it)
PHOTOS = {"feil/workshops/bildenavn.md": ("verksted-1.jpg", "IMG_2043.JPG")}

# "## title", the message in a text block, then the example file included by a snippet
DOCUMENTED = re.compile(r'^## .+\n\n```text\n(?P<message>.+)\n```\n\n.*\n\n```yaml\n'
                        r'--8<-- "(?P<file>feil/[^"]+)"\n```', re.MULTILINE)


def documented_errors() -> list[tuple[str, str]]:
    text = (GUIDE / "feilmeldinger.md").read_text(encoding="utf-8")
    return [(m["file"], m["message"]) for m in DOCUMENTED.finditer(text)]


def check_json(root: Path) -> dict[str, object]:
    result = subprocess.run([str(BIN / "verksted"), "check", "--format", "json"], cwd=root,
                            env=ENV, capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)


def test_every_error_example_is_documented() -> None:
    files = {p.relative_to(EXAMPLES).as_posix() for p in (EXAMPLES / "feil").rglob("*")
             if p.is_file()}
    documented = {file for file, _ in documented_errors()}
    assert len(documented) >= 30
    assert files == documented | set(HELPERS)


@pytest.mark.parametrize("example, message", documented_errors())
def test_each_error_example_gives_the_message_the_guide_shows(
        tmp_path: Path, example: str, message: str) -> None:
    root = copy_sample(tmp_path)
    relative = example.removeprefix("feil/")
    shutil.copy(EXAMPLES / example, root / "data" / relative)
    for helper, needed_by in HELPERS.items():
        if needed_by == example:
            shutil.copy(EXAMPLES / helper, root / "data" / helper.removeprefix("feil/"))
    if example in PHOTOS:
        photo, named = PHOTOS[example]
        shutil.copy(root / "docs/bilder" / photo, root / "docs/bilder" / named)
    report = check_json(root)
    problems = report["problems"]
    assert isinstance(problems, list) and problems
    shown = [f"{p['field']}: {p['message']}" if p["field"] else p["message"] for p in problems]
    assert any(line.startswith(message) for line in shown), shown
    assert {p["file"] for p in problems} == {f"data/{relative}"}  # one mistake, one file


def good_examples() -> list[Path]:
    """Every example file but the deliberate mistakes in feil/ (parties.yml at the top)."""
    return sorted(p for p in EXAMPLES.rglob("*")
                  if p.is_file() and p.relative_to(EXAMPLES).parts[0] != "feil")


def test_the_good_examples_are_valid_and_publish(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    for example in good_examples():
        shutil.copy(example, root / "data" / example.relative_to(EXAMPLES))
    # the local list of parties.yml is a code a member may have (partier.md)
    committee = root / "data/committees/kommuneplanutvalget.yml"
    text = committee.read_text(encoding="utf-8")
    committee.write_text(text.replace("    party: Ap\n", "    party: BL\n"), encoding="utf-8")
    report = check_json(root)
    assert report["errors"] == 0 and report["warnings"] == 0, report
    built = run_build(root)
    fourth = built.main("verksteder/2020-09-15-fjerde-politiske-verksted/").get_text()
    assert "Grønn mobilitet og trygge skoleveier." in fourth
    fifth = built.main("verksteder/2020-10-20-femte-politiske-verksted/").get_text()
    assert "Verkstedet flyttes til digitalt." in fifth
    # flyttet-digitalt.md: with attendance: online the location stays in the file, hidden
    assert "Kommunestyresalen" not in fifth and "lorenskog.kommune.no" in str(
        built.main("verksteder/2020-10-20-femte-politiske-verksted/"))
    members = built.main("utvalg/kommuneplanutvalget/").get_text()
    assert "Ola Nordmann" in members and "Bygdelista (BL)" in members
    photo = built.main("verksteder/2020-09-15-fjerde-politiske-verksted/").select_one("figure img")
    assert photo is not None and photo["alt"].startswith("Politikere sitter i grupper")
    # planlagt-verksted.md: the method's programme with the deadlines as dates, the themes
    sixth = built.main("verksteder/2027-02-09-sjette-politiske-verksted/")
    assert "Sendes ut senest 26. desember 2026 (45 dager før verkstedet)" in sixth.get_text()
    assert "Sendes ut senest 2. februar 2027 (7 dager før verkstedet)" in sixth.get_text()
    assert {"tema/gronn-mobilitet/", "tema/trygge-skoleveier/"} <= {
        a["href"].lstrip("./") for a in sixth.select("a[href*='tema/']")}
    assert "Sjette politiske verksted" in built.main("tema/gronn-mobilitet/").get_text()
    # an own programme (agenda:) replaces the method's, and its lead time gives the date
    seventh = built.main("verksteder/2027-03-16-sjuende-politiske-verksted/").get_text()
    assert "Gruppearbeid om sentrumsplanen" in seventh and "Case innen stedsutvikling" not in seventh
    assert "Sendes ut senest 9. mars 2027 (7 dager før verkstedet)" in seventh


def guide_commands(page: str) -> list[str]:
    text = (GUIDE / page).read_text(encoding="utf-8")
    return [line for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
            for line in block.splitlines() if line.strip()]


def test_following_the_guide_adds_a_workshop_and_shows_it_in_the_preview(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    commands = guide_commands("nytt-verksted.md")
    assert commands == [".venv/bin/verksted new workshop 2020-09-15-fjerde-politiske-verksted",
                        "make preview", ".venv/bin/verksted check"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^preview:.*\n\tVERKSTED_PREVIEW_DRAFTS=1 \$\(BIN\)/mkdocs serve",
                     makefile, re.MULTILINE)
    assert re.search(r"^BIN +:= \$\(VENV\)/bin$", makefile, re.MULTILINE)  # .venv/bin/verksted

    # 1. make the file, exactly as the guide says
    new = subprocess.run([str(BIN / "verksted"), *commands[0].split()[1:]], cwd=root, env=ENV,
                         capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stderr
    # 2. the preview (what `make preview` runs) shows it at the address the guide gives
    url = re.search(r"http://127\.0\.0\.1:8000/(verksteder/[^>]+)>",
                    (GUIDE / "nytt-verksted.md").read_text(encoding="utf-8"))
    assert url is not None
    preview = run_build(root, env={**ENV, "VERKSTED_PREVIEW_DRAFTS": "1"})
    page = preview.main(url.group(1))
    assert page.select_one(".verksted-draft") is not None
    assert "Fjerde politiske verksted" in page.get_text()
    # 3. fill it in (the guide's finished example) and 4. publish: the check passes
    shutil.copy(EXAMPLES / "workshops/2020-09-15-fjerde-politiske-verksted.md",
                root / "data/workshops/2020-09-15-fjerde-politiske-verksted.md")
    assert check_json(root)["errors"] == 0
    published = run_build(root).main(url.group(1))
    assert published.select_one(".verksted-draft") is None
    assert "samlet kommunestyret og utvalgene" in published.get_text()


def test_the_guide_is_published_but_not_in_the_citizens_menu(sample: Built) -> None:
    home = sample.html("")
    assert not [a for a in home.select("nav a") if "redaktor" in a.get("href", "")]
    guide = sample.main("redaktor/")
    assert guide.h1.get_text(strip=True).startswith("Redaktørveiledning")
    assert not (sample.out / "redaktor/eksempler").exists()
    # the examples are shown inside the guide, from the real files
    members = sample.main("redaktor/endre-medlem/").get_text()
    assert "Ola Nordmann" in members and "--8<--" not in members


@pytest.mark.parametrize("hidden", [True, False])
def test_not_in_nav_decides_whether_the_guide_is_in_the_menu(site: SiteFactory,
                                                             hidden: bool) -> None:
    site.set("docs/redaktor/index.md", "# Redaktørveiledning\n\nHei.\n")
    if hidden:
        site.mkdocs["not_in_nav"] = "/redaktor/\n"
    built = site.build()
    links = [a.get("href", "") for a in built.html("").select("nav a")]
    assert any("redaktor" in href for href in links) is not hidden
    assert (built.out / "redaktor/index.html").is_file()


def test_following_the_guide_adds_a_planned_workshop_with_its_deadlines(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    page = (GUIDE / "planlagt-verksted.md").read_text(encoding="utf-8")
    commands = guide_commands("planlagt-verksted.md")
    workshop = "2027-02-09-sjette-politiske-verksted"
    assert commands == [f".venv/bin/verksted new workshop {workshop}",
                        ".venv/bin/verksted frister", "make preview",
                        ".venv/bin/verksted check"]

    # 1. make the file: a draft with the date of its id
    new = subprocess.run([str(BIN / "verksted"), *commands[0].split()[1:]], cwd=root, env=ENV,
                         capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stderr
    made = (root / f"data/workshops/{workshop}.md").read_text(encoding="utf-8")
    assert "\ndraft: true\n" in made and '\nstart: "2027-02-09"\n' in made
    # 2.–4. fill it in: the guide's example; 5. `frister` prints what the guide shows
    shutil.copy(EXAMPLES / f"workshops/{workshop}.md", root / f"data/workshops/{workshop}.md")
    shown = re.search(r"Svaret ser slik ut:\n\n```text\n(.*?)```", page, re.DOTALL)
    assert shown is not None
    frister = subprocess.run([str(BIN / "verksted"), "frister"], cwd=root, env=ENV,
                             capture_output=True, text=True, timeout=120)
    assert frister.returncode == 0, frister.stderr
    printed = frister.stdout.splitlines()
    assert [line for line in printed if workshop in line] == shown.group(1).splitlines()
    # the dates the guide works out by hand are the ones the page shows
    worked_out = re.findall(r"^- .+, altså (\d+\. \w+ \d{4})\.$", page, re.MULTILINE)
    assert worked_out == ["26. desember 2026", "2. februar 2027"]
    assert all(day in frister.stdout for day in worked_out)
    # 6. the preview shows the draft at the address the guide gives; published after check
    url = re.search(r"http://127\.0\.0\.1:8000/(verksteder/[^>]+)>", page)
    assert url is not None and workshop in url.group(1)
    draft = (root / f"data/workshops/{workshop}.md").read_text(encoding="utf-8")
    (root / f"data/workshops/{workshop}.md").write_text(
        draft.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    preview = run_build(root, env={**ENV, "VERKSTED_PREVIEW_DRAFTS": "1"}).main(url.group(1))
    assert preview.select_one(".verksted-draft") is not None
    shutil.copy(EXAMPLES / f"workshops/{workshop}.md", root / f"data/workshops/{workshop}.md")
    report = check_json(root)
    assert report["errors"] == 0 and report["warnings"] == 0, report
    published = run_build(root).main(url.group(1))
    assert published.select_one(".verksted-draft") is None
    assert "Sendes ut senest 26. desember 2026" in published.get_text()


def test_following_the_guide_adds_participation_and_links_it_from_a_workshop(
        tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    page = (GUIDE / "medvirkning.md").read_text(encoding="utf-8")
    activity = "sentrumsundersokelsen"
    assert guide_commands("medvirkning.md") == [f".venv/bin/verksted new activity {activity}",
                                                "make preview", ".venv/bin/verksted check"]
    # 1. make the file: a draft of the only plan
    new = subprocess.run([str(BIN / "verksted"), "new", "activity", activity], cwd=root,
                         env=ENV, capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stderr
    made = (root / f"data/activities/{activity}.yml").read_text(encoding="utf-8")
    assert "\ndraft: true\n" in made and "\nplan: kommuneplanens-samfunnsdel\n" in made
    # the kinds the guide's table names are the model's, in its order
    kinds = re.findall(r"^\| `(\w+)` \| ", page, re.MULTILINE)
    assert tuple(kinds) == typing.get_args(model.ActivityKind)
    # 2.–4. the guide's survey, meeting and consultation; 6. the workshop building on them
    for example in sorted((EXAMPLES / "activities").glob("*.yml")):
        shutil.copy(example, root / "data/activities" / example.name)
    workshop = "2027-03-16-sjuende-politiske-verksted.md"
    shutil.copy(EXAMPLES / "workshops" / workshop, root / "data/workshops" / workshop)
    report = check_json(root)
    assert report["errors"] == 0 and report["warnings"] == 0, report
    # 4. a consultation without its deadline gives the message the guide quotes
    quoted = re.search(r"Mangler fristen, sier sjekken:\n\n```text\n(.+)\n```", page)
    assert quoted is not None
    consultation = root / "data/activities/horing-av-sentrumsplanen.yml"
    consultation.write_text(consultation.read_text(encoding="utf-8").replace(
        'end: "2027-08-15"\n', ""), encoding="utf-8")
    [problem] = check_json(root)["problems"]
    assert f"{problem['field']}: {problem['message']}" == quoted.group(1)
    shutil.copy(EXAMPLES / "activities" / consultation.name, consultation)
    # 5. after it: result and participants as the guide writes them
    after = re.search(r"^## 5\..*?```yaml\n(.*?)```", page, re.MULTILINE | re.DOTALL)
    assert after is not None
    survey = root / "data/activities" / f"{activity}.yml"
    survey.write_text(survey.read_text(encoding="utf-8") + after.group(1), encoding="utf-8")
    report = check_json(root)
    assert report["errors"] == 0 and report["warnings"] == 0, report
    dataset = load_dataset(root / "data", root / "docs")
    assert dataset.activities[activity].record.participants == 412
    assert dataset.workshops[workshop.removesuffix(".md")].record.knowledge_from == [
        activity, "folkemote-om-sentrum"]
    # 7. the preview shows the draft at the address the guide gives; published after check
    url = re.search(r"http://127\.0\.0\.1:8000/(medvirkning/[^>]+)>", page)
    assert url is not None and activity in url.group(1)
    survey.write_text(survey.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")
    preview = run_build(root, env={**ENV, "VERKSTED_PREVIEW_DRAFTS": "1"}).main(url.group(1))
    assert preview.select_one(".verksted-draft") is not None
    assert "Hva vil du med sentrum?" in preview.get_text()
