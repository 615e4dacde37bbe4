"""Live preview: seconds from saving a workshop file to `mkdocs serve` serving the change.

Generates the synthetic portal of bench/portal_vs_plain.py, starts the real
`mkdocs serve --livereload`, waits for the first build, then rewrites one workshop's
summary several times and measures, each time, from the write to the first response of
the page that holds the new text (polled every 50 ms).

    .venv/bin/python bench/preview_time.py 100 1000
    .venv/bin/python bench/preview_time.py --dirty 100 1000   # mkdocs serve --dirty
    .venv/bin/python bench/preview_time.py --saves=15 100     # more saves, steadier median
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).parent))
from portal_vs_plain import make_portal, workshop  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"


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
        time.sleep(0.05)
    return time.perf_counter() - began


def measure(count: int, edits: int = 7, dirty: bool = False) -> list[float]:
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
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(url, str(w["title"]))
            times = []
            original = record.read_text("utf-8")
            for n in range(edits):
                marker = f"Endring nummer {n} lagret"
                record.write_text(original.replace("Diskusjonene var", f"{marker}. Diskusjonene var"),
                                  "utf-8")
                times.append(wait_for(url, marker))
                time.sleep(1)  # let the server settle before the next save
            return times
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    dirty = "--dirty" in sys.argv
    saves = next((int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--saves=")), 7)
    for count in [int(a) for a in sys.argv[1:] if not a.startswith("--")] or [100, 1000]:
        times = measure(count, edits=saves, dirty=dirty)
        label = f"{count} workshops" + (" (--dirty)" if dirty else "")
        print(f"{label:>24}: save → page served {median(times):.2f} s (median of "
              f"{len(times)}: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
