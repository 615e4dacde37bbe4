"""Every label exists in nb, nn and en, and every label the code asks for exists."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from verksted_plugin.adapter.theme_labels import MATERIAL_KEYS
from verksted_plugin.language.labels import LABELS_DIR, labels_for
from verksted_plugin.records import model

LANGUAGES = ["nb", "nn", "en"]
PACKAGE = Path(model.__file__).parents[1]
# t("key"), t('key'), t.n("key", n) and t("prefix_" ~ value) in templates and Python.
CALL = re.compile(r"""\bt(\.n)?\(\s*["']([A-Za-z0-9_.\-]+)["']\s*(~)?""")


def _literal_values(annotation: object) -> list[str]:
    return [value for arg in typing.get_args(annotation) for value in _literal_values(arg)] \
        if typing.get_origin(annotation) is not typing.Literal else \
        [str(value) for value in typing.get_args(annotation)]


# The prefixes templates join with a record's value, and the values each can take.
DYNAMIC = {
    "status_": _literal_values(model.WorkshopStatus),
    "role_": _literal_values(model.Member.model_fields["role"].annotation),
    "doc_": _literal_values(model.Document.model_fields["kind"].annotation),
    "attendance_": _literal_values(model.Workshop.model_fields["attendance"].annotation),
    "activity_kind_": _literal_values(model.ActivityKind),
    "activity_status_": ["upcoming", "open", "finished"],  # model.activity_status
}


def used_keys() -> set[str]:
    """Every label key the plugin's templates and Python code ask for."""
    keys: set[str] = set()
    sources = [*PACKAGE.glob("pages/templates/verksted/**/*.j2"),
               *(p for p in PACKAGE.glob("**/*.py") if p.parent != LABELS_DIR)]  # not t()'s docs
    for path in sources:
        for plural, key, joined in CALL.findall(path.read_text(encoding="utf-8")):
            if joined:
                assert key in DYNAMIC, f"{path.name}: t({key!r} ~ …): add it to DYNAMIC"
                keys |= {key + value for value in DYNAMIC[key]}
            elif plural:
                keys |= {f"{key}_one", f"{key}_other"}
            else:
                keys.add(key)
    return keys


def test_every_language_has_the_same_keys() -> None:
    assert sorted(p.stem for p in LABELS_DIR.glob("*.yml")) == sorted(LANGUAGES)
    reference = set(labels_for("nb"))
    for language in LANGUAGES:
        labels = labels_for(language)
        assert set(labels) == reference, language
        assert all(value.strip() for value in labels.values()), language


def test_every_key_the_code_uses_exists() -> None:
    keys = used_keys()
    assert {"workshop_date", "status_moved-online", "lead_time_one", "role_varamedlem"} <= keys
    missing = sorted(keys - set(labels_for("nb")))
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_theme_strings_we_replace_exist(language: str) -> None:
    labels = labels_for(language)
    assert all(ours in labels for ours in MATERIAL_KEYS.values())
    partials = PACKAGE.glob("pages/templates/theme/**/*.html")
    theme = "".join(p.read_text(encoding="utf-8") for p in partials)
    asked = set(re.findall(r"""lang\.t\(["'](verksted\.[a-z_]+)["']\)""", theme))
    assert asked and asked <= set(MATERIAL_KEYS)


@pytest.mark.parametrize("path", sorted([*LABELS_DIR.glob("*.yml"),
                                         *(LABELS_DIR / "messages").glob("*.yml")]),
                         ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_key_is_written_twice(path: Path) -> None:
    """YAML keeps the last of two equal keys without a word: two people adding the same
    label would otherwise leave one of them silently unused."""
    keys = re.findall(r"^([A-Za-z0-9_.\-]+):", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(key for key in set(keys) if keys.count(key) > 1) == []
