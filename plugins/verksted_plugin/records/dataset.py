"""What the loader hands on: every valid record of a data folder, and where each came from.

Its own module, so the checks the loader runs (deadlines, hidden mistakes, markup, theme
names) read a dataset without importing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

from . import model
from .parties import Party
from .problems import Problem, Severity, field_path
from .yamlread import Loc, YamlDocument

R = TypeVar("R", bound=BaseModel)


@dataclass
class Source:
    """Where a record came from, so later checks can point at the right line."""

    file: str
    document: YamlDocument

    def line(self, loc: Loc = ()) -> int:
        return self.document.line_of(loc)

    def problem(self, loc: Loc, message: str, severity: Severity = "error") -> Problem:
        return Problem(self.file, self.line(loc), field_path(loc), message, severity)


@dataclass
class Loaded(Generic[R]):
    id: str
    record: R
    source: Source
    body: str = ""
    body_line: int = 1  # the line of the file where the summary below the fields starts


@dataclass
class Dataset:
    """Every valid record of a data folder, keyed by id."""

    municipality: Loaded[model.Municipality]
    parties: dict[str, Party]
    plans: dict[str, Loaded[model.Plan]] = field(default_factory=dict)
    committees: dict[str, Loaded[model.Committee]] = field(default_factory=dict)
    methods: dict[str, Loaded[model.Method]] = field(default_factory=dict)
    workshops: dict[str, Loaded[model.Workshop]] = field(default_factory=dict)
    activities: dict[str, Loaded[model.Activity]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
