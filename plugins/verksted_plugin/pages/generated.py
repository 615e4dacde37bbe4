"""One generated page per record (and one per overview): its address and its Markdown.

Each page is Markdown with front matter, so MkDocs, Material's search and the
municipality's own theme overrides treat it like a hand-written page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from jinja2 import Environment
from markupsafe import Markup, escape

from .. import speedups
from ..language.dates import format_clock, format_day, format_month
from ..language.labels import Labels
from ..portal.drafts import draft_banner
from ..portal.participation import Series, number_text, series
from ..portal.participation_memo import chart
from ..portal.themes import ThemeView, theme_key
from ..portal.views import ActivityView, CommitteeView, MethodView, PlanView, Portal, WorkshopView
from ..records import model
from ..records.deadlines import deadlines
from .front_matter import title_front_matter
from .html_blocks import stash_html_blocks
from .markdown_fields import field_store, neutralised
from .render import join_words, markdown_text, page_url, relative_url, template_env

View = PlanView | CommitteeView | MethodView | WorkshopView | ThemeView | ActivityView

DEFAULT_PATHS: dict[str, str] = {
    "plans": "plan",
    "committees": "utvalg",
    "workshops": "verksteder",
    "methods": "metode",
    "contact": "kontakt",
    "open_data": "apne-data",
    "themes": "tema",
    "activities": "medvirkning",
}

NEWS_SHOWN = 3  # the front page's newest Aktuelt posts


class NewsLink(Protocol):
    """What the front page shows of an Aktuelt post (the adapter reads them from Material)."""

    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...  # relative to the site root

    @property
    def date(self) -> datetime: ...


def next_workshop(portal: Portal) -> WorkshopView | None:
    """The soonest workshop ahead that will take place (not cancelled or postponed)."""
    return next((w for w in portal.upcoming() if w.status in ("planned", "moved-online")), None)


PhotoSize = Callable[[str], tuple[int, int] | None]
ResponsivePhotoLookup = Callable[[str], Any]  # photo_variants.PhotoVariants.photo


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    markdown: str
    in_nav: bool
    record_file: str | None = None


class PageLabels:
    """The page templates' `t`: a record's text filled into a label is plain text, escaped
    by the one rule for text in a page (render.markdown_text); the site's words stay HTML."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels

    def __call__(self, key: str, **values: object) -> Markup:
        return self.labels(key, **{name: markdown_text(value) if isinstance(value, str) else value
                                   for name, value in values.items()})

    def n(self, key: str, count: int) -> Markup:
        return self.labels.n(key, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.labels, name)


class PageBuilder:
    """Renders every page of a portal; knows each page's URL so links can be relative."""

    def __init__(self, portal: Portal, env: Environment | None = None, *,
                 paths: dict[str, str] | None = None, use_directory_urls: bool = True,
                 photo_size: PhotoSize | None = None,
                 responsive_photo: ResponsivePhotoLookup | None = None) -> None:
        self.portal = portal
        self.env = env or template_env()
        self.paths = {**DEFAULT_PATHS, **(paths or {})}
        self.use_directory_urls = use_directory_urls
        self.photo_size = photo_size or (lambda _src: None)
        self.responsive_photo = responsive_photo or (lambda _src: None)
        self.t = Labels(portal.language)
        self._page_t = PageLabels(self.t)  # the templates' `t`: record values escaped as text
        self._programmes: dict[tuple[Any, ...], Markup] = {}  # see `programme` in _helpers
        self._theme_keys: dict[str, str] = {}
        self._when: dict[str, Markup] = {}
        self._participants: dict[tuple[int | None, ...], str] = {}  # many share the counts
        self._urls: dict[object, tuple[View | str, str]] = {}  # by view (kept, so ids stay)

    # Where each page lives -------------------------------------------------------------
    def src_uri(self, target: View | str) -> str:
        """`"workshops"` is an overview page; a view is its record's page."""
        if isinstance(target, str):
            return f"{self.paths[target]}/index.md"
        if isinstance(target, ThemeView):
            return f"{self.paths['themes']}/{target.slug}.md"
        folder = {PlanView: "plans", CommitteeView: "committees", MethodView: "methods",
                  WorkshopView: "workshops", ActivityView: "activities"}[type(target)]
        return f"{self.paths[folder]}/{target.id}.md"

    def url(self, target: View | str) -> str:
        key = target if isinstance(target, str) else id(target)
        found = self._urls.get(key)
        if found is None:  # each page links the committees, themes and method of many
            found = self._urls[key] = (target, page_url(self.src_uri(target),
                                                         self.use_directory_urls))
        return found[1]

    # The pages ---------------------------------------------------------------------------
    def pages(self) -> list[GeneratedPage]:
        portal, t = self.portal, self.t
        plans = list(portal.plans.values())
        committees = list(portal.committees.values())
        methods = list(portal.methods.values())
        pages = [
            self.page("plans", "plans", t.plain("plans_title"), True, plans=plans),
            self.page("committees", "committees", t.plain("committees_title"), True,
                       committees=committees),
            self.page("workshops", "workshops", t.plain("workshops_title"), True,
                       upcoming=portal.upcoming(), past=portal.past()),
            self.page("methods", "methods", t.plain("methods_title"), True, methods=methods),
            self.page("contact", "contact", t.plain("contact_title"), True, plans=plans),
        ]
        pages += [self.page(p, "plan", p.record.title, True, plan=p) for p in plans]
        pages += [self.page(c, "committee", c.record.name, True, committee=c) for c in committees]
        pages += [self.page(m, "method", m.record.name, True, method=m) for m in methods]
        # Workshops stay out of the navigation tree: Material renders the whole tree into
        # every page, so a page per workshop in it would make the build quadratic.
        pages += [self.page(w, "workshop", w.record.title, False, workshop=w)
                  for w in portal.workshops.values()]
        # Theme pages, like workshops, stay out of the tree; the overview is in it.
        themes = list(portal.themes.values())
        pages.append(self.page("themes", "themes", t.plain("themes_title"), True, themes=themes))
        pages += [self.page(theme, "theme", theme.name, False, theme=theme) for theme in themes]
        # Participation: the overview in the menu, each activity's page out of the tree
        # (like workshops: there may be many).
        pages.append(self.page("activities", "activities", t.plain("activities_title"), True,
                               open=portal.open_activities(),
                               upcoming=portal.upcoming_activities(),
                               finished=portal.finished_activities()))
        pages += [self.page(a, "activity", a.record.title, False, activity=a)
                  for a in portal.activities.values()]
        return pages

    def now_section(self, here: str, posts: Sequence[NewsLink]) -> str:
        """The front page's "what happens now" (now.py) as Markdown, linked from `here`;
        empty when there is nothing to show."""
        portal = self.portal
        phases = [(plan, plan.record.phases[plan.current_phase])
                  for plan in portal.plans.values() if plan.current_phase is not None]
        context = {"open": portal.open_activities(), "next_workshop": next_workshop(portal),
                   "phases": phases, "posts": list(posts)[:NEWS_SHOWN]}
        if not any(context.values()):
            return ""
        template = self.env.get_template("verksted/now.md.j2")
        return template.render(portal=portal, t=self._page_t, **self._helpers(here), **context)

    def footer_html(self) -> Markup:
        """The municipality block shown in every page's footer."""
        template = self.env.get_template("verksted/footer.html.j2")
        return Markup(template.render(portal=self.portal, t=self._page_t))

    def page(self, target: View | str, template: str, title: str, in_nav: bool,
             **context: Any) -> GeneratedPage:
        """One page from `templates/verksted/<template>.md.j2` (outputs/ adds Åpne data with it)."""
        here = self.url(target)
        body = self.env.get_template(f"verksted/{template}.md.j2").render(
            portal=self.portal, t=self._page_t, **self._helpers(here), **context)
        if speedups.enabled():
            body = stash_html_blocks(body, field_store(self.env).raw)
        plain_title = str(title)
        # MkDocs' theme templates print the title without escaping: escape it here once.
        front = title_front_matter(neutralised(str(escape(plain_title))))
        source = None if isinstance(target, str | ThemeView) else target.source.file
        if not isinstance(target, str | ThemeView) and target.record.draft:  # preview only
            body = f"{draft_banner(self.t)}{body}"  # str: Markup + str would escape the body
        return GeneratedPage(self.src_uri(target), plain_title, f"---\n{front}---\n\n{body}",
                             in_nav, source)

    def _helpers(self, here: str) -> dict[str, Any]:
        t, language = self.t, self.portal.language

        def href(target: View | str) -> Markup:
            return Markup(escape(relative_url(self.url(target), here)))

        def link(target: View) -> Markup:
            if isinstance(target, ThemeView):
                name = target.name
            else:
                name = target.record.title \
                    if isinstance(target, PlanView | WorkshopView | ActivityView) \
                    else target.record.name
            # The name is text in a heading line too: escaped for Markdown as well as HTML.
            return Markup(f'<a href="{href(target)}">{markdown_text(name)}</a>')

        def asset(path: str) -> Markup:
            return Markup(escape(relative_url(path.lstrip("/"), here)))

        def when(w: WorkshopView) -> Markup:
            found = self._when.get(w.id)  # each workshop is listed on several pages
            if found is not None:
                return found
            if w.has_time:
                found = Markup("{}, {} {}").format(format_day(w.start, language),
                                                   t("time_prefix"),
                                                   format_clock(w.start, language))
            else:
                found = Markup(format_day(w.start, language))
            self._when[w.id] = found
            return found

        # Dates, clock times and labels are the site's own words: HTML (`Markup`) as the
        # labels give them, so the templates print them without escaping again.
        def day_range(w: WorkshopView) -> Markup:
            first = format_day(w.start, language)
            if w.end and w.end.date() != w.start.date():
                return t("date_range", start=first, end=format_day(w.end, language))
            return Markup(escape(first))

        def clock_range(w: WorkshopView) -> Markup:
            start = format_clock(w.start, language)
            if w.end and w.end.date() == w.start.date():
                return t("time_range", start=start, end=format_clock(w.end, language))
            return Markup("{} {}").format(t("time_prefix"), start)

        def phase_dates(phase: model.Phase) -> Markup:
            if phase.start and phase.end and (phase.start.year, phase.start.month) == (
                    phase.end.year, phase.end.month):
                return Markup(escape(format_month(phase.start, language)))
            if phase.start and phase.end:
                return t("date_range", start=format_month(phase.start, language),
                         end=format_month(phase.end, language))
            if phase.start:
                return t("phase_from", start=format_month(phase.start, language))
            if phase.end:
                return t("phase_until", end=format_month(phase.end, language))
            return Markup("")

        def place(location: model.Location) -> str:
            return location.one_line()

        def participants(counts: model.Participants | None) -> Markup:
            if counts is None:
                return Markup("")
            key = (counts.politicians, counts.administration, counts.residents)
            found = self._participants.get(key)
            if found is None:
                parts = [t.n(f"participants_{group}", number)
                         for group, number in zip(("politicians", "administration", "residents"),
                                                  key, strict=True) if number is not None]
                # Labels and numbers only, each already HTML.
                found = self._participants[key] = Markup(join_words(parts, t("list_and")))
            return found

        def lead_time(days: int) -> Markup:
            return t("lead_time_zero") if days == 0 else t.n("lead_time", days)

        def step_heading(step: model.Step) -> str:
            if not step.label:
                return step.title
            separator = ". " if step.label.isdigit() else ": "
            return f"{step.label}{separator}{step.title}"

        def party_name(code: str) -> str:
            party = self.portal.parties.get(code)
            return party.name(language) if party else code

        def theme_of(name: str) -> ThemeView:
            key = self._theme_keys.get(name)
            if key is None:
                key = self._theme_keys[name] = theme_key(name)
            return self.portal.themes[key]

        def programme(workshop: WorkshopView, steps: Callable[..., Markup]) -> Markup:
            """The method's steps on a workshop's page (the `steps` macro): the same on every
            workshop of the method but a planned one with deadlines, so rendered once."""
            agenda = workshop.agenda
            dated = workshop.coming and any(s.lead_time_days for s in agenda)
            if dated or not speedups.enabled():
                return steps(agenda, "###", workshop)
            key = tuple(id(step) for step in agenda)
            if key not in self._programmes:
                self._programmes[key] = steps(agenda, "###", workshop)
            return self._programmes[key]

        def theme_links(names: list[str]) -> Markup:
            """"Visjon og Satsingsområder", each linked to its theme page."""
            links = [link(theme_of(name)) for name in names]
            if len(links) <= 1:
                return Markup("").join(links)
            return Markup(f'{Markup(", ").join(links[:-1])} {t("list_and")} {links[-1]}')

        def step_deadline(workshop: WorkshopView | None, step: model.Step) -> Markup:
            """"Sendes ut senest 2. februar 2027" for a coming workshop, else nothing.

            Held workshops keep the relative lead time only: a past date tells the reader
            nothing, and the site cannot know whether it was kept."""
            if workshop is None or not workshop.coming or not step.lead_time_days:
                return Markup("")
            day = deadlines(workshop.record, [step])[0].day
            moment = Markup('<time datetime="{}">{}</time>').format(day.isoformat(),
                                                                   format_day(day, language))
            return t("deadline_send_by", date=moment)

        def participation(workshops: list[WorkshopView]) -> Series | None:
            return series(workshops, self.portal.now)

        def participation_chart(data: Series) -> Markup:
            return chart(data, lambda w: workshop_heading(w), t, "verksted-deltakelse-diagram")

        def workshop_heading(w: WorkshopView) -> Markup:
            name = t("workshop_number_short", number=w.record.number) if w.record.number \
                else markdown_text(w.record.title)
            return Markup("{} · {}").format(name, format_day(w.start, language))

        def figure(value: int | None, incomplete: bool = False) -> str:
            return number_text(value, incomplete, t)

        def day(value: date) -> Markup:
            """A date as a `<time>` element: "31. januar 2029"."""
            return Markup('<time datetime="{}">{}</time>').format(value.isoformat(),
                                                                 format_day(value, language))

        def activity_dates(a: ActivityView) -> Markup:
            """"6. januar 2020–7. februar 2020", or one day."""
            end = a.record.end
            if end is None or end == a.record.start:
                return day(a.record.start)
            return t("date_range", start=day(a.record.start), end=day(end))

        def deadline(a: ActivityView) -> Markup:
            """"Frist: 31. januar 2029" where the end is a last day to answer; meetings,
            workshops and the like have dates, not a deadline."""
            if a.deadline is None or a.record.kind not in model.ANSWERED_BY_END:
                return Markup("")
            return t("activity_deadline", date=day(a.deadline))

        return {
            "theme_of": theme_of, "programme": programme, "theme_links": theme_links, "step_deadline": step_deadline,
            "participation": participation,
            "participation_chart": participation_chart, "figure": figure,
            "href": href, "link": link, "asset": asset, "when": when, "day_range": day_range,
            "clock_range": clock_range, "phase_dates": phase_dates, "place": place,
            "participants": participants, "lead_time": lead_time, "step_heading": step_heading,
            "party_name": party_name, "photo_size": self.photo_size,
            "day": day, "activity_dates": activity_dates, "deadline": deadline,
            "responsive_photo": self.responsive_photo,
            "join": lambda items: join_words(items, str(t("list_and"))),
        }
