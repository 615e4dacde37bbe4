"""JSON Schema for every record kind, generated from the record model (one source of truth).

Editors (VS Code, GitHub Codespaces) read it for completion and hover help; the site
publishes it at `schema/<kind>.json`, and the repository ships a copy in `schema/`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from . import model

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schema"

# kind → (model, Norwegian title, where such a file lives)
KINDS: dict[str, tuple[type[model.Record], str, str]] = {
    "municipality": (model.Municipality, "Kommunen", "data/municipality.yml"),
    "parties": (model.PartyList, "Lokale lister og partier", "data/parties.yml"),
    "plan": (model.Plan, "Plan", "data/plans/<id>.yml"),
    "committee": (model.Committee, "Utvalg", "data/committees/<id>.yml"),
    "method": (model.Method, "Metode", "data/methods/<id>.yml"),
    "workshop": (model.Workshop, "Verksted", "data/workshops/<id>.md (feltene mellom ---)"),
    "activity": (model.Activity, "Medvirkning", "data/activities/<id>.yml"),
}

# The data folder's subfolders, named by the kind they hold.
FOLDER_KINDS = {"plans": "plan", "committees": "committee", "methods": "method",
                "workshops": "workshop", "activities": "activity"}
# ... and the other way round: where the records of each kind live.
KIND_FOLDERS = {kind: folder for folder, kind in FOLDER_KINDS.items()}


def record_schema(kind: str) -> dict[str, Any]:
    record, title, where = KINDS[kind]
    body = record.model_json_schema()
    body.pop("title", None)
    # A model's docstring is for developers (English); the editors' help is ours, below.
    body.pop("description", None)
    return {"$schema": SCHEMA_DIALECT, "title": title,
            "description": f"Feltene i {where}. Ukjente felt er ikke tillatt.", **body}


@cache  # the model does not change while the process runs (each serve rebuild asks again)
def schema_text(kind: str) -> str:
    return json.dumps(record_schema(kind), ensure_ascii=False, indent=2) + "\n"


def schema_file(kind: str) -> str:
    """The schema's path inside the repository and on the published site."""
    return f"{SCHEMA_FOLDER}/{kind}.json"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (the repository's `schema/`)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
