"""Where the package's own files are: the default templates and the fonts. Every module
asks here; nothing else builds paths into the package."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The default templates (the repository's top-level `templates/`)."""
    return PACKAGE_DIR.parent / "templates"


def assets_dir() -> Path:
    return PACKAGE_DIR / "assets"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"
