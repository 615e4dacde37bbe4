"""Drafts: records with `draft: true` are left out of a normal build, everywhere.

A published record must not point at a draft (its link would lead nowhere), so that is
reported like any other mistake, with the fix. The preview shows drafts with a banner.
"""

from __future__ import annotations

import os
from typing import Any

from markupsafe import Markup

from .i18n import tr
from .labels import Labels
from .load import Dataset, Loaded
from .problems import Problem

PREVIEW_ENV = "VERKSTED_PREVIEW_DRAFTS"
# One sentence per kind of record named, as the nouns' genders differ in Norwegian.
DRAFT_TARGET = {"plan": "draft_plan", "committee": "draft_committee", "method": "draft_method"}


def preview_wanted(option: bool) -> bool:
    """The plugin option, or `VERKSTED_PREVIEW_DRAFTS=1` for one `mkdocs serve`."""
    return option or os.environ.get(PREVIEW_ENV, "").strip().lower() in ("1", "true", "yes")


def draft_problems(dataset: Dataset) -> list[Problem]:
    """Published records that name a draft: one problem each, at the naming field."""
    problems: list[Problem] = []

    def check(holder: Loaded[Any], field: str, kind: str, target: Loaded[Any] | None) -> None:
        if target is not None and target.record.draft:
            problems.append(holder.source.problem(
                (field,), tr(DRAFT_TARGET[kind], id=target.id)))

    for committee in dataset.committees.values():
        if not committee.record.draft:
            check(committee, "plan", "plan", dataset.plans.get(committee.record.plan))
    for workshop in dataset.workshops.values():
        record = workshop.record
        if record.draft:
            continue
        check(workshop, "committee", "committee", dataset.committees.get(record.committee))
        if record.method:
            check(workshop, "method", "method", dataset.methods.get(record.method))
    return problems


def draft_banner(t: Labels) -> Markup:
    """The "Utkast" notice at the top of a draft's page in the preview."""
    return Markup('<div class="verksted-draft" role="note">\n<p><strong>{}</strong></p>\n'
                  '<p>{}</p>\n</div>\n\n').format(t("draft_banner"), t("draft_banner_text"))
