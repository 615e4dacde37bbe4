"""Read YAML the way an editor means it, keeping the line of every key and item.

PyYAML speaks YAML 1.1, where `no` is false, `0301` is an octal number and `18:00` is
1080. Editors never mean that, so only the unsurprising YAML 1.2 forms are resolved:
true/false, null, plain decimal numbers. Everything else stays text, and the record
model turns text into dates, times and numbers with messages a person can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import speedups
from .i18n import tr

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
