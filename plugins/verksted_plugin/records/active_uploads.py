"""Uploaded files that could run code in a visitor's browser, refused by name.

The browser editor, like anyone editing the records, puts photos in `docs/bilder/` and
documents in `docs/dokumenter/`, and MkDocs publishes every file there as it is, at the
site's own address. An HTML, SVG or XML file opened from there runs its scripts as the
site, with no Content-Security-Policy; a Markdown file becomes a page whose raw HTML is
trusted; a script file is allowed by the policy's `'self'`. So these types are refused in
the upload folders. The site's hand-written folders are trusted (SECURITY.md) and not read.
"""

from __future__ import annotations

from pathlib import Path

# Where the records' photos and files are uploaded, inside docs/; the record stores the path
# inside docs/. The browser editor (editor/cmsconfig.py) uploads there too.
PHOTO_FOLDER = "bilder"
DOCUMENT_FOLDER = "dokumenter"
UPLOAD_FOLDERS = (PHOTO_FOLDER, DOCUMENT_FOLDER)
ACTIVE_SUFFIXES = frozenset({
    ".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt",
    ".js", ".mjs", ".css", ".md", ".markdown", ".swf"})


def active_uploads(docs_dir: Path) -> list[Path]:
    """Every file in the upload folders whose type can run code, in a stable order."""
    found: list[Path] = []
    for folder in UPLOAD_FOLDERS:
        base = docs_dir / folder
        if base.is_dir():
            found += sorted(path for path in base.rglob("*")
                            if path.suffix.lower() in ACTIVE_SUFFIXES and not path.is_dir())
    return found
