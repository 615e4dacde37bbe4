"""admin/config.yml kept between the rebuilds of one `mkdocs serve`.

The Decap configuration is made from the record model, the editor options, the parties, the
folders, the site address and the language's field labels; making it again took a
noticeable part of each preview rebuild although it only changes when one of those does.
The text is kept with everything it was made from (the labels file by its bytes) and made
afresh as soon as any of it differs.
"""

from __future__ import annotations

from ..records.parties import Party
from .cmsconfig import LABELS_DIR, EditorOptions, Folders, cms_config, config_yaml

_last: tuple[str, str] | None = None  # (what it was made from, the text)


def config_text(options: EditorOptions, parties: dict[str, Party], folders: Folders, *,
                site_url: str | None, language: str) -> str:
    """`config_yaml(cms_config(...))`, reused while its inputs are the same."""
    global _last
    try:
        labels = (LABELS_DIR / f"{language}.yml").read_bytes()
    except OSError:
        labels = b""
    key = repr((options, sorted(parties.items()), folders, site_url, language, labels))
    if _last is None or _last[0] != key:
        _last = (key, config_yaml(cms_config(options, parties, folders, site_url=site_url,
                                             language=language)))
    return _last[1]
