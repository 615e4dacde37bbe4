"""Warn where a Markdown field holds markup the published page will not show.

The pages are safe either way (the sanitizer removes it); the warning tells the editor
that what they wrote is not what the reader gets, with file, line and field. A warning
fails `mkdocs build --strict` and `verksted check --strict`.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..language.i18n import tr
from .problems import Problem
from .safe_markdown import Removed, markdown_converter, removed_markup
from .yamlread import Loc

if TYPE_CHECKING:
    from .dataset import Dataset, Loaded

_CONVERTER = None


def _is_markdown(part: Any) -> bool:
    """True for a field (or a type inside one) that the model marks `format: markdown`."""
    if isinstance(part, FieldInfo):
        extra = part.json_schema_extra
        if isinstance(extra, dict) and extra.get("format") == "markdown":
            return True
        return _is_markdown(part.annotation)
    return any(_is_markdown(arg) for arg in typing.get_args(part))


@cache
def _markdown_flags(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Each field of a model and whether it is Markdown: the model's types do not change,
    so they are looked through once per process, not for every record on every rebuild."""
    return tuple((name, _is_markdown(info)) for name, info in model.model_fields.items())


def markdown_fields(record: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every Markdown value in a record, with where it sits (`("phases", 0, "description")`)."""
    for name, markdown in _markdown_flags(type(record)):
        value = getattr(record, name)
        here = (*loc, name)
        if markdown:
            if isinstance(value, str):
                yield here, value
            elif isinstance(value, list):
                yield from (((*here, i), item) for i, item in enumerate(value)
                            if isinstance(item, str))
        elif isinstance(value, BaseModel):
            yield from markdown_fields(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from markdown_fields(item, (*here, i))


def findings(text: str) -> list[Removed]:
    global _CONVERTER
    if not any(mark in text for mark in "<:&"):  # no tag, scheme or entity: nothing to remove
        return []
    _CONVERTER = _CONVERTER or markdown_converter()
    return removed_markup(_CONVERTER.reset().convert(text))


def _message(found: list[Removed]) -> str:
    return tr("warn_markup_removed", what="; ".join(item.what for item in found))


def _line_in(text: str, needle: str) -> int:
    """The line (counting from 0) of the text where `needle` first appears."""
    at = text.lower().find(needle.lower())
    return text.count("\n", 0, at) if at >= 0 else 0


def markup_warnings(dataset: Dataset) -> Iterable[Problem]:
    every: list[Loaded[Any]] = [dataset.municipality, *dataset.plans.values(),
                                *dataset.committees.values(), *dataset.methods.values(),
                                *dataset.workshops.values(), *dataset.activities.values()]
    for loaded in every:
        for loc, text in markdown_fields(loaded.record):
            if found := findings(text):
                yield loaded.source.problem(loc, _message(found), "warning")
        if loaded.body and (found := findings(loaded.body)):
            line = loaded.body_line + _line_in(loaded.body, found[0].needle)
            yield Problem(loaded.source.file, line, "summary", _message(found), "warning")
