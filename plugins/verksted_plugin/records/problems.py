"""Problems found in the data: one per mistake, each naming file, line and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..language.i18n import current_language, tr_n, use_language

# What stops publishing, told the same way by the build, `verksted check` and the guide:
# - error: stops every build;
# - warning: something in a file the editor should fix; stops a strict build, as the
#   publishing templates and `make site` run it (and `verksted check --strict`);
# - reminder: caused only by today's date (a deadline passed without documents); never
#   stops a build, strict included, so a file that passed yesterday never blocks an urgent
#   update today. Shown by `verksted check` and `verksted frister`.
Severity = Literal["error", "warning", "reminder"]
STOPS_STRICT: frozenset[Severity] = frozenset({"error", "warning"})


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, phrased for the person who edits that file."""

    file: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data has errors; carries all of them, sorted by file and line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        self.language = current_language()  # the report reads like its problems, wherever shown
        super().__init__(self.report())

    def report(self) -> str:
        with use_language(self.language):
            head = tr_n("data_errors", len(self.problems))
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


def field_path(loc: Iterable[str | int]) -> str:
    """Render a location as `members[2].party`; list positions count from 1, like people do."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text
