"""`verksted init DIR`: a new municipality's portal that builds with `mkdocs build --strict` at once.

The files come from `starter/`: mkdocs.yml, data/ with the municipality and one commented
example of each record, an empty Aktuelt, the editor's package.json and CI templates.
Nothing of the Lørenskog sample is copied, so no link points at another portal.
"""

from __future__ import annotations

from pathlib import Path

from ..language.i18n import tr
from .install_source import Requirement, installed_requirement, vendor_wheel

STARTER = Path(__file__).resolve().parent / "starter"
PLACEHOLDER = "Eksempel kommune"
# The line in starter/requirements.txt that names where verksted comes from.
REQUIREMENT_PLACEHOLDER = "VERKSTED_REQUIREMENT"
# Package data cannot hold dot-files reliably, so these are renamed when written.
RENAMES = {"gitignore": ".gitignore", "gitkeep": ".gitkeep"}


class InitError(Exception):
    """Nothing was written; the message says why."""


def starter_files() -> list[Path]:
    return sorted(p for p in STARTER.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def init_project(target: Path, name: str = PLACEHOLDER,
                 requirement: Requirement | None = None) -> list[Path]:
    """Write the starter project into `target` (new or empty); never overwrites a file.

    `requirement` is where the new portal installs verksted from: by default, where this
    verksted was installed from (install_source.py).
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(tr("init_not_empty", folder=target))
    if not name.strip():
        raise InitError(tr("init_empty_name"))
    requirement = requirement or installed_requirement()
    written = []
    for source in starter_files():
        relative = source.relative_to(STARTER)
        path = target / Path(*(RENAMES.get(part, part) for part in relative.parts))
        path.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8").replace(PLACEHOLDER, name.strip())
        path.write_text(text.replace(REQUIREMENT_PLACEHOLDER, requirement.line), encoding="utf-8")
        written.append(path)
    wheel = vendor_wheel(requirement, target)
    return [*written, wheel] if wheel else written
