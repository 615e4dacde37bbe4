"""One test per class of data error: the exact file, line, field and expectation.

These run the loader alone (no MkDocs): the same messages appear in `mkdocs build`
and `verksted check`, which test_build_errors.py proves end to end.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import COMMITTEE, SiteFactory, write
from i18n_helpers import LANGUAGES, assert_norwegian
from verksted_plugin.language.i18n import forced_language
from verksted_plugin.records.load import load_dataset
from verksted_plugin.records.problems import DataError, Problem


@pytest.fixture(autouse=True, params=LANGUAGES)
def language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with the messages in nb, nn and en (VERKSTED_LANG)."""
    monkeypatch.setenv("VERKSTED_LANG", request.param)
    return str(request.param)


def _problems(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_dataset(root / "data", root / "docs", display_root=root)
    return caught.value.problems


def problems(site: SiteFactory) -> list[str]:
    """The problems as text, in English for the assertions below. In an nb or nn run the
    same problems (file, line, field) are found, and none of their messages is English."""
    root = site.write()
    found = _problems(root)
    language = os.environ["VERKSTED_LANG"]
    if language == "en":
        return [str(p) for p in found]
    with forced_language("en"):
        english = _problems(root)
    assert [(p.file, p.line, p.field) for p in found] == \
        [(p.file, p.line, p.field) for p in english]
    assert_norwegian([p.message for p in found], language)
    assert all(ours.message != theirs.message for ours, theirs in zip(found, english, strict=True))
    return [str(p) for p in english]


def test_valid_minimal_site_loads(site: SiteFactory) -> None:
    root = site.write()
    dataset = load_dataset(root / "data", root / "docs", display_root=root)
    assert list(dataset.workshops) == ["2020-02-11-forste"]
    assert dataset.committees["planutvalget"].record.members[0].party == "H"


def test_unknown_party_lists_the_known_codes(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE + """\
  - name: Kari Hansen
    party: Hoyre
""")
    [message] = problems(site)
    assert message.startswith(
        'data/committees/planutvalget.yml:9: members[2].party: unknown party "Hoyre"')
    assert '(did you mean "H"?); known: Ap, FrP, H,' in message


def test_party_no_is_not_read_as_false(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE + "  - name: Per\n    party: no\n")
    [message] = problems(site)
    assert message.startswith('data/committees/planutvalget.yml:9: members[2].party: '
                              'unknown party "no" (write the party code, not yes/no)')


def test_language_no_is_not_read_as_false(site: SiteFactory) -> None:
    site.set("data/municipality.yml", "name: Testvik kommune\nlanguage: no\n")
    assert problems(site) == [
        'data/municipality.yml:2: language: expected one of: nb, nn or en; got "no" '
        "(Norwegian is nb for bokmål or nn for nynorsk)"]


def test_local_party_list_extends_the_table(site: SiteFactory) -> None:
    site.set("data/parties.yml", "parties:\n  - code: LL\n    nb: Lørenskoglista\n")
    site.set("data/committees/planutvalget.yml", COMMITTEE + "  - name: Per\n    party: LL\n")
    root = site.write()
    dataset = load_dataset(root / "data", root / "docs", display_root=root)
    assert dataset.parties["LL"].name("nn") == "Lørenskoglista"


def test_unknown_field_suggests_the_nearest(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yml", "titel: Plan\n" + "\n".join(
        line for line in site.files["data/plans/samfunnsdel.yml"].splitlines()
        if not line.startswith("title")) + "\n")
    found = problems(site)
    assert "data/plans/samfunnsdel.yml:1: title: required field is missing" in found
    assert ('data/plans/samfunnsdel.yml:1: titel: unknown field; did you mean "title"? '
            "known fields here: title, summary, contact, phases, draft") in found


def test_missing_required_field_in_a_list_item_points_at_the_item(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE + "  - party: SV\n")
    assert problems(site) == [
        "data/committees/planutvalget.yml:8: members[2].name: required field is missing"]


def test_wrong_status_lists_the_allowed_values(site: SiteFactory) -> None:
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 "number: 1\n", "number: 1\nstatus: avlyst\n"))
    assert problems(site) == [
        "data/workshops/2020-02-11-forste.md:6: status: expected one of: planned, held, "
        'cancelled, postponed or moved-online; got "avlyst"']


def test_bad_date_names_the_expected_form(site: SiteFactory) -> None:
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 '"2020-02-11 18:00"', "neste tirsdag"))
    assert problems(site) == [
        "data/workshops/2020-02-11-forste.md:6: start: expected a date like 2020-02-11 "
        'or a date and time like "2020-02-11 18:00"']


def test_a_date_written_another_way_is_read_back_with_the_form_to_write(site: SiteFactory
                                                                         ) -> None:
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 '"2020-02-11 18:00"', "11.02.2020"))
    assert problems(site) == [
        'data/workshops/2020-02-11-forste.md:6: start: "11.02.2020" is not a date in the '
        "right form; write 2020-02-11 (year-month-day)"]


def test_end_before_start(site: SiteFactory) -> None:
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 "number: 1\n", 'number: 1\nend: "17:00"\n'))
    assert problems(site) == ["data/workshops/2020-02-11-forste.md:1: end is before start"]


def test_bad_url_email_and_phone(site: SiteFactory) -> None:
    site.set("data/municipality.yml", "name: Testvik\nwebsite: www.testvik.no\n"
             "email: post(at)testvik.no\nphone: ring oss\n")
    assert problems(site) == [
        "data/municipality.yml:2: website: expected a web address starting with https:// "
        "(or http://)",
        "data/municipality.yml:3: email: expected an e-mail address like navn@kommune.no",
        'data/municipality.yml:4: phone: expected a phone number like "990 48 920" or '
        '"+47 990 48 920"',
    ]


def test_contact_without_phone_or_email(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yml", "title: Plan\ncontact:\n  name: Kari\n")
    assert problems(site) == [
        "data/plans/samfunnsdel.yml:2: contact: a contact needs at least one of phone and email"]


def test_dangling_references(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace("plan: samfunnsdel",
                                                                   "plan: arealdel"))
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 "method: politisk-verksted", "method: verksted"))
    assert problems(site) == [
        'data/committees/planutvalget.yml:2: plan: no plan with id "arealdel" in data/plans/; '
        "known: samfunnsdel",
        'data/workshops/2020-02-11-forste.md:4: method: no method with id "verksted" in '
        "data/methods/; known: politisk-verksted",
    ]


def test_unknown_committee_in_workshop(site: SiteFactory) -> None:
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 "committee: planutvalget", "committee: plan-utvalget"))
    assert problems(site) == [
        'data/workshops/2020-02-11-forste.md:3: committee: no committee with id '
        '"plan-utvalget" in data/committees/; known: planutvalget']


def test_duplicate_id_across_extensions(site: SiteFactory) -> None:
    site.set("data/plans/samfunnsdel.yaml", site.files["data/plans/samfunnsdel.yml"])
    assert problems(site) == [
        'data/plans/samfunnsdel.yml:1: duplicate id "samfunnsdel": '
        "data/plans/samfunnsdel.yaml has the same name; rename or remove one"]


def test_duplicate_key_is_an_error_not_a_silent_overwrite(site: SiteFactory) -> None:
    site.set("data/methods/politisk-verksted.yml",
             "name: A\nname: B\npurpose: x\nsteps:\n  - title: s\n")
    assert problems(site) == [
        "data/methods/politisk-verksted.yml:2: name: this field is written twice; keep one"]


def test_yaml_syntax_error_has_a_line(site: SiteFactory) -> None:
    site.set("data/methods/politisk-verksted.yml",
             "name: Politisk verksted\npurpose: Tid: kl 18\nsteps:\n  - title: s\n")
    assert problems(site) == [
        "data/methods/politisk-verksted.yml:2: YAML syntax error: a ':' where YAML does not "
        'expect one; put text that contains ": " in quotes']


def test_invalid_file_name(site: SiteFactory) -> None:
    site.set("data/workshops/Første verksted.md", site.files["data/workshops/2020-02-11-forste.md"])
    [message] = problems(site)
    assert message.startswith("data/workshops/Første verksted.md:1: the file name is not a "
                              "valid id: use lowercase letters a-z, digits and '-'")


def test_workshop_without_front_matter(site: SiteFactory) -> None:
    site.set("data/workshops/2020-02-11-forste.md", "title: x\n")
    [message] = problems(site)
    assert message.startswith("data/workshops/2020-02-11-forste.md:1: a workshop file starts "
                              "with a line '---'")


def test_photo_without_alt_and_missing_file(site: SiteFactory) -> None:
    site.set("data/committees/planutvalget.yml", COMMITTEE + "photos:\n  - src: bilder/x.jpg\n")
    assert problems(site) == [
        "data/committees/planutvalget.yml:9: photos[1]: a photo needs alt (what it shows, for "
        "those who cannot see it), or decorative: true"]
    site.set("data/committees/planutvalget.yml",
             COMMITTEE + "photos:\n  - src: bilder/x.jpg\n    alt: Et bilde\n")
    assert problems(site) == [
        'data/committees/planutvalget.yml:9: photos[1].src: no file "bilder/x.jpg" in docs/; '
        "give the path inside the docs folder, e.g. bilder/verksted-1.jpg"]


def test_wrong_type_and_negative_count(site: SiteFactory) -> None:
    site.set("data/workshops/2020-02-11-forste.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace(
                 "number: 1\n", "number: første\nthemes: Visjon\nparticipants:\n"
                 "  politicians: -3\n"))
    assert problems(site) == [
        'data/workshops/2020-02-11-forste.md:5: number: expected a whole number like 12; '
        'got "første"',
        "data/workshops/2020-02-11-forste.md:6: themes: expected a list (one line per item, "
        'starting with "- "); got "Visjon"',
        "data/workshops/2020-02-11-forste.md:8: participants.politicians: expected a number of "
        "at least 0; got -3",
    ]


def test_duplicate_number_in_a_series(site: SiteFactory) -> None:
    site.set("data/workshops/2020-03-01-andre.md",
             site.files["data/workshops/2020-02-11-forste.md"].replace("2020-02-11", "2020-03-01"))
    assert problems(site) == [
        'data/workshops/2020-03-01-andre.md:5: number: number 1 is already used by workshop '
        '"2020-02-11-forste" of the same committee']


def test_missing_municipality_and_unexpected_file(site: SiteFactory) -> None:
    site.set("data/municipality.yml", None)
    site.set("data/workshops/notat.txt", "hei")
    assert problems(site) == [
        "data/municipality.yml:1: missing: every site needs one municipality.yml with at "
        "least `name:`",
        "data/workshops/notat.txt:1: unexpected file here: records in workshops/ end in .md",
    ]


def test_all_problems_of_all_files_come_together(site: SiteFactory) -> None:
    site.set("data/municipality.yml", "name: Testvik\nlanguage: no\n")
    site.set("data/committees/planutvalget.yml", COMMITTEE.replace("party: H", "party: Hoyre"))
    site.set("data/methods/politisk-verksted.yml", "name: M\n")
    found = problems(site)
    assert [line.split(":")[0] for line in found] == [
        "data/committees/planutvalget.yml", "data/methods/politisk-verksted.yml",
        "data/methods/politisk-verksted.yml", "data/municipality.yml"]


def test_missing_data_folder(tmp_path: Path, language: str) -> None:
    write(tmp_path / "docs" / "index.md", "# x\n")
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path / "data", tmp_path / "docs", display_root=tmp_path)
    expected = {"en": "the data folder does not exist (plugin option data_dir)",
                "nb": "datamappen finnes ikke (innstillingen data_dir i utvidelsen)",
                "nn": "datamappa finst ikkje (innstillinga data_dir i utvidinga)"}
    assert str(caught.value.problems[0]) == f"data:1: {expected[language]}"


def test_unquoted_item_in_a_bracketed_list(site: SiteFactory) -> None:
    site.set("data/methods/politisk-verksted.yml",
             "name: M\npurpose: x\nsteps:\n  - title: s\n    questions: [Hva nå?]\n")
    assert problems(site) == [
        "data/methods/politisk-verksted.yml:5: YAML syntax error: an item in a [bracketed, list] "
        'needs quotes (it contains ? : , or #); put it in quotes, or write one item per line '
        'starting with "- "']
