"""Compiled templates kept in memory between the rebuilds of one `mkdocs serve`.

Every build makes new Jinja environments (MkDocs' theme environment and the page
templates'), so each rebuild compiled Material's ~70 templates and ours again: a large part
of a preview's rebuild. Jinja's bytecode cache keys each template by name and file and
checks the checksum of its source, so an edited template is compiled afresh.

Jinja's key says nothing of the environment, though the code compiled depends on its
options (autoescape, `finalize`, whitespace control, syntax): the page templates' escaping
rule (render.py) is compiled into their code, MkDocs' theme has none. So each set of
options has code of its own (`compile_options` is part of the name), and a template one environment compiled
is never run by another.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from ..kept import Kept


class _Compiled(BytecodeCache):
    """Compiled code by set of compile options and template (kept.py): the one object every
    environment is given, but no shared code between environments compiled differently."""

    def __init__(self) -> None:
        self._code: Kept[bytes] = Kept()

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.find((compile_options(bucket.environment), bucket.key))
        if code is not None:  # Jinja checks the source's checksum stored with the code
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code.keep((compile_options(bucket.environment), bucket.key),
                        bucket.bytecode_to_string())


def compile_options(env: Environment) -> Hashable:
    """What of an environment goes into a template's compiled code."""
    return (
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.optimized, env.is_async, _named(env.autoescape), _named(env.finalize),
        tuple(sorted(env.extensions)),
    )


def _named(value: bool | Callable[..., object] | None) -> Hashable:
    """A function by its name: each build makes new environments with the same functions."""
    if callable(value):
        return (getattr(value, "__module__", None), getattr(value, "__qualname__", repr(value)))
    return value


# One per process: the environments change from build to build, the templates rarely.
COMPILED = _Compiled()
