"""Lighthouse, mobile, on every page type of the sample, served with gzip as a static host
serves it: accessibility, best practices and SEO 100, performance at least 95. Marked
`alone`: `make test` runs it after the parallel suite, with the machine to itself.

Hosting matters the pages cannot set (cache lifetimes, HTTP/2) are not scored by these four
categories; doc/publishing.md's "Hosting" section tells the municipality's IT what to set.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import Built

from .harness import ARTIFACTS, CHROMIUM
from .static_host import serve_gzip

RUNNER = Path(__file__).with_name("lighthouse_runner.mjs")
LIGHTHOUSE = Path(__file__).resolve().parents[2] / "node_modules" / "lighthouse"
MINIMUM = {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}
PAGE_TYPES = {
    "home": "",
    "plan": "plan/kommuneplanens-samfunnsdel/",
    "committee": "utvalg/kommuneplanutvalget/",
    "workshop list": "verksteder/",
    "workshop (with a photo)": "verksteder/2020-02-11-forste-politiske-verksted/",
    "method": "metode/politisk-verksted/",
    "participation": "medvirkning/",
    "activity (open)": "medvirkning/innspill-til-revisjonen/",
    "contact": "kontakt/",
    "Åpne data": "apne-data/",
    "Aktuelt": "aktuelt/",
}


def _describe(url: str, attempts: list[dict]) -> str:
    lines = [url]
    for n, attempt in enumerate(attempts, 1):
        scores = ", ".join(f"{k} {round(v * 100)}" for k, v in attempt["scores"].items())
        lines.append(f"  attempt {n} (CPU ×{attempt['cpuSlowdownMultiplier']:.1f}, "
                     f"BenchmarkIndex {attempt['benchmarkIndex']}): {scores}")
        lines += [f"    {f['category']}: {f['title']} ({f['value'] or f['score']})"
                  for f in attempt["failing"]]
        if attempt["runtimeError"]:
            lines.append(f"    error: {attempt['runtimeError']}")
    return "\n".join(lines)


@pytest.mark.alone  # its timings must not share the two cores with the rest of the suite
def test_every_page_type_scores_full_marks_on_a_phone(sample: Built) -> None:
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE.is_dir():
        pytest.fail("Lighthouse is missing: run `bash scripts/install-test-tools.sh`")
    for url in PAGE_TYPES.values():
        assert (sample.out / url / "index.html").is_file(), url
    with serve_gzip(sample.out) as base:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:  # a real host's gzip, not raw files
            assert response.headers["Content-Encoding"] == "gzip"
        urls = [base + url for url in PAGE_TYPES.values()]
        run = subprocess.run(
            [node, str(RUNNER), json.dumps({"urls": urls, "minimum": MINIMUM})],
            capture_output=True, text=True, timeout=900,
            env={"PATH": "/usr/bin:/bin", "CHROME_PATH": CHROMIUM, "HOME": str(sample.root)})
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout)["results"]
    assert list(results) == urls
    ARTIFACTS.mkdir(exist_ok=True)  # every attempt's scores, metrics and timing, to look at
    (ARTIFACTS / "lighthouse.json").write_text(json.dumps(results, indent=1), encoding="utf-8")

    def passed(attempt: dict) -> bool:
        return all(attempt["scores"][k] >= v for k, v in MINIMUM.items())

    failed = [_describe(url, attempts) for url, attempts in results.items()
              if not passed(attempts[-1])]
    assert not failed, "\n".join(failed)
