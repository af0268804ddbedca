"""Load a data folder into the typed `Dataset` (reportgen/dataset.py).

`load_dataset(root, jaar)` reads `referentie/` and every year folder 2022..jaar. It has no
side effects and never raises for bad data: every problem becomes a `Problem` (file relative
to the data folder, spreadsheet line with header = line 1, column, value, what was expected)
and all of them are returned together. Only a year outside the sector plan period is a usage
error (`ConfigError`).

Tables are read by `read_table`, which accepts `X.csv` (UTF-8 with or without BOM, `,` or
`;` delimiter, decimal comma in `;` files) or `X.xlsx` (first sheet) and converts every cell
by the file's schema. All schemas are declared as data in `SCHEMAS` below.

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
import datetime as dt
import hashlib
import io
import re
import tomllib
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd

from .dataset import (
    FIRST_YEAR,
    LAST_YEAR,
    Dataset,
    Reference,
    SourceFile,
    TextFile,
    YearData,
)
from .errors import ConfigError, Problem

# ------------------------------------------------------------------------------ schemas

Kind = Literal[
    "str", "opt_str", "int", "opt_int", "decimal", "opt_decimal", "amount", "date",
    "opt_date",
]


@dataclass(frozen=True)
class Column:
    """One column of a table file.

    kind: how a cell is converted (see the module docstring); `amount` = Decimal with an
    empty cell meaning 0. required: the column must be in the header row (an optional
    column that is present is converted like any other).
    """

    name: str
    kind: Kind = "str"
    required: bool = True


@dataclass(frozen=True)
class Schema:
    """A table file: its name (file stem), columns and whether the contract requires it."""

    name: str
    columns: tuple[Column, ...]
    contract: bool = False

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def _cols(*spec: str | Column) -> tuple[Column, ...]:
    return tuple(c if isinstance(c, Column) else Column(c) for c in spec)


AMOUNT_COLUMNS = ("ontvangen", "tijdelijke_posities", "vaste_posities", "indirecte_kosten",
                  "materieel")

SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        # -- referentie/ (contract)
        Schema("umcs", _cols("code", "naam", Column("volgorde", "int")), contract=True),
        Schema("begroting", _cols("umc", Column("begroot_fte", "decimal")), contract=True),
        Schema("subthemas", _cols("code", "thema", "thema_naam", "naam",
                                  Column("volgorde", "int")), contract=True),
        Schema("functiecategorieen", _cols("code", "naam", "groep",
                                           Column("volgorde", "int", required=False)),
               contract=True),
        Schema("themamatrix", _cols("umc", "subthema", "inzet"), contract=True),
        # -- referentie/ (project, docs/data-design.md)
        Schema("commissie", _cols("naam", Column("aanhef", "opt_str"), "rol",
                                  Column("functie", "opt_str"), Column("van", "opt_date"),
                                  Column("tot", "opt_date"), Column("volgorde", "int"))),
        Schema("kpis", _cols("code", Column("nummer", "opt_str"), "naam", "omschrijving",
                             "sectie", "soort", Column("volgorde", "int"))),
        Schema("indicatoren", _cols("code", "kpi", "naam", "eenheid", "bron",
                                    Column("aggregatie", "opt_str"), "norm",
                                    Column("norm_waarde", "opt_decimal"),
                                    Column("vanaf_jaar", "opt_int"))),
        # -- <jaar>/ (contract)
        Schema("financien", _cols("umc", *(Column(c, "amount") for c in AMOUNT_COLUMNS)),
               contract=True),
        Schema("personeel", _cols("id", "umc", "functiecategorie", "contractvorm",
                                  Column("fte", "decimal"), "geslacht",
                                  Column("subthema", "opt_str")), contract=True),
        # -- <jaar>/ (project)
        Schema("kpi_waarden", _cols("umc", "indicator", Column("waarde", "decimal"))),
        Schema("kpi_oordeel", _cols("kpi", Column("status", "opt_str"),
                                    Column("toelichting", "opt_str"))),
        Schema("werkdrukmonitor", _cols("deelnemer", "umc", "moment",
                                        Column("baanzekerheid", "decimal"),
                                        Column("werkdruk", "decimal"))),
    )
}

REFERENCE_TABLES = ("umcs", "begroting", "subthemas", "functiecategorieen", "themamatrix",
                    "commissie", "kpis", "indicatoren")
YEAR_TABLES = ("financien", "personeel", "kpi_waarden", "kpi_oordeel", "werkdrukmonitor")

# Keys of rapport.toml that hold dates (ISO strings are turned into datetime.date).
RAPPORT_DATE_KEYS: tuple[tuple[str, ...], ...] = (
    ("publicatiedatum",), ("peildatum",), ("brief", "datum"),
)

# ------------------------------------------------------------------------------ messages

EXPECT_NUMBER = {
    ";": "verwacht: een getal, bijv. 1234,56 of 1.234,56 (in een bestand met ';' als "
         "scheidingsteken is de komma het decimaalteken)",
    ",": "verwacht: een getal, bijv. 1234.56 (in een bestand met ',' als scheidingsteken is "
         "de punt het decimaalteken, zonder scheiding van duizendtallen)",
    "xlsx": "verwacht: een getal, bijv. 1234,56",
}
EXPECT_INT = "verwacht: een geheel getal, bijv. 3"
EXPECT_DATE = "verwacht: een datum als JJJJ-MM-DD, bijv. 2026-06-01"
EXPECT_VALUE = "verwacht: een waarde (deze kolom mag niet leeg zijn)"

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


def _find(folder: Path, filename: str) -> Path | None:
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


class _Raw(NamedTuple):
    header_line: int
    header: list[Any]
    rows: list[RawRow]
    dialect: str  # ";" or "," for CSV, "xlsx"


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _read_csv(data: bytes, rel: str) -> tuple[_Raw | None, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start : err.start + 4].hex(" ")
        return None, [Problem(rel, "verwacht: tekst in UTF-8-codering (sla het bestand op "
                              "als 'CSV UTF-8')", line=line, value=f"bytes {bad}")]
    header_text = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
    records: list[RawRow] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for line, record in enumerate(reader, start=1):
            records.append((line, record))
    except csv.Error as err:
        return None, [Problem(rel, f"verwacht: geldige CSV ({err})",
                              line=len(records) + 1)]
    return _split_header(records, delimiter), []


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


def _read_xlsx(data: bytes, rel: str) -> tuple[_Raw | None, list[Problem]]:
    try:
        records = _xlsx_rows(data)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as err:
        return None, [Problem(rel, f"verwacht: een geldig Excel-bestand (.xlsx) "
                              f"({type(err).__name__})")]
    return _split_header(records, "xlsx"), []


def _split_header(records: list[RawRow], dialect: str) -> _Raw | None:
    nonempty = [(ln, cells) for ln, cells in records if any(not _is_empty(c) for c in cells)]
    if not nonempty:
        return None
    (header_line, header), rows = nonempty[0], nonempty[1:]
    return _Raw(header_line, list(header), rows, dialect)


# ------------------------------------------------------------------------------ conversion

_POINT_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_COMMA_NUMBER = re.compile(r"[-+]?(\d+|[1-9]\d{0,2}(\.\d{3})+)(,\d+)?")
_INT = re.compile(r"[-+]?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_number(text: str, dialect: str) -> Decimal:
    """Parse a number as written in a file of the given dialect; ValueError when invalid.

    `;` files: decimal comma with optional thousands dots (`0,60`, `1.234,56`, `1234`).
    `,` files: decimal point, no thousands separator (`0.60`, `1234.56`).
    `xlsx` text cells: either form without thousands separators (`0.6` or `0,6`).
    """
    s = text.strip().replace("\u00a0", "")
    if dialect == ";":
        if not _COMMA_NUMBER.fullmatch(s):
            raise ValueError(text)
        return Decimal(s.replace(".", "").replace(",", "."))
    if dialect == ",":
        if not _POINT_NUMBER.fullmatch(s):
            raise ValueError(text)
        return Decimal(s)
    if _POINT_NUMBER.fullmatch(s):
        return Decimal(s)
    if _COMMA_NUMBER.fullmatch(s):
        return Decimal(s.replace(".", "").replace(",", "."))
    raise ValueError(text)


def _float_to_decimal(f: float) -> Decimal:
    """An Excel number as Excel shows it: 15 significant digits, so 0.6 stays 0.6 and
    0.30000000000000004 becomes 0.3."""
    if f != f or f in (float("inf"), float("-inf")):
        raise ValueError(repr(f))
    d = Decimal(format(f, ".15g"))
    if d == d.to_integral_value() and abs(d) < Decimal("1e15"):
        return d.quantize(Decimal(1))
    return d


def _as_text(value: Any) -> str:
    """A cell as the user would read it (for strings and for error messages)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        try:
            return str(_float_to_decimal(value))
        except ValueError:
            return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _convert(value: Any, kind: Kind, dialect: str) -> Any:
    """Convert one cell; raises ValueError with the expectation text when invalid.

    The caller has already handled empty cells.
    """
    base = kind.removeprefix("opt_")
    if base == "str":
        return _as_text(value)
    if base in ("decimal", "amount"):
        if isinstance(value, bool):
            raise ValueError(EXPECT_NUMBER[dialect])
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            try:
                return _float_to_decimal(value)
            except ValueError:
                raise ValueError(EXPECT_NUMBER[dialect]) from None
        if isinstance(value, str):
            try:
                return parse_number(value, dialect)
            except (ValueError, InvalidOperation):
                raise ValueError(EXPECT_NUMBER[dialect]) from None
        raise ValueError(EXPECT_NUMBER[dialect])
    if base == "int":
        if isinstance(value, bool):
            raise ValueError(EXPECT_INT)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise ValueError(EXPECT_INT)
        if isinstance(value, str):
            if _INT.fullmatch(value.strip()):
                return int(value.strip())
            try:  # `2.026` in a `;` file, `3.0` in a `,` file
                number = parse_number(value, dialect)
            except (ValueError, InvalidOperation):
                raise ValueError(EXPECT_INT) from None
            if number == number.to_integral_value():
                return int(number)
        raise ValueError(EXPECT_INT)
    if base == "date":
        if isinstance(value, dt.datetime):
            if value.time() == dt.time(0, 0):
                return value.date()
            raise ValueError(EXPECT_DATE)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            return parse_iso_date(value)
        raise ValueError(EXPECT_DATE)
    raise AssertionError(f"unknown column kind {kind!r}")


def parse_iso_date(text: str) -> dt.date:
    """`2026-06-01` -> date; ValueError (with the expectation text) otherwise."""
    s = text.strip()
    if not _ISO_DATE.fullmatch(s):
        raise ValueError(EXPECT_DATE)
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise ValueError(EXPECT_DATE) from None


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns of schema `name` (for absent contract files)."""
    cols = [c.name for c in SCHEMAS[name].columns if c.required]
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    frame["_line"] = pd.Series([], dtype="int64")
    return frame


def _to_frame(raw: _Raw, schema: Schema | None, rel: str) -> tuple[pd.DataFrame,
                                                                   list[Problem]]:
    problems: list[Problem] = []
    # -- header
    names: dict[int, str] = {}  # cell index -> normalised column name
    seen: dict[str, int] = {}
    for idx, cell in enumerate(raw.header):
        name = _as_text(cell).lower()
        if not name:
            if any(idx < len(cells) and not _is_empty(cells[idx]) for _, cells in raw.rows):
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
    if not raw.rows:
        problems.append(Problem(rel, "verwacht: minstens één gegevensregel onder de kopregel",
                                line=raw.header_line + 1))
    # -- rows
    data: dict[str, list[Any]] = {c.name: [] for c in columns}
    lines: list[int] = []
    width = len(raw.header)
    for line, cells in raw.rows:
        lines.append(line)
        extra = [c for c in cells[width:] if not _is_empty(c)]
        if extra:
            problems.append(Problem(
                rel, "verwacht: niet meer waarden dan kolommen in de kopregel", line=line,
                value=_as_text(extra[0])))
        for col in columns:
            idx = seen[col.name]
            cell = cells[idx] if idx < len(cells) else None
            if _is_empty(cell):
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
                    value = _convert(cell, col.kind, raw.dialect)
                except ValueError as err:
                    problems.append(Problem(rel, str(err), line=line, column=col.name,
                                            value=_as_text(cell)))
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
    file, `frame=None` without problems otherwise). The schema defaults to `SCHEMAS[stem]`;
    with no schema all columns are read as optional stripped text.
    """
    root = Path(root)
    stem = Path(relpath).name
    if schema is None:
        schema = SCHEMAS.get(stem)
    folder = (root / relpath).parent
    csv_path = _find(folder, f"{stem}.csv")
    xlsx_path = _find(folder, f"{stem}.xlsx")
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
    frame, problems = _to_frame(raw, schema, rel)
    return TableResult(frame, problems, source)


# ------------------------------------------------------------------------------ TOML, texts

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(root: Path, relpath: str) -> tuple[dict[str, Any] | None, list[Problem],
                                                  SourceFile | None]:
    """Read an optional TOML file (`relpath` with extension). Absent -> (None, [], None)."""
    root = Path(root)
    path = _find((root / relpath).parent, Path(relpath).name)
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


def load_dataset(root: Path, jaar: int) -> tuple[Dataset, list[Problem]]:
    """Read the data folder for a report on `jaar`: referentie/ plus years 2022..jaar."""
    if not FIRST_YEAR <= jaar <= LAST_YEAR:
        raise ConfigError(f"Verslagjaar {jaar} valt buiten de looptijd van het sectorplan "
                          f"({FIRST_YEAR}–{LAST_YEAR}).")
    root = Path(root)
    problems: list[Problem] = []
    sources: list[SourceFile] = []

    def table(relpath: str) -> pd.DataFrame | None:
        result = read_table(root, relpath)
        problems.extend(result.problems)
        if result.source:
            sources.append(result.source)
        frame = result.frame
        if frame is None and SCHEMAS[Path(relpath).name].contract:
            frame = empty_frame(Path(relpath).name)
        return frame

    def toml(relpath: str) -> dict[str, Any] | None:
        doc, toml_problems, source = read_toml(root, relpath)
        problems.extend(toml_problems)
        if source:
            sources.append(source)
        return doc

    ref_frames = {name: table(f"referentie/{name}") for name in REFERENCE_TABLES}
    umcs = ref_frames["umcs"]
    if pd.api.types.is_integer_dtype(umcs["volgorde"]):
        umcs = umcs.sort_values("volgorde", kind="stable").reset_index(drop=True)
    referentie = Reference(
        umcs=umcs,
        begroting=ref_frames["begroting"],
        subthemas=ref_frames["subthemas"],
        functiecategorieen=ref_frames["functiecategorieen"],
        themamatrix=ref_frames["themamatrix"],
        kpis=ref_frames["kpis"],
        indicatoren=ref_frames["indicatoren"],
        commissie=ref_frames["commissie"],
        sectorplan=toml("referentie/sectorplan.toml"),
    )

    jaren: dict[int, YearData] = {}
    for year in range(FIRST_YEAR, jaar + 1):
        if not (root / str(year)).is_dir():
            problems.append(Problem(
                f"{year}/", f"de map voor {year} ontbreekt; een rapport over {jaar} leest "
                            f"alle jaren {FIRST_YEAR} t/m {jaar}"))
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
                      sources=sources)
    return dataset, problems
