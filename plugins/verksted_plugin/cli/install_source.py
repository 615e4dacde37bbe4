"""Where this verksted was installed from, as a line for a new portal's requirements.txt.

pip records the origin of a distribution it did not take from a package index in
`direct_url.json` (PEP 610). `verksted init` writes that origin into the starter, so the new
portal's CI installs the same verksted, whatever the municipality installed it from:
- a package index: `verksted==<version>`;
- a git repository: `verksted @ git+<url>@<commit>`, pinned to the commit installed;
- a wheel file: the wheel is copied into the portal's `vendor/` and named by its path there,
  so the portal's repository holds everything its CI needs.
A checkout (`make site`) or a deleted wheel has no origin another machine can reach: the
line is the version, and `verksted init` says to replace it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from .. import __version__

DISTRIBUTION = "verksted"
VENDOR = "vendor"


@dataclass(frozen=True)
class Requirement:
    """The requirements line, the wheel to copy into vendor/ (if any), and whether it resolves."""

    line: str
    wheel: Path | None = None
    resolves: bool = True


def installed_requirement() -> Requirement:
    try:
        origin = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return Requirement(f"{DISTRIBUTION}=={__version__}", resolves=False)
    if origin is None:  # from a package index
        return Requirement(f"{DISTRIBUTION}=={__version__}")
    return _from_direct_url(json.loads(origin))


def _from_direct_url(origin: dict) -> Requirement:
    url = str(origin.get("url", ""))
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id"):
        return Requirement(f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}")
    if "archive_info" in origin:
        parsed = urlparse(url)
        if parsed.scheme in ("https", "http"):
            return Requirement(f"{DISTRIBUTION} @ {url}")
        wheel = Path(unquote(parsed.path))
        if parsed.scheme == "file" and wheel.suffix == ".whl" and wheel.is_file():
            return Requirement(f"./{VENDOR}/{wheel.name}", wheel=wheel)
    return Requirement(f"{DISTRIBUTION}=={__version__}", resolves=False)


def vendor_wheel(requirement: Requirement, project: Path) -> Path | None:
    """Copy the wheel the requirement names into the project's vendor/ folder."""
    if requirement.wheel is None:
        return None
    target = project / VENDOR / requirement.wheel.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(requirement.wheel, target)
    return target
