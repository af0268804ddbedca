"""Where reportgen's own files live once it is installed: the default templates (and the
default outline `opbouw.toml` among them), the assets (fonts) and the skeleton of a new
project.

Every module asks this one for those folders; nothing else builds paths into the
package. The answer is the same for a wheel (`pip install .`), an editable install
(`pip install -e .`, what `make` uses) and a checkout. The folders are found with `importlib.resources`:

- `reportgen.templates` is the repository's top-level `templates/` folder, mapped into the
  package by setuptools (see `[tool.setuptools.package-dir]` in pyproject.toml);
- `reportgen/assets/` (fonts) and `reportgen/skeleton/` are package data.

reportgen reads these as ordinary files (Jinja2 loaders, WeasyPrint base URL), so the
package must be installed as files on disk, which pip always does.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "reportgen"
TEMPLATES_PACKAGE = "reportgen.templates"
#: The default outline of a report, when the package has one (copied by `reportgen init`).
OUTLINE_NAME = "opbouw.toml"


def _on_disk(traversable: object, what: str) -> Path:
    if isinstance(traversable, Path):
        return traversable
    raise RuntimeError(f"reportgen is not installed as files on disk; cannot use {what} "
                       f"({traversable!r})")


def package_dir() -> Path:
    """The folder of the `reportgen` package (base URL of the PDF's assets)."""
    return _on_disk(resources.files(PACKAGE), "the package folder")


#: The package folder, for modules that need it as a constant (pdf.py's base URL).
PACKAGE_DIR = package_dir()


def templates_dir() -> Path:
    """The default templates (`templates/` in a checkout, `reportgen/templates/` in a
    wheel)."""
    return _on_disk(resources.files(TEMPLATES_PACKAGE), "the default templates")


def assets_dir() -> Path:
    """`reportgen/assets/`: the only files the PDF stage may load."""
    return package_dir() / "assets"


def fonts_dir() -> Path:
    """The embedded Lato fonts."""
    return assets_dir() / "fonts"


def skeleton_dir() -> Path:
    """The files `reportgen init` copies into a new project."""
    return package_dir() / "skeleton"


def default_outline() -> Path | None:
    """The package's default report outline (`templates/opbouw.toml`), or None when this
    version has none."""
    path = templates_dir() / OUTLINE_NAME
    return path if path.is_file() else None
