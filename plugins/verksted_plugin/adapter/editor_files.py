"""From an MkDocs configuration to the admin/ files: the one place the editor meets MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..editor.admin import ADMIN, admin_files
from ..editor.cmsconfig import EditorOptions, Folders
from ..records.parties import Party
from .siteconfig import project_root


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def site_stylesheets(config: MkDocsConfig, files: Files) -> list[str]:
    """Material's main stylesheet and the site's extra CSS, for the editor's preview."""
    styles = [f.src_uri for f in files if f.src_uri.startswith("assets/stylesheets/main.")
              and f.src_uri.endswith(".min.css")]
    return [*styles, *(str(css) for css in config.extra_css)]


def add_admin_files(files: Files, config: MkDocsConfig, options: EditorOptions, data_dir: str,
                    parties: dict[str, Party], language: str) -> None:
    """Add admin/ unless the site has its own (a hand-written admin/ wins, like schemas)."""
    if not options.enabled or any(f.src_uri.startswith(f"{ADMIN}/") for f in files):
        return
    root = project_root(config.config_file_path)
    folders = Folders(data=_relative(root / data_dir, root),
                      docs=_relative(Path(config.docs_dir), root))
    for item in admin_files(options, parties, project_root=root, folders=folders,
                            site_name=config.site_name, site_url=config.site_url,
                            language=language, preview_styles=site_stylesheets(config, files)):
        if item.source is not None:
            files.append(File.generated(config, item.path, abs_src_path=str(item.source)))
        else:
            files.append(File.generated(config, item.path, content=item.content or ""))
