"""Load a data folder into the typed `Dataset` (reportgen/dataset.py).

`load_dataset(root, jaar)` reads `referentie/` and every year folder from the start of the
plan's period (reportgen/period.py) up to `jaar`. It has no side effects and never raises
for bad data: every problem becomes a `Problem` (file relative to the data folder, line
with header = line 1, column, value, what was expected), all returned together. Only a year
outside the period is a usage error (`ConfigError`).

Tables are read by `read_table`, which accepts `X.csv` (UTF-8 with or without BOM, `,` or
`;` delimiter, decimal comma in `;` files) or `X.xlsx` (first sheet; a formula counts as its
stored result) and converts every cell by the file's schema (`SCHEMAS`,
reportgen/schemas.py), column by column (reportgen/frames.py; one cell:
reportgen/cells.py). A file of the project's own design with only a header row is not
filled in yet: it counts as absent. Every file is read through reportgen/inputfiles.py:
only regular files inside the data folder (a symbolic link that leaves it is an error),
within the size limit of its kind; values with invisible or direction-changing characters
and numbers no plan can have (10^30, fractions of a cent) are errors.

Types after loading:
- `str` columns: stripped text (an `.xlsx` number cell becomes its text, `17` -> "17");
- `int` columns: Python/pandas ints;
- `decimal` / `amount` columns: `decimal.Decimal` (exact; an empty amount cell is 0);
- `date` columns: `datetime.date`;
- optional values (`opt_*` kinds): `None` when the cell is empty.
Optional *columns* (`Column(required=False)`) appear in the frame only when the file has them.
TOML files are returned as parsed by tomllib, except that ISO date strings under the known
date keys of rapport.toml are turned into `datetime.date`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import inputfiles, period
from .dataset import Dataset, Reference, SourceFile, TextFile, YearData
from .errors import Problem
from .cells import (EXPECT_DATE, EXPECT_INT, EXPECT_NUMBER, EXPECT_VALUE,  # noqa: F401
                    as_text, convert, parse_iso_date, parse_number)
from .frames import (EXPECT_ROWS, RawRow, RawTable, column_key,  # noqa: F401
                     detect_delimiter, is_empty, read_csv, read_xlsx, split_header, to_frame)
from .schemas import (AMOUNT_COLUMNS, RAPPORT_DATE_KEYS, REFERENCE_TABLES,  # noqa: F401
                      SCHEMAS, YEAR_TABLES, Column, Schema)

# ------------------------------------------------------------------------------ results


class TableResult(NamedTuple):
    """What `read_table` returns: the frame (None when absent or unreadable), the problems
    found, and the file that was read (None when none was)."""

    frame: pd.DataFrame | None
    problems: list[Problem]
    source: SourceFile | None


def _source(root: Path, path: Path, data: bytes) -> SourceFile:
    return SourceFile(path=_rel(root, path), sha256=hashlib.sha256(data).hexdigest())


def source_file(root: Path, path: Path) -> SourceFile:
    """A file read outside load_dataset (the outline), as the manifest lists it."""
    return _source(root, path, path.read_bytes())


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _present(path: Path) -> bool:
    """Anything by that name but a folder: a file, a link (also a broken one), a pipe
    (reading decides whether it may be read, and says why not)."""
    return os.path.lexists(path) and not path.is_dir()


def find_file(folder: Path, filename: str) -> Path | None:
    """The file `filename` in `folder`, matching the name case-insensitively."""
    exact = folder / filename
    if _present(exact):
        return exact
    if not folder.is_dir():
        return None
    wanted = filename.lower()
    for p in sorted(folder.iterdir()):
        if p.name.lower() == wanted and _present(p):
            return p
    return None


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns of schema `name` (for absent contract files)."""
    cols = [c.name for c in SCHEMAS[name].columns if c.required]
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    frame["_line"] = pd.Series([], dtype="int64")
    return frame


def read_table(root: Path, relpath: str, schema: Schema | None = None) -> TableResult:
    """Read the table `relpath` (relative to the data folder, without extension).

    Finds `<relpath>.csv` or `<relpath>.xlsx` (both = error; neither = error for a contract
    file, `frame=None` without problems otherwise; a non-contract file with only a header
    row is `frame=None` too). The schema defaults to `SCHEMAS[stem]`;
    with no schema all columns are read as optional stripped text. Only a regular file
    inside the data folder within the size limits is read (reportgen/inputfiles.py).
    """
    root = Path(root)
    stem = Path(relpath).name
    if schema is None:
        schema = SCHEMAS.get(stem)
    folder = (root / relpath).parent
    csv_path = find_file(folder, f"{stem}.csv")
    xlsx_path = find_file(folder, f"{stem}.xlsx")
    if csv_path and xlsx_path:
        return TableResult(None, [Problem(
            _rel(root, csv_path), f"verwacht: óf {stem}.csv óf {stem}.xlsx, niet allebei "
                                  f"(ook aanwezig: {_rel(root, xlsx_path)})")], None)
    path = csv_path or xlsx_path
    if path is None:
        if schema is not None and schema.contract:
            return TableResult(None, [Problem(
                f"{relpath}.csv", f"verplicht bestand ontbreekt (verwacht: {stem}.csv of "
                                  f"{stem}.xlsx)")], None)
        return TableResult(None, [], None)
    rel = _rel(root, path)
    data, problem = inputfiles.read_input(root, path, "tabel")
    if data is None:
        return TableResult(None, [problem], None)
    source = _source(root, path, data)
    if path.suffix.lower() == ".xlsx":
        raw, problems = read_xlsx(data, rel)
    else:
        raw, problems = read_csv(data, rel)
    if raw is None and problems:
        return TableResult(None, problems, source)
    if raw is None:
        cols = ", ".join(c.name for c in schema.columns if c.required) if schema else ""
        expected = "het bestand is leeg; verwacht: een kopregel" + (
            f" met de kolommen {cols}" if cols else "") + " en gegevensregels"
        return TableResult(None, [Problem(rel, expected)], source)
    frame, cell_problems = to_frame(raw, schema, rel)
    problems += cell_problems
    absent = not len(raw.cells) and schema is not None and not schema.contract
    return TableResult(None if absent else frame, problems, source)


# ------------------------------------------------------------------------------ TOML, texts

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(root: Path, relpath: str) -> tuple[dict[str, Any] | None, list[Problem],
                                                  SourceFile | None]:
    """Read an optional TOML file (`relpath` with extension). Absent -> (None, [], None)."""
    root = Path(root)
    path = find_file((root / relpath).parent, Path(relpath).name)
    if path is None:
        return None, [], None
    rel = _rel(root, path)
    data, problem = inputfiles.read_input(root, path, "instellingen")
    if data is None:
        return None, [problem], None
    source = _source(root, path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Problem(rel, "verwacht: tekst in UTF-8-codering", line=line)], source
    try:
        return tomllib.loads(text), [], source
    except RecursionError:
        return None, [Problem(rel, inputfiles.TOO_DEEP)], source
    except tomllib.TOMLDecodeError as err:
        m = _TOML_POS.search(str(err))
        line = int(m.group(1)) if m else None
        pos = f" (bij teken {m.group(2)})" if m else ""
        return None, [Problem(rel, f"verwacht: geldige TOML-syntaxis{pos}, bijv. "
                                   f"sleutel = \"tekst\" of datum = 2026-06-01",
                              line=line)], source


def _normalise_dates(doc: dict[str, Any], keys: tuple[tuple[str, ...], ...]) -> None:
    """Turn valid ISO date strings under `keys` into datetime.date (in place)."""
    for key in keys:
        parent: Any = doc
        for part in key[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and isinstance(parent.get(key[-1]), str):
            try:
                parent[key[-1]] = parse_iso_date(parent[key[-1]])
            except ValueError:
                pass  # validation reports it


def read_texts(root: Path, folder_rel: str) -> tuple[dict[str, TextFile], list[Problem],
                                                    list[SourceFile]]:
    """Every `*.md` in `folder_rel` (e.g. "2028/teksten") as TextFile keyed by file stem.

    A line with an invisible or direction-changing character is an error naming the line
    and the position in it (the text is kept without those characters)."""
    root = Path(root)
    folder = root / folder_rel
    texts: dict[str, TextFile] = {}
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    if not folder.is_dir():
        return texts, problems, sources
    link = inputfiles.outside_link(root, folder)
    if link is not None:
        return texts, [link], sources
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or not _present(path):
            continue
        rel = _rel(root, path)
        if path.suffix.lower() != ".md":
            problems.append(Problem(rel, "geen Markdown-bestand (.md); wordt genegeerd",
                                    severity="warning"))
            continue
        data, problem = inputfiles.read_input(root, path, "tekst")
        if data is None:
            problems.append(problem)
            continue
        sources.append(_source(root, path, data))
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            problems.append(Problem(rel, "verwacht: tekst in UTF-8-codering", line=line))
            continue
        for line, pos, text in inputfiles.invisible_in_lines(source):
            excerpt = text[max(0, pos - 30): pos + 30].strip()
            problems.append(Problem(rel, inputfiles.invisible_expected(text), line=line,
                                    column=f"teken {pos}",
                                    value=inputfiles.show_invisible(excerpt)))
        source = inputfiles.INVISIBLE.sub("", source)
        texts[path.stem] = TextFile(key=path.stem, path=rel, source=source)
    return texts, problems, sources


# ------------------------------------------------------------------------------ data set


def _table(root: Path, relpath: str, problems: list[Problem],
           sources: list[SourceFile]) -> pd.DataFrame | None:
    """`read_table` for the loaders: collects problems and sources; an absent or unreadable
    contract file becomes an empty frame with its columns."""
    result = read_table(root, relpath)
    problems.extend(result.problems)
    if result.source:
        sources.append(result.source)
    frame = result.frame
    if frame is None and SCHEMAS[Path(relpath).name].contract:
        frame = empty_frame(Path(relpath).name)
    return frame


def load_reference(root: Path) -> tuple[Reference, list[Problem], list[SourceFile]]:
    """Read `referentie/` only (the tables and sectorplan.toml): the reference, its
    problems and the files read."""
    root = Path(root)
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    ref_frames = {name: _table(root, f"referentie/{name}", problems, sources)
                  for name in REFERENCE_TABLES}
    umcs = ref_frames["umcs"]
    if pd.api.types.is_integer_dtype(umcs["volgorde"]):
        umcs = umcs.sort_values("volgorde", kind="stable").reset_index(drop=True)
    sectorplan, toml_problems, source = read_toml(root, "referentie/sectorplan.toml")
    problems.extend(toml_problems)
    if source:
        sources.append(source)
    referentie = Reference(
        umcs=umcs,
        begroting=ref_frames["begroting"],
        subthemas=ref_frames["subthemas"],
        functiecategorieen=ref_frames["functiecategorieen"],
        themamatrix=ref_frames["themamatrix"],
        kpis=ref_frames["kpis"],
        indicatoren=ref_frames["indicatoren"],
        commissie=ref_frames["commissie"],
        sectorplan=sectorplan,
    )
    return referentie, problems, sources


def load_dataset(root: Path, jaar: int) -> tuple[Dataset, list[Problem]]:
    """Read the data folder for a report on `jaar`: referentie/ plus the years from the
    start of the plan's period up to `jaar`. ConfigError when `jaar` is outside it."""
    root = Path(root)
    problems: list[Problem] = []
    sources: list[SourceFile] = []

    def table(relpath: str) -> pd.DataFrame | None:
        return _table(root, relpath, problems, sources)

    def toml(relpath: str) -> dict[str, Any] | None:
        doc, toml_problems, source = read_toml(root, relpath)
        problems.extend(toml_problems)
        if source:
            sources.append(source)
        return doc

    referentie, ref_problems, ref_sources = load_reference(root)
    problems.extend(ref_problems)
    sources.extend(ref_sources)

    looptijd = period.check_year(period.determine(root, referentie.sectorplan), jaar)
    jaren: dict[int, YearData] = {}
    for year in range(looptijd.start, jaar + 1):
        link = inputfiles.outside_link(root, root / str(year))
        if not (root / str(year)).is_dir() or link is not None:
            problems.append(link or Problem(
                f"{year}/", f"de map voor {year} ontbreekt; een rapport over {jaar} leest "
                            f"alle jaren {looptijd.start} t/m {jaar}"))
            jaren[year] = YearData(jaar=year, financien=empty_frame("financien"),
                                   personeel=empty_frame("personeel"))
            continue
        frames = {name: table(f"{year}/{name}") for name in YEAR_TABLES}
        rapport = toml(f"{year}/rapport.toml")
        if rapport is not None:
            _normalise_dates(rapport, RAPPORT_DATE_KEYS)
        teksten, text_problems, text_sources = read_texts(root, f"{year}/teksten")
        problems.extend(text_problems)
        sources.extend(text_sources)
        jaren[year] = YearData(
            jaar=year,
            financien=frames["financien"],
            personeel=frames["personeel"],
            rapport=rapport,
            kpi_waarden=frames["kpi_waarden"],
            kpi_oordeel=frames["kpi_oordeel"],
            werkdrukmonitor=frames["werkdrukmonitor"],
            teksten=teksten,
        )

    sources.sort(key=lambda s: s.path)
    dataset = Dataset(root=root, jaar=jaar, referentie=referentie, jaren=jaren,
                      sources=sources, looptijd_start=looptijd.start,
                      looptijd_eind=looptijd.eind)
    return dataset, problems
