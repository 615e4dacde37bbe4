"""A YAML mistake is reported at the line the editor must change, with what to write there
(issue 22, point 3): the sample portal with one everyday slip each, checked by
`verksted check --format json` as an editor runs it. PyYAML notices most slips a line or
more later (a missing colon at the next field, a list item at the next comment); the
messages below name the line of the slip itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ENV, copy_sample, edit
from conftest import check_problems as check

COMMITTEE = "data/committees/kommuneplanutvalget.yml"
HELD = "data/workshops/2020-02-11-forste-politiske-verksted.md"
PLANNED = "data/workshops/2029-02-13-verksted-om-revisjon-av-samfunnsdelen.md"
PLAN = "data/plans/kommuneplanens-samfunnsdel.yml"
MUNICIPALITY = "data/municipality.yml"



def only(root: Path, language: str = "nb") -> tuple[str, int, str, str]:
    """The one problem `check` finds: (file, line, field, message)."""
    code, problems = check(root, language)
    assert code == 1, problems
    [problem] = problems
    assert problem["severity"] == "error"
    return (str(problem["file"]), int(problem["line"]),  # type: ignore[call-overload]
            str(problem["field"]), str(problem["message"]))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


# --- a missing colon: the line of the field name, and the line to write ---------------------

def test_missing_colon_before_a_block_of_text_is_at_its_own_line(root: Path) -> None:
    """Was line 13 (the next field), "en linje uten ':' …"."""
    edit(root, COMMITTEE, "composition: |\n", "composition |\n")
    assert only(root) == (COMMITTEE, 11, "", "YAML-feil: det mangler et kolon etter "
                          "feltnavnet «composition»; skriv «composition: |»")


def test_missing_colon_before_a_list_is_at_its_own_line(root: Path) -> None:
    """Was line 36 (the first photo), "en linje uten ':' …"."""
    edit(root, COMMITTEE, "\nphotos:\n", "\nphotos\n")
    assert only(root) == (COMMITTEE, 35, "", "YAML-feil: det mangler et kolon etter "
                          "feltnavnet «photos»; skriv «photos:»")


def test_missing_colon_before_a_comment_names_the_field(root: Path) -> None:
    """Was line 3 and "teksten kan ikke leses som felt her (sjekk innrykk og anførselstegn)"."""
    edit(root, PLANNED, "title: Politisk verksted", "title Politisk verksted")
    assert only(root) == (PLANNED, 2, "", "YAML-feil: det mangler et kolon etter feltnavnet "
                          "«title»; skriv «title: Politisk verksted om revisjon av …»")


def test_missing_colon_in_a_list_item_and_in_a_group(root: Path) -> None:
    """Was "et ':' der YAML ikke venter et; sett tekst … i anførselstegn" at the next line,
    and "innrykket passer ikke med linjene over" at the next line."""
    edit(root, COMMITTEE, "  - name: Nancy Gogstad", "  - name Nancy Gogstad")
    assert only(root) == (COMMITTEE, 18, "", "YAML-feil: det mangler et kolon etter "
                          "feltnavnet «name»; skriv «name: Nancy Gogstad»")
    edit(root, COMMITTEE, "  - name Nancy Gogstad", "  - name: Nancy Gogstad")
    edit(root, HELD, "  name: Lørenskog rådhus", "  name Lørenskog rådhus")
    assert only(root) == (HELD, 11, "", "YAML-feil: det mangler et kolon etter "
                           "feltnavnet «name»; skriv «name: Lørenskog rådhus»")


def test_missing_colon_in_nynorsk_and_english(root: Path) -> None:
    edit(root, COMMITTEE, "\nphotos:\n", "\nphotos\n")
    assert only(root, "nn")[1:] == (35, "", "YAML-feil: det manglar eit kolon etter "
                                    "feltnamnet «photos»; skriv «photos:»")
    assert only(root, "en")[1:] == (35, "", 'YAML syntax error: a colon is missing after the '
                                    'field name "photos"; write "photos:"')


# --- indentation: how many spaces, and how many the neighbours have ------------------------

def test_a_field_indented_further_than_its_neighbours(root: Path) -> None:
    """Was "sett tekst som inneholder ': ' i anførselstegn"."""
    edit(root, HELD, "  address: Hasselveien", "    address: Hasselveien")
    assert only(root) == (HELD, 12, "", "YAML-feil: feil innrykk: linjen har 4 mellomrom "
                          "foran, men linjene rundt i samme gruppe har 2; gi den like mange "
                          "mellomrom som dem")
    assert only(root, "en")[3] == (
        "YAML syntax error: wrong indentation: this line is indented by 4 spaces, the lines "
        "around it in the same group by 2; indent it as far as them")


def test_the_first_field_of_a_group_indented_unlike_the_rest(root: Path) -> None:
    """PyYAML notices it at the second field (line 12): the first one (line 11) is wrong."""
    edit(root, HELD, "  name: Lørenskog rådhus", "    name: Lørenskog rådhus")
    assert only(root)[:2] == (HELD, 11)
    assert "linjen har 4 mellomrom foran, men linjene rundt i samme gruppe har 2" \
        in only(root)[3]


def test_a_field_indented_less_than_its_neighbours(root: Path) -> None:
    edit(root, COMMITTEE, "    role: nestleder", "   role: nestleder")
    assert only(root)[:2] == (COMMITTEE, 20)
    assert "linjen har 3 mellomrom foran, men linjene rundt i samme gruppe har 4" \
        in only(root)[3]


def test_a_field_indented_at_the_top_level(root: Path) -> None:
    edit(root, MUNICIPALITY, "\nlanguage: nb", "\n  language: nb")
    file, line, _, message = only(root)
    assert (file, line) == (MUNICIPALITY, 3)
    assert message == ("YAML-feil: feil innrykk: linjen har 2 mellomrom foran, men linjene "
                       "rundt i samme gruppe begynner helt til venstre; fjern mellomrommene "
                       "foran")


def test_a_list_item_out_of_line(root: Path) -> None:
    edit(root, COMMITTEE, "  - name: Linda Kolstad", "   - name: Linda Kolstad")
    assert only(root)[:2] == (COMMITTEE, 24)
    assert "linjen har 3 mellomrom foran, men linjene rundt i samme gruppe har 2" \
        in only(root)[3]


# --- a list item without a space after '-' -------------------------------------------------

def test_list_item_without_a_space_before_a_comment_is_at_its_own_line(root: Path) -> None:
    """Was reported at the comment two lines below."""
    edit(root, HELD, "  - Satsingsområder\ndocuments:",
         "  -Naturmangfold\n\n# Saksdokumentene\ndocuments:")
    assert only(root) == (HELD, 22, "", "YAML-feil: et element i en liste trenger et "
                          "mellomrom etter '-'; skriv «- Naturmangfold»")
    assert only(root, "nn")[3] == ("YAML-feil: eit element i ei liste treng eit mellomrom "
                                   "etter '-'; skriv «- Naturmangfold»")


def test_list_item_of_fields_without_a_space(root: Path) -> None:
    edit(root, COMMITTEE, "  - name: Knut Berg", "  -name: Knut Berg")
    assert only(root) == (COMMITTEE, 15, "", "YAML-feil: et element i en liste trenger et "
                          "mellomrom etter '-'; skriv «- name: Knut Berg»")


def test_a_first_item_without_a_space_makes_the_list_one_text(root: Path) -> None:
    """`themes:` over `  -Visjon` is valid YAML: one text, "-Visjon - Satsingsområder"."""
    edit(root, HELD, "  - Visjon\n  - Satsingsområder", "  -Visjon\n  - Satsingsområder")
    assert only(root) == (HELD, 20, "themes", "verdien må være en liste, men elementene "
                          "mangler mellomrom etter '-'; skriv «- Visjon», én linje per element")


# --- dates read back as written ----------------------------------------------------------

def test_a_date_without_leading_zeros_is_read_back(root: Path) -> None:
    """Was "…:1: end er bare et klokkeslett …": 2027-4-20 was taken as a day."""
    edit(root, PLANNED, 'start: "2029-02-13 18:00"', "start: 2027-4-20")
    edit(root, PLANNED, 'end: "2029-02-13 21:00"', 'end: "21:00"')
    assert only(root) == (PLANNED, 5, "start", "«2027-4-20» er ikke en dato i riktig form; "
                          "skriv 2027-04-20 (år-måned-dag)")
    assert only(root, "en")[3] == ('"2027-4-20" is not a date in the right form; write '
                                   "2027-04-20 (year-month-day)")


@pytest.mark.parametrize("written, suggested", [
    ("12.03.2027", "2027-03-12"),
    ('"12.03.2027 18.00"', '"2027-03-12 18:00"'),
    ('"2027-3-12 18:00"', '"2027-03-12 18:00"'),
    ('"12/3/2027 kl. 18"', '"2027-03-12 18:00"'),
])
def test_a_norwegian_date_is_read_back_in_the_form_to_write(root: Path, written: str,
                                                          suggested: str) -> None:
    edit(root, PLANNED, 'start: "2029-02-13 18:00"', f"start: {written}")
    edit(root, PLANNED, 'end: "2029-02-13 21:00"', 'end: "21:00"')
    given = written.strip('"')
    assert only(root) == (PLANNED, 5, "start", f"«{given}» er ikke en dato i riktig form; "
                          f"skriv {suggested} (år-måned-dag)")


def test_a_date_that_does_not_exist(root: Path) -> None:
    edit(root, PLAN, 'start: "2020-08-15"', 'start: "2020-02-30"')
    assert only(root) == (PLAN, 28, "phases[3].start", "«2020-02-30» er ikke en dato som "
                          "finnes; sjekk måned og dag, og skriv år-måned-dag som 2020-02-11")


# --- a byte order mark, and every file's problems in one run -------------------------------

def test_a_notepad_file_with_a_byte_order_mark_is_read_and_fmt_removes_it(root: Path) -> None:
    """Notepad's "UTF-8 with BOM" and CRLF line ends, in a workshop and a .yml record: the
    old message was "en verkstedfil begynner med en linje '---'"."""
    for relative in (PLANNED, COMMITTEE):
        path = root / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, problems = check(root)
    assert (code, problems) == (0, [])
    subprocess.run([str(BIN / "verksted"), "fmt"], cwd=root, env=ENV, check=True,
                   capture_output=True, timeout=120)
    for relative in (PLANNED, COMMITTEE):
        assert not (root / relative).read_bytes().startswith(b"\xef\xbb\xbf"), relative
    assert check(root) == (0, [])


def test_every_broken_file_is_reported_in_the_same_run(root: Path) -> None:
    edit(root, COMMITTEE, "\nphotos:\n", "\nphotos\n")
    edit(root, HELD, "  address: Hasselveien", "    address: Hasselveien")
    edit(root, PLANNED, 'start: "2029-02-13 18:00"', "start: 12.03.2027")
    edit(root, PLAN, "  role: Ansvarlig", "  rolle: Ansvarlig")
    code, problems = check(root)
    assert code == 1
    assert [(p["file"], p["line"], p["field"]) for p in problems] == [
        (COMMITTEE, 35, ""), (PLAN, 10, "contact.rolle"), (HELD, 12, ""),
        (PLANNED, 5, "start")]
    assert "mente du «role»?" in str(problems[1]["message"])
