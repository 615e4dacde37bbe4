"""Turn pydantic's validation errors into sentences a communications officer can act on."""

from __future__ import annotations

import difflib
import re
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from ..language.i18n import Message, number, tr
from .yamlread import Loc


def explain(error: ErrorDetails, model: type[BaseModel]) -> tuple[Loc, str]:
    """The location a person should look at, and what was expected there.

    Every pydantic error type a record can cause has its own sentence from the catalogue;
    any other gets a translated generic one: pydantic's English never reaches the editor.
    """
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return loc, tr("field_missing")
    if kind == "extra_forbidden":
        return loc, _unknown_field(model, loc)
    if kind == "literal_error":
        # pydantic says "'a', 'b' or 'c'"; the values stay, the "or" is ours.
        values = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = ""
        if isinstance(given, str) and given.lower() in {"no", "norsk", "nob", "nno"}:
            hint = tr("field_language_hint")
        return loc, tr("field_one_of", expected=_or_list(values), given=_shape(given)) + hint
    if kind in ("bool_type", "bool_parsing"):
        return loc, tr("field_bool", given=_shape(given))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, tr("field_int", given=_shape(given))
    if kind == "greater_than_equal":
        return loc, tr("field_at_least", minimum=ctx.get("ge"), given=_shape(given))
    if kind == "less_than_equal":
        return loc, tr("field_at_most", maximum=number(int(ctx.get("le", 0))),
                       given=_shape(given))
    if kind == "string_type":
        return loc, tr("field_text", given=_shape(given))
    if kind == "string_too_short":
        return loc, tr("field_empty")
    if kind == "string_pattern_mismatch":
        return loc, tr("field_postcode", given=_shape(given))
    if kind == "list_type":
        # `themes:` over `  -Visjon` (no space after '-') is one text, "-Visjon", to YAML.
        if isinstance(given, str) and re.match(r"-[^\s\d-]", given):
            item = re.split(r"\s+-", given[1:])[0]
            return loc, tr("field_list_dash", fixed=f"- {item}")
        return loc, tr("field_list", given=_shape(given))
    if kind == "too_short":  # an empty text arrives here too when the field may be left out
        return loc, tr("field_empty") if isinstance(given, str) else tr("field_list_empty")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, tr("field_fields", given=_shape(given))
    if kind in ("date_type", "date_parsing", "datetime_type", "datetime_parsing",
                "time_type", "time_parsing"):
        return loc, tr("value_when")
    if kind in ("value_error", "assertion_error") and isinstance(ctx.get("error"), Message):
        message = ctx["error"]
        return (*loc, message.at_field) if message.at_field else loc, str(message)
    return loc, tr("field_invalid", given=_shape(given))


def _or_list(values: list[str]) -> str:
    """`a, b or c` in the current language."""
    if len(values) < 2:
        return "".join(values)
    return tr("list_or", items=", ".join(values[:-1]), last=values[-1])


def _shape(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if value is None:
        return tr("shape_nothing")
    if isinstance(value, dict):
        return tr("shape_fields")
    if isinstance(value, list):
        return tr("shape_list")
    return tr("shape_value", value=value)


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    known = known_fields(model, loc[:-1])
    close = guess_field(str(loc[-1]), known)
    guess = tr("field_did_you_mean", guess=close) if close else ""
    return tr("field_unknown", guess=guess, known=", ".join(known))


# Names editors reach for, in Norwegian and in the words of other tools, with the fields
# they may mean (the first one known at that place is suggested).
SYNONYMS = {
    "alt_text": "alt", "alttext": "alt", "alt_tekst": "alt", "alttekst": "alt",
    "alternativ_tekst": "alt", "description": "alt", "bildetekst": "caption",
    "tekst": "text", "fotograf": "credit", "photographer": "credit", "kilde": "credit",
    "bilde": "photos src", "bilder": "photos", "foto": "photos src", "fotos": "photos",
    "image": "photos src", "images": "photos", "picture": "photos src", "pictures": "photos",
    "path": "src file", "sti": "src file", "fil": "file src", "lenke": "url online_url",
    "link": "url online_url", "href": "url", "nettside": "website url", "type": "kind",
    "tittel": "title", "navn": "name", "dato": "start", "date": "start", "begin": "start",
    "slutt": "end", "sted": "location", "place": "location", "venue": "location",
    "adresse": "address street", "rom": "room", "utvalg": "committee", "metode": "method",
    "nummer": "number", "tema": "themes theme", "temaer": "themes", "topics": "themes",
    "dokumenter": "documents", "innspill": "inputs", "vedtak": "decisions",
    "deltakere": "participants", "deltagere": "participants", "inviterte": "invited",
    "program": "agenda steps", "steg": "steps agenda", "trinn": "steps agenda",
    "spørsmål": "questions", "frist": "lead_time_days", "etikett": "label",
    "beskrivelse": "description", "parti": "party", "rolle": "role", "medlemmer": "members",
    "formål": "purpose", "mandat": "mandate", "sammensetning": "composition",
    "faser": "phases", "fase": "phases", "kontakt": "contact", "telefon": "phone",
    "tlf": "phone", "epost": "email", "e_post": "email", "mail": "email",
    "sammendrag": "summary", "oppsummering": "summary", "kladd": "draft", "utkast": "draft",
    "språk": "language", "lang": "language", "postnummer": "postcode", "zip": "postcode",
    "poststed": "city", "gate": "street", "gateadresse": "street", "kode": "code",
    "pynt": "decorative", "møter": "meetings_url", "notat": "status_note",
    "politikere": "politicians", "folkevalgte": "politicians",
    "administrasjon": "administration", "administrasjonen": "administration",
    "ansatte": "administration", "innbyggere": "residents", "innbyggerne": "residents",
    "oppmøte": "attendance", "form": "attendance", "digitalt": "online_url",
}


def _synonym(name: str, known: list[str]) -> str | None:
    return next((field for field in SYNONYMS.get(name, "").split() if field in known), None)


def guess_field(name: str, known: list[str]) -> str | None:
    """The known field `name` most likely means: the same name in other letters or
    separators (`Alt`, `alt-text`), a word for it (`alt_text`, `tittel`), a close spelling
    (`statsu`), a field the name begins with (`start_date`), or a looser spelling."""
    normal = re.sub(r"[\s-]+", "_", name.strip().lower())
    if normal in known:
        return normal
    first = normal.split("_")[0]
    squashed = {field.replace("_", ""): field for field in known}
    for found in (
            _synonym(normal, known),
            next(iter(difflib.get_close_matches(normal, known, n=1, cutoff=0.8)), None),
            first if first in known else _synonym(first, known),
            next(iter(difflib.get_close_matches(normal, known, n=1, cutoff=0.6)), None),
            squashed.get(next(iter(difflib.get_close_matches(
                normal.replace("_", ""), squashed, n=1, cutoff=0.6)), ""))):
        if found:
            return found
    return None


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
