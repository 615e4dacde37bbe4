"""`verksted fmt`: put record files in canonical form (see canonical.py), or `--check` them.

A file is only rewritten when its canonical text reads back as the same data, so a
formatting bug can never change what a record says; files with YAML errors are reported
and left alone (run `verksted check` for the details).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ..yamlread import YamlSyntaxError, parse_yaml
from .canonical import ORDERS, FormatError, comment_texts, format_text, prune, split_front_matter

FOLDER_KINDS = {"plans": "plan", "committees": "committee", "methods": "method",
                "workshops": "workshop"}
SINGLE_FILES = {"municipality.yml": "municipality", "parties.yml": "parties"}


def kind_of(path: Path) -> str | None:
    if path.name in SINGLE_FILES:
        return SINGLE_FILES[path.name]
    kind = FOLDER_KINDS.get(path.parent.name)
    if kind == "workshop":
        return kind if path.suffix == ".md" else None
    return kind if kind and path.suffix in (".yml", ".yaml") else None


def record_files(data_dir: Path) -> list[Path]:
    found = [data_dir / name for name in SINGLE_FILES if (data_dir / name).is_file()]
    for folder in FOLDER_KINDS:
        if (data_dir / folder).is_dir():
            found += sorted(p for p in (data_dir / folder).iterdir()
                            if p.is_file() and kind_of(p) and not p.name.startswith("."))
    return found


def _data(text: str, kind: str) -> object:
    if kind == "workshop":
        parts = split_front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"))
        if parts is None:
            return None
        return prune(parse_yaml(parts[0]).data), parts[1]
    return prune(parse_yaml(text).data)


def canonical(path: Path) -> str:
    """The canonical text of one record file; FormatError when it cannot be formatted."""
    kind = kind_of(path)
    if kind is None or kind not in ORDERS:
        raise FormatError("not a record file (data/municipality.yml, data/parties.yml, "
                          "data/<plans|committees|methods>/*.yml or data/workshops/*.md)")
    text = path.read_text(encoding="utf-8")
    result = format_text(text, kind)
    if _data(result, kind) != _data(text, kind):  # a guard: formatting never changes meaning
        raise FormatError("formatting would change the data; please report this file")
    if comment_texts(result, kind) != comment_texts(text, kind):
        raise FormatError("formatting would lose a comment (comments belong above a field "
                          "or at the end of its line); move the comment and try again")
    return result


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_fmt(paths: list[Path], data_dir: Path, *, check: bool, display_root: Path) -> int:
    files = paths or record_files(data_dir)
    changed, failed = [], 0
    for path in files:
        shown = os.path.relpath(path, display_root)
        try:
            text = canonical(path)
        except (FormatError, YamlSyntaxError, OSError, UnicodeDecodeError) as error:
            print(f"{shown}: {error}; file left as it was (verksted check explains)",
                  file=sys.stderr)
            failed += 1
            continue
        if text != path.read_text(encoding="utf-8"):
            changed.append(shown)
            if check:
                print(f"{shown}: not in canonical form; run verksted fmt", file=sys.stderr)
            else:
                write_atomically(path, text)
                print(f"formatted {shown}")
    if check:
        print(f"{len(files)} files checked: {len(changed)} to format, {failed} unreadable")
        return 1 if changed or failed else 0
    print(f"{len(files)} files: {len(changed)} formatted, {failed} unreadable")
    return 1 if failed else 0
