"""Photo dimensions, so pages can reserve the space and not jump while images load."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError


def photo_sizer(docs_dir: Path) -> Callable[[str], tuple[int, int] | None]:
    """A lookup `src -> (width, height)` for images in docs/; None for what Pillow cannot read."""

    @cache
    def size(src: str) -> tuple[int, int] | None:
        try:
            with Image.open(docs_dir / src) as image:  # reads the header only
                return image.size
        except (OSError, UnidentifiedImageError):
            return None

    return size
