"""Export of every report table (`view.TableView`s: the tables the report prints, then the
other computed tables) for reuse in Excel.

`write_tables(tables, day, out_dir)` writes

- `tabellen/<key>.csv`, one file per table, in the dialect a Dutch Excel opens with a
  double click: UTF-8 with BOM, `;` as separator, CRLF line ends, decimal comma and no
  thousands separator (`16097831,00`). Header row = the Dutch column headers as printed
  (the first column is the table's label column, e.g. `umc`). Numbers are plain numbers:
  euro to cents, fte exact (the data has at most 4 decimals; at least 2 are written),
  percentages (0-100) to one decimal, counts as integers; zero is written as a number (the
  PDF's empty money cell is a print convention only); "no value" is an empty cell. Notes
  under a table are not part of the CSV (they are in the workbook).
- `tabellen.xlsx`, one sheet per table (sheet name = table title), in report order, with
  the same headers in bold, numbers as real numbers at full precision and a display
  format per column kind (`€ #,##0.00`, `#,##0.00`, `#,##0`, `0%`; Excel shows them in
  Dutch as `€ 1.234,56`), the total row in bold and the notes below the table.

Both are deterministic: the same model gives the same bytes. The workbook's document
dates and the ZIP entry times are fixed to the report's publication date (or the
reference date when there is none).
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
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .numbers import round_half_up
from .view.tables import ColumnView as Column, TableView as Table

CSV_DIR = "tabellen"
XLSX_NAME = "tabellen.xlsx"

XLSX_FORMATS = {
    "euro": '"€" #,##0.00',
    "fte": "#,##0.00",
    "int": "#,##0",
    "pct": "0%",
}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


# ---------------------------------------------------------------- values


def csv_value(value: Any, kind: str) -> str:
    """One cell for the Dutch CSV dialect."""
    if value is None:
        return ""
    if kind == "text" or isinstance(value, str):
        return str(value)
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if kind == "euro":
        text = f"{round_half_up(d, 2):f}"
    elif kind == "fte":
        exact = d.normalize()
        places = max(2, -exact.as_tuple().exponent) if exact != 0 else 2
        text = f"{round_half_up(d, min(places, 6)):f}"
    elif kind == "pct":
        text = f"{round_half_up(d, 1):f}"
    else:  # int
        text = f"{round_half_up(d, 0):f}"
    return text.replace(".", ",")


def xlsx_value(value: Any, kind: str) -> Any:
    """A cell value for openpyxl: numbers as int/float at full (15 digit) precision."""
    if value is None:
        return None
    if kind == "text" or isinstance(value, str):
        return str(value)
    if kind == "int":
        return int(value)
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if kind == "pct":
        return float(round_half_up(d / 100, 8))
    if kind == "euro":
        return float(round_half_up(d, 2))
    return float(d)


def _header(table: Table) -> list[str]:
    return [table.first_column] + [c.label for c in table.columns]


def _cells(table: Table, columns: tuple[Column, ...], fn) -> list[list[Any]]:
    return [[row.label] + [fn(row.values.get(c.key), c.kind) for c in columns]
            for row in table.rows]


# ---------------------------------------------------------------- CSV


def table_csv(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(_header(table))
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


def _fixed_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(max(day.year, 1980), day.month, day.day)


def workbook(tables_by_key: Mapping[str, Table], day: dt.date) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    tables = list(tables_by_key.values())
    bold = Font(bold=True)
    italic = Font(italic=True)
    for table, name in zip(tables, sheet_names(tables)):
        ws = wb.create_sheet(title=name)
        ws.append(_header(table))
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row, values in zip(table.rows, _cells(table, table.columns, xlsx_value)):
            ws.append(values)
            r = ws.max_row
            for i, col in enumerate(table.columns, start=2):
                fmt = XLSX_FORMATS.get(col.kind)
                if fmt:
                    ws.cell(row=r, column=i).number_format = fmt
            if row.is_total:
                for cell in ws[r]:
                    cell.font = bold
        if table.notes:
            ws.append([])
            for note in table.notes:
                ws.append([note])
                ws.cell(row=ws.max_row, column=1).font = italic
        label_width = max([len(table.first_column)] + [len(r.label) for r in table.rows])
        widths = [max(12, min(45, label_width + 2))]
        for col in table.columns:
            widths.append(max(12, min(40, len(col.label) + 2)) if col.kind != "text" else 30)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "B2"
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
