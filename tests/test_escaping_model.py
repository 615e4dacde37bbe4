"""Escaping tested by the record models, not by example (issue 21).

Markup goes into every text field of every record kind the models define, found by
walking them (a new field is poisoned without editing this file), in a copy of the sample
built once with real MkDocs and `content_security_policy: false`: in every output (the
pages, their share cards and JSON-LD, the search index, Atom/RSS, the calendars, the open
data) it must stay text: no element, attribute, event handler or `javascript:` address
made from a record.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from verksted_plugin.render import plain_or_markup
from verksted_plugin.template_cache import COMPILED


def test_environments_with_other_options_share_no_compiled_code(tmp_path: Path) -> None:
    """MkDocs' theme environment and the page templates' share one cache object, but a
    template compiled with one's options (the escaping rule) never runs in the other."""
    (tmp_path / "side.html").write_text("{{ x }}", "utf-8")

    def theme() -> Environment:
        return Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=COMPILED)

    def pages() -> Environment:
        return Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=COMPILED,
                           autoescape=True, finalize=plain_or_markup)

    # Each compiles into the cache, then reads what the other left there.
    assert theme().get_template("side.html").render(x="<b>") == "<b>"
    assert pages().get_template("side.html").render(x="<b>") == "&lt;b&gt;"
    assert theme().get_template("side.html").render(x="<b>") == "<b>"
    assert pages().get_template("side.html").render(x="[a](b)") == "&#91;a&#93;&#40;b&#41;"
