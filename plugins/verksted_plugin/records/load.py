"""Read every record file in the data folder, validate it, and collect every problem.

Nothing here stops at the first mistake: a communications officer fixes a whole list
in one go. The result is either a complete `Dataset` or a `DataError` with all problems;
never half the data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import frontmatter
from pydantic import BaseModel, ValidationError

from ..language.i18n import number, tr, use_language
from . import model
from .active_uploads import active_uploads
from .dataset import Dataset, Loaded, Source
from .deadlines import overdue_warnings
from .hidden_mistakes import garbled_warnings, photo_name_warnings, start_date_warnings
from .markup_check import markup_warnings
from .messages import explain
from .parties import Party, party_table
from .problems import DataError, Problem, field_path
from .record_cache import RecordCache
from .reproducible import now as clock_now
from .schema import KIND_FOLDERS
from .site_language import chosen_language
from .theme_names import near_duplicate_warnings
from .yamlread import MAX_FILE_BYTES, Loc, YamlSyntaxError, parse_yaml

R = TypeVar("R", bound=BaseModel)

YAML_SUFFIXES = (".yml", ".yaml")
FOLDERS: dict[str, tuple[type[model.Record], tuple[str, ...]]] = {
    "plans": (model.Plan, YAML_SUFFIXES),
    "committees": (model.Committee, YAML_SUFFIXES),
    "methods": (model.Method, YAML_SUFFIXES),
    "workshops": (model.Workshop, (".md",)),
    "activities": (model.Activity, YAML_SUFFIXES),
}

# "no plan/committee/method with id …": one sentence each, as the nouns' genders differ.
NO_SUCH_RECORD = {"plan": "load_no_plan", "committee": "load_no_committee",
                  "method": "load_no_method", "activity": "load_no_activity"}


class _Collector:
    def __init__(self, data_dir: Path, display_root: Path) -> None:
        self.data_dir = data_dir
        self.display_root = display_root
        self.problems: list[Problem] = []
        # Ids of files that exist but did not validate: references to them are not
        # reported again as dangling, so one mistake gives one message.
        self.broken_ids: dict[str, set[str]] = {folder: set() for folder in FOLDERS}
        self._resolved_data_dir: Path | None = None

    def resolved_data_dir(self) -> Path:
        """The data folder without links, found once per load rather than once per file."""
        if self._resolved_data_dir is None:
            self._resolved_data_dir = self.data_dir.resolve()
        return self._resolved_data_dir

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.display_root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, file: str, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(file, line, where, message))

    def readable(self, path: Path) -> bool:
        """A plain file of sensible size inside the data folder; else say why not, by name.

        A link that leads out of the data folder is refused without reading it, and its
        target is never named: what lies outside is none of the site's business.
        """
        name = self.display(path)
        try:
            inside = path.resolve().is_relative_to(self.resolved_data_dir())
        except (OSError, RuntimeError):  # a link loop
            inside = False
        if not inside:
            self.add(name, 1, "", tr("load_link_outside_data"))
            return False
        if not path.is_file():
            self.add(name, 1, "", tr("load_not_plain_file"))
            return False
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            self.add(name, 1, "", tr("load_too_big", size=number(size), limit=number(MAX_FILE_BYTES)))
            return False
        return True

    def read_bytes(self, path: Path) -> bytes | None:
        """The file's bytes, read once: the record cache and the parser see the same ones."""
        if not self.readable(path):
            return None
        try:
            with path.open("rb") as handle:  # never more than the limit, even if it grew
                return handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            self.add(self.display(path), 1, "", tr("load_unreadable", reason=error.strerror))
            return None

    def read(self, path: Path, front_matter: bool, raw: bytes | None = None
             ) -> tuple[Source, str, int] | None:
        name = self.display(path)
        if raw is None and (raw := self.read_bytes(path)) is None:
            return None
        try:
            # A byte order mark (some Windows editors write one) is not part of the record:
            # read past it here as `verksted fmt` does, which then removes it.
            text = raw.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            self.add(name, 1, "", tr("load_not_utf8"))
            return None
        if "\x00" in text:
            self.add(name, text[:text.index("\x00")].count("\n") + 1, "",
                     tr("load_nul"))
            return None
        body, first_line, body_line = "", 1, 1
        if front_matter:
            if not text.startswith("---"):
                self.add(name, 1, "", tr("load_front_matter_start"))
                return None
            try:
                whole = text
                text, body = frontmatter.YAMLHandler().split(text)
            except ValueError:
                self.add(name, 1, "", tr("load_front_matter_end"))
                return None
            head = whole[:len(whole) - len(body)] + body[:len(body) - len(body.lstrip())]
            body_line = head.count("\n") + 1
            first_line = 1  # the split keeps the newline that ends the opening ---
            # The summary is Markdown, held to the rule of the Markdown fields (model.py).
            summary = body.strip()
            at = model.invisible_character(summary.replace("\r", "\n"), multiline=True)
            if at is not None:
                self.add(name, body_line + summary[:at].count("\n"), "", tr(
                    "value_control_character", code=f"U+{ord(summary[at]):04X}"))
                return None
        try:
            document = parse_yaml(text, first_line)
        except YamlSyntaxError as error:
            self.add(name, error.line, "", error.message)
            return None
        for loc, line in document.duplicate_keys:
            self.add(name, line, field_path(loc), tr("load_duplicate_key"))
        if document.duplicate_keys:
            return None
        return Source(name, document), body.strip(), body_line

    def validate(self, source: Source, kind: type[R], context: dict[str, object]) -> R | None:
        data = source.document.data
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.add(source.file, 1, "", tr("load_fields_at_top"))
            return None
        try:
            return kind.model_validate(data, context=context)
        except ValidationError as error:
            for detail in error.errors():
                loc, message = explain(detail, kind)
                self.problems.append(source.problem(loc, message))
            return None


def load_dataset(data_dir: Path, docs_dir: Path | None = None,
                 display_root: Path | None = None, *, today: date | datetime | None = None,
                 cache: RecordCache | None = None, language: str | None = None) -> Dataset:
    """`_load_dataset` with every message in `language`, else the site's language (or
    `--lang`/`VERKSTED_LANG`): the plugin passes the one it chose, so municipality.yml is
    not read twice for it."""
    with use_language(language or chosen_language(Path(data_dir))):
        return _load_dataset(data_dir, docs_dir, display_root, today=today, cache=cache)


def _load_dataset(data_dir: Path, docs_dir: Path | None = None,
                  display_root: Path | None = None, *, today: date | datetime | None = None,
                  cache: RecordCache | None = None) -> Dataset:
    """Load and check the whole data folder; raise `DataError` listing every problem.
    `today` (the clock's moment unless given; a date alone is its first moment) decides
    which deadlines have passed; `cache` keeps parsed records between the rebuilds of
    `mkdocs serve` (record_cache.py)."""
    data_dir = Path(data_dir)
    collect = _Collector(data_dir, Path(display_root) if display_root else data_dir.parent)
    if not data_dir.is_dir():
        raise DataError([Problem(collect.display(data_dir), 1, "",
                                 tr("load_no_data_folder"))])
    if docs_dir is not None:
        _check_links_out(collect, Path(docs_dir))

    parties = _load_parties(collect)
    context: dict[str, object] = {"parties": parties}
    municipality = _load_municipality(collect, context)
    dataset = Dataset(municipality=municipality, parties=parties)  # type: ignore[arg-type]
    # A record validated with other parties would validate differently: part of the key.
    cached = (cache, repr(parties)) if cache is not None else None
    for folder, (kind, suffixes) in FOLDERS.items():
        records = getattr(dataset, folder)
        for path in _record_files(collect, data_dir / folder, suffixes):
            _load_record(collect, path, kind, suffixes, records, context, cached)

    _check_references(dataset, collect, docs_dir)
    if collect.problems or municipality is None:
        raise DataError(collect.problems)
    dataset.warnings = [*_warnings(dataset), *markup_warnings(dataset)]
    dataset.warnings += near_duplicate_warnings(dataset)
    dataset.warnings += garbled_warnings([municipality, *dataset.plans.values(),
                                          *dataset.committees.values(),
                                          *dataset.methods.values(), *dataset.workshops.values(),
                                          *dataset.activities.values()])
    dataset.warnings += start_date_warnings(dataset)
    dataset.warnings += photo_name_warnings(dataset)
    # The clock's moment, not its day: a workshop earlier today is held, as on its page.
    dataset.warnings += overdue_warnings(dataset, today or clock_now())
    return dataset


def _load_parties(collect: _Collector) -> dict[str, Party]:
    path = _single_file(collect.data_dir, "parties")
    if path is None:
        return party_table()
    read = collect.read(path, front_matter=False)
    if read is None:
        return party_table()
    parsed = collect.validate(read[0], model.PartyList, {})
    if parsed is None:
        return party_table()
    return party_table([Party(p.code, p.nb, p.nn or p.nb, p.en or "") for p in parsed.parties])


def _load_municipality(collect: _Collector, context: dict[str, object]
                       ) -> Loaded[model.Municipality] | None:
    path = _single_file(collect.data_dir, "municipality")
    if path is None:
        collect.add(collect.display(collect.data_dir / "municipality.yml"), 1, "",
                    tr("load_no_municipality"))
        return None
    read = collect.read(path, front_matter=False)
    if read is None:
        return None
    record = collect.validate(read[0], model.Municipality, context)
    return Loaded("municipality", record, read[0]) if record else None


def _single_file(folder: Path, stem: str) -> Path | None:
    for suffix in YAML_SUFFIXES:
        if (folder / f"{stem}{suffix}").is_file():
            return folder / f"{stem}{suffix}"
    return None


def _record_files(collect: _Collector, folder: Path, suffixes: tuple[str, ...]) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    files = []
    if not folder.resolve().is_relative_to(collect.data_dir.resolve()):
        collect.add(collect.display(folder), 1, "", tr("load_folder_link_outside"))
        return []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
            continue
        if path.suffix not in suffixes:
            collect.add(collect.display(path), 1, "",
                        tr("load_unexpected_file", folder=folder.name, suffixes=", ".join(suffixes)))
            continue
        files.append(path)
    return files


def _load_record(collect: _Collector, path: Path, kind: type[R], suffixes: tuple[str, ...],
                 records: dict[str, Loaded[R]], context: dict[str, object],
                 cached: tuple[RecordCache, str] | None = None) -> None:
    record_id = path.stem
    name = collect.display(path)
    if not model.ID_PATTERN.fullmatch(record_id):
        collect.add(name, 1, "", tr("load_bad_file_name"))
        return
    if record_id in model.RESERVED_NAMES:  # `index` would replace the folder's overview
        collect.add(name, 1, "", tr("load_reserved_id", id=record_id))
        collect.broken_ids[path.parent.name].add(record_id)  # one mistake, one message
        return
    if record_id in records:
        collect.add(name, 1, "", tr("load_duplicate_id", id=record_id,
                                    other=records[record_id].source.file))
        return
    raw: bytes | None = None
    if cached is not None:  # the cache is keyed on the very bytes parsed below
        if (raw := collect.read_bytes(path)) is None:
            collect.broken_ids[path.parent.name].add(record_id)
            return
        if (kept := cached[0].get(path, name, cached[1], raw)) is not None:
            records[record_id] = kept
            return
    read = collect.read(path, front_matter=".md" in suffixes, raw=raw)
    record = collect.validate(read[0], kind, context) if read else None
    if read is None or record is None:
        collect.broken_ids[path.parent.name].add(record_id)
        return
    records[record_id] = Loaded(record_id, record, read[0], read[1], read[2])
    if cached is not None and raw is not None:
        cached[0].put(path, name, cached[1], raw, records[record_id])


def _check_references(dataset: Dataset, collect: _Collector, docs_dir: Path | None) -> None:
    def missing(source: Source, loc: Loc, kind: str, wanted: str, known: Iterable[str]) -> None:
        if wanted in collect.broken_ids[KIND_FOLDERS[kind]]:
            return
        names = ", ".join(sorted(known)) or tr("known_none")
        collect.problems.append(source.problem(
            loc, tr(NO_SUCH_RECORD[kind], id=wanted, folder=f"data/{KIND_FOLDERS[kind]}/",
                    known=names)))

    for holder in [*dataset.committees.values(), *dataset.activities.values()]:
        if holder.record.plan not in dataset.plans:
            missing(holder.source, ("plan",), "plan", holder.record.plan, dataset.plans)
    numbers: dict[tuple[str, int], str] = {}
    for workshop in dataset.workshops.values():
        record = workshop.record
        if record.committee not in dataset.committees:
            missing(workshop.source, ("committee",), "committee", record.committee,
                    dataset.committees)
        if record.method and record.method not in dataset.methods:
            missing(workshop.source, ("method",), "method", record.method, dataset.methods)
        for index, wanted in enumerate(record.knowledge_from):
            if wanted not in dataset.activities:
                missing(workshop.source, ("knowledge_from", index), "activity", wanted,
                        dataset.activities)
        if record.number is not None and not record.draft:
            key = (record.committee, record.number)
            if key in numbers:
                collect.problems.append(workshop.source.problem(
                    ("number",), tr("load_number_taken", number=record.number,
                                    other=numbers[key])))
            numbers.setdefault(key, workshop.id)
    if docs_dir is not None:
        _check_files(dataset, collect, Path(docs_dir))


def _check_links_out(collect: _Collector, docs_dir: Path) -> None:
    """A link in docs/ to a file outside it would publish that file: refused, by name."""
    if not docs_dir.is_dir():
        return
    root = docs_dir.resolve()
    for folder, dirs, files in os.walk(docs_dir):  # links to folders are not followed
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            try:
                inside = path.resolve().is_relative_to(root)
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                collect.add(collect.display(path), 1, "", tr("load_link_outside_docs"))
    for path in active_uploads(docs_dir):
        collect.add(collect.display(path), 1, "", tr(
            "load_active_upload", suffix=path.suffix.lower(),
            folder=f"{collect.display(docs_dir)}/{path.relative_to(docs_dir).parts[0]}/"))


def _check_files(dataset: Dataset, collect: _Collector, docs_dir: Path) -> None:
    """Photos and documents named by path must exist in docs/, or the page shows a hole."""
    holders: list[Loaded[model.Committee] | Loaded[model.Workshop] | Loaded[model.Activity]] = [
        *dataset.committees.values(), *dataset.workshops.values(), *dataset.activities.values()]
    for holder in holders:
        paths: list[tuple[Loc, str]] = [
            (("photos", i, "src"), photo.src) for i, photo in enumerate(holder.record.photos)]
        if isinstance(holder.record, model.Workshop | model.Activity):
            paths += [(("documents", i, "file"), doc.file)
                      for i, doc in enumerate(holder.record.documents) if doc.file]
        for loc, relative in paths:
            target = (docs_dir / relative).resolve()
            inside = docs_dir.resolve() in target.parents
            if not inside or not target.is_file():
                collect.problems.append(holder.source.problem(
                    loc, tr("load_no_file", path=relative, folder=f"{collect.display(docs_dir)}/")))


def _warnings(dataset: Dataset) -> Iterable[Problem]:
    municipality = dataset.municipality
    if not municipality.record.accessibility_statement:
        yield municipality.source.problem(
            (), tr("warn_no_accessibility_statement"), "warning")
    for workshop in dataset.workshops.values():
        if workshop.record.status == "held" and not workshop.body and not workshop.record.draft:
            yield workshop.source.problem(
                ("status",), tr("warn_held_without_summary"), "warning")
