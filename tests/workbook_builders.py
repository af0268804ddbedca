"""Helpers for the intake/import tests: a copy of the example data, the intake workbooks
of a year filled with that year's example rows (as an institution would return them), and
small manipulations of a saved workbook.

    data = copy_data(tmp_path)                       # a private copy of data/
    paths = write_intake(data, 2025, tmp_path / "intake").paths
    fill_workbook(path, example_rows(data, 2025))    # the example 2025 figures
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from reportgen import loading
from reportgen.workbooks import DATA_SHEETS, read_meta

EXAMPLE_DATA = Path(__file__).resolve().parents[1] / "data"


def copy_data(tmp_path: Path, name: str = "data") -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLE_DATA, target)
    return target


def example_rows(data: Path, jaar: int) -> dict[str, pd.DataFrame]:
    """The year's contract tables as loaded (Decimal values)."""
    return {t: loading.read_table(data, f"{jaar}/{t}").frame for t in DATA_SHEETS}


def fill_workbook(path: Path, tables: dict[str, pd.DataFrame], out: Path | None = None
                  ) -> Path:
    """Replace the data area of every data sheet with the institution's rows of `tables`
    (the institution from inside the workbook); save to `out` (default: in place)."""
    wb = openpyxl.load_workbook(path)
    code, _ = read_meta(wb)
    for sheet, frame in tables.items():
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if header[cell.column - 1] != "umc":
                    cell.value = None
        rows = frame[frame["umc"] == code].to_dict("records")
        for r, record in enumerate(rows, start=2):
            for c, name in enumerate(header, start=1):
                if name == "umc":
                    assert ws.cell(r, c).value == code
                    continue
                value = record[name]
                ws.cell(r, c, float(value) if isinstance(value, Decimal) else value)
    target = out or path
    wb.save(target)
    return target


def edit(path: Path, **cells: Any) -> None:
    """Set cells given as sheet__A1=value and save in place."""
    wb = openpyxl.load_workbook(path)
    for key, value in cells.items():
        sheet, coordinate = key.split("__")
        wb[sheet][coordinate] = value
    wb.save(path)


def cache_formula_result(path: Path, formula: str, result: str) -> None:
    """Give the formula `formula` (as openpyxl wrote it, without '=') a cached result, as
    Excel stores one (openpyxl itself never writes cached results)."""
    source = path.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                # openpyxl writes an empty value as <v />, <v/> or <v></v> (with lxml), or
                # leaves it out: give every form the cached result.
                data = re.sub(rb"<f>" + re.escape(formula.encode()) + rb"</f>(<v\s*/>|<v></v>)?",
                              f"<f>{formula}</f><v>{result}</v>".encode(), data)
            zout.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def frame_rows(frame: pd.DataFrame, code: str) -> list[tuple]:
    """An institution's rows as sorted tuples of values (no `_line`)."""
    columns = [c for c in frame.columns if c != "_line"]
    rows = frame[frame["umc"] == code][columns].to_dict("records")
    return sorted(tuple((k, row[k]) for k in columns) for row in rows)
