"""Decap CMS's `config.yml`, generated from the record model (the source of the JSON Schemas).

Each field of a record becomes a form field: its JSON Schema decides the widget, the
model's `required` list decides what must be filled in, and the Norwegian description
becomes the hint. A new field in `model.py` therefore appears in the form by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ..language.i18n import tr
from ..language.labels import LABELS_DIR
from ..records import model
from ..records.active_uploads import DOCUMENT_FOLDER, PHOTO_FOLDER
from ..records.parties import Party
from ..records.schema import record_schema

# Short Norwegian labels for the fields people see most; any other field's label is
# taken from the start of its description, so a new field never goes unlabelled.
FIELD_LABELS: dict[str, str] = {
    "title": "Tittel", "name": "Navn", "committee": "Utvalg", "method": "Metode",
    "plan": "Plan", "number": "Nummer", "start": "Start", "end": "Slutt",
    "status": "Status", "status_note": "Om endringen", "attendance": "Oppmøte",
    "location": "Sted", "online_url": "Lenke for digital deltakelse", "invited": "Invitert",
    "participants": "Deltakere", "themes": "Temaer", "agenda": "Program",
    "documents": "Dokumenter", "inputs": "Innspill", "decisions": "Vedtak og forslag",
    "photos": "Bilder", "draft": "Utkast (publiseres ikke)", "purpose": "Formål",
    "mandate": "Mandat", "composition": "Sammensetning", "members": "Medlemmer",
    "meetings_url": "Møtedokumenter (lenke)", "contact": "Kontaktperson", "summary": "Sammendrag",
    "phases": "Faser", "steps": "Steg", "label": "Merkelapp", "description": "Beskrivelse",
    "questions": "Spørsmål", "lead_time_days": "Dager før verkstedet", "party": "Parti",
    "role": "Rolle", "src": "Bildefil", "alt": "Alternativ tekst", "caption": "Bildetekst",
    "credit": "Fotograf", "decorative": "Pyntebilde (trenger ikke alt-tekst)",
    "file": "Fil", "url": "Lenke", "kind": "Type", "theme": "Tema", "text": "Tekst",
    "street": "Gate", "postcode": "Postnummer", "city": "Poststed", "phone": "Telefon",
    "email": "E-post", "website": "Nettsted", "language": "Språk",
    "visiting_address": "Besøksadresse", "postal_address": "Postadresse",
    "accessibility_statement": "Tilgjengelighetserklæring", "address": "Adresse",
    "room": "Rom", "politicians": "Politikere", "administration": "Administrasjonen",
    "residents": "Innbyggere", "current": "Vi er her", "code": "Partikode",
    "nb": "Navn (bokmål)", "nn": "Navn (nynorsk)", "en": "Navn (engelsk)",
    "parties": "Lokale lister og partier",
    "how_to_take_part": "Slik deltar du", "result": "Resultat",
    "knowledge_from": "Bygger på medvirkning",
}

# Where the labels files name each enumeration's values ("status_held: Gjennomført").
ENUM_LABEL_PREFIX = {"status": "status_", "attendance": "attendance_", "role": "role_",
                     "kind": "doc_"}
# A record's own field whose name a nested record uses for other values: an activity's
# `kind` (survey, consultation …) is not its documents' `kind` (saksframlegg …).
RECORD_ENUM_LABEL_PREFIX = {("activity", "kind"): "activity_kind_"}
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "Engelsk"}

# The fields that point at another record, and the collection that record lives in.
RELATIONS = {"committee": "committees", "plan": "plans", "method": "methods",
             "knowledge_from": "activities"}


DATE_FORMAT = "YYYY-MM-DD"
# The hint under a start or end, and the message when the loader would not read it.
WHEN_MESSAGES = {
    "start": "Skriv dato og klokkeslett som 2030-05-06 18:00, eller bare datoen (2030-05-06) "
             "når klokkeslettet ikke er bestemt",
    "end": "Skriv dato og klokkeslett som 2030-05-06 21:00, eller bare klokkeslettet (21:00) "
           "når verkstedet slutter samme dag",
}

# Collections: name → (model kind, Norwegian label, singular label).
FOLDER_COLLECTIONS = {
    "workshops": ("workshop", "Verksteder", "Verksted"),
    "committees": ("committee", "Utvalg", "Utvalg"),
    "plans": ("plan", "Planer", "Plan"),
    "methods": ("method", "Metoder", "Metode"),
    "activities": ("activity", "Medvirkning", "Medvirkning"),
}
SUMMARY_TEMPLATES = {
    "workshops": "{{start}} – {{title}}",
    "committees": "{{name}}",
    "plans": "{{title}}",
    "methods": "{{name}}",
    "activities": "{{start}} – {{title}}",
}
IDENTIFIERS = {"workshops": "title", "committees": "name", "plans": "title", "methods": "name",
               "activities": "title"}
# The collections with a date to sort by besides the name.
DATED = ("workshops", "activities")
# Every Markdown field's widget. Raw mode only: the rich-text editor rewrites Markdown it
# did not write. The preview is cleaned (DOMPurify) before it is shown: a record's raw HTML
# must not run in the editor's own page, which holds the editor's login.
MARKDOWN_WIDGET: dict[str, Any] = {"widget": "markdown", "modes": ["raw"],
                                   "sanitize_preview": True}
# The summary of a workshop is the Markdown below its front matter.
BODY_FIELD = {"label": "Oppsummering", "name": "body", **MARKDOWN_WIDGET, "required": False,
              "hint": "Hva som skjedde på verkstedet (Markdown). Skrives under feltene i filen."}


class EditorConfigError(Exception):
    """The editor options in mkdocs.yml are wrong; the message says how to fix them."""


BACKENDS = {"github": "github", "gitlab": "gitlab", "gitea": "gitea", "forgejo": "gitea",
            "azure": "azure"}


@dataclass(frozen=True)
class EditorOptions:
    """The `editor:` options of the verksted plugin in mkdocs.yml."""

    backend: str | None = None        # github, gitlab, gitea/forgejo, azure
    repo: str | None = None           # owner/name (Azure: organisation/project/repository)
    branch: str = "main"
    editorial_workflow: bool = False  # each change as a pull/merge request
    extra: dict[str, Any] = field(default_factory=dict)  # base_url, api_root, app_id, …
    enabled: bool = True
    local_port: int = 8081            # where `make edit` runs decap-server (on 127.0.0.1)

    @property
    def configured(self) -> bool:
        return bool(self.backend and self.repo)


PASSED_THROUGH = ("base_url", "api_root", "app_id", "auth_type", "auth_endpoint",
                  "site_domain", "tenant_id", "cms_label_prefix", "squash_merges")


def read_options(raw: dict[str, Any] | None) -> EditorOptions:
    """Check the `editor:` mapping; every mistake comes back at once, in one message."""
    raw = dict(raw or {})
    problems = []
    known = {"enabled", "backend", "repo", "branch", "editorial_workflow", "local_port",
             *PASSED_THROUGH}
    unknown = sorted(set(raw) - known)
    if unknown:
        problems.append(tr("editor_unknown_options", unknown=", ".join(unknown),
                           known=", ".join(sorted(known))))
    backend = raw.get("backend")
    if backend is not None and backend not in BACKENDS:
        problems.append(tr("editor_backend", known=", ".join(BACKENDS), given=backend))
    repo = raw.get("repo")
    if repo is not None and (not isinstance(repo, str) or "/" not in repo):
        problems.append(tr("editor_repo"))
    if backend and not repo:
        problems.append(tr("editor_repo_missing"))
    for flag in ("enabled", "editorial_workflow"):
        if flag in raw and not isinstance(raw[flag], bool):
            problems.append(tr("editor_flag", flag=flag))
    port = raw.get("local_port", 8081)
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        problems.append(tr("editor_port"))
    if problems:
        raise EditorConfigError(tr("editor_options", problems="; ".join(problems)))
    return EditorOptions(backend=BACKENDS.get(backend) if backend else None, repo=repo,
                         branch=str(raw.get("branch") or "main"),
                         editorial_workflow=bool(raw.get("editorial_workflow", False)),
                         extra={k: raw[k] for k in PASSED_THROUGH if k in raw},
                         enabled=bool(raw.get("enabled", True)), local_port=port)


@dataclass(frozen=True)
class Folders:
    """The project's folders relative to the repository root, with `/` separators."""

    data: str = "data"
    docs: str = "docs"


def enum_labels(language: str = "nb") -> dict[str, str]:
    path = LABELS_DIR / f"{language}.yml"
    return dict(_parsed_labels(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def _parsed_labels(text: str) -> dict[str, str]:
    """The labels file read once, not once per record kind (it is 9 KB for the pure-Python
    YAML reader); by its text, so a changed file is read again."""
    return yaml.safe_load(text) or {}


class _FieldMaker:
    """Turns one JSON Schema property into one Decap field."""

    def __init__(self, defs: dict[str, Any], parties: dict[str, Party], folders: Folders,
                 labels: dict[str, str], kind: str = "") -> None:
        self.defs = defs
        self.parties = parties
        self.folders = folders
        self.labels = labels
        # the record's own fields' label prefixes (nested records keep ENUM_LABEL_PREFIX)
        self.top_prefixes = {name: prefix for (owner, name), prefix
                             in RECORD_ENUM_LABEL_PREFIX.items() if owner == kind}

    def fields(self, schema: dict[str, Any], *, top: bool = False) -> list[dict[str, Any]]:
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        return [self.field(name, prop, name in required,
                           self.top_prefixes.get(name) if top else None)
                for name, prop in schema.get("properties", {}).items()]

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref")
        if ref:
            return self.defs[ref.rsplit("/", 1)[-1]]
        return schema

    def field(self, name: str, prop: dict[str, Any], required: bool,
              prefix: str | None = None) -> dict[str, Any]:
        description = prop.get("description", "")
        value = _without_null(prop)
        out: dict[str, Any] = {"label": label_for(name, description), "name": name}
        out.update(self.widget(name, self.resolve(value), prefix))
        out["required"] = required
        if description and "hint" not in out:
            out["hint"] = description
        # No `default`s: an empty field means the model's default, and Decap would otherwise
        # write defaults into new files (and add an item to every list holding one).
        return out

    def widget(self, name: str, schema: dict[str, Any],
               prefix: str | None = None) -> dict[str, Any]:
        if name in RELATIONS and schema.get("type") == "string":
            return _relation(RELATIONS[name])
        if name in RELATIONS and schema.get("type") == "array" \
                and self.resolve(schema.get("items", {})).get("type") == "string":
            # a list of ids (knowledge_from): one field to pick several, stored as a list
            return {**_relation(RELATIONS[name]), "multiple": True}
        if name == "party":
            return {"widget": "select", "options": [
                {"label": f"{p.nb} ({code})", "value": code} for code, p in self.parties.items()]}
        if name == "language" and "enum" in schema:
            return {"widget": "select", "options": [
                {"label": LANGUAGE_NAMES.get(v, v), "value": v} for v in schema["enum"]]}
        if "enum" in schema:
            prefix = prefix or ENUM_LABEL_PREFIX.get(name, f"{name}_")
            return {"widget": "select", "options": [
                {"label": str(self.labels.get(f"{prefix}{v}", v)).capitalize()
                 if isinstance(v, str) else str(v), "value": v} for v in schema["enum"]]}
        kind = schema.get("type")
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "integer":
            out: dict[str, Any] = {"widget": "number", "value_type": "int"}
            for key, target in (("minimum", "min"), ("maximum", "max")):
                if key in schema:
                    out[target] = schema[key]
            return out
        if kind == "number":
            return {"widget": "number", "value_type": "float"}
        if kind == "array":
            items = self.resolve(schema.get("items", {}))
            out = {"widget": "list"}
            if items.get("type") == "object" or "properties" in items:
                out["fields"] = self.fields(items)
                first = next(iter(items.get("properties", {})), None)
                if first:
                    out["summary"] = "{{fields." + first + "}}"
            else:
                inner = self.widget(name, items)
                out["field"] = {"label": label_for(name, ""), "name": name, **inner}
            if schema.get("minItems"):
                out["min"] = schema["minItems"]
            return out
        if kind == "object" or "properties" in schema:
            return {"widget": "object", "collapsed": False, "fields": self.fields(schema)}
        return self.text_widget(name, schema)

    def text_widget(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        if schema.get("format") == "markdown":
            return {**MARKDOWN_WIDGET, "modes": list(MARKDOWN_WIDGET["modes"])}
        pattern = schema.get("pattern", "")
        day = f"^{model._DAY}$"
        if pattern == day:
            return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT,
                    "time_format": False, "picker_utc": False}
        if pattern.startswith(f"^{model._DAY}(?:") or pattern.startswith(f"^(?:{model._DAY}"):
            # Text with the loader's pattern, not Decap's datetime picker: the picker always
            # writes a time, so it could not store a date alone («2030-05-06») or an end
            # given as a time alone («21:00»), both of which the record allows.
            message = WHEN_MESSAGES.get(name, WHEN_MESSAGES["start"])
            return {"widget": "string", "pattern": [pattern, message], "hint": message}
        if name == "src":
            return {"widget": "image", "choose_url": False,
                    "media_folder": f"/{self.folders.docs}/{PHOTO_FOLDER}",
                    "public_folder": PHOTO_FOLDER}
        if name == "file":
            return {"widget": "file", "choose_url": False,
                    "media_folder": f"/{self.folders.docs}/{DOCUMENT_FOLDER}",
                    "public_folder": DOCUMENT_FOLDER}
        out: dict[str, Any] = {"widget": "string"}
        if pattern:
            out["pattern"] = [pattern, _pattern_message(schema)]
        return out


def _relation(collection: str) -> dict[str, Any]:
    """Pick a record of `collection` by its name; the file name (the id) is stored."""
    return {"widget": "relation", "collection": collection, "value_field": "{{slug}}",
            "search_fields": [IDENTIFIERS[collection]],
            "display_fields": [IDENTIFIERS[collection]]}


def _pattern_message(schema: dict[str, Any]) -> str:
    return {"uri": "Skriv en nettadresse som begynner med https://",
            "email": "Skriv en e-postadresse, f.eks. navn@kommune.no"}.get(
        schema.get("format", ""), "Verdien har feil form; se hjelpeteksten")


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """`X | None` appears as anyOf [X, null]; the form only needs X."""
    options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return {**{k: v for k, v in prop.items() if k != "anyOf"}, **options[0]}
    return prop


def label_for(name: str, description: str) -> str:
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    # "Antall politikere som deltok, f.eks. 9" → "Antall politikere som deltok"
    text = re.split(r",\s*f\.eks\.|\s*[;:(«]|\s+–\s+", description, maxsplit=1)[0].strip()
    return text or name.replace("_", " ").capitalize()


def kind_schema(kind: str) -> dict[str, Any]:
    """The record's JSON Schema, exactly as `verksted schema` publishes it."""
    return record_schema(kind)


def collection_fields(kind: str, parties: dict[str, Party], folders: Folders,
                      language: str = "nb") -> list[dict[str, Any]]:
    schema = kind_schema(kind)
    maker = _FieldMaker(schema.get("$defs", {}), parties, folders, enum_labels(language), kind)
    return maker.fields(schema, top=True)


def backend_config(options: EditorOptions) -> dict[str, Any]:
    if not options.configured:
        # Decap needs a backend name; test-repo never touches a real repository, and
        # admin/ shows what to configure instead (see index.html).
        return {"name": "test-repo"}
    backend: dict[str, Any] = {"name": options.backend, "repo": options.repo,
                               "branch": options.branch}
    backend.update(options.extra)
    backend.setdefault("commit_messages", {
        "create": "Ny {{collection}}: {{slug}}", "update": "Endret {{collection}}: {{slug}}",
        "delete": "Slettet {{collection}}: {{slug}}", "uploadMedia": "Lastet opp {{path}}",
        "deleteMedia": "Slettet {{path}}"})
    return backend


def cms_config(options: EditorOptions, parties: dict[str, Party], folders: Folders = Folders(),
               *, site_url: str | None = None, language: str = "nb") -> dict[str, Any]:
    """The whole Decap configuration as a dict (written out as admin/config.yml)."""
    def fields(kind: str) -> list[dict[str, Any]]:
        return collection_fields(kind, parties, folders, language)

    config: dict[str, Any] = {
        "backend": backend_config(options),
        # Always on: Decap looks for the local proxy (decap-server, `make edit`) only when
        # the editor itself runs on localhost/127.0.0.1; the URL pins it to 127.0.0.1.
        "local_backend": {"url": f"http://127.0.0.1:{options.local_port}/api/v1"},
        "locale": "nb_no",
        "media_folder": f"{folders.docs}/{PHOTO_FOLDER}",
        "public_folder": PHOTO_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if options.configured and options.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    config["collections"] = [
        {"name": "settings", "label": "Kommunen og partiene", "editor": {"preview": False},
         "files": [
             {"name": "municipality", "label": "Kommunen", "file": f"{folders.data}/municipality.yml",
              "format": "verksted-municipality", "fields": fields("municipality")},
             {"name": "parties", "label": "Lokale lister og partier",
              "file": f"{folders.data}/parties.yml", "format": "verksted-parties",
              "fields": fields("parties")},
         ]},
    ]
    for name, (kind, label, singular) in FOLDER_COLLECTIONS.items():
        collection: dict[str, Any] = {
            "name": name, "label": label, "label_singular": singular,
            # No deleting from the form: removing a record is a deliberate change in git.
            "folder": f"{folders.data}/{name}", "create": True, "delete": False,
            "identifier_field": IDENTIFIERS[name],
            "summary": SUMMARY_TEMPLATES[name],
            "sortable_fields": [IDENTIFIERS[name], *(["start"] if name in DATED else [])],
        }
        if name == "workshops":
            collection.update({
                "extension": "md", "format": "verksted-workshop",
                # 2030-05-06-<title-slug>.md, the file name rule of RECORDS.md
                "slug": "{{fields.start | date('YYYY-MM-DD')}}-{{slug}}",
                "fields": [*fields(kind), BODY_FIELD],
            })
        else:
            collection.update({"extension": "yml", "format": f"verksted-{kind}",
                               "slug": "{{slug}}", "fields": fields(kind)})
        config["collections"].append(collection)
    return config


def config_yaml(config: dict[str, Any]) -> str:
    header = ("# Generated by verksted from the record model (plugins/verksted_plugin/model.py)\n"
              "# at every build. Do not edit: change the model or the editor options in mkdocs.yml.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
