"""admin/config.yml kept between the rebuilds of one `mkdocs serve`.

The Decap configuration is made from the record model, the editor options, the parties, the
folders, the site address and the language's field labels; making it again took a
noticeable part of each preview rebuild although it only changes when one of those does.
The text is kept with everything it was made from (the labels file by its bytes) and made
afresh as soon as any of it differs.
"""

from __future__ import annotations

from ..kept import Kept
from ..language.labels import LABELS_DIR
from ..records.parties import Party
from .cmsconfig import EditorOptions, Folders, cms_config, config_yaml

_configs: Kept[str] = Kept()  # one per process: `mkdocs serve` rebuilds in the same process


def config_text(options: EditorOptions, parties: dict[str, Party], folders: Folders, *,
                site_url: str | None, language: str) -> str:
    """`config_yaml(cms_config(...))`, reused while its inputs are the same."""
    try:
        labels = (LABELS_DIR / f"{language}.yml").read_bytes()
    except OSError:
        labels = b""
    made_from = repr((options, sorted(parties.items()), folders, site_url, language, labels))
    return _configs.get("admin/config.yml", lambda: config_yaml(cms_config(
        options, parties, folders, site_url=site_url, language=language)), equal=made_from)
