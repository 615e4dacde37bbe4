"""The pipeline's layering (pyproject.toml's import-linter contracts, doc/architecture.md):
kept by the package, and broken, with the suite failing, by one import against the rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, REPO

PACKAGE = REPO / "plugins" / "verksted_plugin"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "lint-imports"), str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=package_parent, env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120, check=False)


def test_the_package_keeps_every_contract() -> None:
    result = lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    # records reading the portal: a stage importing upwards
    ("records/model.py", "from ..portal import views", "Stages import only downwards"),
    # MkDocs outside the adapter
    ("pages/render.py", "import mkdocs.utils", "Only the adapter imports MkDocs"),
    # two modules of one stage importing each other
    ("records/dataset.py", "from . import load", "No import cycles"),
])
def test_an_import_against_the_rules_fails(tmp_path: Path, module: str, line: str,
                                           broken: str) -> None:
    copy = tmp_path / "verksted_plugin"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    text = target.read_text(encoding="utf-8")
    at = text.index("\nfrom ", text.index("from __future__") + 1)  # among its own imports
    target.write_text(text[:at] + f"\n{line}  # noqa" + text[at:], encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    assert f"{broken}" in result.stdout.split("Broken contracts")[1]
