"""How build time grows with the number of workshops.

Copies the sample portal into a temporary folder, adds N generated workshops, and times
`mkdocs build` (the real command, in a fresh process) for several N. Reports seconds per
build and per workshop; the per-workshop cost should stay flat as N grows (linear cost).

    make bench                      # default sizes
    .venv/bin/python bench/build_time.py 100 400 1600
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
DEFAULT_SIZES = (100, 400, 1600)

WORKSHOP = """\
---
title: Verksted {n}
committee: kommuneplanutvalget
method: politisk-verksted
number: {number}
start: "{day} 18:00"
end: "21:00"
themes: [Visjon, Satsingsområder]
inputs:
  - theme: Visjon
    text: Innspill {n} om visjonen.
  - theme: Satsingsområder
    text: Innspill {n} om satsingsområdene.
decisions:
  - Forslag nummer {n}.
---
Oppsummering av verksted {n}. Politikerne arbeidet i grupper.
"""


def make_site(root: Path, count: int) -> None:
    for name in ("mkdocs.yml", "data", "docs", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    folder = root / "data" / "workshops"
    for n in range(count):
        day = f"{2030 + n // 300}-{1 + (n // 25) % 12:02d}-{1 + n % 25:02d}"
        text = WORKSHOP.format(n=n, number=n + 10, day=day)
        (folder / f"bench-{n:05d}.md").write_text(text, encoding="utf-8")


def time_build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([str(MKDOCS), "build", "--strict", "-q", "-d", str(root / "site")],
                   cwd=root, env=env, check=True)
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    # The marginal cost (ms per extra workshop between two sizes) is the number to watch:
    # flat means linear growth; rising means something became quadratic.
    print(f"{'workshops':>10} {'build s':>9} {'marginal ms/workshop':>22}")
    previous: tuple[int, float] | None = None
    for count in sorted(sizes):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            make_site(root, count)
            seconds = min(time_build(root) for _ in range(2))
        marginal = "" if previous is None else \
            f"{1000 * (seconds - previous[1]) / (count - previous[0]):.1f}"
        print(f"{count:>10} {seconds:>9.2f} {marginal:>22}")
        previous = (count, seconds)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or list(DEFAULT_SIZES))
