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

from ..language.i18n import tr, tr_n
from ..records.schema import FOLDER_KINDS
from ..records.yamlread import YamlSyntaxError, parse_yaml
from .canonical import ORDERS, FormatError, comment_texts, format_text, prune, split_front_matter

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
        raise FormatError(tr("fmt_not_record"))
    text = path.read_text(encoding="utf-8")
    result = format_text(text, kind)
    if _data(result, kind) != _data(text, kind):  # a guard: formatting never changes meaning
        raise FormatError(tr("fmt_would_change"))
    if comment_texts(result, kind) != comment_texts(text, kind):
        raise FormatError(tr("fmt_would_lose_comment"))
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
            print(tr("fmt_failed", file=shown, error=_reason(error)), file=sys.stderr)
            failed += 1
            continue
        if text != path.read_text(encoding="utf-8"):
            changed.append(shown)
            if check:
                print(tr("fmt_not_canonical", file=shown), file=sys.stderr)
            else:
                write_atomically(path, text)
                print(tr("fmt_formatted", file=shown))
    if check:
        print(tr_n("fmt_checked", len(files), changed=len(changed), failed=failed))
        return 1 if changed or failed else 0
    print(tr_n("fmt_done", len(files), changed=len(changed), failed=failed))
    return 1 if failed else 0


def _reason(error: Exception) -> str:
    """What went wrong, without Python's English where the catalogue has a sentence."""
    if isinstance(error, UnicodeDecodeError):
        return tr("load_not_utf8")
    if isinstance(error, OSError):
        return tr("load_unreadable", reason=error.strerror)
    return str(error)
