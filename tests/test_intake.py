"""`reportgen intake`: the workbook per institution."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen import loading
from reportgen.cli import main
from reportgen.vocab import CONTRACTVORM, GESLACHT

CONTRACTVORMEN, GESLACHTEN = CONTRACTVORM.codes, GESLACHT.codes
from reportgen.intake import (
    COLUMN_HELP, write_intake,
)
from reportgen.workbooks import DATA_SHEETS, read_meta
from workbook_builders import EXAMPLE_DATA

JAAR = 2025
CODES = ["AUMC-UVA", "AUMC-VU", "EMC", "LUMC", "MUMC", "RUMC", "UMCG", "UMCU"]


@pytest.fixture(scope="module")
def intake(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("intake")
    result = write_intake(EXAMPLE_DATA, JAAR, out)
    assert result.warnings == []
    return {p.name: p for p in result.paths}


@pytest.fixture(scope="module")
def emc(intake) -> openpyxl.Workbook:
    return openpyxl.load_workbook(intake[f"intake-{JAAR}-EMC.xlsx"])


def _codes(table: str) -> list[str]:
    frame = loading.read_table(EXAMPLE_DATA, f"referentie/{table}").frame
    return frame["code"].tolist()


def _list_values(wb: openpyxl.Workbook, ws, column_letter: str) -> list[str]:
    """The values a list validation on `column_letter` offers."""
    dv = next(dv for dv in ws.data_validations.dataValidation
              if dv.type == "list" and str(dv.sqref).startswith(column_letter))
    sheet, cells = dv.formula1.split("!")
    lists = wb[sheet.strip("'")]
    return [c.value for row in lists[cells.replace("$", "")] for c in row
            if c.value is not None]


def test_one_workbook_per_institution_named_with_its_code(intake):
    assert sorted(intake) == sorted(f"intake-{JAAR}-{c}.xlsx" for c in CODES)
    for name, path in intake.items():
        wb = openpyxl.load_workbook(path)
        assert read_meta(wb) == (name.removeprefix(f"intake-{JAAR}-").removesuffix(".xlsx"),
                                 JAAR)


def test_header_rows_are_the_contract_columns(emc):
    for sheet in DATA_SHEETS:
        ws = emc[sheet]
        header = [c.value for c in ws[1]]
        assert header == [c.name for c in loading.SCHEMAS[sheet].columns if c.required]
        assert set(COLUMN_HELP[sheet]) == set(header)  # every column is explained


def test_institution_code_filled_in_and_locked_data_area_unlocked(emc):
    for sheet in DATA_SHEETS:
        ws = emc[sheet]
        assert ws.protection.sheet
        header = [c.value for c in ws[1]]
        umc = header.index("umc") + 1
        assert all(c.protection.locked for c in ws[1])
        for row in range(2, ws.max_row + 1):
            assert ws.cell(row, umc).value == "EMC"
            assert ws.cell(row, umc).protection.locked
            for col in range(1, len(header) + 1):
                if col != umc:
                    assert not ws.cell(row, col).protection.locked
        assert ws.cell(ws.max_row + 1, 1).protection.locked  # below the data area


def test_drop_down_lists_come_from_the_reference_and_the_vocabularies(emc):
    pers = emc["personeel"]
    assert _list_values(emc, pers, "C") == _codes("functiecategorieen")
    assert _list_values(emc, pers, "D") == list(CONTRACTVORMEN)
    assert _list_values(emc, pers, "F") == list(GESLACHTEN)
    assert _list_values(emc, pers, "G") == _codes("subthemas")
    indicators = loading.read_table(EXAMPLE_DATA, "referentie/indicatoren").frame
    delivered = indicators[indicators["bron"] == "kpi_waarden"]["code"].tolist()
    assert _list_values(emc, emc["kpi_waarden"], "B") == delivered
    assert set(CONTRACTVORM.uitleg) == set(CONTRACTVORMEN)
    assert set(GESLACHT.uitleg) == set(GESLACHTEN)


def test_number_cells_are_validated_with_dutch_messages(emc):
    def number_dv(ws, letter):
        return next(dv for dv in ws.data_validations.dataValidation
                    if dv.type == "decimal" and str(dv.sqref).startswith(letter))

    fte = number_dv(emc["personeel"], "E")
    assert (fte.operator, fte.formula1, fte.formula2) == ("between", "0.0001", "1")
    assert fte.showErrorMessage and "groter is dan 0 en hoogstens 1" in fte.error
    for letter in "BCDEF":
        amount = number_dv(emc["financien"], letter)
        assert (amount.operator, amount.formula1) == ("greaterThanOrEqual", "0")
        assert "bedrag in euro" in amount.error
    assert number_dv(emc["kpi_waarden"], "C").formula1 == "0"


def test_personeel_is_prefilled_with_last_years_persons(emc):
    previous = loading.read_table(EXAMPLE_DATA, f"{JAAR - 1}/personeel").frame
    mine = previous[previous["umc"] == "EMC"]
    ws = emc["personeel"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert ids[: len(mine)] == mine["id"].tolist()
    assert all(i is None for i in ids[len(mine):])  # room for new persons
    first = mine.iloc[0]
    assert [c.value for c in ws[2]][2:] == [
        first["functiecategorie"], first["contractvorm"], float(first["fte"]),
        first["geslacht"], first["subthema"]]


def test_instructions_sheet_in_dutch_with_peildatum_and_contact(emc):
    assert emc.sheetnames[0] == "toelichting"
    text = " ".join(str(c.value) for row in emc["toelichting"].iter_rows() for c in row
                    if c.value is not None)
    assert f"31 december {JAAR}" in text
    assert "sectorplancommissie@zonmw.nl" in text
    assert "Erasmus MC (EMC)" in text
    assert "Vul de bladen financien, personeel en kpi_waarden in" in text
    assert emc["toelichting"].protection.sheet


def test_first_year_has_no_prefilled_persons(tmp_path):
    result = write_intake(EXAMPLE_DATA, 2022, tmp_path)
    wb = openpyxl.load_workbook(result.paths[0])
    assert wb["personeel"].cell(2, 1).value is None


def test_cli_writes_into_out_intake_year_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["intake", "--year", str(JAAR), "--data",
                                       str(EXAMPLE_DATA)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "intake" / str(JAAR)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"intake-{JAAR}-{c}.xlsx" for c in CODES)
    assert f"8 werkmap(pen) geschreven in out/intake/{JAAR}" in result.output


@pytest.mark.parametrize("args, message", [
    (["intake", "--year", "2031"], "Verslagjaar 2031 valt buiten de looptijd"),
    (["intake"], "Geef het verslagjaar op met --year"),
    (["intake", "--year", "2025", "--data", "geen-data"], "Datamap 'geen-data' bestaat niet"),
])
def test_intake_usage_errors(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if "--data" not in args:
        args = [*args, "--data", str(EXAMPLE_DATA)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()
