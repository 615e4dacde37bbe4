"""`verksted new`: write a new record from a commented template, pre-filled where it can be.

The data folder may be half-edited when someone runs this, so it reads what it needs
(ids, numbers, e-mail) tolerantly, file by file, instead of loading the whole dataset.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import frontmatter
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..editor.canonical import scalar
from ..language.i18n import tr
from ..records.load import NO_SUCH_RECORD
from ..records.model import ID_PATTERN
from ..records.reproducible import today as clock_today
from ..records.schema import KIND_FOLDERS, SCHEMA_FOLDER, schema_file
from ..records.yamlread import YamlSyntaxError, parse_yaml


class NewRecordError(Exception):
    """The record was not written; the message says why and what to do."""


@dataclass(frozen=True)
class NewRecord:
    kind: str
    record_id: str
    data_dir: Path
    committee: str | None = None
    method: str | None = None
    plan: str | None = None
    schema_url: str | None = None
    project_root: Path | None = None  # where schema/ lives; default: the data folder's parent


def create(request: NewRecord, today: date | None = None) -> Path:
    """Write the record and return its path; refuses to overwrite or to use a bad id."""
    if not ID_PATTERN.fullmatch(request.record_id):
        raise NewRecordError(tr("new_bad_id", id=request.record_id))
    folder = request.data_dir / KIND_FOLDERS[request.kind]
    suffix = ".md" if request.kind == "workshop" else ".yml"
    target = folder / f"{request.record_id}{suffix}"
    for existing in (target, folder / f"{request.record_id}.yaml"):
        if existing.exists():
            raise NewRecordError(tr("new_exists", file=existing))
    values = _prefill(request, target, today or clock_today())
    text = _templates().get_template(f"new/{request.kind}{suffix}").render(**values)
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return target


def _prefill(request: NewRecord, target: Path, today: date) -> dict[str, Any]:
    data_dir = request.data_dir
    values: dict[str, Any] = {
        "schema": request.schema_url or _schema_path(request, target),
        "title": _quoted(_title_from_id(request.record_id)),
    }
    if request.kind == "workshop":
        committee = request.committee or _only(data_dir, "committees", "--committee")
        _must_exist(data_dir, "committees", committee)
        method = request.method or _only(data_dir, "methods", None)
        if request.method:
            _must_exist(data_dir, "methods", method)
        day = re.match(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-", request.record_id)
        values.update(committee=committee, method=method,
                      number=_next_number(data_dir, committee),
                      start=day.group(1) if day else today.isoformat())
    elif request.kind in ("committee", "activity"):
        plan = request.plan or _only(data_dir, "plans", "--plan")
        _must_exist(data_dir, "plans", plan)
        values.update(plan=plan)
        if request.kind == "activity":  # today: a start the editor sees and changes
            values.update(start=today.isoformat())
    elif request.kind == "plan":
        values.update(email=_quoted(_municipality_email(data_dir) or "postmottak@kommune.no"))
    return values


def _templates() -> Environment:
    # YAML, not HTML: no autoescape; every inserted value is an id, a number or quoted.
    return Environment(loader=PackageLoader("verksted_plugin.pages", "templates"),  # noqa: S701
                       keep_trailing_newline=True, undefined=StrictUndefined)


def _schema_path(request: NewRecord, target: Path) -> str:
    """A path relative to the record, so editors find the schema in the checkout itself."""
    kind = request.kind
    project = (request.project_root or request.data_dir.parent).resolve()
    schema = project / schema_file(kind)
    if not (project / SCHEMA_FOLDER).is_dir():
        return f"../../{schema_file(kind)}"
    return Path(os.path.relpath(schema, target.parent.resolve())).as_posix()


def _title_from_id(record_id: str) -> str:
    words = re.sub(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-", "", record_id).replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else record_id


def _quoted(text: str) -> str:
    """Plain where YAML reads it back as the same text, else in double quotes: the form
    `verksted fmt` writes, so a new file passes `fmt --check` as written."""
    return scalar(text)


def _ids(data_dir: Path, folder: str) -> list[str]:
    path = data_dir / folder
    if not path.is_dir():
        return []
    return sorted(p.stem for p in path.iterdir()
                  if p.suffix in (".yml", ".yaml", ".md") and not p.name.startswith("."))


def _only(data_dir: Path, folder: str, option: str | None) -> str | None:
    """The single record of a kind, or None/an error asking which one."""
    ids = _ids(data_dir, folder)
    if len(ids) == 1:
        return ids[0]
    if option is None:
        return None
    known = ", ".join(ids) or tr("new_none_yet", kind=folder[:-1])
    raise NewRecordError(tr("new_choose", kind=folder[:-1], option=option, known=known))


def _must_exist(data_dir: Path, folder: str, record_id: str | None) -> None:
    ids = _ids(data_dir, folder)
    if record_id not in ids:
        known = ", ".join(ids) or tr("known_none")
        raise NewRecordError(tr(NO_SUCH_RECORD[folder[:-1]], id=record_id,
                                folder=f"data/{folder}/", known=known))


def _front_matter(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        fields = frontmatter.YAMLHandler().split(text)[0] if path.suffix == ".md" else text
        data = parse_yaml(fields).data
    except (OSError, UnicodeDecodeError, ValueError, YamlSyntaxError):
        return {}
    return data if isinstance(data, dict) else {}


def _next_number(data_dir: Path, committee: str | None) -> int:
    """One more than the highest number in the committee's series (drafts count too)."""
    numbers = [0]
    folder = data_dir / "workshops"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        fields = _front_matter(path)
        if fields.get("committee") == committee and isinstance(fields.get("number"), int):
            numbers.append(fields["number"])
    return max(numbers) + 1


def _municipality_email(data_dir: Path) -> str | None:
    for name in ("municipality.yml", "municipality.yaml"):
        email = _front_matter(data_dir / name).get("email")
        if isinstance(email, str):
            return email
    return None
