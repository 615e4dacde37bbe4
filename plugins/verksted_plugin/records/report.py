"""Print the problems `verksted check` found: for people, for GitHub Actions, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from ..language.i18n import tr, tr_n
from .problems import STOPS_STRICT, Problem

Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")


def render(problems: Sequence[Problem], fmt: Format, summary: str) -> str:
    """The whole report; `summary` is the closing line for people."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps({
            **counts(ordered),
            "problems": [{"file": p.file, "line": p.line, "field": p.field, "message": p.message,
                          "severity": p.severity, "stops_publishing": p.severity in STOPS_STRICT}
                         for p in ordered],
        }, ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join([*(github_annotation(p) for p in ordered), summary])
    return "\n".join([*(f"{severity_label(p)}: {p}" for p in ordered), summary]).rstrip("\n")


def counts(problems: Sequence[Problem]) -> dict[str, int]:
    """How many of each severity (problems.Severity)."""
    return {"errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
            "reminders": sum(p.severity == "reminder" for p in problems)}


SEVERITY_KEYS = {"error": "severity_error", "warning": "severity_warning", "reminder": "severity_reminder"}


def severity_label(problem: Problem) -> str:
    """"feil (stopper publiseringen)": each problem says whether it stops publishing."""
    return tr(SEVERITY_KEYS[problem.severity])


def github_annotation(problem: Problem) -> str:
    """`::error file=…,line=…,title=…::message`, escaped the way the Actions runner expects."""
    title = f"{problem.field}: " if problem.field else ""
    props = (f"file={_escape_property(problem.file)},line={problem.line},"
             f"title={_escape_property('verksted check')}")
    level = {"error": "error", "warning": "warning", "reminder": "notice"}[problem.severity]
    return f"::{level} {props}::{_escape_data(title + problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary_line(errors: int, warnings: int, records: int | None, reminders: int = 0) -> str:
    counted = tr_n("count_warnings", warnings)
    if reminders:
        counted = tr("count_and", first=counted, second=tr_n("count_reminders", reminders))
    if errors:
        return tr("check_failed", errors=tr_n("count_errors", errors), warnings=counted)
    return tr("check_passed", records=tr_n("count_records", records or 0), warnings=counted)
