"""In-process rebuild time of a workshop title save under `mkdocs serve --dirty`.

    .venv/bin/python bench/plan_page_rebuild.py [COUNT] [--before]

Builds the synthetic portal (portal_vs_plain.make_portal), starts a dirty preview session
without the web server (tests/test_page_memo.Session), then saves a workshop's title a few
times and prints each rebuild's wall and CPU seconds, and the plan page's own render time.
`--before` renders the plan page as before template_page took its timeline apart (the
whole page through Page.render), for a comparison in the same conditions.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "tests")]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from portal_vs_plain import make_portal, workshop  # noqa: E402
from test_page_memo import Session  # noqa: E402
from verksted_plugin import template_page  # noqa: E402


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), "1000"))
    if "--before" in sys.argv:
        template_page._MARKDOWN_DIV = re.compile(r"(?!)")  # never: the whole page as before
    plan_times: list[float] = []
    render = template_page.TemplatePage.render

    def timed(page: template_page.TemplatePage, config: object, files: object) -> None:
        began = time.process_time()
        render(page, config, files)  # type: ignore[arg-type]
        if page.file.src_uri == "plan/kommuneplanens-samfunnsdel.md":
            plan_times.append(time.process_time() - began)

    template_page.TemplatePage.render = timed  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="bench-plan-") as folder:
        root = Path(folder)
        make_portal(root, count)
        w = workshop(count // 2)
        record = root / "data" / "workshops" / f"{w['id']}.md"
        session = Session(root, root / "site", dirty=True)
        original = record.read_text("utf-8")
        for n in range(4):
            record.write_text(original.replace('title: "', f'title: "Endring {n} ', 1), "utf-8")
            plan_times.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            session.rebuild()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            plan = sum(plan_times)
            print(f"save {n}: rebuild {wall:.2f} s wall, {cpu:.2f} s CPU; plan page {plan:.2f} s",
                  flush=True)


if __name__ == "__main__":
    main()
