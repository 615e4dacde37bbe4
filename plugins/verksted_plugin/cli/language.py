"""argparse in the editors' language: its own words ("usage:", "options:", its errors).

argparse asks gettext for every text it prints, through the module-level names `_` and
`ngettext`. While a `verksted` command line is parsed, those two look the text up in our
catalogue instead (no compiled .mo files needed); afterwards argparse is as it was.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..language.i18n import normal_language, tr

# argparse's English (Python 3.11–3.13) → our catalogue key. A text argparse asks for that is
# not here (a programmer's error, say) stays English; tests/test_messages_i18n.py checks
# that every one of these is still asked for by the argparse in use.
ARGPARSE_KEYS = {
    "usage: ": "argparse_usage",
    "positional arguments": "argparse_positionals",
    "options": "argparse_options",
    "show this help message and exit": "argparse_help",
    "%(prog)s: error: %(message)s\n": "argparse_error",
    "argument %(argument_name)s: %(message)s": "argparse_argument",
    "the following arguments are required: %s": "argparse_required",
    "unrecognized arguments: %s": "argparse_unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse_invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse_invalid_value",
    "expected one argument": "argparse_expected_one",
    "expected at most one argument": "argparse_expected_at_most_one",
    "expected at least one argument": "argparse_expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse_ambiguous",
    "not allowed with argument %s": "argparse_not_allowed_with",
    "ignored explicit argument %r": "argparse_ignored_explicit",
    "one of the arguments %s is required": "argparse_one_required",
    "unexpected option string: %s": "argparse_unexpected_option",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse_unknown_parser",
    "can't open '%(filename)s': %(error)s": "argparse_cannot_open",
}
# Texts argparse asks for through ngettext (singular form → key; `_one`/`_other` appended).
ARGPARSE_PLURAL_KEYS = {"expected %s argument": "argparse_expected_n"}


def _gettext(message: str) -> str:
    key = ARGPARSE_KEYS.get(message)
    return tr(key) if key else message


def _ngettext(singular: str, plural: str, count: int) -> str:
    key = ARGPARSE_PLURAL_KEYS.get(singular)
    if key is None:
        return singular if count == 1 else plural
    return tr(f"{key}_one" if count == 1 else f"{key}_other")


@contextmanager
def argparse_speaks_catalogue() -> Iterator[None]:
    """While inside: argparse's words come from the catalogue in the current language."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def language_in(argv: Sequence[str]) -> str | None:
    """`--lang xx` or `--lang=xx` anywhere on the command line: it decides the help's language,
    so it is read before argparse builds the help. A wrong value is argparse's to report."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            return normal_language(argv[index + 1])
        if word.startswith("--lang="):
            return normal_language(word.split("=", 1)[1])
    return None
