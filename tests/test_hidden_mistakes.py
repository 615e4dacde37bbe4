"""What an editor cannot see in the file is told by `verksted check` (issue 22, point 4):
letters garbled by a wrong encoding, a start date that has left the file name's date (and
so the page's address), photo file names against the guide's rule, and a misspelled field
name anywhere, with the field meant. The first three are warnings (`check` still passes);
an unknown field is an error. Each names the file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import check_problems as check
from conftest import copy_sample, edit
from verksted_plugin.records.hidden_mistakes import garbled

COMMITTEE = "data/committees/kommuneplanutvalget.yml"
HELD = "data/workshops/2020-02-11-forste-politiske-verksted.md"
PLAN = "data/plans/kommuneplanens-samfunnsdel.yml"
METHOD = "data/methods/politisk-verksted.yml"
MUNICIPALITY = "data/municipality.yml"



def warnings(root: Path, language: str = "nb", word: str = "") -> list[tuple[str, int, str, str]]:
    """The warnings whose message holds `word`; `check` passes with them."""
    code, problems = check(root, language)
    assert code == 0, problems
    return [(str(p["file"]), int(p["line"]), str(p["field"]), str(p["message"]))  # type: ignore[call-overload]
            for p in problems if p["severity"] == "warning" and word in str(p["message"])]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


# --- letters garbled by a wrong encoding ---------------------------------------------------

def test_garbled_letters_are_named_with_the_letters_meant(root: Path) -> None:
    edit(root, HELD, "  name: Lørenskog rådhus", "  name: LÃ¸renskog rÃ¥dhus")
    edit(root, COMMITTEE, "  - name: Knut Berg", "  - name: Ã˜ystein Berg")
    edit(root, PLAN, "Den handler om kommunens", "Den handler om kommunens mÃ¥l og Ã†rlige")
    edit(root, HELD, "Utvalget ble delt inn", "Utvalget ble delt inn pÃ¥ tvers")
    found = warnings(root, word="tegnkoding")
    assert found == [
        (COMMITTEE, 15, "members[1].name", "«Ã˜ystein» skal trolig være «Øystein»: teksten "
         "er lagret eller limt inn med feil tegnkoding, så bokstavene (Ø) er blitt til andre "
         "tegn; skriv dem på nytt og lagre filen som UTF-8"),
        (PLAN, 2, "summary", "«mÃ¥l» skal trolig være «mål»: teksten er lagret eller limt inn "
         "med feil tegnkoding, så bokstavene (å, Æ) er blitt til andre tegn; skriv dem på nytt "
         "og lagre filen som UTF-8"),
        (HELD, 11, "location.name", "«LÃ¸renskog» skal trolig være «Lørenskog»: teksten er "
         "lagret eller limt inn med feil tegnkoding, så bokstavene (ø, å) er blitt til andre "
         "tegn; skriv dem på nytt og lagre filen som UTF-8"),
        (HELD, 56, "summary", "«pÃ¥» skal trolig være «på»: teksten er lagret eller limt inn "
         "med feil tegnkoding, så bokstavene (å) er blitt til andre tegn; skriv dem på nytt "
         "og lagre filen som UTF-8"),
    ]
    english = warnings(root, "en", word="encoding")
    assert english[2] == (HELD, 11, "location.name", '"LÃ¸renskog" is probably "Lørenskog": '
                          "the text was saved or pasted with the wrong character encoding, so "
                          "its letters (ø, å) became other characters; type them again and "
                          "save the file as UTF-8")
    assert warnings(root, "nn", word="teiknkoding")[0][3].startswith(
        "«Ã˜ystein» skal truleg vere «Øystein»: teksten er lagra eller limt inn med feil "
        "teiknkoding")


@pytest.mark.parametrize("text", ["Lørenskog rådhus", "ÆRE, ØL OG ÅS", "São Tomé", "Â la carte",
                                  "Kafé «Åpent»", "Ã", "50 % – «nå»"])
def test_right_letters_are_not_taken_for_garbled_ones(text: str) -> None:
    assert garbled(text) is None


@pytest.mark.parametrize("text, meant", [
    ("rÃ¥dhus", "rådhus"), ("Ã†rlig", "Ærlig"), ("Ã…pent", "Åpent"), ("kafÃ©", "kafé"),
    ("(mÃ¸te)", "møte"), ("dagâ€™s", "dag’s")])
def test_each_garbled_letter_is_read_back(text: str, meant: str) -> None:
    found = garbled(text)
    assert found is not None and found[1] == meant


# --- a start date that left the file name's date ------------------------------------------

def test_a_start_moved_from_the_file_names_date_warns_that_the_address_keeps_it(root: Path
                                                                                 ) -> None:
    edit(root, HELD, 'start: "2020-02-11 18:00"', 'start: "2020-02-18 18:00"')
    edit(root, HELD, 'end: "2020-02-11 21:00"', 'end: "21:00"')
    assert warnings(root, word="filnavnet har datoen") == [(
        HELD, 6, "start", "start er 2020-02-18, men filnavnet har datoen 2020-02-11, og sidens "
        "adresse beholder datoen fra filnavnet; skal adressen vise den nye datoen, gi filen "
        "nytt navn: data/workshops/2020-02-18-forste-politiske-verksted.md (den gamle "
        "adressen slutter da å virke)")]
    assert warnings(root, "en", word="file name has the date")[0][3].startswith(
        "start is 2020-02-18, but the file name has the date 2020-02-11, and the page's "
        "address keeps the date of the file name")


def test_a_start_on_the_file_names_day_or_a_name_without_a_date_is_quiet(root: Path) -> None:
    edit(root, HELD, 'start: "2020-02-11 18:00"', 'start: "2020-02-11 09:00"')
    shutil.move(root / HELD, root / "data/workshops/forste-politiske-verksted.md")
    assert warnings(root, word="filnavnet") == []


@pytest.mark.parametrize("status", ["status: postponed", "draft: true\nstatus: held"])
def test_a_postponed_workshop_or_a_draft_keeps_its_name_quietly(root: Path, status: str
                                                                ) -> None:
    """A postponed workshop keeps its address (and the links sent out) on purpose; a draft
    has no address yet."""
    edit(root, HELD, 'start: "2020-02-11 18:00"', 'start: "2020-02-25 18:00"')
    edit(root, HELD, 'end: "2020-02-11 21:00"', 'end: "21:00"')
    edit(root, HELD, "status: held", status)
    assert warnings(root, word="filnavnet") == []


# --- photo file names against the guide's rule -------------------------------------------

def test_photo_file_names_against_the_guides_rule(root: Path) -> None:
    pictures = root / "docs/bilder"
    shutil.copy(pictures / "verksted-1.jpg", pictures / "IMG_2043.JPG")
    shutil.copy(pictures / "verksted-1.jpg", pictures / "Møte i rådhuset.jpg")
    edit(root, HELD, "src: bilder/verksted-1.jpg", "src: bilder/IMG_2043.JPG")
    edit(root, COMMITTEE, "src: bilder/kommuneplanutvalget-2.jpg",
         "src: bilder/Møte i rådhuset.jpg")
    assert warnings(root, word="bildefilen") == [
        (COMMITTEE, 40, "photos[2].src", "bildefilen «Møte i rådhuset.jpg» følger ikke regelen "
         "for filnavn (små bokstaver a–z, sifre og '-', og endelsen med små bokstaver); gi "
         "filen nytt navn, f.eks. «mote-i-radhuset.jpg», og skriv det nye navnet her"),
        (HELD, 50, "photos[1].src", "bildefilen «IMG_2043.JPG» følger ikke regelen for filnavn "
         "(små bokstaver a–z, sifre og '-', og endelsen med små bokstaver); gi filen nytt "
         "navn, f.eks. «img-2043.jpg», og skriv det nye navnet her"),
    ]
    assert warnings(root, "en", word="photo file")[1][3].startswith(
        'the photo file "IMG_2043.JPG" breaks the rule for file names')


def test_the_sample_has_none_of_these_warnings(root: Path) -> None:
    assert warnings(root, word="tegnkoding") == warnings(root, word="filnavn") == []


# --- misspelled field names, in every record kind and at every level ----------------------

def test_every_unknown_field_suggests_the_field_meant(root: Path) -> None:
    edit(root, HELD, "    alt: Politikere", "    alt_text: Politikere")
    edit(root, HELD, "  politicians: 9", "  politikere: 9")
    edit(root, HELD, "status: held", "Status: held")
    edit(root, COMMITTEE, "    caption: \"Fra høyre", "    bildetekst: \"Fra høyre")
    edit(root, PLAN, "    start: \"2021-01-15\"", "    start_date: \"2021-01-15\"")
    edit(root, PLAN, "  phone: ", "  telefon: ")
    edit(root, METHOD, "    lead_time_days: 7", "    lead_days: 7")
    edit(root, MUNICIPALITY, "  street: Hasselveien 6", "  gateadresse: Hasselveien 6")
    (root / "data/parties.yml").write_text("parties:\n  - kode: LL\n    nb: Lørenskoglista\n",
                                           encoding="utf-8")
    code, problems = check(root)
    assert code == 1
    found = {(p["file"], p["field"]): (p["line"], str(p["message"]).split("?")[0] + "?")
             for p in problems if "ukjent felt" in str(p["message"])}
    assert found == {
        (HELD, "photos[1].alt_text"): (51, "ukjent felt; mente du «alt»?"),
        (HELD, "participants.politikere"): (17, "ukjent felt; mente du «politicians»?"),
        (HELD, "Status"): (8, "ukjent felt; mente du «status»?"),
        (COMMITTEE, "photos[2].bildetekst"): (42, "ukjent felt; mente du «caption»?"),
        (PLAN, "phases[4].start_date"): (34, "ukjent felt; mente du «start»?"),
        (PLAN, "contact.telefon"): (11, "ukjent felt; mente du «phone»?"),
        (METHOD, "steps[2].lead_days"): (22, "ukjent felt; mente du «lead_time_days»?"),
        (MUNICIPALITY, "visiting_address.gateadresse"): (8, "ukjent felt; mente du «street»?"),
        ("data/parties.yml", "parties[1].kode"): (2, "ukjent felt; mente du «code»?"),
    }
    code, problems = check(root, "en")
    [alt] = [p for p in problems if p["field"] == "photos[1].alt_text"]
    assert alt["message"] == ('unknown field; did you mean "alt"? known fields here: src, alt, '
                              "caption, credit, decorative")
