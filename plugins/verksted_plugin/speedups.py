"""One switch for the build's shortcuts, so a test can prove they change nothing.

With VERKSTED_NO_SPEEDUPS=1 the build takes the long way everywhere: every record read by
the pure-Python YAML loader, every HTML block of a generated page through Python-Markdown,
every Markdown field converted once per page. tests/test_speedups_same_output.py builds
the sample both ways and compares the bytes.
"""

from __future__ import annotations

import os


def enabled() -> bool:
    return os.environ.get("VERKSTED_NO_SPEEDUPS", "") != "1"
