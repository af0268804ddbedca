"""Build manifest (`manifest.json`): what went in and what came out of a build.

It records the sha256 of every input file read (paths relative to the data folder), the
tool, Python and dependency versions (everything that can change the output bytes), the
options and the sha256 of every output file. It holds no timestamps, so two builds of the
same inputs with the same options and tool versions give the same manifest. (A draft also
records its draft number and build date: they are printed on every page, so they are
inputs of the build like the options.)

The change summary (`wijzigingen.md`) is left out of the output hashes: it compares with
the previous build in the output folder, so it depends on history, not only on the inputs.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .dataset import SourceFile

MANIFEST_NAME = "manifest.json"
# Packages whose version can change the output bytes (PDF, figures, tables, texts).
DEPENDENCIES = ("weasyprint", "pydyf", "fonttools", "tinyhtml5", "tinycss2", "cssselect2",
                "pyphen", "pillow", "matplotlib", "numpy", "jinja2", "markupsafe",
                "markdown-it-py", "pandas", "openpyxl", "babel", "click", "pikepdf")
# Outputs that are not a function of the inputs alone (see the module docstring).
UNHASHED_OUTPUTS = frozenset({"wijzigingen.md"})


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _versions() -> dict[str, str]:
    out = {}
    for name in DEPENDENCIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "niet geïnstalleerd"
    return out


def tool_files(*folders: tuple[str, Path]) -> dict[str, str]:
    """sha256 of the tool's own files that shape the output (templates, fonts), keyed
    `<label>/<relative path>`: an edited template changes the output without a version bump."""
    out: dict[str, str] = {}
    for label, folder in folders:
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    out[f"{label}/{p.relative_to(folder).as_posix()}"] = sha256_file(p)
    return out


def build_manifest(*, jaar: int, options: dict[str, Any], sources: list[SourceFile],
                   out_dir: Path, tool: dict[str, str] | None = None) -> dict[str, Any]:
    """The manifest of a build whose outputs are all written in `out_dir`; `tool` from
    `tool_files`."""
    outputs = {
        p.relative_to(out_dir).as_posix(): sha256_file(p)
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME
        and p.relative_to(out_dir).as_posix() not in UNHASHED_OUTPUTS
    }
    return {
        "jaar": jaar,
        "reportgen": __version__,
        "python": platform.python_version(),
        "afhankelijkheden": _versions(),
        "sjablonen": dict(tool or {}),
        "opties": options,
        "invoer": {s.path: s.sha256 for s in sources},
        "uitvoer": outputs,
    }


def write_manifest(manifest: dict[str, Any], out_dir: Path) -> Path:
    path = out_dir / MANIFEST_NAME
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path
