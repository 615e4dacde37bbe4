"""Fingerprint the built output: the sample in nb, nn and en and the browser suite's stress
portal, each built with `mkdocs build --strict` and a fixed SOURCE_DATE_EPOCH.

    .venv/bin/python scripts/same_output.py record OUT.json    # before a refactoring
    .venv/bin/python scripts/same_output.py compare OUT.json   # after: every file identical

Used to show that a change of code layout changes no byte of any site.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "browser")]
os.environ["SOURCE_DATE_EPOCH"] = "1780315200"  # 2026-06-01 12:00 UTC

from stress import stress_site  # noqa: E402

from conftest import copy_sample, run_build  # noqa: E402


def _sample(root: Path, language: str) -> Path:
    root.mkdir(parents=True)
    copy_sample(root)
    municipality = root / "data" / "municipality.yml"
    lines = [line for line in municipality.read_text("utf-8").splitlines()
             if not line.startswith("language:")]
    municipality.write_text("\n".join([*lines, f"language: {language}", ""]), "utf-8")
    return run_build(root).out


def fingerprints() -> dict[str, dict[str, str]]:
    sites: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        outs = {f"sample-{lang}": _sample(Path(tmp) / lang, lang) for lang in ("nb", "nn", "en")}
        stress = stress_site(Path(tmp) / "stress")
        for path in stress.write().rglob("*"):  # calendars and feeds read the files' mtimes
            os.utime(path, (1780315200, 1780315200))
        outs["stress"] = run_build(stress.root).out
        for name, out in outs.items():
            sites[name] = {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
                           for p in sorted(out.rglob("*")) if p.is_file()}
    return sites


def main() -> int:
    action, target = sys.argv[1], Path(sys.argv[2])
    now = fingerprints()
    if action == "record":
        target.write_text(json.dumps(now, indent=1, sort_keys=True), "utf-8")
        print({name: len(files) for name, files in now.items()})
        return 0
    before = json.loads(target.read_text("utf-8"))
    differ = 0
    for name in sorted(set(before) | set(now)):
        old, new = before.get(name, {}), now.get(name, {})
        changed = sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))
        differ += len(changed)
        print(f"{name}: {len(new)} files, {len(changed)} differ", *changed[:20], sep="\n  ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
