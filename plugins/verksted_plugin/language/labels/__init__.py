"""The site's own words in nb, nn and en; every string the plugin prints comes from here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from ... import speedups
from ..label_format import fill
from ..label_format import plain as plain_text

LABELS_DIR = Path(__file__).parent


@cache
def labels_for(language: str) -> dict[str, str]:
    """All labels of one language; a missing file or key is a bug the tests catch."""
    with (LABELS_DIR / f"{language}.yml").open(encoding="utf-8") as handle:
        return {str(key): str(value) for key, value in yaml.safe_load(handle).items()}


class Labels:
    """`t("key", name=...)` for a text, `t.n("key", n)` for one that counts: HTML (`Markup`),
    for pages. `t.plain(...)` and `t.plain_n(...)` give the same text unescaped (`str`), for
    calendars, feeds, share cards and JSON, whose own serializers escape it once."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.texts = labels_for(language)
        self._plain: dict[str, Markup] = {}  # labels without `{…}`, escaped once
        self._fill = speedups.enabled()  # values filled in without string.Formatter

    def __call__(self, key: str, **values: object) -> Markup:
        """The label, with `values` HTML-escaped unless they are already `Markup`."""
        if not values:
            plain = self._plain.get(key)
            if plain is not None:
                return plain
            text = self.texts[key]
            if "{" not in text and "}" not in text:
                plain = self._plain[key] = Markup(escape(text))
                return plain
        if self._fill:
            return fill(self.texts[key], values)
        return Markup(escape(self.texts[key])).format(**values)

    def n(self, key: str, count: int) -> Markup:
        form = "one" if count == 1 else "other"
        return self(f"{key}_{form}", n=count)

    def plain(self, key: str, **values: object) -> str:
        """The label as plain text, `values` filled in as written (nothing escaped)."""
        return plain_text(self.texts[key], values)

    def plain_n(self, key: str, count: int) -> str:
        form = "one" if count == 1 else "other"
        return self.plain(f"{key}_{form}", n=count)
