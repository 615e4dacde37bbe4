"""Drafts: records with `draft: true` are left out of a normal build, everywhere.

A published record must not point at a draft (its link would lead nowhere), so that is
reported like any other mistake, with the fix. The preview shows drafts with a banner.
The files in docs/ that only drafts name (`documents[].file`, `photos[].src`) are left out
too: MkDocs would otherwise copy them into the site for anyone who guesses the address.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..language.i18n import tr
from ..language.labels import Labels
from ..records.dataset import Dataset, Loaded
from ..records.model import Document, Photo
from ..records.problems import Problem

PREVIEW_ENV = "VERKSTED_PREVIEW_DRAFTS"
# One sentence per kind of record named, as the nouns' genders differ in Norwegian.
DRAFT_TARGET = {"plan": "draft_plan", "committee": "draft_committee", "method": "draft_method",
                "activity": "draft_activity"}


def preview_wanted(option: bool) -> bool:
    """The plugin option, or `VERKSTED_PREVIEW_DRAFTS=1` for one `mkdocs serve`."""
    return option or os.environ.get(PREVIEW_ENV, "").strip().lower() in ("1", "true", "yes")


def draft_problems(dataset: Dataset) -> list[Problem]:
    """Published records that name a draft: one problem each, at the naming field."""
    problems: list[Problem] = []

    def check(holder: Loaded[Any], field: str | tuple[str, int], kind: str,
              target: Loaded[Any] | None) -> None:
        if target is not None and target.record.draft:
            problems.append(holder.source.problem(
                field if isinstance(field, tuple) else (field,),
                tr(DRAFT_TARGET[kind], id=target.id)))

    for holder in [*dataset.committees.values(), *dataset.activities.values()]:
        if not holder.record.draft:
            check(holder, "plan", "plan", dataset.plans.get(holder.record.plan))
    for workshop in dataset.workshops.values():
        record = workshop.record
        if record.draft:
            continue
        check(workshop, "committee", "committee", dataset.committees.get(record.committee))
        if record.method:
            check(workshop, "method", "method", dataset.methods.get(record.method))
        for index, wanted in enumerate(record.knowledge_from):
            check(workshop, ("knowledge_from", index), "activity", dataset.activities.get(wanted))
    return problems


def draft_banner(t: Labels) -> Markup:
    """The "Utkast" notice at the top of a draft's page in the preview."""
    return Markup('<div class="verksted-draft" role="note">\n<p><strong>{}</strong></p>\n'
                  '<p>{}</p>\n</div>\n\n').format(t("draft_banner"), t("draft_banner_text"))


def _named_files(value: object) -> Iterator[str]:
    """Every docs/ path a record names as a document's file or a photo's source, however
    deep it sits in the record (so a field added later is covered too)."""
    if isinstance(value, Photo):
        yield value.src
    elif isinstance(value, Document) and value.file:
        yield value.file
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _named_files(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _named_files(item)


def every_record(dataset: Dataset) -> Iterator[Loaded[Any]]:
    for group in (dataset.plans, dataset.committees, dataset.methods, dataset.workshops,
                  dataset.activities):
        yield from group.values()


def draft_only_files(dataset: Dataset) -> frozenset[str]:
    """The docs/ paths (as MkDocs' `src_uri`) named by a draft and by no published record."""
    drafts: set[str] = set()
    published: set[str] = set()
    for item in every_record(dataset):
        named = drafts if item.record.draft else published
        named.update(posixpath.normpath(path) for path in _named_files(item.record))
    return frozenset(drafts - published)
