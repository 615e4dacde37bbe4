"""A static host as a municipality's would be: files from a folder, gzip for text, correct
content types (`.ics` as text/calendar). On 127.0.0.1 only; for Lighthouse."""

from __future__ import annotations

import gzip
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from .harness import serve

COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml", "application/atom+xml", "application/rss+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves `folder`; compresses text when the browser accepts gzip, as hosts do."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".js": "application/javascript",
                      ".webp": "image/webp", ".avif": "image/avif", ".json": "application/json"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]  # noqa: ANN201
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or not kind.startswith(COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/")
                                                 else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)
        return None


def serve_gzip(folder: Path) -> AbstractContextManager[str]:
    """Serve `folder` with gzip on a free port of 127.0.0.1; yields the base URL."""
    return serve(folder, GzipHandler)
