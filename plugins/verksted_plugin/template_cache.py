"""Compiled templates kept in memory between the rebuilds of one `mkdocs serve`.

Every build makes new Jinja environments (MkDocs' theme environment and the page
templates'), so each rebuild compiled Material's ~70 templates and ours again: a large part
of a preview's rebuild. Jinja's bytecode cache keys each template by name and file and
checks the checksum of its source, so an edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# One per process: the environments change from build to build, the templates rarely.
COMPILED = MemoryBytecodeCache()
