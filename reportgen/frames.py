"""Table files as typed frames, column by column (pandas string operations, regular
expressions and `Series.map` with a converter), so that a personeel.csv of 40.000 rows is
read in a fraction of a second. Only the cells that are not plainly valid go through the
cell-by-cell conversion of reportgen/cells.py, which gives the exact message; Python loops
run over those problem cells only, never over all rows.

`read_csv` / `read_xlsx` turn a file's bytes into a `RawTable` (the header row and the data
rows as positions; blank rows dropped, line numbers as a spreadsheet shows them), within the
limits of reportgen/inputfiles.py. `to_frame` converts a RawTable by its schema
(reportgen/schemas.py) into the frame that loading returns (see reportgen/loading.py for the
types), with every header and cell problem, in row order and within a row in column order.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import inputfiles
from .cells import EXPECT_VALUE, as_text, convert
from .errors import Problem
from .schemas import AMOUNT_DECIMALS, MAX_ABS, Column, Schema

EXPECT_ROWS = "verwacht: minstens één gegevensregel onder de kopregel"
EXPECT_SMALLER = {
    "amount": "verwacht: een bedrag van minder dan 1.000.000.000.000 euro (duizend miljard); "
              "dit bedrag kan niet kloppen",
    "decimal": "verwacht: een getal tussen -1.000.000.000 en 1.000.000.000; dit getal kan "
               "niet kloppen",
}
EXPECT_CENTS = ("verwacht: een bedrag in euro met hoogstens twee decimalen (hele centen), "
                "bijv. 1234,56")

RawRow = tuple[int, list[Any]]  # (spreadsheet line, cells)
_CHUNK = 50_000
_INT = r"\s*[-+]?\d{1,18}\s*"
_POINT = r"[-+]?\d+(?:\.\d+)?"
_COMMA = r"[-+]?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,\d+)?"


@dataclass(frozen=True)
class RawTable:
    """A table as read, before conversion: the header row (as the file has it), the data
    rows (`cells`: object cells by position, index = spreadsheet line; blank rows left out;
    text stripped) and the dialect its numbers are written in (";" or "," for CSV,
    "xlsx"). `hidden`: whether any cell may hold an invisible character (False when the
    whole file was searched and has none)."""

    header_line: int
    header: list[Any]
    cells: pd.DataFrame
    dialect: str
    hidden: bool = True
    empty: pd.DataFrame | None = None  # per cell of `cells`: empty (computed when None)

    @property
    def rows(self) -> list[RawRow]:
        """The data rows as (line, cells) (for the workbook import's own checks)."""
        return [(int(line), list(values)) for line, values in
                zip(self.cells.index, self.cells.itertuples(index=False, name=None))]

    @classmethod
    def from_rows(cls, header_line: int, header: list[Any], rows: Sequence[RawRow],
                  dialect: str) -> RawTable:
        cells = _cells([c for _, c in rows], [ln for ln, _ in rows], dialect)
        return cls(header_line, list(header), cells, dialect)


def _strip_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _cells(records: list[Sequence[Any]], lines: Sequence[int], dialect: str,
           strip: bool = True) -> pd.DataFrame:
    """The records as a frame of object cells, text stripped (a CSV holds only text and,
    where a record is short, None). `strip=False`: no cell has surrounding whitespace."""
    frame = pd.DataFrame(records, dtype=object) if records else pd.DataFrame(dtype=object)
    frame.index = pd.Index(np.asarray(lines, dtype="int64"))
    # numpy's object ufuncs keep every cell a Python object (Series.map would turn a column
    # of workbook numbers into float64, and None into NaN).
    if dialect in (",", ";"):
        for col in frame.columns if strip else ():
            values = frame[col].to_numpy(dtype=object, copy=True)
            text = ~pd.isna(values)  # a CSV cell is text or (past a short record) None
            values[text] = _STRIP(values[text])
            frame[col] = values
    else:
        for col in frame.columns:
            frame[col] = _STRIP_TEXT(frame[col].to_numpy(dtype=object))
    return frame


_STRIP = np.frompyfunc(str.strip, 1, 1)
_IS_NONE = np.frompyfunc(lambda value: value is None, 1, 1)
_STRIP_TEXT = np.frompyfunc(_strip_text, 1, 1)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _empty(frame: pd.DataFrame, ragged: bool = True) -> pd.DataFrame:
    """Per cell (already stripped): None or "" (a float NaN from a workbook is no empty
    cell). Computed on the numpy array: pandas' own comparisons of object columns are
    several times slower. `ragged=False`: no cell is None (a CSV whose records all have
    the same length)."""
    values = frame.to_numpy(dtype=object)
    missing = pd.isna(values) if ragged else np.zeros(values.shape, dtype=bool)
    if missing.any():
        at = np.nonzero(missing)
        missing[at] = _IS_NONE(values[at]).astype(bool)
    return pd.DataFrame(missing | (values == ""), index=frame.index, columns=frame.columns)


def split_header(records: Sequence[RawRow], dialect: str) -> RawTable | None:
    """The first non-empty record is the header; empty records are dropped. None when
    every record is empty."""
    return raw_table([c for _, c in records], dialect, [ln for ln, _ in records])


def raw_table(records: list[Sequence[Any]], dialect: str,
              lines: Sequence[int] | None = None, hidden: bool = True,
              strip: bool = True) -> RawTable | None:
    """`split_header` for records numbered 1, 2, ... (or by `lines`). `hidden`: whether
    a cell may hold an invisible character; `strip`: whether one may have surrounding
    whitespace (False only when the whole file was searched)."""
    if lines is None:
        lines = range(1, len(records) + 1)
    frame = _cells(records, lines, dialect, strip)
    ragged = dialect not in (",", ";") or len(set(map(len, records))) > 1
    empty = _empty(frame, ragged)
    filled = np.flatnonzero(~empty.all(axis=1).to_numpy()) \
        if frame.shape[1] else np.array([], dtype=int)
    if not len(filled):
        return None
    first = int(filled[0])
    return RawTable(int(frame.index[first]), list(records[first]),
                    frame.iloc[filled[1:]], dialect, hidden, empty.iloc[filled[1:]])


def detect_delimiter(text: str) -> str:
    """`;` when the first non-empty line has more `;` than `,`, else `,`."""
    for end in (4096, len(text)):  # the first lines usually suffice: no need to split all
        lines = text[:end].splitlines()
        if end < len(text):
            lines = lines[:-1]  # the last one may be cut off
        header_text = next((ln for ln in lines if ln.strip()), None)
        if header_text is not None:
            return ";" if header_text.count(";") > header_text.count(",") else ","
    return ","


# ------------------------------------------------------------------------------ reading


def read_csv(data: bytes, rel: str) -> tuple[RawTable | None, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start : err.start + 4].hex(" ")
        return None, [Problem(rel, "verwacht: tekst in UTF-8-codering (sla het bestand op "
                              "als 'CSV UTF-8')", line=line, value=f"bytes {bad}")]
    delimiter = detect_delimiter(text)
    records, problem = _read_records(text, delimiter, rel)
    if problem is not None:
        return None, [problem]
    # Invisible characters are all outside ASCII (and CPython knows whether a text is ASCII).
    hidden = not text.isascii() and inputfiles.INVISIBLE.search(text) is not None
    return raw_table(records, delimiter, hidden=hidden,
                     strip=_needs_strip(text, delimiter)), []


def _read_records(text: str, delimiter: str, rel: str
                  ) -> tuple[list[list[str]], Problem | None]:
    """The records as csv.reader reads them, within the row and column limits."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        while True:
            before = len(records)
            records.extend(islice(reader, _CHUNK))
            if len(records) == before:
                return records, None
            problem = _check_shape(records, rel, before)
            if problem is not None:
                return records, problem
    except csv.Error as err:
        return records, Problem(rel, f"verwacht: geldige CSV ({err})", line=len(records) + 1)


def _check_shape(records: list[list[str]], rel: str, start: int = 0) -> Problem | None:
    """Too many rows, or a record (from `start` on) with too many columns."""
    max_rows, max_cols = inputfiles.MAX_ROWS["tabel"], inputfiles.MAX_COLUMNS["tabel"]
    widths = list(map(len, records[start:]))
    if widths and max(widths) > max_cols:
        at = next(i for i, w in enumerate(widths) if w > max_cols)
        return Problem(rel, inputfiles.too_many_columns(widths[at], "tabel"),
                       line=start + at + 1)
    if len(records) > max_rows + 1:
        return Problem(rel, inputfiles.too_many_rows("tabel"))
    return None


_ASCII_SPACES = " \t\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.strip removes in ASCII, but \r \n
_SPACE = re.compile(r"[^\S\n]")  # whitespace (as str.strip removes it) but a line end
_FIELD_SPACE = {d: re.compile(rf"[{d}\n][^\S\n]|[^\S\n][{d}\n]") for d in ",;"}


def _needs_strip(text: str, delimiter: str) -> bool:
    """Whether any field of a CSV text may begin or end with whitespace (a text with
    quotes is always stripped: a quoted field may hold line ends)."""
    if '"' in text:
        return True
    if text.isascii() and not any(space in text for space in _ASCII_SPACES):
        return False  # a quick answer for the usual file: no whitespace but line ends
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _SPACE.search(plain):
        return False
    return bool(_FIELD_SPACE[delimiter].search(plain) or plain[:1].isspace()
                or _SPACE.fullmatch(plain[-1:]))


def read_xlsx(data: bytes, rel: str) -> tuple[RawTable | None, list[Problem]]:
    """The first sheet of a workbook. A formula is read as its cached result (the value
    Excel computed and stored); a formula without one, or with an error value, is an
    error naming its cell (openpyxl reads the workbook with and without `data_only`).
    Returns no table when the file cannot be read; formula problems come with the table."""
    try:
        unpacked = inputfiles.unpacked_size(data)
        if unpacked > inputfiles.MAX_UNPACKED:
            return None, [Problem(rel, f"het bestand is uitgepakt "
                                       f"{inputfiles.megabytes(unpacked)} groot; verwacht: "
                                       f"hoogstens {inputfiles.megabytes(inputfiles.MAX_UNPACKED)}"
                                       "; het is niet gelezen")]
        title, records, problem = _xlsx_values(data, rel)
        if problem is not None:
            return None, [problem]
        formulas = _xlsx_formulas(data, records) if inputfiles.has_formulas(data) else []
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError) as err:
        return None, [Problem(rel, f"verwacht: een geldig Excel-bestand (.xlsx) "
                              f"({type(err).__name__})")]
    raw = raw_table(records, "xlsx")
    if raw is None or not formulas:
        return raw, []
    header = [None if isinstance(c, _Reported) else c for c in raw.header]
    raw = RawTable(raw.header_line, header, raw.cells, raw.dialect, raw.hidden, raw.empty)
    problems = []
    for row, col, coordinate, text, cached in formulas:
        column = column_key(header[col]) if row > raw.header_line and col < len(header) \
            else ""
        expected = ("een formule zonder berekende uitkomst (het bestand is na het invullen "
                    "niet in Excel opgeslagen)" if cached is None else
                    f"een formule met de foutwaarde {cached} als uitkomst")
        problems.append(Problem(rel, f"{expected}; verwacht: een ingevulde waarde of een "
                                     "formule die Excel heeft berekend", column=column or None,
                                value=text, sheet=title, cell=coordinate))
    return raw, problems


def _xlsx_values(data: bytes, rel: str) -> tuple[str, list[list[Any]], Problem | None]:
    from openpyxl import load_workbook

    max_rows, max_cols = inputfiles.MAX_ROWS["tabel"], inputfiles.MAX_COLUMNS["tabel"]
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        # Some writers store a wrong sheet dimension; read every row regardless.
        ws.reset_dimensions()
        # In read-only mode openpyxl fills gaps with empty rows, so the position is the
        # spreadsheet row number.
        records: list[list[Any]] = []
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > max_rows + 1:
                return ws.title, [], Problem(rel, inputfiles.too_many_rows("tabel"))
            if len(row) > max_cols:
                if any(not is_empty(v) for v in row[max_cols:]):
                    return ws.title, [], Problem(
                        rel, inputfiles.too_many_columns(len(row), "tabel"), line=number)
                row = row[:max_cols]
            records.append(list(row))
        return ws.title, records, None
    finally:
        wb.close()


def _xlsx_formulas(data: bytes, records: list[list[Any]]
                   ) -> list[tuple[int, int, str, str, Any]]:
    """Formulas of the first sheet without a usable cached result: (row, column index,
    cell, formula, cached result) each; the cell is marked reported in `records`, so it is
    reported once."""
    from openpyxl import load_workbook

    found = []
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()
        for row in islice(ws.iter_rows(), len(records)):
            for cell in row:
                if not hasattr(cell, "column") or cell.value is None:
                    continue
                text = inputfiles.formula_text(cell)
                if text is None or cell.column > len(records[cell.row - 1]):
                    continue
                cached = records[cell.row - 1][cell.column - 1]
                if cached is not None and not inputfiles.is_cached_error(cached):
                    continue  # Excel computed it: the result is the value
                found.append((cell.row, cell.column - 1, cell.coordinate, text, cached))
                records[cell.row - 1][cell.column - 1] = _REPORTED
    finally:
        wb.close()
    return found


class _Reported:
    """A cell already reported while reading (a formula without result): loading
    reports nothing more about it and reads it as missing."""

    def __repr__(self) -> str:
        return "<gemeld>"


_REPORTED = _Reported()


# ------------------------------------------------------------------------------ conversion


def column_key(cell: Any) -> str:
    """A header cell as the column name it stands for (stripped, lower case)."""
    return as_text(cell).lower()


def _shown(value: Any) -> str:
    return inputfiles.show_invisible(as_text(value))


def to_frame(raw: RawTable, schema: Schema | None, rel: str) -> tuple[pd.DataFrame,
                                                                   list[Problem]]:
    """Convert every cell of `raw` by `schema` into a frame (with `_line`); every header
    and cell problem names `rel`, the spreadsheet line and the column. A cell that could
    not be converted is None in the frame (validation skips it)."""
    problems: list[Problem] = []
    cells = raw.cells.reset_index(drop=True)
    lines = raw.cells.index.to_numpy(dtype="int64")
    if not cells.shape[1]:
        empty = cells
    elif raw.empty is not None:
        empty = raw.empty.reset_index(drop=True)
    else:
        empty = _empty(cells)
    # -- header
    names: dict[int, str] = {}  # cell index -> normalised column name
    seen: dict[str, int] = {}
    for idx, cell in enumerate(raw.header):
        name = column_key(cell)
        if inputfiles.INVISIBLE.search(name):
            problems.append(Problem(rel, inputfiles.invisible_expected(name),
                                    line=raw.header_line, column=f"kolom {idx + 1}",
                                    value=inputfiles.show_invisible(name)))
            name = inputfiles.INVISIBLE.sub("", name).strip()
        if not name:
            if idx in empty.columns and not empty[idx].all():
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
    if not len(cells) and (schema is None or schema.contract):
        problems.append(Problem(rel, EXPECT_ROWS, line=raw.header_line + 1))
    # -- rows: problems keyed by (row, position in the row) and put in order at the end
    keyed: list[tuple[int, int, Problem]] = []
    width = len(raw.header)
    outside = [c for c in empty.columns if c >= width]
    if outside:
        filled = ~empty[outside] & ~cells[outside].apply(lambda c: c.map(type).eq(_Reported))
        for pos in np.flatnonzero(filled.any(axis=1).to_numpy()):
            first = next(c for c in outside if filled.at[pos, c])
            keyed.append((pos, -1, Problem(
                rel, "verwacht: niet meer waarden dan kolommen in de kopregel",
                line=int(lines[pos]), value=_shown(cells.at[pos, first]))))
    data: dict[str, pd.Series] = {}
    for order, col in enumerate(columns):
        idx = seen[col.name]
        if idx in cells.columns:
            values, found = convert_column(cells[idx], empty[idx], col, raw.dialect,
                                           raw.hidden)
        else:
            values, found = convert_column(pd.Series(np.full(len(cells), None, dtype=object)),
                                           pd.Series(True, index=cells.index), col,
                                           raw.dialect, False)
        keyed += [(pos, order, Problem(rel, expected, line=int(lines[pos]), column=col.name,
                                       value=value)) for pos, expected, value in found]
        data[col.name] = values
    keyed.sort(key=lambda k: (k[0], k[1]))
    problems += [p for _, _, p in keyed]
    # Required columns that are missing stay in the frame (all None) so the shape is stable.
    if schema is not None:
        for col in schema.columns:
            if col.required and col.name not in data:
                data[col.name] = pd.Series(np.full(len(cells), None, dtype=object))
        order_ = [c.name for c in schema.columns if c.name in data]
    else:
        order_ = list(data)
    frame = pd.DataFrame({name: data[name] for name in order_})
    if not order_:
        frame = pd.DataFrame(index=pd.RangeIndex(len(cells)))
    for col in columns:
        if col.kind == "int" and data[col.name].map(type).eq(int).all():
            try:
                frame[col.name] = frame[col.name].astype("int64")
            except OverflowError:
                pass
    frame["_line"] = pd.Series(lines, dtype="int64")
    return frame, problems


Found = list[tuple[int, str, str]]  # (row position, expected, value as shown)


def convert_column(cells: pd.Series, empty: pd.Series, col: Column, dialect: str,
                   hidden: bool = True) -> tuple[pd.Series, Found]:
    """One column (stripped cells, positions as index) converted by its kind: the values
    (object Series) and the problems (row position, expected, value as shown). Works on
    the numpy arrays: one C-level pass per step, Python only for the problem cells."""
    values = cells.to_numpy(dtype=object)
    n = len(values)
    base = col.kind.removeprefix("opt_")
    out = np.full(n, None, dtype=object)
    found: Found = []
    empty = np.asarray(empty, dtype=bool)
    csv_file = dialect in (",", ";")
    reported = np.zeros(n, dtype=bool) if csv_file else _test(_IS_REPORTED, values)
    if empty.any():
        if col.kind == "amount":
            out[empty & ~reported] = Decimal(0)
        elif not col.kind.startswith("opt_"):
            found += [(pos, EXPECT_VALUE, "") for pos in np.flatnonzero(empty & ~reported)]
    todo = ~empty & ~reported
    is_text = todo.copy() if csv_file else todo & _test(_IS_STR, values)
    if hidden and is_text.any():
        at = np.flatnonzero(is_text)
        for pos in at[_test(_HAS_INVISIBLE, values[at])]:
            found.append((pos, inputfiles.invisible_expected(values[pos]),
                          inputfiles.show_invisible(values[pos])))
            todo[pos] = is_text[pos] = False
    # -- the plainly valid cells, column-wise
    at = np.flatnonzero(is_text)
    text = values[at]
    if base == "str":
        out[at] = text
        todo[at] = False
    elif base == "int" and len(at):
        ok = _test(_IS_INT, text)
        out[at[ok]] = _INT_OF(text[ok])
        todo[at[ok]] = False
    elif base in ("decimal", "amount") and len(at):
        if "\u00a0" in "".join(text):
            text = _NO_NBSP(text)
        whole = _whole_column(text, dialect)
        if whole is not None:  # every cell plainly valid: one pass
            out[at] = whole
            todo[at] = False
            text = text[:0]
            at = at[:0]
        point = _test(_IS_POINT, text) if dialect != ";" else np.zeros(len(at), dtype=bool)
        comma = _test(_IS_COMMA, text) & ~point if dialect != "," else \
            np.zeros(len(at), dtype=bool)
        out[at[point]] = _DECIMAL(text[point])
        out[at[comma]] = _DECIMAL(_COMMA_TO_POINT(text[comma]))
        todo[at[point | comma]] = False
    # -- everything else cell by cell (numbers and dates from a workbook, problem cells)
    for pos in np.flatnonzero(todo):
        cell = values[pos]
        try:
            out[pos] = convert(cell, col.kind, dialect)
        except ValueError as err:
            found.append((pos, str(err), _shown(cell)))
    if base in ("decimal", "amount"):
        found += _check_size(out, base)
    return pd.Series(out, dtype=object), found


def _ufunc(func: Any) -> np.ufunc:
    return np.frompyfunc(func, 1, 1)


def _test(test: np.ufunc, values: np.ndarray) -> np.ndarray:
    """A boolean test per cell (an object ufunc returning True/False) as a bool array."""
    return test(values).astype(bool) if len(values) else np.zeros(0, dtype=bool)


_IS_REPORTED = _ufunc(lambda v: isinstance(v, _Reported))
_IS_STR = _ufunc(lambda v: isinstance(v, str))
_HAS_INVISIBLE = _ufunc(lambda v: inputfiles.INVISIBLE.search(v) is not None)
_NO_NBSP = _ufunc(lambda v: v.replace("\u00a0", ""))
_IS_INT = _ufunc(lambda v, m=re.compile(_INT).fullmatch: m(v) is not None)
_IS_POINT = _ufunc(lambda v, m=re.compile(_POINT).fullmatch: m(v) is not None)
_IS_COMMA = _ufunc(lambda v, m=re.compile(_COMMA).fullmatch: m(v) is not None)
_COMMA_TO_POINT = _ufunc(lambda v: v.replace(".", "").replace(",", "."))
_INT_OF = _ufunc(int)
_DECIMAL = _ufunc(Decimal)


#: What the number patterns refuse but Decimal() accepts: exponents, nan, inf, digit
#: separators (`_`), the other decimal sign, and a decimal sign without a digit on both
#: sides (`.5`, `5.`, `-.5`).
_NOT_PLAIN = {",": "eEnNiIsS_,", ";": "eEnNiIsS_."}
_DECIMAL_SIGN = {",": ".", ";": ","}


def _whole_column(text: np.ndarray, dialect: str) -> np.ndarray | None:
    """The Decimals of a column of number texts when every one of them is plainly valid in
    the dialect (`1234.56`; in a `;` file `1234,56`, without thousands dots); None when
    any cell needs a closer look (then each cell gets its pattern match). A few substring
    searches in the joined column and one Decimal() per cell: Decimal() refuses what else
    the patterns refuse (and the separator \x1f, so the joined cells are the cells)."""
    if dialect not in _NOT_PLAIN:
        return None
    joined = "\x1f".join(text)
    sign = _DECIMAL_SIGN[dialect]
    if any(ch in joined for ch in _NOT_PLAIN[dialect]) or joined.startswith(sign) or \
            joined.endswith(sign) or any(f"{a}{b}" in joined for a, b in (
                ("\x1f", sign), (sign, "\x1f"), ("-", sign), ("+", sign))):
        return None
    try:
        return _DECIMAL(_COMMA_TO_POINT(text) if dialect == ";" else text)
    except ArithmeticError:  # decimal.InvalidOperation: some cell is no number
        return None


def _check_size(values: np.ndarray, base: str) -> Found:
    """Numbers no sector plan can have (they would also break exact arithmetic later):
    too large, or an amount in fractions of a cent. The cell becomes None."""
    found: Found = []
    at = np.flatnonzero(~pd.isna(values))
    if not len(at):
        return found
    numbers = values[at]
    limit = MAX_ABS[base]
    huge = ((numbers >= limit) | (numbers <= -limit)).astype(bool)
    for pos in at[huge]:
        found.append((pos, EXPECT_SMALLER[base], format(values[pos], "f")))
        values[pos] = None
    if base == "amount":
        sane = at[~huge]
        cents = ((values[sane] * 10 ** AMOUNT_DECIMALS) % 1 != 0).astype(bool)
        for pos in sane[cents]:
            found.append((pos, EXPECT_CENTS, format(values[pos], "f")))
            values[pos] = None
    return found
