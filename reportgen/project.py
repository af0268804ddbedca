"""A project folder: everything one committee needs for its reports, in one place.

    project/
      data/          the input: referentie/ and a folder per year (docs/data-design.md)
      out/           the reports, one folder per year (written by `reportgen build`)
      templates/     optional: the committee's own templates and stylesheets
      LEESMIJ.md     what to fill in, in what order (written by `reportgen init`)

The rule, as with mkdocs: the project folder is the current directory, or the folder given
with `--project DIR`. `data/`, `out/` and `templates/` are looked up there; `--data` and
`--out` still override one of them (taken as given, relative to the current directory).
A file in the project's `templates/` replaces the package's default template or
stylesheet of the same name (e.g. `templates/css/rapport.css`); everything else comes
from the package.

`create_project` makes a new project (`reportgen init`); its skeleton is package data in
`reportgen/skeleton/`, and its CSV files are written from the schemas (reportgen/schemas.py),
so they always have the columns reportgen reads.
"""

from __future__ import annotations

import datetime as dt
import json
import string
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import resources
from .errors import ConfigError
from .schemas import REFERENCE_TABLES, SCHEMAS
from .settings import BRIEF, RAPPORT, SECTORPLAN, Setting

#: The settings of a table setting (`[brief]` in rapport.toml).
TABLES = {"brief": BRIEF}

DATA, OUT, TEMPLATES = "data", "out", "templates"
README_NAME = "LEESMIJ.md"
#: The skeleton's stand-in for the first year folder (renamed to `looptijd_start`).
YEAR_PLACEHOLDER = "JAAR"
#: Header-only CSVs written into every new project: referentie/ and the first year.
REFERENCE_CSVS = REFERENCE_TABLES
YEAR_CSVS = ("financien", "personeel")
#: CSV dialect of the files `init` writes: as Dutch Excel saves "CSV UTF-8".
CSV_DELIMITER, CSV_ENCODING, CSV_NEWLINE = ";", "utf-8-sig", "\r\n"
#: LEESMIJ.md's paragraph on the outline, when the package has a default one to copy.
OUTLINE_NOTE = """
`data/referentie/opbouw.toml` is de opbouw van het rapport: de hoofdstukken en
paragrafen, en welke tekst, figuur of tabel waar staat. Het is een kopie van de
standaardopbouw van reportgen; pas het bestand aan als de commissie een andere opbouw
wil.
"""
#: Text files of the skeleton in which `$looptijd_start` etc. are filled in.
SUBSTITUTED = (".md", ".toml")


@dataclass(frozen=True)
class Project:
    """Where a project's input, output and templates are."""

    root: Path
    data_dir: Path
    out_dir: Path
    template_dirs: tuple[Path, ...]  # searched in order: the project's own, then the default

    def intake_dir(self, jaar: int) -> Path:
        """Where `reportgen intake` / `import` put workbooks of year `jaar`."""
        return self.out_dir / "intake" / str(jaar)

    @property
    def own_templates(self) -> Path | None:
        """The project's `templates/` folder when it has one."""
        own = self.root / TEMPLATES
        return own if own.is_dir() and own in self.template_dirs else None


def template_dirs(root: Path) -> tuple[Path, ...]:
    """`root/templates` (when it exists) followed by the package default, without
    listing one folder twice (in a checkout of reportgen both are `templates/`)."""
    default = resources.templates_dir()
    own = root / TEMPLATES
    if own.is_dir() and own.resolve() != default.resolve():
        return (own, default)
    return (default,)


def locate(project: Path | None = None, data: Path | None = None,
           out: Path | None = None) -> Project:
    """The project for the command line options: `project` or the current directory,
    with `data` / `out` overriding its folders. ConfigError (exit 2) when a project
    folder given with --project does not exist."""
    if project is not None and not Path(project).is_dir():
        what = "is geen map" if Path(project).exists() else "bestaat niet"
        raise ConfigError(f"Projectmap '{project}' {what}.")
    root = Path(project) if project is not None else Path(".")
    return Project(root=root,
                   data_dir=Path(data) if data is not None else root / DATA,
                   out_dir=Path(out) if out is not None else root / OUT,
                   template_dirs=template_dirs(root))


# ---------------------------------------------------------------------------- init


def header_only_csv(name: str) -> str:
    """The header row of table `name` (every column reportgen reads), as `init` writes it."""
    return CSV_DELIMITER.join(c.name for c in SCHEMAS[name].columns) + CSV_NEWLINE


def _toml_value(value: Any) -> str:
    """`value` as TOML writes it (strings as basic strings, dates bare)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML string


_PLACEHOLDER = {str: "", int: 0, float: 0, bool: False, list: []}


def settings_toml(settings: tuple[Setting, ...], active: dict[str, Any],
                  examples: dict[str, Any] | None = None) -> str:
    """The keys of a settings file as `init` writes them, from their declarations
    (reportgen/settings.py): each under its Dutch description, the ones in `active` with
    their value, every other one commented out with an example (`examples` before the
    declared one). A table setting (`[brief]`) becomes a commented section of its keys."""
    examples = examples or {}

    def comment(text: str) -> list[str]:
        return textwrap.wrap(text[:1].upper() + text[1:], width=86, initial_indent="# ",
                             subsequent_indent="# ")

    def example(s: Setting) -> str:
        value = examples.get(s.key, s.example)
        return _toml_value(value if value is not None else _PLACEHOLDER.get(s.types[0], ""))

    lines: list[str] = []
    for s in settings:
        doc = s.doc + "." + (" Nodig voor de definitieve versie." if s.required else "")
        if s.types == (dict,):
            lines += [*comment(f"{doc} Haal ook het # weg voor [{s.key}]."), f"# [{s.key}]"]
            for sub in TABLES.get(s.key, ()):
                lines += [*comment(sub.doc + "."), f"# {sub.key} = {example(sub)}"]
            continue
        value = (f"{s.key} = {_toml_value(active[s.key])}" if s.key in active
                 else f"# {s.key} = {example(s)}")
        lines += [*comment(doc), value, ""]
    return "\n".join(lines).rstrip("\n")


def _refuse_existing(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise ConfigError(f"'{root}' bestaat al en is geen map; kies een nieuwe map voor "
                          "het project.")
    if root.is_dir() and any(root.iterdir()):
        raise ConfigError(f"Map '{root}' bestaat al en is niet leeg. 'reportgen init' maakt "
                          "een project alleen in een nieuwe of lege map en overschrijft "
                          "niets; kies een andere map.")


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (init never overwrites)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as fh:
        fh.write(data)


def create_project(root: Path, looptijd_start: int, looptijd_eind: int) -> list[Path]:
    """Create a new project in `root` (new or empty) for a plan running from
    `looptijd_start` to `looptijd_eind`; returns the files written, relative to `root`.

    ConfigError when `root` is a non-empty folder or a file."""
    root = Path(root)
    _refuse_existing(root)
    values = {"looptijd_start": looptijd_start, "looptijd_eind": looptijd_eind,
              "jaar": looptijd_start, "opbouw": "", "sjablonen": str(resources.templates_dir())}
    # Examples that fit this project's period (the declared ones are for any plan).
    examples = {"basisjaar": min(looptijd_start + 1, looptijd_eind),
                "publicatiedatum": dt.date(looptijd_start + 1, 6, 1),
                "peildatum": dt.date(looptijd_start, 12, 31),
                "datum": dt.date(looptijd_start + 1, 6, 1)}
    settings_text = {
        Path(DATA, "referentie", "sectorplan.toml"): settings_toml(
            SECTORPLAN, {"looptijd_start": looptijd_start, "looptijd_eind": looptijd_eind},
            examples),
        Path(DATA, YEAR_PLACEHOLDER, "rapport.toml"): settings_toml(RAPPORT, {}, examples),
    }
    outline = resources.default_outline()
    if outline is not None:
        values["opbouw"] = OUTLINE_NOTE
    files: dict[Path, bytes] = {}
    skeleton = resources.skeleton_dir()
    for src in sorted(p for p in skeleton.rglob("*") if p.is_file()):
        rel = src.relative_to(skeleton)
        if "__pycache__" in rel.parts:
            continue
        rel = Path(*(str(looptijd_start) if part == YEAR_PLACEHOLDER else part
                     for part in rel.parts))
        data = src.read_bytes()
        if src.suffix in SUBSTITUTED:
            own = {"instellingen": settings_text.get(src.relative_to(skeleton), "")}
            text = string.Template(data.decode("utf-8")).substitute(values, **own)
            data = text.encode("utf-8")
        files[rel] = data
    for name in REFERENCE_CSVS:
        files[Path(DATA, "referentie", f"{name}.csv")] = header_only_csv(name).encode(
            CSV_ENCODING)
    for name in YEAR_CSVS:
        files[Path(DATA, str(looptijd_start), f"{name}.csv")] = header_only_csv(name).encode(
            CSV_ENCODING)
    if outline is not None:
        files[Path(DATA, "referentie", resources.OUTLINE_NAME)] = outline.read_bytes()
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in sorted(files.items()):
        _write_new(root / rel, data)
    return sorted(files)

