"""Live preview: seconds from saving a workshop file to `mkdocs serve` serving the change.

Generates the synthetic portal of bench/portal_vs_plain.py, starts the real
`mkdocs serve --livereload`, waits for the first build, then rewrites one workshop's
summary several times and measures, each time, from the write to the first response of
the page that holds the new text (polled every 20 ms). The median and the slowest save are
reported, and each save split by the server's own log lines, timed as they arrive:
noticing the file ("Detected file changes"), MkDocs' wait for more changes (until
"Building documentation..."), the rebuild (until "Reloading browsers") and the rest (the
page's request).

    .venv/bin/python bench/preview_time.py 100 1000
    .venv/bin/python bench/preview_time.py --dirty 100 1000   # mkdocs serve --dirty
    .venv/bin/python bench/preview_time.py --saves=15 100     # more saves, steadier median
    .venv/bin/python bench/preview_time.py --dirty --edit=title 1000

`--edit` says what each save changes: `summary` (default: the summary's second paragraph,
shown on the workshop's own page only), `excerpt` (its first paragraph, also in the
committee's list) or `title` (on every page that lists the workshop).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import IO

sys.path.insert(0, str(Path(__file__).parent))
from portal_vs_plain import make_portal, workshop  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
POLL_SECONDS = 0.02
MARKS = {"Detected file changes": "noticed", "Building documentation": "building",
         "Reloading browsers": "built"}


@dataclass
class Save:
    total: float
    noticed: float  # write → the watcher's event
    waited: float  # → the rebuild starts (MkDocs' build delay)
    rebuilt: float  # → the rebuild is done
    served: float  # → the page with the change is fetched


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, limit: float = 600) -> float:
    began = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - began > limit:
            raise TimeoutError(url)
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - began


class LogTimes:
    """When each of the server's marked log lines arrived (its own stamps are in seconds)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.seen: list[tuple[str, float]] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            now = time.perf_counter()
            text = line.decode("utf-8", "replace")
            for mark, name in MARKS.items():
                if mark in text:
                    with self._lock:
                        self.seen.append((name, now))

    def first_after(self, name: str, since: float) -> float | None:
        with self._lock:
            return next((t for n, t in self.seen if n == name and t >= since), None)


EDITS = {"summary": "Diskusjonene var", "excerpt": "Deltakerne arbeidet", "title": "title: \""}


def measure(count: int, edits: int = 9, dirty: bool = False, edit: str = "summary"
            ) -> list[Save]:
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        root = Path(folder)
        make_portal(root, count)
        w = workshop(count // 2)
        record = root / "data" / "workshops" / f"{w['id']}.md"
        url = f"http://127.0.0.1:{(port := free_port())}/verksteder/{w['id']}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([str(MKDOCS), "serve", "--livereload", "-a",
                                   f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
                                  cwd=root, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert server.stderr is not None
        log = LogTimes(server.stderr)
        try:
            wait_for(url, str(w["title"]))
            time.sleep(1)
            saves = []
            original = record.read_text("utf-8")
            for n in range(edits):
                marker = f"Endring nummer {n} lagret"
                began = time.perf_counter()
                place = EDITS[edit]
                record.write_text(original.replace(place, f"{place}{marker} ", 1)
                                  if edit == "title" else
                                  original.replace(place, f"{marker}. {place}", 1), "utf-8")
                total = wait_for(url, marker)
                ended = began + total
                noticed = log.first_after("noticed", began) or began
                building = log.first_after("building", noticed) or noticed
                built = log.first_after("built", building) or ended
                saves.append(Save(total, noticed - began, building - noticed, built - building,
                                  ended - built))
                time.sleep(1)  # let the server settle before the next save
            return saves
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    dirty = "--dirty" in sys.argv
    saves = next((int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--saves=")), 9)
    edit = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--edit=")), "summary")
    for count in [int(a) for a in sys.argv[1:] if not a.startswith("--")] or [100, 1000]:
        measured = measure(count, edits=saves, dirty=dirty, edit=edit)
        times = [s.total for s in measured]
        label = f"{count} workshops" + (" (--dirty)" if dirty else "") + f", {edit}"
        print(f"{label:>24}: save → page served median {median(times):.2f} s, "
              f"worst {max(times):.2f} s ({len(times)} saves: "
              f"{', '.join(f'{t:.2f}' for t in times)})")
        for part in ("noticed", "waited", "rebuilt", "served"):
            values = [getattr(s, part) for s in measured]
            print(f"{'':>24}  {part:>8}: median {median(values):.2f} s, worst {max(values):.2f} s")


if __name__ == "__main__":
    main()
