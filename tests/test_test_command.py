"""The README's test command (`make test`, which .ci/run calls) runs every test: the
parallel run leaves out only the tests marked `alone`, and a second run runs exactly those,
also when the first failed."""

from __future__ import annotations

import os
import re
import subprocess

from conftest import REPO


def test_ci_runs_the_readme_test_command() -> None:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith(("#", "set ", "cd "))] \
        == ["make test"]


def test_make_test_runs_the_parallel_suite_then_the_alone_tests() -> None:
    # Also when the suite itself runs under `make test`: not as a sub-make, which would
    # add "Entering/Leaving directory" lines.
    outside_make = {key: value for key, value in os.environ.items()
                    if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    dry = subprocess.run(["make", "--no-print-directory", "-n", "test"], cwd=REPO,
                         env=outside_make, capture_output=True, text=True, check=True).stdout
    recipe = dry[dry.index("status=0"):]
    runs = re.findall(r"pytest ([^|\n]*)", recipe)
    assert len(runs) == 2, recipe
    assert re.search(r'-n \d+ --dist loadgroup -m "not alone"', runs[0]), runs[0]
    assert runs[1].split()[:2] == ["-m", "alone"], runs[1]
    # both run whatever the first one's result, and a failure of either fails the command
    assert recipe.count("|| status=$?") == 2 and recipe.rstrip().endswith("exit $status")


def test_the_alone_marker_is_registered_and_used() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^\s*"alone: ', pyproject, re.M)
    marked = [path.name for path in (REPO / "tests").rglob("test_*.py")
              if re.search(r"^@pytest\.mark\.alone\b", path.read_text(encoding="utf-8"), re.M)]
    assert marked == ["test_lighthouse.py"]
