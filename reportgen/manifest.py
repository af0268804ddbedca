"""Build manifest (`manifest.json`): what went in and what came out of a build.

It records the sha256 of every input file read, the tool and dependency versions, the
options and the sha256 of every output file. It holds no timestamps, so two builds of the
same inputs with the same options and tool versions give the same manifest.
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
DEPENDENCIES = ("weasyprint", "matplotlib", "jinja2", "pandas", "babel", "click",
                "openpyxl", "markdown-it-py", "pydyf")


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


def build_manifest(*, jaar: int, options: dict[str, Any], sources: list[SourceFile],
                   out_dir: Path) -> dict[str, Any]:
    outputs = {
        str(p.relative_to(out_dir)): sha256_file(p)
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME
    }
    return {
        "jaar": jaar,
        "reportgen": __version__,
        "python": platform.python_version(),
        "afhankelijkheden": _versions(),
        "opties": options,
        "invoer": {s.path: s.sha256 for s in sources},
        "uitvoer": outputs,
    }


def write_manifest(manifest: dict[str, Any], out_dir: Path) -> Path:
    path = out_dir / MANIFEST_NAME
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path
