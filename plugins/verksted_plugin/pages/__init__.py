"""Pages: one generated page per record, its templates, rendering and Markdown fields."""

from pathlib import Path

TEMPLATES_DIR = Path(__file__).parent / "templates"  # page, theme and `verksted new` templates
ASSETS_DIR = Path(__file__).parent / "assets"  # the portal's stylesheet and script
