"""Table export: Dutch CSV per table and a deterministic XLSX workbook, of the tables as
the reader sees them (view.TableView: titles and headers from the view, numbers from
compute)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from data_builders import minimal_tables
from model_builders import SECTORPLAN, dataset_from_tables, person
from reportgen import view
from reportgen.compute import build_model
from reportgen.export import csv_value, sheet_names, write_tables
from reportgen.settings import publication_date
from reportgen.view.tables import ColumnView, RowView, TableView

DAY = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def model():
    tables = minimal_tables(years=(2022, 2023))
    tables["2023/personeel"].append(person("p9", "EMC", "vast", "0.3333", "v"))
    files = {"referentie/sectorplan.toml": {**SECTORPLAN, "instelling": "umc"},
             "2023/rapport.toml": {"soort": "voortgangsrapportage", "titel": "Test",
                                   "publicatiedatum": DAY}}
    return build_model(dataset_from_tables(tables, 2023, files))


@pytest.fixture(scope="module")
def tabellen(model) -> dict[str, TableView]:
    assert publication_date(model.rapport) == DAY
    return view.prepare(model).tabellen


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_per_table_with_dutch_headers_and_numbers(model, tabellen, tmp_path):
    written = write_tables(tabellen, DAY, tmp_path)
    assert {p.name for p in written} == {f"{k}.csv" for k in tabellen} | {"tabellen.xlsx"}
    rows = _read_csv(tmp_path / "tabellen" / "besteding.csv")
    assert rows[0] == ["umc", "Tijdelijke posities", "Vaste posities", "Indirecte kosten",
                       "Materieel", "Totaal besteed", "Ontvangen", "Onderbesteding", "Besteed"]
    assert [r[0] for r in rows[1:]] == ["Erasmus MC", "LUMC", "UMC Groningen", "Totaal"]
    emc = model.tabellen["besteding"].row("EMC").values  # the computed numbers
    assert rows[1][2] == f"{emc['vaste_posities']:.2f}".replace(".", ",")  # 900000,50
    assert rows[1][2] == "900000,50"
    fte = _read_csv(tmp_path / "tabellen" / "realisatie_fte.csv")
    assert fte[0][1:] == ["Inloop", "Tijdelijk", "Tijdelijk toegezegd vast", "Vast",
                          "Begroot", "Realisatie structurele formatie"]
    assert fte[1][4] == "2,08"  # 1 + 0,75 + 0,3333 = 2,0833 at the PDF's precision
    assert fte[2][1] == "0,40" and fte[2][3] == "0,00"  # zero is a number
    personen = _read_csv(tmp_path / "tabellen" / "personen.csv")
    assert personen[-1] == ["Totaal", "1", "2", "1", "7"]


def test_csv_values():
    assert csv_value(Decimal("16097831"), "euro") == "16097831,00"
    assert csv_value(Decimal("0"), "euro") == "0,00"
    assert csv_value(Decimal("37.8"), "fte") == "37,80"
    assert csv_value(Decimal("0.3125"), "fte") == "0,31"  # as the PDF prints it
    assert csv_value(Decimal("90.5"), "pct") == "91"  # whole, 0-100, half away from zero
    assert csv_value(None, "pct") == ""
    assert csv_value(582, "int") == "582"
    assert csv_value("op koers", "text") == "op koers"


def test_xlsx_sheets_formats_and_bold_totals(tabellen, tmp_path):
    write_tables(tabellen, DAY, tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "tabellen.xlsx")
    assert wb.sheetnames == sheet_names(list(tabellen.values()))
    assert len(wb.sheetnames) == len(tabellen)
    assert wb.sheetnames[0] == tabellen["besteding"].title == "Bestedingen 2022–2023"
    ws = wb[wb.sheetnames[list(tabellen).index("besteding")]]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["umc", "Tijdelijke posities", "Vaste posities"]
    assert all(c.font.b for c in ws[1])
    emc = ws[2]
    assert emc[0].value == "Erasmus MC" and not emc[0].font.b
    assert emc[2].value == pytest.approx(900000.5)
    assert isinstance(emc[2].value, (int, float))
    assert emc[2].number_format == '"€" #,##0.00'
    assert emc[8].number_format == '0"%"'
    assert 1 < emc[8].value <= 100 and emc[8].value == int(emc[8].value)  # 0-100, whole
    total = ws[5]
    assert total[0].value == "Totaal" and all(c.font.b for c in total)
    ws_fte = wb[wb.sheetnames[list(tabellen).index("realisatie_fte")]]
    assert ws_fte.cell(row=2, column=5).number_format == "#,##0.00"
    assert ws_fte.cell(row=2, column=5).value == pytest.approx(2.08)
    ws_g = wb[wb.sheetnames[list(tabellen).index("gender")]]
    notes = [r[0].value for r in ws_g.iter_rows() if r[0].value and "geregistreerd" in str(r[0].value)]
    assert notes == [f"Noot: {n}" for n in tabellen["gender"].notes] and notes
    assert wb.properties.created == dt.datetime(2024, 6, 1)
    assert wb.properties.modified == dt.datetime(2024, 6, 1)


def test_two_writes_are_byte_identical(tabellen, tmp_path):
    write_tables(tabellen, DAY, tmp_path / "a")
    write_tables(tabellen, DAY, tmp_path / "b")
    for name in ["tabellen.xlsx"] + [f"tabellen/{k}.csv" for k in tabellen]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / "tabellen.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 6, 1, 0, 0, 0)}


def test_sheet_names_are_valid_and_unique():
    def table(title):
        return TableView(key="k", title=title, first_column="x", columns=(), rows=())

    names = sheet_names([table("Bestedingen t/m 2025"), table("A" * 40), table("A" * 40),
                         table("")])
    assert names[0] == "Bestedingen t-m 2025"
    assert len(names[1]) == 31 and len(names[2]) <= 31 and names[1] != names[2]
    assert names[3] == "k"  # no title: the key


def test_text_columns_and_missing_values(tmp_path):
    t = TableView(key="x", title="Test", first_column="KPI",
                  columns=(ColumnView("a", "Stand", "text"), ColumnView("b", "Besteed", "pct")),
                  rows=(RowView(label="K1", values={"a": "12% (2023: 10%)", "b": None},
                                key="k1"),))
    write_tables({"x": t}, DAY, tmp_path)
    assert _read_csv(tmp_path / "tabellen" / "x.csv") == [["KPI", "Stand", "Besteed"],
                                                         ["K1", "12% (2023: 10%)", ""]]
