"""Turn pydantic's validation errors into sentences a communications officer can act on."""

from __future__ import annotations

import difflib
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .yamlread import Loc


def explain(error: ErrorDetails, model: type[BaseModel]) -> tuple[Loc, str]:
    """The location a person should look at, and what was expected there."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return loc, "required field is missing"
    if kind == "extra_forbidden":
        return loc, _unknown_field(model, loc)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace("'", "")
        hint = ""
        if isinstance(given, str) and given.lower() in {"no", "norsk", "nob", "nno"}:
            hint = " (Norwegian is nb for bokmål or nn for nynorsk)"
        return loc, f'expected one of: {expected}; got "{given}"{hint}'
    if kind in ("bool_type", "bool_parsing"):
        return loc, f'expected true or false; got "{given}"'
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, f'expected a whole number like 12; got "{given}"'
    if kind == "greater_than_equal":
        return loc, f"expected a number of at least {error.get('ctx', {}).get('ge')}; got {given}"
    if kind == "string_type":
        return loc, f"expected text; got {_shape(given)}"
    if kind == "string_too_short":
        return loc, "must not be empty"
    if kind == "string_pattern_mismatch":
        return loc, f'expected four digits in quotes, like "1470"; got "{given}"'
    if kind == "list_type":
        return loc, f'expected a list (one line per item, starting with "- "); got {_shape(given)}'
    if kind == "too_short":  # an empty text arrives here too when the field may be left out
        return loc, "must not be empty" if isinstance(given, str) else "needs at least one item"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"expected fields (lines like `name: value`) here; got {_shape(given)}"
    if kind in ("date_type", "date_parsing", "datetime_type", "datetime_parsing"):
        return loc, 'expected a date like 2020-02-11 or a date and time like "2020-02-11 18:00"'
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return loc, message


def _shape(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"'


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    known = known_fields(model, loc[:-1])
    name = str(loc[-1])
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    guess = f'did you mean "{close[0]}"? ' if close else ""
    return f"unknown field; {guess}known fields here: {', '.join(known)}"


def known_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc` inside `model`, following nested records and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _record_type(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _record_type(annotation: Any) -> Any:
    """Unwrap `list[X]` and `X | None` down to the record class X (or the plain type)."""
    origin = get_origin(annotation)
    if origin in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            found = _record_type(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
    return annotation
