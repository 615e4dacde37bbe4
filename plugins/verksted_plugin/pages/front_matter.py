"""A generated page's front matter (its title), written without PyYAML's emitter when plain.

`yaml.safe_dump({"title": …})` takes ~0.1 ms a page, mostly PyYAML working out how to write
one string. A title of letters, digits, spaces and a few punctuation marks, starting with a
letter, short enough not to be folded and not read by YAML as anything but a string (`Nei`
is a string, `NO` a boolean: PyYAML's own resolver decides), is written as it is: what the
emitter writes for it. tests/test_front_matter.py compares the two on generated titles;
VERKSTED_NO_SPEEDUPS=1 always asks PyYAML.
"""

from __future__ import annotations

import re

import yaml

from .. import speedups

_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 ,.()/«»–-]{0,58}[A-Za-zÀ-ÖØ-öø-ÿ0-9.)»]")
_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def title_front_matter(title: str) -> str:
    """`yaml.safe_dump({"title": title}, allow_unicode=True)`, the same text."""
    if speedups.enabled() and _PLAIN.fullmatch(title) and \
            _RESOLVER.resolve(yaml.ScalarNode, title, (True, False)) == _STR:
        return f"title: {title}\n"
    return yaml.safe_dump({"title": title}, allow_unicode=True)
