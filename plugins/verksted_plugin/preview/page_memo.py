"""`mkdocs serve`: a generated page is rendered again only when something it shows changed.

Rendering every page's Markdown with Jinja on each rebuild, only to find the one that
changed, is most of a rebuild's cost. This keeps each page between the rebuilds of one
`mkdocs serve` with a key made of everything it is rendered from, and renders a page
again only when its key changed:

- what every page may show (`_site_key`): the page templates and the site's overrides of
  them, the language, the page addresses and feed links, the municipality, the parties,
  every plan, committee and method record, the order of each series, the names of the
  themes and which workshops there are;
- what a page shows of the workshops (`_workshop_key`: the record and what the day
  decides, such as the status): its own workshop and that one's neighbours in the series
  for a workshop page; the workshops listed on a committee, plan, method or theme page;
  every workshop for the overview pages;
- what a page shows of the participation activities (`_activity_key`: the record, the
  status the day gives it, the workshops whose `knowledge_from` names it): its own for
  an activity's page (with the workshops built on it), those a workshop built on, those of
  a plan or theme, every one for the overview pages;
- the summaries the page read while it was rendered (`_SummaryReads`): a workshop's
  summary, or its first paragraph (`excerpt`), each noted with the text read and compared
  again. A summary is most of what an editor changes and few pages show one (the workshop's
  own page, its committee's list of excerpts): pages that do not read it are kept whatever
  the summary says, also with a site's own templates, as what is read is what is noted;
- the photos a page showed: each one is looked up again (that also publishes its sizes
  again) and must give the same answer.

If the site key changed (a committee renamed, a template override added, a workshop added
or deleted, a new theme...), every page is rendered, as in a clean build. A page kept also
keeps what rendering it registered: its Markdown fields and HTML blocks go back into this
build's field store. The output equals a clean build's (tests/test_page_memo.py); with
VERKSTED_NO_SPEEDUPS=1 nothing is kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader

from .. import speedups
from ..kept import Kept
from ..language.labels import LABELS_DIR
from ..pages.generated import GeneratedPage, PageBuilder
from ..pages.markdown_fields import TOKEN, field_store
from ..portal.participation import took_place
from ..portal.themes import ThemeView
from ..portal.views import (
    ActivityView,
    CommitteeView,
    MethodView,
    PlanView,
    Portal,
    WorkshopView,
    first_paragraph,
)


@dataclass
class _Kept:
    page: GeneratedPage
    fields: dict[str, str]  # placeholder → Markdown field text
    raw: dict[str, str]  # placeholder → HTML block
    photos: list[tuple[str, str, Any]] = field(default_factory=list)  # (lookup, src, answer)
    summaries: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, attribute) → text


class PageMemo:
    """Generated pages kept between the rebuilds of one `mkdocs serve` (plugin-owned)."""

    def __init__(self) -> None:
        self._site: Hashable = None
        self._site_version = 0  # one more each time the site key changes: compared once a build
        self._pages: Kept[_Kept] = Kept()
        self.rendered: list[str] = []  # the pages of the last rebuild that were rendered
        self.kept = 0

    def pages(self, builder: PageBuilder) -> list[GeneratedPage]:
        """`builder.pages()`, with each page taken from the previous rebuild when unchanged."""
        if not speedups.enabled():
            return builder.pages()
        site = _site_key(builder)
        if site != self._site:
            self._site, self._site_version = site, self._site_version + 1
        self.rendered, self.kept = [], 0
        with self._watching(builder):
            return builder.pages()

    @contextmanager
    def _watching(self, builder: PageBuilder) -> Iterator[None]:
        """Route `builder.page` (and the photo lookups) through the memo for one call."""
        render = builder.page
        size, photo = builder.photo_size, builder.responsive_photo
        looked_up: list[tuple[str, str, Any]] = []
        lookups: dict[str, Callable[[str], Any]] = {"size": size, "photo": photo}

        def noted(name: str) -> Callable[[str], Any]:
            def lookup(src: str) -> Any:
                answer = lookups[name](src)
                looked_up.append((name, src, answer))
                return answer
            return lookup

        store = field_store(builder.env)
        reads = _SummaryReads()
        workshops = builder.portal.workshops

        def page(target: Any, template: str, title: Any, in_nav: bool, **context: Any
                 ) -> GeneratedPage:
            name = _page_name(target, template)
            source = getattr(getattr(target, "source", None), "file", None)  # for its date
            key = (self._site_version, str(title), in_nav, source,
                   _page_key(builder.portal, target))
            kept = self._pages.find(name, equal=key, still=lambda kept: all(
                lookups[lookup](src) == answer for lookup, src, answer in kept.photos) and all(
                _summary_text(workshops.get(id_), attribute) == text
                for (id_, attribute), text in kept.summaries.items()))
            if kept is not None:
                store.texts.update(kept.fields)
                store.raw.update(kept.raw)
                self.kept += 1
                return kept.page
            looked_up.clear()
            with reads.noting() as summaries:
                made = render(target, template, title, in_nav, **context)
            tokens = set(TOKEN.findall(made.markdown))
            self._pages.keep(name, _Kept(
                made, {t: store.texts[t] for t in tokens if t in store.texts},
                {t: store.raw[t] for t in tokens if t in store.raw}, list(looked_up), summaries),
                equal=key)
            self.rendered.append(made.src_uri)
            return made

        builder.page = page  # type: ignore[method-assign]
        builder.photo_size, builder.responsive_photo = noted("size"), noted("photo")
        try:
            with reads.installed():
                yield
        finally:
            del builder.page  # the class's method again
            builder.photo_size, builder.responsive_photo = size, photo


def _summary_text(workshop: WorkshopView | None, attribute: str) -> str | None:
    """The summary or its first paragraph, read without being noted."""
    if workshop is None:
        return None
    summary: str = workshop.__dict__["summary"]
    return summary if attribute == "summary" else first_paragraph(summary)


_EXCERPT = WorkshopView.excerpt  # put back after the memo's renders


class _SummaryReads:
    """While the memo renders pages, `WorkshopView.summary` and `.excerpt` note who read
    them: class properties take precedence over the instance's own value, and are removed
    right after, so the views are plain dataclasses again."""

    def __init__(self) -> None:
        self._noted: dict[tuple[str, str], str] | None = None

    @contextmanager
    def installed(self) -> Iterator[None]:
        reads = self

        def summary(view: WorkshopView) -> str:
            return reads._note(view, "summary")

        def set_summary(view: WorkshopView, text: str) -> None:
            view.__dict__["summary"] = text

        def excerpt(view: WorkshopView) -> str:
            return reads._note(view, "excerpt")

        WorkshopView.summary = property(summary, set_summary)  # type: ignore[assignment]
        WorkshopView.excerpt = property(excerpt)  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            del WorkshopView.summary
            WorkshopView.excerpt = _EXCERPT  # type: ignore[method-assign]

    @contextmanager
    def noting(self) -> Iterator[dict[tuple[str, str], str]]:
        """What one page's rendering reads (pages are rendered one after another)."""
        outer, self._noted = self._noted, {}
        try:
            yield self._noted
        finally:
            self._noted = outer

    def _note(self, view: WorkshopView, attribute: str) -> str:
        text = _summary_text(view, attribute)
        assert text is not None
        if self._noted is not None:
            self._noted[(view.id, attribute)] = text
        return text


def _page_name(target: Any, template: str) -> Hashable:
    if isinstance(target, str):
        return (template, target)
    if isinstance(target, ThemeView):
        return (template, target.slug)
    return (template, type(target).__name__, target.id)


def _page_key(portal: Portal, target: Any) -> Hashable:
    """What the page shows of the workshops and activities (the rest is in the site key)."""
    if isinstance(target, WorkshopView):
        return (tuple(_workshop_key(portal, w) if w else None
                      for w in (target, target.previous, target.next)),
                tuple(_activity_key(a) for a in target.knowledge))
    if isinstance(target, ActivityView):
        return _activity_key(target), tuple(_workshop_key(portal, w) for w in target.used_in)
    if isinstance(target, PlanView | ThemeView):
        return (tuple(_workshop_key(portal, w) for w in target.workshops),
                tuple(_activity_key(a) for a in target.activities))
    if isinstance(target, CommitteeView | MethodView):
        return tuple(_workshop_key(portal, w) for w in target.workshops)
    # The overviews: every workshop and activity.
    return (tuple(_workshop_key(portal, w) for w in portal.workshops.values()),
            tuple(_activity_key(a) for a in portal.activities.values()))


def _activity_key(a: ActivityView) -> Hashable:
    # The record (themes, dates and texts), the status the day gives it, and the workshops
    # that name it in knowledge_from (their titles and dates are shown with it).
    return (a.id, a.record, a.status, a.plan.id, tuple(w.id for w in a.used_in))


def _workshop_key(portal: Portal, w: WorkshopView) -> Hashable:
    # The record compares by its fields (an unchanged file gives the very same object);
    # status, upcoming and "took place" follow the day of the build.
    return (w.id, w.record, w.status, w.start, w.end, w.has_time,
            w.committee.id, w.method.id if w.method else None,
            w.previous.id if w.previous else None, w.next.id if w.next else None,
            portal.is_ahead(w), took_place(w, portal.now))


def _site_key(builder: PageBuilder) -> Hashable:
    portal, env = builder.portal, builder.env
    return (
        _template_files(env.loader), _files(LABELS_DIR), portal.language,
        tuple(sorted(builder.paths.items())), builder.use_directory_urls,
        repr(env.globals.get("feed_links")),
        portal.municipality, tuple(sorted(portal.parties.items())),
        tuple((k, p.record, p.current_phase, tuple(c.id for c in p.committees))
              for k, p in portal.plans.items()),
        tuple((k, c.record, c.plan.id, c.contact, tuple(w.id for w in c.workshops))
              for k, c in portal.committees.items()),
        tuple((k, m.record, tuple(w.id for w in m.workshops)) for k, m in portal.methods.items()),
        tuple(portal.workshops),
        tuple((k, t.slug, t.name) for k, t in portal.themes.items()),
    )


def _template_files(loader: Any) -> Hashable:
    """Time and size of every file the page templates can come from (`…/verksted/`)."""
    folders: list[str] = []
    for each in loader.loaders if isinstance(loader, ChoiceLoader) else [loader]:
        if isinstance(each, FileSystemLoader):
            folders += [os.path.join(p, "verksted") for p in each.searchpath]
        elif isinstance(each, PackageLoader):
            folders.append(os.path.join(each._template_root, "verksted"))
    return tuple(_files(Path(folder)) for folder in folders)


def _files(folder: Path) -> Hashable:
    found = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            info = os.stat(os.path.join(dirpath, name))
            found.append((dirpath, name, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))
