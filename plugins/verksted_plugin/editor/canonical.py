"""The canonical form of a record file: what `verksted fmt` writes and the browser editor saves.

One form, so a reviewer reads a one-field change as a one-line diff. The rules (the
editor's JavaScript twin, static/canonical.js, follows them line for line):

- keys in the order of the record model; keys the model does not know (typos, fields of
  a newer version) are kept, after the known ones, in the order they were written;
- empty values (nothing, "", [], {}) are left out: for the loader they mean "not given";
- block style, two spaces of indentation, list items indented under their key, no line
  wrapping; Markdown and other multi-line text as a literal block (`|`);
- text is written plain when every YAML reader reads it back as the same text, otherwise
  in double quotes (JSON escapes); text that starts like a number is always quoted, so
  "0301", "2030-05-06 18:00", "67 93 40 00", "yes" and "12:30" stay text;
- comments are kept: comment lines at the top stay at the top, a comment line stays
  above the key or list item below it, an end-of-line comment stays after its value;
  blank lines are not kept, and line endings become LF;
- a workshop's Markdown summary below the front matter is never touched.
"""

from __future__ import annotations

import json
import re
import typing
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel

from ..language.i18n import tr
from ..records import model
from ..records.yamlread import _EditorLoader

Path_ = tuple[str | int, ...]

KEYWORD = re.compile(r"(?:y|n|yes|no|on|off|true|false|null|~|[-+]?\.inf|\.nan|<<)", re.IGNORECASE)
# Text starting like a number ("0301", "18:00", "67 93 40 00", "2.5") is always quoted.
NUMBERISH = re.compile(r"[-+]?\.?[0-9]")
INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
NON_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ufeff\ud800-\udfff\ufffe\uffff]")
FRONT_MATTER_END = re.compile(r"^-{3,}[ \t]*$")
INDENT = 2


def order_tree(record: type[BaseModel]) -> dict[str, Any]:
    """The model's field order, with the order of every nested record (for nested keys)."""
    children = {}
    for name, info in record.model_fields.items():
        nested = _nested_record(info.annotation)
        if nested is not None:
            children[name] = order_tree(nested)
    return {"keys": list(record.model_fields), "children": children}


def _nested_record(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):  # X | None, list[X], Annotated[X, …]
        found = _nested_record(arg)
        if found is not None:
            return found
    return None


# kind (the name of its custom format in the editor) → key order
ORDERS: dict[str, dict[str, Any]] = {
    "municipality": order_tree(model.Municipality),
    "parties": order_tree(model.PartyList),
    "plan": order_tree(model.Plan),
    "committee": order_tree(model.Committee),
    "method": order_tree(model.Method),
    "workshop": order_tree(model.Workshop),
    "activity": order_tree(model.Activity),
}


class FormatError(Exception):
    """The file cannot be put in canonical form (it is not valid YAML, or not a mapping)."""


@dataclass
class Comments:
    head: list[str] = field(default_factory=list)
    before: dict[Path_, list[str]] = field(default_factory=dict)
    after: dict[Path_, str] = field(default_factory=dict)
    tail: list[str] = field(default_factory=list)


# ---- reading -------------------------------------------------------------------------------


def parse(text: str) -> tuple[Any, Comments]:
    """The data (YAML 1.2 core scalars, like the loader) and the comments, by path."""
    loader = _EditorLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise FormatError(tr("fmt_invalid_yaml", problem=error)) from None
    finally:
        loader.dispose()
    return data, collect_comments(text, node)


def collect_comments(text: str, root: yaml.Node | None) -> Comments:
    lines = text.split("\n")
    starts: dict[int, Path_] = {}   # line → the shallowest path starting there
    trailing: list[tuple[Path_, int, int]] = []  # path, line, column after which a comment may follow
    after_key: list[tuple[Path_, int, int]] = []  # keys of collections and block scalars
    inside: set[int] = set()  # lines inside multi-line scalars: a "#" there is text

    def last_line(mark: yaml.Mark) -> int:
        before = lines[mark.line][:mark.column] if mark.line < len(lines) else ""
        return mark.line if before.strip() else mark.line - 1

    def visit(node: yaml.Node, path: Path_, start: yaml.Mark) -> None:
        if path:  # the document itself is never written as a line of its own
            starts.setdefault(start.line, path)
        if isinstance(node, yaml.ScalarNode):
            end = last_line(node.end_mark)
            if end > node.start_mark.line:
                inside.update(range(node.start_mark.line + 1, end + 1))
            elif node.style not in ("|", ">"):
                trailing.append((path, node.end_mark.line, node.end_mark.column))
        elif node.flow_style:
            trailing.append((path, node.end_mark.line, node.end_mark.column))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*path, str(key.value))
                if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
                    after_key.append((child, key.end_mark.line, key.end_mark.column))
                visit(value, child, key.start_mark)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, (*path, index), item.start_mark)

    comments = Comments()
    if root is None:
        return comments
    visit(root, (), root.start_mark)
    for path, line, column in trailing:
        found = re.match(r"\s+#(.*)$", lines[line][column:])
        if found:
            comments.after[path] = found.group(1)
    for path, line, column in after_key:
        found = re.match(r"\s*:\s*(?:[|>][-+0-9]*)?\s+#(.*)$", lines[line][column:])
        if found and path not in comments.after:
            comments.after[path] = found.group(1)
    pending: list[str] = []
    seen_content = False
    for number, line in enumerate(lines):
        if number in inside:
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped[1:])
        elif stripped and not seen_content:
            seen_content = True
            comments.head, pending = pending, []
        elif stripped and pending:
            owner = starts.get(number)
            if owner is not None:
                comments.before.setdefault(owner, []).extend(pending)
                pending = []
    comments.tail = pending
    return comments


# ---- writing -------------------------------------------------------------------------------


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def prune(value: Any) -> Any:
    """Leave out empty values of mappings (list items keep their place)."""
    if isinstance(value, dict):
        kept = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if not is_empty(item)}
    if isinstance(value, list):
        return [prune(item) for item in value]
    return value


def plain_ok(text: str) -> bool:
    """True when YAML (1.1 and 1.2 alike) reads the unquoted text back as the same text."""
    return bool(text) and text == text.strip() and not NON_PRINTABLE.search(text) \
        and "\t" not in text and text[0] not in INDICATORS \
        and ": " not in text and " #" not in text and not text.endswith(":") \
        and not KEYWORD.fullmatch(text) and not NUMBERISH.match(text)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def block_ok(text: str) -> bool:
    """Multi-line text that a literal block keeps exactly."""
    if "\n" not in text or "\r" in text or NON_PRINTABLE.search(text.replace("\n", "")):
        return False
    content = text.rstrip("\n")
    if not content or content[0] in " \t" or content.lstrip("\n")[:1] in (" ", "\t"):
        return False
    return not any(line and not line.strip() for line in content.split("\n"))


def scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    return text if plain_ok(text) else quoted(text)


def key_text(key: Any) -> str:
    text = str(key)
    return text if plain_ok(text) else quoted(text)


class _Writer:
    def __init__(self, comments: Comments) -> None:
        self.comments = comments
        self.out: list[str] = []

    def before(self, path: Path_, indent: int) -> None:
        for text in self.comments.before.get(path, []):
            self.out.append(" " * indent + "#" + text)

    def trail(self, path: Path_) -> str:
        text = self.comments.after.get(path)
        return "" if text is None else "  #" + text

    def value_lines(self, head: str, value: Any, path: Path_, tree: dict[str, Any] | None,
                    indent: int) -> None:
        """`head` is "key:" or "-"; the value follows on the line or below it."""
        if isinstance(value, dict) and value:
            self.out.append(head + self.trail(path))
            self.mapping(value, tree, indent + INDENT, path)
        elif isinstance(value, list) and value:
            self.out.append(head + self.trail(path))
            self.sequence(value, tree, indent + INDENT, path)
        elif isinstance(value, dict | list):
            self.out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}" + self.trail(path))
        elif isinstance(value, str) and block_ok(value):
            content = value.rstrip("\n")
            newlines = len(value) - len(content)
            chomp = "-" if newlines == 0 else ("" if newlines == 1 else "+")
            self.out.append(f"{head} |{chomp}" + self.trail(path))
            pad = " " * (indent + INDENT)
            self.out.extend(pad + line if line else "" for line in content.split("\n"))
            self.out.extend("" for _ in range(newlines - 1))
        else:
            self.out.append(f"{head} {scalar(value)}" + self.trail(path))

    def mapping(self, data: dict[Any, Any], tree: dict[str, Any] | None, indent: int,
                path: Path_) -> None:
        known = (tree or {}).get("keys", [])
        keys = [k for k in known if k in data] + [k for k in data if k not in known]
        for key in keys:
            child = (*path, str(key))
            self.before(child, indent)
            sub = (tree or {}).get("children", {}).get(key)
            self.value_lines(" " * indent + key_text(key) + ":", data[key], child, sub, indent)

    def sequence(self, items: list[Any], tree: dict[str, Any] | None, indent: int,
                 path: Path_) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            child = (*path, index)
            self.before(child, indent)
            if isinstance(item, dict) and item:
                start = len(self.out)
                self.mapping(item, tree, indent + INDENT, child)
                # The item's first line carries the "- ": move comments of its first key above it.
                first = start
                while first < len(self.out) and self.out[first].lstrip().startswith("#"):
                    first += 1
                moved = [pad + line.lstrip() for line in self.out[start:first]]
                rest = self.out[first:]
                rest[0] = pad + "- " + rest[0][indent + INDENT:]
                self.out[start:] = moved + rest
            else:
                self.value_lines(pad + "-", item, child, tree, indent)


def dump(data: dict[Any, Any], kind: str, comments: Comments | None = None) -> str:
    """The canonical YAML text of a record (ends with a newline; empty text for no fields)."""
    comments = comments or Comments()
    writer = _Writer(comments)
    writer.out.extend("#" + text for text in comments.head)
    writer.mapping(prune(data), ORDERS.get(kind), 0, ())
    writer.out.extend("#" + text for text in comments.tail)
    return "".join(line + "\n" for line in writer.out)


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body) of a workshop file, or None when it has no front matter."""
    lines = text.split("\n")
    if not lines or not FRONT_MATTER_END.match(lines[0]):
        return None
    for number in range(1, len(lines)):
        if FRONT_MATTER_END.match(lines[number]):
            return "\n".join(lines[1:number]) + "\n", "\n".join(lines[number + 1:])
    return None


def format_text(text: str, kind: str) -> str:
    """The canonical form of a whole file's text; `kind` as in ORDERS."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if kind == "workshop":
        parts = split_front_matter(text)
        if parts is None:
            raise FormatError(tr("load_front_matter_start"))
        front, body = parts
        return "---\n" + format_yaml(front, kind) + "---\n" + body
    return format_yaml(text, kind)


def format_yaml(text: str, kind: str) -> str:
    data, comments = parse(text)
    if data is None:
        return text
    if not isinstance(data, dict):
        raise FormatError(tr("load_fields_at_top"))
    return dump(data, kind, comments)


def comment_texts(text: str, kind: str) -> list[str]:
    """Every comment of a file, sorted: formatting must keep them all."""
    if kind == "workshop":
        parts = split_front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"))
        text = parts[0] if parts else ""
    _, comments = parse(text)
    found = [*comments.head, *comments.tail, *comments.after.values()]
    for lines in comments.before.values():
        found += lines
    return sorted(found)
