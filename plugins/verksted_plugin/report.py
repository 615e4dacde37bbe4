"""Print the problems `verksted check` found: for people, for GitHub Actions, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from .i18n import tr, tr_n
from .problems import Problem

Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")


def render(problems: Sequence[Problem], fmt: Format, summary: str) -> str:
    """The whole report; `summary` is the closing line for people."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps({
            "errors": sum(p.severity == "error" for p in ordered),
            "warnings": sum(p.severity == "warning" for p in ordered),
            "problems": [{"file": p.file, "line": p.line, "field": p.field,
                          "message": p.message, "severity": p.severity} for p in ordered],
        }, ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join([*(github_annotation(p) for p in ordered), summary])
    return "\n".join([*(f"{_severity(p)}: {p}" for p in ordered), summary]).rstrip("\n")


def _severity(problem: Problem) -> str:
    return tr("severity_error") if problem.severity == "error" else tr("severity_warning")


def github_annotation(problem: Problem) -> str:
    """`::error file=…,line=…,title=…::message`, escaped the way the Actions runner expects."""
    title = f"{problem.field}: " if problem.field else ""
    props = (f"file={_escape_property(problem.file)},line={problem.line},"
             f"title={_escape_property('verksted check')}")
    return f"::{problem.severity} {props}::{_escape_data(title + problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary_line(errors: int, warnings: int, records: int | None) -> str:
    counted = tr_n("count_warnings", warnings)
    if errors:
        return tr("check_failed", errors=tr_n("count_errors", errors), warnings=counted)
    return tr("check_passed", records=tr_n("count_records", records or 0), warnings=counted)
