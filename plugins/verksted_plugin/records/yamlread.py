"""Read YAML the way an editor means it, keeping the line of every key and item.

PyYAML speaks YAML 1.1, where `no` is false, `0301` is an octal number and `18:00` is
1080. Editors never mean that, so only the unsurprising YAML 1.2 forms are resolved:
true/false, null, plain decimal numbers. Everything else stays text, and the record
model turns text into dates, times and numbers with messages a person can act on.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from .. import speedups
from ..language.i18n import tr, tr_n

Loc = tuple[str | int, ...]


# Records nest four levels at most; far deeper is a mistake or an attack on the parser.
MAX_DEPTH = 32


class _EditorLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars only (no yes/no booleans, no timestamps).

    Anchors and aliases (`&name`, `*name`) are refused as soon as the parser meets one:
    a record never needs them, and nested aliases expand exponentially ("billion laughs").
    Nesting is limited too, so a hostile file cannot exhaust the stack.
    """

    _depth = 0

    def fetch_flow_collection_start(self, token_class: type) -> None:
        # Checked while scanning: the scanner would otherwise read every `[` of a long line first.
        if self.flow_level >= MAX_DEPTH:
            raise yaml.scanner.ScannerError(
                None, None, "yaml_too_deep", self.get_mark())  # a catalogue key: see _explain
        super().fetch_flow_collection_start(token_class)  # type: ignore[misc]

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "yaml_alias", event.start_mark)  # a catalogue key: see _explain
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, "yaml_too_deep", event.start_mark)
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


_RESOLVERS: list[tuple[str, str, Any]] = [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]+|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
]
_EditorLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _RESOLVERS:
    _EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


# A record is a few kilobytes; a file far bigger is a mistake (or an attack on the build).
MAX_FILE_BYTES = 1_000_000


@dataclass
class YamlDocument:
    """Parsed data plus the line (1-based, in the file) of every key and list item."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Loc, int]] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known part of `loc` (a missing field points at its parent)."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return self.lines.get((), 1)


class YamlSyntaxError(Exception):
    """The text is not valid YAML; carries the line and a plain explanation."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(tr("yaml_at_line", line=line, message=message))


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is where the text starts in its file."""
    fast = parse_yaml_fast(text, first_line) if speedups.enabled() else None
    if fast is not None:
        return fast
    return parse_yaml_pure(text, first_line)


def parse_yaml_pure(text: str, first_line: int = 1) -> YamlDocument:
    """The pure-Python reading: every refusal and message of the module comes from here."""
    offset = first_line - 1
    loader: _EditorLoader | None = None
    try:
        loader = _EditorLoader(text)  # already reads the text: a bad character stops it here
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        found = _diagnose(text, error)
        if found is not None:
            raise YamlSyntaxError(found[0] + 1 + offset, found[1]) from None
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise YamlSyntaxError(line, _explain(error)) from None
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow
        line = text.count("\n", 0, max(error.position, 0)) + first_line
        raise YamlSyntaxError(line, tr("yaml_control_character",
                                       code=f"U+{error.character:04X}")) from None
    except yaml.YAMLError as error:  # anything else PyYAML refuses, without a position
        raise YamlSyntaxError(first_line, tr("yaml_syntax", problem=error)) from None
    finally:
        if loader is not None:
            loader.dispose()
    doc = YamlDocument(data=data, lines={(): first_line})
    if node is not None:
        _walk(node, (), doc, offset)
    return doc


# The C parser (libyaml) composes the same nodes with the same line marks, several times
# faster. It is used only where its result must equal the pure reading's: whenever the text
# could hold anything the pure loader refuses or words differently (an anchor, an alias,
# deep nesting, a character YAML forbids, any syntax error), the pure loader reads it again
# and its message is the one reported.
_CLoader: Any = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
# libyaml's composer recurses in C: a text that might nest deeper than this goes the pure way.
_C_SAFE_NESTING = 2_000
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:])&")


class _NotPlain(Exception):
    """The C reading met something only the pure reading may judge."""


if _CLoader is not None:
    class _FastEditorLoader(_CLoader):  # type: ignore[misc, valid-type]
        """libyaml's composer with the same YAML 1.2 core scalars as `_EditorLoader`."""

    _FastEditorLoader.yaml_implicit_resolvers = _EditorLoader.yaml_implicit_resolvers


def parse_yaml_fast(text: str, first_line: int = 1) -> YamlDocument | None:
    """The document read by libyaml, or None where the pure reading must decide."""
    # libyaml takes a tab after `key:` where PyYAML refuses it: tabs go the pure way too.
    if _CLoader is None or "\t" in text or _ANCHOR.search(text) \
            or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    indicators = sum(text.count(c) for c in "-:?[{")  # each nested collection needs one
    if indicators >= _C_SAFE_NESTING:
        return None
    loader = _FastEditorLoader(text)
    try:
        node = loader.get_single_node()
        doc = YamlDocument(data=None, lines={(): first_line})
        if node is not None:
            _walk(node, (), doc, first_line - 1, nodes=set())
            doc.data = _construct(node)
    except (yaml.YAMLError, _NotPlain):
        return None
    finally:
        loader.dispose()
    return doc


_TAG = "tag:yaml.org,2002:"
# The scalars `_EditorLoader` resolves, with the forms its resolvers accept: an explicit
# tag on another form (`!!int 0x1F`, `!!bool yes`) is left to the pure reading.
_SCALARS: dict[str, tuple[re.Pattern[str], Any]] = {
    f"{_TAG}{tag}": (re.compile(pattern), make)
    for (tag, pattern, _first), make in zip(_RESOLVERS, (
        lambda v: v.lower() == "true", lambda v: None, int, float), strict=True)}


def _construct(node: yaml.Node) -> Any:
    """What SafeConstructor.construct_document makes of a node the C reading composed, for
    the plain maps, lists and core scalars of a record, without its generator machinery;
    anything else (another tag, a key that is a collection) goes the pure way."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == f"{_TAG}str":
            return node.value
        scalar = _SCALARS.get(node.tag)
        if scalar is None or not scalar[0].match(node.value):
            raise _NotPlain
        return scalar[1](node.value)
    if isinstance(node, yaml.SequenceNode) and node.tag == f"{_TAG}seq":
        return [_construct(item) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == f"{_TAG}map":
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _NotPlain
            mapping[_construct(key_node)] = _construct(value_node)
        return mapping
    raise _NotPlain


def _walk(node: yaml.Node, loc: Loc, doc: YamlDocument, offset: int,
          nodes: set[int] | None = None) -> None:
    # `nodes` (C reading only): a node met twice is an alias, and more than MAX_DEPTH levels
    # need the pure reading's refusal.
    if nodes is not None:
        if id(node) in nodes or len(loc) >= MAX_DEPTH:
            raise _NotPlain
        # In [flow, lists] libyaml takes plain items PyYAML refuses (`[Hva nå?]`).
        if getattr(node, "flow_style", None):
            raise _NotPlain
        nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*loc, key)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                doc.duplicate_keys.append((child, line))
            seen.add(key)
            doc.lines.setdefault(child, line)
            if nodes is not None and id(key_node) in nodes:
                raise _NotPlain
            _walk(value_node, child, doc, offset, nodes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            doc.lines[child] = item.start_mark.line + 1 + offset
            _walk(item, child, doc, offset, nodes)


def _explain(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "invalid YAML").strip()
    if isinstance(error, yaml.composer.ComposerError | yaml.scanner.ScannerError) \
            and error.context is None and problem in ("yaml_alias", "yaml_too_deep"):
        return tr(problem, depth=MAX_DEPTH)  # our own refusals (aliases, depth) say what to do
    # PyYAML's own English is never shown in nb/nn: its common problems have a sentence each.
    hints = {
        "mapping values are not allowed here": "yaml_colon",
        "found character '\\t' that cannot start any token": "yaml_tab",
        "expected ',' or ']'": "yaml_flow_list",
        "could not find expected ':'": "yaml_no_colon",
        "found unexpected end of stream": "yaml_unclosed_quote",
        "expected <block end>": "yaml_indentation",
        "did not find expected key": "yaml_indentation",
        "did not find expected '-' indicator": "yaml_indentation",
    }
    for needle, key in hints.items():
        if needle in problem:
            return tr("yaml_syntax_hint", hint=tr(key))
    return tr("yaml_syntax", problem=problem)


# --- where the mistake is ------------------------------------------------------------------
# PyYAML reports a mistake where it noticed it: a missing colon on line 10 is noticed on
# line 11 or 13, a list item written `-Naturmangfold` at the next comment. The editor needs
# the line they must change and what to type there, so the lines around the parser's mark
# are read again: a line that is a field name and a value without the colon, a list item
# without a space after '-', and a line whose indentation fits none of the groups it could
# belong to (compared with the lines around it, and with the file's usual step).

# Line breaks as PyYAML counts them, so that a mark's line is an index into the lines.
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_KEY = re.compile(r"([A-Za-z_][\w-]*) *:(?: +|$)")
_BLOCK_SCALAR = re.compile(r"[|>][-+1-9]*")
_NAME_AND_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\s+(\S.*))?")
# Problems the lines around the mark can explain better; tabs, quotes, [lists] and our own
# refusals keep their own sentence.
_STRUCTURE = ("mapping values are not allowed here", "could not find expected ':'",
              "expected <block end>", "did not find expected key",
              "did not find expected '-' indicator", "expected '<document start>'")
_SHOWN = 40  # characters of the editor's own text quoted back in a message


@dataclass
class _Line:
    """One line that holds YAML structure (not blank, a comment or block text)."""

    indent: int
    dash: int | None  # the column of a leading "- ", if the line is a list item
    key_col: int  # where the text after the "- " begins
    key: str | None  # `name` of a `name: value` line
    colon: int  # the column of that key's colon (-1 without a key)
    value: str  # the text after "name:", or the whole text after the "- "
    opens: bool  # `name:` with nothing after it, or `name: |`: lines below belong to it


def _without_comment(text: str) -> str:
    quote = ""
    skip = False
    for at, char in enumerate(text):
        if skip:
            skip = False
        elif quote:
            if char == "\\" and quote == '"':
                skip = True
            elif char == quote:
                quote = ""
        elif char in "\"'" and (at == 0 or text[at - 1] in " :-[{,"):
            quote = char
        elif char == "#" and (at == 0 or text[at - 1] in " \t"):
            return text[:at]
    return text


def _read_lines(text: str) -> list[_Line | None]:
    """Each line of `text` as structure, or None (blank, comment, text of `name: |`)."""
    lines: list[_Line | None] = []
    block_text_after: int | None = None  # inside `name: |`, deeper than this column
    for raw in _BREAKS.split(text):
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if block_text_after is not None:
            if not stripped.strip() or indent > block_text_after:
                lines.append(None)
                continue
            block_text_after = None
        content = _without_comment(stripped).rstrip()
        if not content:
            lines.append(None)
            continue
        column, rest, dash = indent, content, None
        while rest == "-" or rest.startswith("- "):
            dash = column if dash is None else dash
            after = rest[1:].lstrip(" ")
            column += len(rest) - len(after)
            rest = after
        found = _KEY.match(rest)
        key = found.group(1) if found else None
        value = rest[found.end():].strip() if found else rest
        block = key is not None and bool(_BLOCK_SCALAR.fullmatch(value))
        if block:
            block_text_after = column
        colon = column + rest.index(":", len(key)) if found and key else -1
        lines.append(_Line(indent, dash, column, key, colon, value,
                           key is not None and (value == "" or block)))
    return lines


@cache
def _field_names() -> frozenset[str]:
    from . import model  # the record contract, read only when a file has a YAML mistake
    return frozenset(name for kind in vars(model).values()
                     if isinstance(kind, type) and issubclass(kind, model.Record)
                     for name in kind.model_fields)


def _quoted(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN].rstrip() + " …"


def _missing_colon(line: _Line | None) -> str | None:
    """`title Verksted` where `title: Verksted` was meant: the message, or None."""
    if line is None or line.key is not None:
        return None
    found = _NAME_AND_VALUE.fullmatch(line.value)
    if found is None:
        return None
    name, rest = found.groups()
    if name not in _field_names() and not difflib.get_close_matches(
            name, _field_names(), n=1, cutoff=0.8):
        return None
    fixed = f"{name}: {rest}" if rest else f"{name}:"
    return tr("yaml_missing_colon", name=name, fixed=_quoted(fixed))


def _dash_without_space(line: _Line | None) -> str | None:
    """`-Naturmangfold` where the list item `- Naturmangfold` was meant."""
    if line is None or line.key is not None or not re.match(r"-[^\s\d-]", line.value):
        return None
    return tr("yaml_dash_space", fixed=_quoted("- " + line.value[1:]))


def _previous(lines: list[_Line | None], index: int) -> int | None:
    for before in range(min(index, len(lines)) - 1, -1, -1):
        if lines[before] is not None:
            return before
    return None


def _usual_step(lines: list[_Line | None], leave_out: int) -> int:
    """How far this file indents the lines under `name:`, beside the group under the line
    `leave_out` (the one in question); 2 where nothing else tells."""
    steps: Counter[int] = Counter()
    for index, line in enumerate(lines):
        if line is None or not line.opens or index == leave_out:
            continue
        after = next((lines[i] for i in range(index + 1, len(lines)) if lines[i] is not None),
                     None)
        if after is not None and after.indent > line.key_col:
            steps[after.indent - line.key_col] += 1
    return max(steps, key=lambda step: (steps[step], step == 2), default=2)


def _groups(lines: list[_Line | None], last: int) -> list[tuple[int, str]]:
    """The columns where a line after `last` may start: (column, "key" or "dash")."""
    columns: list[tuple[int, str]] = []
    limit = None
    for index in range(last, -1, -1):
        line = lines[index]
        if line is None or (limit is not None and line.indent >= limit):
            continue
        columns.append((line.key_col, "key"))
        if line.dash is not None:
            columns.append((line.dash, "dash"))
        limit = line.indent
        if limit == 0:
            break
    return columns


def _indentation(lines: list[_Line | None], at: int) -> tuple[int, str] | None:
    """A line whose indentation fits no group above it: (its index, the message)."""
    line = lines[at] if at < len(lines) else None
    above = _previous(lines, at)
    if line is None or above is None:
        return None
    previous = lines[above]
    assert previous is not None
    if previous.opens and line.indent > previous.key_col:
        return None  # the first line of a new group may start anywhere to the right
    kind = "dash" if line.dash == line.indent else "key"
    columns = _groups(lines, above)
    same = sorted({column for column, what in columns if what == kind})
    if not same or line.indent in same:
        return None
    # The line above may be the odd one: the first of its group, indented unlike the rest
    # of the file, where this line would fit had the line above followed the usual step.
    # (The first line of the file is the first of the top group, which starts at the left.)
    parent_at = _previous(lines, above)
    parent = lines[parent_at] if parent_at is not None else None
    wanted: int | None = None
    if parent_at is None:
        wanted = 0
    elif parent is not None and parent.opens and previous.indent > parent.key_col:
        wanted = parent.key_col + _usual_step(lines, parent_at)
    if wanted is not None:
        shift = wanted - previous.indent
        fits = {previous.key_col + shift} | (
            {previous.dash + shift} if previous.dash is not None else set())
        if shift and line.indent in fits:
            return above, _indent_message(previous.indent, wanted)
    expected = min(same, key=lambda column: (abs(column - line.indent), -column))
    return at, _indent_message(line.indent, expected)


def _indent_message(spaces: int, expected: int) -> str:
    if expected == 0:
        return tr_n("yaml_indent_left", spaces)
    return tr_n("yaml_indent_wrong", spaces, expected=expected)


def _diagnose(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line (0-based in `text`) where a structure mistake is, and what to write there;
    None where the parser's own mark and sentence are the best there is."""
    problem = error.problem or ""
    if error.problem_mark is None or not any(p in problem for p in _STRUCTURE):
        return None
    try:
        return _diagnose_lines(_read_lines(text), error)
    except (IndexError, ValueError):  # a reading this far from YAML: the parser's word stands
        return None


def _diagnose_lines(lines: list[_Line | None], error: yaml.MarkedYAMLError
                    ) -> tuple[int, str] | None:
    mark = error.problem_mark
    assert mark is not None
    at = mark.line
    line = lines[at] if at < len(lines) else None
    simple_key = (error.context or "").startswith("while scanning a simple key") \
        and error.context_mark is not None
    key_at = error.context_mark.line if simple_key and error.context_mark else None
    above = _previous(lines, at)
    candidates = [(at, line), (key_at, lines[key_at] if key_at is not None else None),
                  (above, lines[above] if above is not None else None)]
    for index, candidate in candidates:
        if index is not None and (message := _dash_without_space(candidate)):
            return index, tr("yaml_syntax_hint", hint=message)
    if key_at is not None:  # a plain text where a `name: value` was expected
        message = _missing_colon(lines[key_at]) or tr("yaml_no_colon")
        return key_at, tr("yaml_syntax_hint", hint=message)
    if "mapping values are not allowed here" in (error.problem or ""):
        if line is not None and line.key is None and (message := _missing_colon(line)):
            return at, tr("yaml_syntax_hint", hint=message)
        if line is None or line.key is None or mark.column > line.colon:
            return at, tr("yaml_syntax_hint", hint=tr("yaml_colon"))  # a ': ' in a value
    if above is not None and (message := _missing_colon(lines[above])):
        return above, tr("yaml_syntax_hint", hint=message)
    found = _indentation(lines, at)
    if found is not None:
        return found[0], tr("yaml_syntax_hint", hint=found[1])
    return None
