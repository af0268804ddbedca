"""Export of every table the report prints (and the other computed tables) for reuse in
Excel: the input is the view's `TableView`s, so headers, row labels and notes are the
report's own.

`write_tables(tables, day, out_dir)` writes

- `tabellen/<key>.csv`, one file per table, in the dialect a Dutch Excel opens with a
  double click: UTF-8 with BOM, `;` as separator, CRLF line ends, decimal comma and no
  thousands separator (`16097831,00`). Header row = the column headers as printed (the
  first column is the table's label column, e.g. `umc`); no notes (they are in the
  workbook).
- `tabellen.xlsx`, one sheet per table (sheet name = table title), in report order: a
  styled header row (bold, filled, wrapped, frozen) with an autofilter over the data, the
  total row in bold, long text wrapped, and the notes below the data area, after an empty
  row, outside the filter.

Values have the precision the PDF prints them with, the same in both files:
euro to cents; fte to 2 decimals; percentages as numbers on a 0-100 scale, whole
(87 = 87%; the workbook shows them as `87%` without changing the value); counts and years
as integers; a KPI measure rounded as its unit prints (`getal`). Zero is a number (the
PDF's empty money cell is a print convention only); "no value" is an empty cell.

Text from the data is always text: in the workbook it is stored as a string cell (never a
formula), and a CSV text cell that a spreadsheet would evaluate (it starts with `=`, `+`,
`-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises against CSV
injection.

Both are deterministic: the same tables give the same bytes. The workbook's document
dates and the ZIP entry times are fixed to the report's publication date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .numbers import round_half_up
from .view.tables import ColumnView as Column, TableView as Table

CSV_DIR = "tabellen"
XLSX_NAME = "tabellen.xlsx"

#: Decimals per column kind: what the PDF prints.
PLACES = {"euro": 2, "fte": 2, "pct": 0, "int": 0}
XLSX_FORMATS = {
    "euro": '"€" #,##0.00',
    "fte": "#,##0.00",
    "int": "0",
    "pct": '0"%"',
}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TOTAL_BORDER = Border(top=Side(style="thin", color="1F4E79"))
WRAP = Alignment(wrap_text=True, vertical="top")


# ---------------------------------------------------------------- values


def number(value: Any, kind: str) -> Decimal | int | None:
    """A numeric cell at the PDF's precision; None for "no value"."""
    if value is None:
        return None
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if kind in ("int", "jaar"):
        return int(round_half_up(d, 0))
    if kind == "getal":
        return d
    return round_half_up(d, PLACES[kind])


def neutralise(text: str) -> str:
    """A CSV text cell that a spreadsheet would evaluate, made inert with a leading `'`."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _numeric(value: Any, kind: str) -> Decimal | int | str:
    """The number a cell holds, or its text when it is text (or holds no number)."""
    if kind == "text":
        return str(value)
    try:
        return number(value, kind)  # type: ignore[return-value]
    except (ArithmeticError, ValueError):
        return str(value)


def csv_value(value: Any, kind: str) -> str:
    """One cell for the Dutch CSV dialect."""
    if value is None:
        return ""
    n = _numeric(value, kind)
    if isinstance(n, str):
        return neutralise(n)
    return (f"{n:f}" if isinstance(n, Decimal) else str(n)).replace(".", ",")


def xlsx_value(value: Any, kind: str) -> Any:
    """A cell value for openpyxl: numbers as int/float at the PDF's precision."""
    if value is None:
        return None
    n = _numeric(value, kind)
    return n if isinstance(n, (str, int)) else float(n)


def _header(table: Table) -> list[str]:
    return [table.first_column] + [c.label for c in table.columns]


def _cells(table: Table, columns: tuple[Column, ...], fn) -> list[list[Any]]:
    return [[fn(row.label, table.label_kind)] + [fn(row.values.get(c.key), c.kind)
                                                  for c in columns]
            for row in table.rows]


# ---------------------------------------------------------------- CSV


def table_csv(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in _header(table)])
    writer.writerows(_cells(table, table.columns, csv_value))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- XLSX


def sheet_names(tables: list[Table]) -> list[str]:
    """Valid, unique Excel sheet names (<= 31 characters) from the table titles."""
    names: list[str] = []
    for t in tables:
        base = _SHEET_FORBIDDEN.sub("-", t.title or t.key).strip("'")[:31] or "Tabel"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f" ({n})"
            name = base[:31 - len(suffix)] + suffix
            n += 1
        names.append(name)
    return names


def _text(cell: Cell, value: str) -> None:
    """Store `value` as a string cell: openpyxl would make "=..." a live formula."""
    cell.value = value
    cell.data_type = "s"


def _fixed_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(max(day.year, 1980), day.month, day.day)


def _sheet(wb: Workbook, table: Table, name: str) -> None:
    ws = wb.create_sheet(title=name)
    kinds = [table.label_kind] + [c.kind for c in table.columns]
    for col, header in enumerate(_header(table), start=1):
        cell = ws.cell(row=1, column=col)
        _text(cell, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
    for r, (row, values) in enumerate(zip(table.rows,
                                          _cells(table, table.columns, xlsx_value)), start=2):
        for col, (value, kind) in enumerate(zip(values, kinds), start=1):
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                _text(cell, value)
                cell.alignment = WRAP
            else:
                cell.value = value
                if kind in XLSX_FORMATS:
                    cell.number_format = XLSX_FORMATS[kind]
            if row.is_total:
                cell.font, cell.border = Font(bold=True), TOTAL_BORDER
    last_row = len(table.rows) + 1
    last_col = get_column_letter(len(kinds))
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    ws.freeze_panes = "B2"
    for i, note in enumerate(table.notes):  # below the data area, after an empty row
        cell = ws.cell(row=last_row + 2 + i, column=1)
        _text(cell, f"Noot: {note}")
        cell.font = Font(italic=True)
    label_width = max([len(table.first_column)] + [len(str(r.label)) for r in table.rows])
    widths = [max(12, min(45, label_width + 2))]
    for col in table.columns:
        widths.append(max(12, min(40, len(col.label) + 2)) if col.kind != "text" else 45)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def workbook(tables_by_key: Mapping[str, Table], day: dt.date) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    tables = list(tables_by_key.values())
    for table, name in zip(tables, sheet_names(tables)):
        _sheet(wb, table, name)
    when = _fixed_datetime(day)
    wb.properties.creator = "reportgen"
    wb.properties.lastModifiedBy = "reportgen"
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.title = "Tabellen bij het rapport"
    return wb


def workbook_bytes(tables: Mapping[str, Table], day: dt.date) -> bytes:
    """The workbook as deterministic bytes (fixed document dates and ZIP entry times)."""
    wb = workbook(tables, day)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # unlike save_workbook, keeps our `modified`
    stamp = _fixed_datetime(day).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- entry point


def write_tables(tables: Mapping[str, Table], day: dt.date, out_dir: Path) -> list[Path]:
    """Write `tabellen/<key>.csv` per table and `tabellen.xlsx` into `out_dir`; `day` fixes
    the workbook's dates (the report's publication date)."""
    out_dir = Path(out_dir)
    csv_dir = out_dir / CSV_DIR
    csv_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key, table in tables.items():
        path = csv_dir / f"{key}.csv"
        path.write_bytes(table_csv(table))
        written.append(path)
    xlsx = out_dir / XLSX_NAME
    xlsx.write_bytes(workbook_bytes(tables, day))
    written.append(xlsx)
    return written
