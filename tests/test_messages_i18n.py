"""The tool speaks the site's language: every message and the command line's help in nb,
nn and en from one catalogue (plugins/verksted_plugin/language/labels/messages/)."""

from __future__ import annotations

import argparse
import gettext
import inspect
import json
import re
import shutil
import string
import subprocess
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from pydantic import BaseModel, ValidationError

from conftest import BIN, ENV, MUNICIPALITY, REPO, SiteFactory, copy_sample, run_build
from i18n_helpers import LANGUAGES, assert_norwegian, english_words
from test_editor_guide import EXAMPLES, HELPERS, documented_errors
from verksted_plugin.adapter.siteconfig import read_settings
from verksted_plugin.cli.language import ARGPARSE_KEYS, ARGPARSE_PLURAL_KEYS
from verksted_plugin.cli.main import collect_problems, main
from verksted_plugin.language.i18n import MESSAGES_DIR, catalogue, forced_language, use_language
from verksted_plugin.records import model
from verksted_plugin.records.messages import explain
from verksted_plugin.records.parties import party_table
from verksted_plugin.records.yamlread import parse_yaml

PACKAGE = Path(model.__file__).parents[1]
CALL = re.compile(r"""\b(tr|tr_n|Message)\(\s*["']([a-z0-9_]+)["']""")
# Texts that may read the same in Norwegian as in English.
SAME_AS_ENGLISH: set[str] = set()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in PACKAGE.glob("**/*.py")}


# --- the catalogue ---------------------------------------------------------------------

def test_one_catalogue_per_language_with_the_same_keys() -> None:
    assert sorted(p.stem for p in MESSAGES_DIR.glob("*.yml")) == sorted(LANGUAGES)
    english = catalogue("en")
    assert len(english) > 150
    for language in LANGUAGES:
        texts = catalogue(language)
        assert set(texts) == set(english), language
        assert all(text.strip() for text in texts.values()), language
        for key, text in texts.items():  # the code fills in what English needs, never more
            assert _placeholders(text) <= _placeholders(english[key]), (language, key)


def test_every_key_the_code_asks_for_exists_and_every_key_is_used() -> None:
    sources = _sources()
    asked: set[str] = set()
    for text in sources.values():
        for function, key in CALL.findall(text):
            asked |= {f"{key}_one", f"{key}_other"} if function == "tr_n" else {key}
    asked |= set(ARGPARSE_KEYS.values())
    asked |= {f"{key}_{form}" for key in ARGPARSE_PLURAL_KEYS.values() for form in ("one", "other")}
    keys = set(catalogue("nb"))
    assert {"field_missing", "value_party_unknown", "data_errors_one", "argparse_usage"} <= asked
    assert sorted(asked - keys) == []
    # Keys reached through a table (NO_SUCH_RECORD, yaml hints …) appear as a literal there.
    everything = "\n".join(sources.values())
    unused = [key for key in keys if key not in asked
              and f'"{re.sub(r"_(one|other)$", "", key)}"' not in everything]
    assert unused == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_norwegian_catalogues_have_no_english_sentence(language: str) -> None:
    english = catalogue("en")
    texts = catalogue(language)
    same = sorted(key for key, text in texts.items()
                  if text == english[key] and key not in SAME_AS_ENGLISH)
    assert same == []
    leftovers = {key: words for key, text in texts.items() if (words := english_words(text))}
    assert leftovers == {}


def test_the_english_word_check_catches_english() -> None:
    assert english_words("Input should be a valid integer") >= {"Input", "should"}
    assert english_words("title: required field is missing") >= {"required", "missing"}
    assert english_words("feltet manglar; kjende felt her: title, draft") == set()


def test_no_message_text_is_left_in_the_code() -> None:
    """The modules that report to people take their sentences from the catalogue: no
    English sentence in a raise, a print or a Problem (a string with three or more words)."""
    sentence = re.compile(r"""(?:raise \w+\(|print\(|add\(|problem\()[^)\n]*?f?["'][^"'\n]*?"""
                          r"""\b[a-z]+ [a-z]+ [a-z]+\b""")
    found = [f"{path.name}: {match.group(0)}" for path, text in _sources().items()
             for match in sentence.finditer(text)]
    assert found == []


def test_argparse_still_asks_for_the_texts_we_translate() -> None:
    source = inspect.getsource(argparse)
    missing = [text for text in [*ARGPARSE_KEYS, *ARGPARSE_PLURAL_KEYS] if repr(text)[1:-1]
               not in source and text.replace("\n", "\\n") not in source]
    assert missing == []


# --- pydantic's English never reaches the editor ----------------------------------------

RECORDS: dict[type[BaseModel], dict[str, Any]] = {}


def _valid_records() -> dict[type[BaseModel], dict[str, Any]]:
    from conftest import COMMITTEE, METHOD, PLAN, WORKSHOP
    if not RECORDS:
        RECORDS[model.Municipality] = parse_yaml(MUNICIPALITY).data
        RECORDS[model.Plan] = parse_yaml(PLAN).data
        RECORDS[model.Committee] = parse_yaml(COMMITTEE).data
        RECORDS[model.Method] = parse_yaml(METHOD).data
        RECORDS[model.Workshop] = parse_yaml(frontmatter.YAMLHandler().split(WORKSHOP)[0]).data
    return RECORDS


WRONG = [None, [], {}, ["a", {"b": 1}], {"x": 1}, "", "tekst", -1, 3.5, True, "2020-13-45",
         "25:99", [{"name": ""}], "javascript:alert(1)"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_wrong_value_in_every_field_gets_a_translated_message(language: str) -> None:
    """Each field of each record, given each kind of wrong value: the pydantic error types
    a record can meet all have a sentence in the language, never pydantic's own English."""
    context = {"parties": party_table()}
    seen_types: set[str] = set()
    messages: list[str] = []
    for kind, valid in _valid_records().items():
        for name in kind.model_fields:
            for wrong in WRONG:
                data = {**valid, name: wrong}
                try:
                    kind.model_validate(data, context=context)
                except ValidationError as error:
                    with use_language(language):
                        for detail in error.errors():
                            seen_types.add(detail["type"])
                            messages.append(explain(detail, kind)[1])
                            assert detail["msg"] not in messages[-1] or language == "en"
    assert len(seen_types) >= 12 and len(messages) > 300
    assert_norwegian(messages, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_error_type_we_did_not_foresee_still_gets_a_sentence(language: str) -> None:
    detail: Any = {"type": "uuid_parsing", "loc": ("id",), "msg": "Input should be a valid UUID",
                   "input": "x"}
    with use_language(language):
        message = explain(detail, model.Workshop)[1]
    assert "Input should" not in message
    assert message.startswith({"nb": "verdien er ikke gyldig her", "nn": "verdien er ikkje gyldig her",
                               "en": "this value is not valid here"}[language])


# --- every error example of the editor's guide, in three languages ------------------------

@pytest.fixture(scope="module")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[Any]]]:
    """Each example of the guide in the sample, checked in nb, nn and en (in process)."""
    reports: dict[str, dict[str, list[Any]]] = {}
    for example, _ in documented_errors():
        root = copy_sample(tmp_path_factory.mktemp("example"))
        relative = example.removeprefix("feil/")
        shutil.copy(EXAMPLES / example, root / "data" / relative)
        for helper, needed_by in HELPERS.items():
            if needed_by == example:
                shutil.copy(EXAMPLES / helper, root / "data" / helper.removeprefix("feil/"))
        reports[example] = {}
        for language in LANGUAGES:
            with forced_language(language):
                problems, _ = collect_problems(read_settings(root / "mkdocs.yml"))
            reports[example][language] = problems
        shutil.rmtree(root)
    return reports


def test_every_guide_example_in_nb_nn_and_en(example_reports: dict[str, dict[str, list[Any]]]
                                             ) -> None:
    assert len(example_reports) >= 30
    for example, by_language in example_reports.items():
        places = {language: [(p.file, p.line, p.field) for p in problems]
                  for language, problems in by_language.items()}
        assert places["nb"] == places["nn"] == places["en"] != [], example
        for language in ("nb", "nn"):
            messages = [p.message for p in by_language[language]]
            assert_norwegian(messages, language)
            english = [p.message for p in by_language["en"]]
            assert all(ours != theirs for ours, theirs in zip(messages, english, strict=True))


def test_suggestions_read_the_languages_way(example_reports: dict[str, dict[str, list[Any]]]
                                            ) -> None:
    party = example_reports["feil/committees/ukjent-parti.yml"]
    assert "(mente du «H»?)" in party["nb"][0].message
    assert "(meinte du «H»?)" in party["nn"][0].message
    assert '(did you mean "H"?)' in party["en"][0].message
    field = example_reports["feil/workshops/ukjent-felt.md"]
    assert field["nn"][0].message.startswith("ukjend felt; meinte du «status»?")


# --- the command line ---------------------------------------------------------------------

def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 0
    return capsys.readouterr().out


SUBCOMMANDS = ["check", "new", "schema", "frister", "fmt", "init"]
HELP_WORDS = {"nb": ["bruk: verksted", "valg:", "vis denne hjelpeteksten og avslutt"],
              "nn": ["bruk: verksted", "val:", "vis denne hjelpeteksten og avslutt"],
              "en": ["usage: verksted", "options:", "show this help message and exit"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_of_verksted_and_every_subcommand(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch,
                                               language: str) -> None:
    monkeypatch.delenv("VERKSTED_LANG", raising=False)
    flags = [] if language == "nb" else ["--lang", language]  # bokmål by default
    pages = {"": _help(capsys, *flags, "--help")}
    pages |= {command: _help(capsys, command, "--help", *flags) for command in SUBCOMMANDS}
    for command, page in pages.items():
        for words in HELP_WORDS[language]:
            assert words in page, (command, words)
        assert "--config" in page or command in ("", "schema", "init")  # option names stay
        if language != "en":
            assert english_words(page) == set(), (command, english_words(page))
    assert {"nb": "kontroller alle poster i datamappen", "nn": "kontroller alle postane i datamappa",
            "en": "validate every record in the data folder"}[language] in pages[""]
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]  # argparse is itself again


@pytest.mark.parametrize("language, expected", [
    ("nb", "verksted new: feil: disse argumentene må være med: kind, id"),
    ("nn", "verksted new: feil: desse argumenta må vere med: kind, id"),
    ("en", "verksted new: error: the following arguments are required: kind, id")])
def test_argparse_errors_in_the_language(capsys: pytest.CaptureFixture[str], language: str,
                                         expected: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["new", "--lang", language])
    assert stopped.value.code == 2
    assert expected in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([f"--lang={language}", "chek"])
    wrong = capsys.readouterr().err
    assert {"nb": "ugyldig valg: 'chek'", "nn": "ugyldig val: 'chek'",
            "en": "invalid choice: 'chek'"}[language] in wrong


def _check(root: Path, *args: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "verksted"), "check", *args], cwd=root, env=env or ENV,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def nynorsk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small nynorsk site with one error and one warning."""
    site = SiteFactory(tmp_path_factory.mktemp("nn"))
    site.set("data/municipality.yml", MUNICIPALITY.replace("language: nb", "language: nn")
             .replace("accessibility_statement: https://uustatus.no/nb/erklaringer/publisert/testvik\n",
                      ""))
    site.set("data/plans/samfunnsdel.yml", "summary: Ein plan.\n"
             "contact: {name: Kari, email: kari@testvik.no}\n")
    return site.write()


def test_check_follows_the_sites_language_and_the_overrides(nynorsk_site: Path) -> None:
    site = _check(nynorsk_site)
    assert site.returncode == 1
    assert "feil (stoppar publiseringa): data/plans/samfunnsdel.yml:1: title: feltet manglar (det er påkravd)" \
        in site.stderr
    assert site.stdout.strip() == "1 feil, 0 åtvaringar: rett feila før publisering"
    forced = _check(nynorsk_site, "--lang", "en")
    assert "error (stops publishing): data/plans/samfunnsdel.yml:1: title: required field is missing" in forced.stderr
    assert forced.stdout.strip() == "1 error, 0 warnings: fix the errors before publishing"
    by_env = _check(nynorsk_site, env={**ENV, "VERKSTED_LANG": "nb"})
    assert "feil (stopper publiseringen): data/plans/samfunnsdel.yml:1: title: feltet mangler (det er påkrevd)" \
        in by_env.stderr
    both = _check(nynorsk_site, "--lang", "en", env={**ENV, "VERKSTED_LANG": "nb"})
    assert "required field is missing" in both.stderr  # --lang wins


def test_github_annotations_and_json_carry_the_same_texts(nynorsk_site: Path) -> None:
    annotations = _check(nynorsk_site, "--format", "github").stdout.splitlines()
    report = json.loads(_check(nynorsk_site, "--format", "json").stdout)
    [problem] = report["problems"]
    assert problem["message"] == "feltet manglar (det er påkravd)"
    assert problem["severity"] == "error"  # a value for tools, not a sentence
    assert annotations[0] == ("::error file=data/plans/samfunnsdel.yml,line=1,"
                              "title=verksted check::title: feltet manglar (det er påkravd)")
    assert annotations[-1] == "1 feil, 0 åtvaringar: rett feila før publisering"


def test_a_broken_municipality_file_gives_bokmal(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "data/municipality.yml").write_text("name: [Testvik\nlanguage: nn\n",
                                               encoding="utf-8")
    result = _check(root)
    assert "YAML-feil:" in result.stderr and "rett feilene før publisering" in result.stdout


def test_the_build_speaks_the_sites_language(nynorsk_site: Path, tmp_path: Path) -> None:
    """`mkdocs build`: only the site's language and VERKSTED_LANG apply."""
    root = tmp_path / "site"
    shutil.copytree(nynorsk_site, root)
    built = run_build(root, check=False)
    assert built.result.returncode != 0
    assert "data/plans/samfunnsdel.yml:1: title: feltet manglar (det er påkravd)" \
        in built.result.stderr
    assert "1 feil i dataa:" in built.result.stderr
    english = run_build(root, check=False, env={**ENV, "VERKSTED_LANG": "en"})
    assert "1 error in the data:" in english.result.stderr
    assert "title: required field is missing" in english.result.stderr


def test_frister_and_new_speak_nynorsk(nynorsk_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(nynorsk_site, root)
    (root / "data/plans/samfunnsdel.yml").write_text(
        "title: Plan\ncontact: {name: Kari, email: kari@testvik.no}\n", encoding="utf-8")
    new = subprocess.run([str(BIN / "verksted"), "new", "workshop", "Feil-Id"], cwd=root,
                         env=ENV, capture_output=True, text=True, timeout=60)
    assert new.stderr.startswith("verksted new: «Feil-Id» er ikkje ein gyldig id")
    deadlines = subprocess.run([str(BIN / "verksted"), "frister", "--today", "2030-01-01"],
                               cwd=root, env=ENV, capture_output=True, text=True, timeout=60)
    assert deadlines.stdout.startswith("ingen komande fristar frå")


def test_readme_names_the_catalogue() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "labels/messages/" in readme and "VERKSTED_LANG" in readme
