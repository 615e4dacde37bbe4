"""Share cards: Open Graph and Twitter `<meta>` for every generated page.

A link shared in social media then shows the page's title, a plain-text description from
the record and the first photo with its alt text. Nothing is fetched from another host:
the tags only name this site's own addresses.

Open Graph wants absolute URLs. Without `site_url` in mkdocs.yml the site does not know
its own address, so `og:url` and the image tags are left out (a card with a wrong address
is worse than none); title, description and type are still given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup, escape

from ..pages.feed_addresses import DEFAULT_SITE_URL
from ..pages.generated import GeneratedPage, View
from ..pages.render import page_url
from ..portal.themes import ThemeView
from ..portal.views import ActivityView, CommitteeView, MethodView, PlanView, WorkshopView
from ..records import model
from .context import FeedContext
from .text import to_plain, xml_text

# Long enough for every card layout; longer text is cut at a word with "…".
DESCRIPTION_LENGTH = 200
LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}


@dataclass(frozen=True)
class Card:
    """Every value plain text, as written: `_meta_tags` escapes each once."""

    title: str
    description: str
    url: str | None
    image: str | None = None
    image_alt: str | None = None
    image_size: tuple[int, int] | None = None
    kind: str = "website"


def share_heads(ctx: FeedContext, pages: Iterable[GeneratedPage]) -> dict[str, Markup]:
    """Page source path → its share-card tags, for every generated page."""
    targets = _targets(ctx)
    heads: dict[str, Markup] = {}
    for page in pages:
        target = targets.get(page.src_uri)
        heads[page.src_uri] = meta_tags(ctx, card(ctx, page, target))
    return heads


def card(ctx: FeedContext, page: GeneratedPage, target: View | None) -> Card:
    known = ctx.links.site_url != DEFAULT_SITE_URL  # site_url is set in mkdocs.yml
    builder, t = ctx.builder, ctx.builder.t
    municipality = ctx.portal.municipality.name
    # Plain text throughout: the tags escape each value once, as an HTML attribute.
    description = t.plain("share_site_description", municipality=municipality)
    photo: model.Photo | None = None
    kind = "website"
    if isinstance(target, WorkshopView):
        description = _plain(target.excerpt or target.record.status_note) or description
        photo = _first_photo(target.record.photos)
        kind = "article"
    elif isinstance(target, CommitteeView):
        description = _plain(target.record.purpose)
        photo = _first_photo(target.record.photos)
    elif isinstance(target, PlanView):
        description = _plain(target.record.summary) or description
    elif isinstance(target, MethodView):
        description = _plain(target.record.purpose)
    elif isinstance(target, ActivityView):
        # What it is and who it is for; without that, what came of it.
        description = _plain(target.record.description or target.record.result) or description
        photo = _first_photo(target.record.photos)
        kind = "article"
    elif isinstance(target, ThemeView):
        description = t.plain("share_theme_description", name=target.name,
                              workshops=t.plain_n("themes_workshops", len(target.workshops)),
                              inputs=t.plain_n("themes_inputs", len(target.inputs)),
                              municipality=municipality)
    url = ctx.links.absolute(builder.url(target) if target is not None
                             else _page_url(ctx, page)) if known else None
    if photo is None or not known:
        return Card(page.title, shorten(description), url, kind=kind)
    return Card(page.title, shorten(description), url, ctx.links.absolute(quote(photo.src)),
                photo.alt, builder.photo_size(photo.src), kind)


def meta_tags(ctx: FeedContext, item: Card) -> Markup:
    """The `<meta>` lines; every value is escaped (it came from the data files)."""
    return _meta_tags(item, ctx.portal.municipality.name, ctx.portal.language)


# A card's tags depend on the card, the site's name and language only: `mkdocs serve`
# rebuilds in the same process and reuses the tags of the cards that did not change.
@lru_cache(maxsize=8192)
def _meta_tags(item: Card, site_name: str, language: str) -> Markup:
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", item.kind),
        ("property", "og:title", item.title),
        ("property", "og:description", item.description),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", LOCALES.get(language, "nb_NO")),
    ]
    if item.url:
        tags.append(("property", "og:url", item.url))
    if item.image:
        tags.append(("property", "og:image", item.image))
        if item.image_size:
            tags += [("property", "og:image:width", str(item.image_size[0])),
                     ("property", "og:image:height", str(item.image_size[1]))]
        if item.image_alt:
            tags.append(("property", "og:image:alt", item.image_alt))
    tags += [
        ("name", "twitter:card", "summary_large_image" if item.image else "summary"),
        ("name", "twitter:title", item.title),
        ("name", "twitter:description", item.description),
    ]
    if item.image:
        tags.append(("name", "twitter:image", item.image))
        if item.image_alt:
            tags.append(("name", "twitter:image:alt", item.image_alt))
    # escape() is what Markup.format applies to each value, without its formatter's cost.
    return Markup("\n".join(f'<meta {escape(attr)}="{escape(key)}" content="{_attribute(value)}">'
                             for attr, key, value in tags))


def _attribute(value: str) -> Markup:
    """A plain-text value escaped once for an HTML attribute, without the control characters
    HTML does not allow in text (a YAML escape can write them)."""
    return escape(xml_text(value).replace("\x7f", ""))


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """One line of plain text, cut at a word boundary with "…" when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1].rsplit(" ", 1)[0].rstrip(",.;:–- ")
    return f"{cut}…"


def _plain(markdown: str | None) -> str:
    return to_plain(markdown) if markdown else ""


def _first_photo(photos: Iterable[model.Photo]) -> model.Photo | None:
    """The first photo that shows something: a decorative one says nothing in a card."""
    return next((p for p in photos if not p.decorative and p.alt), None)


def _targets(ctx: FeedContext) -> dict[str, View]:
    portal, builder = ctx.portal, ctx.builder
    views: list[View] = [*portal.plans.values(), *portal.committees.values(),
                         *portal.methods.values(), *portal.workshops.values(),
                         *portal.themes.values(), *portal.activities.values()]
    return {builder.src_uri(view): view for view in views}


def _page_url(ctx: FeedContext, page: GeneratedPage) -> str:
    return page_url(page.src_uri, ctx.builder.use_directory_urls)
