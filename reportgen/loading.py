"""Load a data folder into the typed `Dataset` (reportgen/dataset.py).

`load_dataset(root, jaar)` reads `referentie/` and every year folder from the start of the
plan's period (reportgen/period.py) up to `jaar`. It has no side effects and never raises
for bad data: every problem becomes a `Problem` (file relative to the data folder, line
with header = line 1, column, value, what was expected), all returned together. Only a year
outside the period is a usage error (`ConfigError`).

Tables are read by `read_table`, which accepts `X.csv` (UTF-8 with or without BOM, `,` or
`;` delimiter, decimal comma in `;` files) or `X.xlsx` (first sheet) and converts every cell
by the file's schema (`SCHEMAS`, reportgen/schemas.py; one cell: reportgen/cells.py). A file
of the project's own design with only a header row is not filled in yet: it counts as absent.

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

import csv
import hashlib
import io
import re
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import period
from .dataset import Dataset, Reference, SourceFile, TextFile, YearData
from .errors import Problem
from .cells import (EXPECT_DATE, EXPECT_INT, EXPECT_NUMBER, EXPECT_VALUE,  # noqa: F401
                    as_text, convert, parse_iso_date, parse_number)
from .schemas import (AMOUNT_COLUMNS, RAPPORT_DATE_KEYS, REFERENCE_TABLES,  # noqa: F401
                      SCHEMAS, YEAR_TABLES, Column, Schema)

# ------------------------------------------------------------------------------ messages

EXPECT_ROWS = "verwacht: minstens één gegevensregel onder de kopregel"

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


def find_file(folder: Path, filename: str) -> Path | None:
    """The file `filename` in `folder`, matching the name case-insensitively."""
    exact = folder / filename
    if exact.is_file():
        return exact
    if not folder.is_dir():
        return None
    wanted = filename.lower()
    for p in sorted(folder.iterdir()):
        if p.name.lower() == wanted and p.is_file():
            return p
    return None


# ------------------------------------------------------------------------------ raw reading

RawRow = tuple[int, list[Any]]  # (spreadsheet line, cells)


class RawTable(NamedTuple):
    """A table as read, before conversion: the header row, the data rows (each with its
    spreadsheet line) and the dialect its numbers are written in."""

    header_line: int
    header: list[Any]
    rows: list[RawRow]
    dialect: str  # ";" or "," for CSV, "xlsx"


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def detect_delimiter(text: str) -> str:
    """`;` when the first non-empty line has more `;` than `,`, else `,`."""
    header_text = next((ln for ln in text.splitlines() if ln.strip()), "")
    return ";" if header_text.count(";") > header_text.count(",") else ","


def _read_csv(data: bytes, rel: str) -> tuple[RawTable | None, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start : err.start + 4].hex(" ")
        return None, [Problem(rel, "verwacht: tekst in UTF-8-codering (sla het bestand op "
                              "als 'CSV UTF-8')", line=line, value=f"bytes {bad}")]
    delimiter = detect_delimiter(text)
    records: list[RawRow] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for line, record in enumerate(reader, start=1):
            records.append((line, record))
    except csv.Error as err:
        return None, [Problem(rel, f"verwacht: geldige CSV ({err})",
                              line=len(records) + 1)]
    return split_header(records, delimiter), []


def _xlsx_rows(data: bytes) -> list[RawRow]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        # Some writers store a wrong sheet dimension; read every row regardless.
        ws.reset_dimensions()
        # In read-only mode openpyxl fills gaps with empty rows, so the position is the
        # spreadsheet row number.
        return [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    finally:
        wb.close()


def _read_xlsx(data: bytes, rel: str) -> tuple[RawTable | None, list[Problem]]:
    try:
        records = _xlsx_rows(data)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as err:
        return None, [Problem(rel, f"verwacht: een geldig Excel-bestand (.xlsx) "
                              f"({type(err).__name__})")]
    return split_header(records, "xlsx"), []


def split_header(records: list[RawRow], dialect: str) -> RawTable | None:
    """The first non-empty record is the header; empty records are dropped. None when
    every record is empty."""
    nonempty = [(ln, cells) for ln, cells in records if any(not is_empty(c) for c in cells)]
    if not nonempty:
        return None
    (header_line, header), rows = nonempty[0], nonempty[1:]
    return RawTable(header_line, list(header), rows, dialect)


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns of schema `name` (for absent contract files)."""
    cols = [c.name for c in SCHEMAS[name].columns if c.required]
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    frame["_line"] = pd.Series([], dtype="int64")
    return frame


def column_key(cell: Any) -> str:
    """A header cell as the column name it stands for (stripped, lower case)."""
    return as_text(cell).lower()


def to_frame(raw: RawTable, schema: Schema | None, rel: str) -> tuple[pd.DataFrame,
                                                                   list[Problem]]:
    """Convert every cell of `raw` by `schema` into a frame (with `_line`); every header
    and cell problem names `rel`, the spreadsheet line and the column. A cell that could
    not be converted is None in the frame (validation skips it)."""
    problems: list[Problem] = []
    # -- header
    names: dict[int, str] = {}  # cell index -> normalised column name
    seen: dict[str, int] = {}
    for idx, cell in enumerate(raw.header):
        name = column_key(cell)
        if not name:
            if any(idx < len(cells) and not is_empty(cells[idx]) for _, cells in raw.rows):
                problems.append(Problem(
                    rel, "kolom zonder naam in de kopregel; deze kolom wordt genegeerd",
                    line=raw.header_line, column=f"kolom {idx + 1}", severity="warning"))
            continue
        if name in seen:
            problems.append(Problem(
                rel, f"verwacht: elke kolomnaam één keer in de kopregel (ook kolom "
                     f"{seen[name] + 1})", line=raw.header_line, column=name))
            continue
        seen[name] = idx
        names[idx] = name
    columns: list[Column]
    if schema is None:
        columns = [Column(n, "opt_str") for n in names.values()]
    else:
        columns = []
        for col in schema.columns:
            if col.name in seen:
                columns.append(col)
            elif col.required:
                problems.append(Problem(
                    rel, f"verwacht: kolom '{col.name}' in de kopregel (kolommen: "
                         f"{', '.join(c.name for c in schema.columns if c.required)})",
                    line=raw.header_line, column=col.name))
        known = {c.name for c in schema.columns}
        for name in names.values():
            if name not in known:
                problems.append(Problem(
                    rel, "onbekende kolom; deze wordt genegeerd", line=raw.header_line,
                    column=name, severity="warning"))
    if not raw.rows and (schema is None or schema.contract):
        problems.append(Problem(rel, EXPECT_ROWS, line=raw.header_line + 1))
    # -- rows
    data: dict[str, list[Any]] = {c.name: [] for c in columns}
    lines: list[int] = []
    width = len(raw.header)
    for line, cells in raw.rows:
        lines.append(line)
        extra = [c for c in cells[width:] if not is_empty(c)]
        if extra:
            problems.append(Problem(
                rel, "verwacht: niet meer waarden dan kolommen in de kopregel", line=line,
                value=as_text(extra[0])))
        for col in columns:
            idx = seen[col.name]
            cell = cells[idx] if idx < len(cells) else None
            if is_empty(cell):
                if col.kind == "amount":
                    value: Any = Decimal(0)
                elif col.kind.startswith("opt_"):
                    value = None
                else:
                    problems.append(Problem(rel, EXPECT_VALUE, line=line, column=col.name,
                                            value=""))
                    value = None
            else:
                try:
                    value = convert(cell, col.kind, raw.dialect)
                except ValueError as err:
                    problems.append(Problem(rel, str(err), line=line, column=col.name,
                                            value=as_text(cell)))
                    value = None
            data[col.name].append(value)
    # Required columns that are missing stay in the frame (all None) so the shape is stable.
    if schema is not None:
        for col in schema.columns:
            if col.required and col.name not in data:
                data[col.name] = [None] * len(lines)
        order = [c.name for c in schema.columns if c.name in data]
    else:
        order = list(data)
    frame = pd.DataFrame({name: pd.Series(data[name], dtype=object) for name in order})
    for col in columns:
        if col.kind == "int" and all(isinstance(v, int) for v in data[col.name]):
            frame[col.name] = frame[col.name].astype("int64")
    frame["_line"] = pd.Series(lines, dtype="int64")
    return frame, problems


def read_table(root: Path, relpath: str, schema: Schema | None = None) -> TableResult:
    """Read the table `relpath` (relative to the data folder, without extension).

    Finds `<relpath>.csv` or `<relpath>.xlsx` (both = error; neither = error for a contract
    file, `frame=None` without problems otherwise; a non-contract file with only a header
    row is `frame=None` too). The schema defaults to `SCHEMAS[stem]`;
    with no schema all columns are read as optional stripped text.
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
    try:
        data = path.read_bytes()
    except OSError as err:
        return TableResult(None, [Problem(rel, f"bestand is niet leesbaar ({err.strerror})")],
                           None)
    source = _source(root, path, data)
    if path.suffix.lower() == ".xlsx":
        raw, problems = _read_xlsx(data, rel)
    else:
        raw, problems = _read_csv(data, rel)
    if problems:
        return TableResult(None, problems, source)
    if raw is None:
        cols = ", ".join(c.name for c in schema.columns if c.required) if schema else ""
        expected = "het bestand is leeg; verwacht: een kopregel" + (
            f" met de kolommen {cols}" if cols else "") + " en gegevensregels"
        return TableResult(None, [Problem(rel, expected)], source)
    frame, problems = to_frame(raw, schema, rel)
    absent = not raw.rows and schema is not None and not schema.contract
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
    data = path.read_bytes()
    source = _source(root, path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Problem(rel, "verwacht: tekst in UTF-8-codering", line=line)], source
    try:
        return tomllib.loads(text), [], source
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
    """Every `*.md` in `folder_rel` (e.g. "2028/teksten") as TextFile keyed by file stem."""
    root = Path(root)
    folder = root / folder_rel
    texts: dict[str, TextFile] = {}
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    if not folder.is_dir():
        return texts, problems, sources
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or not path.is_file():
            continue
        rel = _rel(root, path)
        if path.suffix.lower() != ".md":
            problems.append(Problem(rel, "geen Markdown-bestand (.md); wordt genegeerd",
                                    severity="warning"))
            continue
        data = path.read_bytes()
        sources.append(_source(root, path, data))
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            problems.append(Problem(rel, "verwacht: tekst in UTF-8-codering", line=line))
            continue
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
        if not (root / str(year)).is_dir():
            problems.append(Problem(
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
