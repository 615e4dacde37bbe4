"""Files of docs/ that only drafts name are left out of a normal build (portal/drafts.py
says which): MkDocs would otherwise copy them into the site for anyone who guesses the address.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from mkdocs.structure.files import File, Files

from ..portal.drafts import draft_only_files, every_record
from ..records.dataset import Dataset


@dataclass(frozen=True)
class DraftFiles:
    """The files of docs/ a normal build leaves out because only drafts name them."""

    dataset: Dataset

    def unpublished(self, files: Files) -> list[File]:
        """The build's files that only drafts name.

        A hand-written page or a published record's text that mentions the file's name
        keeps it: links there are relative to their page, so the name is what they have in
        common with the path; a file kept that way is linked from a public page anyway."""
        only_drafts = draft_only_files(self.dataset)
        candidates = [file for file in files
                      if not file.generated_by and file.src_uri in only_drafts]
        if not candidates:  # the usual case: no draft names a file of its own
            return []
        text = self._published_text(files)
        return [file for file in candidates
                if not any(name in text for name in _names(file.src_uri))]

    def _published_text(self, files: Files) -> str:
        """Where a published link to a file could be written: the hand-written pages'
        Markdown (news posts too) and the published records' fields and summaries."""
        texts = [file.content_string for file in files.documentation_pages()
                 if not file.generated_by and file.abs_src_path]
        texts.append(self.dataset.municipality.record.model_dump_json())
        texts += [item.record.model_dump_json() + item.body
                  for item in every_record(self.dataset) if not item.record.draft]
        return "\n".join(texts)


def _names(src_uri: str) -> set[str]:
    """The file's name as a link may spell it: as written, and percent-encoded."""
    name = posixpath.basename(src_uri)
    return {name, quote(name)}
