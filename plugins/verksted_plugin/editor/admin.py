"""The files of `admin/` on the built site: the editor page, its config and Decap's bundle.

They are static files, not MkDocs pages, so they stay out of the menu, the search index
and the sitemap; the page itself says `noindex`. Everything is served by the site: Decap
from the project's node_modules (pinned in package-lock.json), never from a CDN.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from markupsafe import escape

from ..records.parties import Party
from .canonical import ORDERS
from .cmsconfig import EditorOptions, Folders
from .config_memo import config_text

ADMIN = "admin"
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = ("verksted-init.js", "verksted-cms.js", "canonical.js", "verksted-preview.js", "admin.css")
DECAP_DIST = Path("decap-cms") / "dist"
YAML_DIST = Path("yaml") / "browser" / "dist"
# The checkout verksted itself runs from (for the sample site and the tests).
OWN_NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"

# Where each backend's API lives, for the page's Content-Security-Policy (connect-src).
API_ORIGINS = {"github": ["https://api.github.com"], "gitlab": ["https://gitlab.com"],
               "gitea": [], "azure": ["https://dev.azure.com"]}


@dataclass(frozen=True)
class AdminFile:
    """One file under admin/: generated text, or a copy of `source`."""

    path: str
    content: str | None = None
    source: Path | None = None


def find_node_modules(project_root: Path) -> Path | None:
    for folder in (project_root / "node_modules", OWN_NODE_MODULES):
        if (folder / DECAP_DIST / "decap-cms.js").is_file() and (folder / YAML_DIST).is_dir():
            return folder
    return None


def local_proxy_url(options: EditorOptions) -> str:
    return f"http://127.0.0.1:{options.local_port}/api/v1"


def connect_sources(options: EditorOptions) -> list[str]:
    """Where the editor page may send requests: the site, the local proxy, the git host."""
    port = options.local_port
    # blob: Decap reads back its own in-browser copies of uploads and unsaved drafts.
    sources = ["'self'", "blob:", f"http://127.0.0.1:{port}", f"http://localhost:{port}"]
    if options.configured:
        sources += API_ORIGINS.get(options.backend or "", [])
        for key in ("base_url", "api_root", "auth_endpoint"):
            value = options.extra.get(key)
            if isinstance(value, str) and urlparse(value).scheme in ("http", "https"):
                parts = urlparse(value)
                sources.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(sources))


def content_security_policy(options: EditorOptions) -> str:
    """What Decap needs and nothing more (see doc/editor.md, "The editor's Content-Security-Policy").

    Scripts only from the site itself, never inline. Decap checks its config with ajv,
    which compiles the checks with `new Function`, so the page needs 'unsafe-eval'.
    Styles also inline: Decap styles its interface with CSS-in-JS (emotion), which writes
    <style> elements at run time.
    Images also from data:/blob: (uploads shown before they are saved) and the git host.
    """
    connect = " ".join(connect_sources(options))
    images = " ".join(["'self'", "data:", *connect_sources(options)[1:]])
    return "; ".join([
        "default-src 'none'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src {images}",
        "font-src 'self' data:",
        f"connect-src {connect}",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


INDEX = """<!doctype html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <title>Redigering – {site_name}</title>
  <link rel="stylesheet" href="admin.css">
  <script src="verksted-init.js"></script>
  <script src="decap-cms.js"></script>
  <script type="module" src="verksted-cms.js"></script>
</head>
<body>
  <main id="verksted-admin-message" class="verksted-admin-message" hidden>
    <h1>Redigering – {site_name}</h1>
    <div id="verksted-unconfigured" hidden>
      <p>Redigering i nettleseren er ikke satt opp for dette nettstedet ennå.</p>
      <p>Til den som drifter nettstedet: skriv inn git-tjenesten og depotet under
        <code>verksted:</code> → <code>editor:</code> i <code>mkdocs.yml</code>
        (<code>backend: github</code> eller <code>gitlab</code>, <code>repo: eier/navn</code>),
        og bygg nettstedet på nytt. Oppsettet står trinn for trinn i verksteds doc/editor.md.</p>
      <p>På egen maskin: start <code>make edit</code> og åpn
        <code>http://127.0.0.1:8000/admin/</code>.</p>
    </div>
    <div id="verksted-not-installed" hidden>
      <p>Redigeringsverktøyet (Decap CMS) ble ikke installert da nettstedet ble bygget.
        Kjør <code>npm ci</code> i prosjektmappen og bygg på nytt.</p>
    </div>
  </main>
  <noscript><p>Redigeringsverktøyet trenger JavaScript.</p></noscript>
</body>
</html>
"""


def index_html(options: EditorOptions, site_name: str) -> str:
    return INDEX.format(csp=escape(content_security_policy(options)), site_name=escape(site_name))


def editor_settings(options: EditorOptions, *, installed: bool, preview_styles: list[str]) -> str:
    """What the page's script needs besides Decap's config: key orders and the backend state."""
    return json.dumps({"orders": ORDERS, "configured": options.configured,
                       "installed": installed, "proxy": local_proxy_url(options),
                       "previewStyles": preview_styles},
                      ensure_ascii=False, indent=1) + "\n"


def admin_files(options: EditorOptions, parties: dict[str, Party], *, project_root: Path,
                folders: Folders, site_name: str, site_url: str | None,
                language: str = "nb", preview_styles: list[str] | None = None) -> list[AdminFile]:
    """`preview_styles`: the site's stylesheets, relative to the site root."""
    node_modules = find_node_modules(project_root)
    files = [
        AdminFile(f"{ADMIN}/index.html", index_html(options, site_name)),
        AdminFile(f"{ADMIN}/config.yml",
                  config_text(options, parties, folders, site_url=site_url, language=language)),
        AdminFile(f"{ADMIN}/verksted-editor.json",
                  editor_settings(options, installed=node_modules is not None,
                                  preview_styles=[f"../{p}" for p in preview_styles or []])),
        *(AdminFile(f"{ADMIN}/{name}", source=STATIC_DIR / name) for name in STATIC_FILES),
    ]
    if node_modules is None:
        # The page explains what to install; decap-cms.js answers with that message.
        files.append(AdminFile(f"{ADMIN}/decap-cms.js", "window.VERKSTED_NO_DECAP = true;\n"))
        return files
    decap = node_modules / DECAP_DIST
    bundle = [decap / "decap-cms.js", *sorted(decap.glob("*.decap-cms.js")), *sorted(decap.glob("*.wasm"))]
    files += [AdminFile(f"{ADMIN}/{path.name}", source=path) for path in bundle]
    yaml_dist = node_modules / YAML_DIST
    files += [AdminFile(f"{ADMIN}/yaml/{path.relative_to(yaml_dist).as_posix()}", source=path)
              for path in sorted(yaml_dist.rglob("*.js"))]
    return files
