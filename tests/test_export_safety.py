"""Exports are safe to open and match the report: text from the data is never a formula,
precision is the PDF's, percentages use one scale, notes sit outside the filtered data."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl

from reportgen.export import table_csv, write_tables
from reportgen.view.tables import ColumnView, RowView, TableView

HOSTILE = ("=HYPERLINK(\"http://example.invalid\",\"klik\")", "+31 6 1234", "-2+3",
           "@SUM(A1)", "\tTab")


def _table() -> TableView:
    rows = tuple(RowView(label=name, key=f"r{i}", values={
        "fte": Decimal("2.0833"), "pct": Decimal("87.5"), "euro": Decimal("1234.565"),
        "oordeel": name}) for i, name in enumerate(HOSTILE))
    return TableView(
        key="proef", title="Proef", first_column="instelling",
        columns=(ColumnView("fte", "Fte", "fte"), ColumnView("pct", "Aandeel", "pct"),
                 ColumnView("euro", "Bedrag", "euro"), ColumnView("oordeel", "Oordeel", "text")),
        rows=rows + (RowView(label="Totaal", key="totaal", is_total=True, values={
            "fte": Decimal(0), "pct": None, "euro": Decimal(0), "oordeel": ""}),),
        notes=("Een noot onder de tabel.",))


def test_csv_neutralises_cells_a_spreadsheet_would_evaluate():
    text = table_csv(_table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    for row, name in zip(rows[1:], HOSTILE):
        assert row[0] == "'" + name and row[4] == "'" + name
    # numbers at the PDF's precision: fte 2 decimals, whole percentages on 0-100, cents
    assert rows[1][1:4] == ["2,08", "88", "1234,57"]
    assert rows[-1] == ["Totaal", "0,00", "", "0,00", ""]


def test_workbook_stores_text_as_text_with_filter_and_notes_outside(tmp_path):
    write_tables({"proef": _table()}, dt.date(2026, 6, 1), tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "tabellen.xlsx")["Proef"]
    for r, name in enumerate(HOSTILE, start=2):
        for col in (1, 5):
            cell = ws.cell(row=r, column=col)
            assert cell.value == name and cell.data_type == "s"  # never a formula
    assert ws.cell(row=2, column=3).value == 88 and ws.cell(row=2, column=3).number_format == '0"%"'
    assert ws.cell(row=2, column=2).value == 2.08
    assert ws.auto_filter.ref == "A1:E7"
    assert ws["A1"].font.bold and ws.freeze_panes == "B2"
    assert ws.cell(row=9, column=1).value == "Noot: Een noot onder de tabel."
    assert ws.cell(row=8, column=1).value is None


def test_years_are_numbers(tmp_path):
    table = TableView(key="jaren", title="Per jaar", first_column="jaar", label_kind="jaar",
                      columns=(ColumnView("n", "Aantal", "int"),),
                      rows=(RowView(label="2025", key="2025", values={"n": 3}),
                            RowView(label="Totaal", key="totaal", values={"n": 3},
                                    is_total=True)))
    write_tables({"jaren": table}, dt.date(2026, 6, 1), tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "tabellen.xlsx")["Per jaar"]
    assert ws["A2"].value == 2025 and ws["A3"].value == "Totaal"
