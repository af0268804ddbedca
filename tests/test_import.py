"""`reportgen import`: returned workbooks into data/<jaar>/, problems per cell, feedback
workbooks, and a clear Dutch message for every kind of bad return."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen import importing, loading
from reportgen.cli import main
from reportgen.intake import write_intake
from reportgen.workbooks import DATA_SHEETS, ERROR_FILL, PROP_INSTITUTION
from workbook_builders import (
    EXAMPLE_DATA, cache_formula_result, copy_data, edit, example_rows, fill_workbook,
    frame_rows,
)

JAAR = 2025
CODES = ["AUMC-UVA", "AUMC-VU", "EMC", "LUMC", "MUMC", "RUMC", "UMCG", "UMCU"]
EMC = f"intake-{JAAR}-EMC.xlsx"


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> dict[str, Path]:
    """The eight intake workbooks of 2025 as sent to the institutions."""
    folder = tmp_path_factory.mktemp("blanco")
    return {p.name: p for p in write_intake(EXAMPLE_DATA, JAAR, folder).paths}


@pytest.fixture(scope="module")
def returned(blank, tmp_path_factory) -> dict[str, Path]:
    """The eight intake workbooks of 2025, filled with the example 2025 rows."""
    folder = tmp_path_factory.mktemp("retour")
    rows = example_rows(EXAMPLE_DATA, JAAR)
    return {name: fill_workbook(p, rows, folder / name) for name, p in blank.items()}


@pytest.fixture
def blank_emc(blank, tmp_path) -> Path:
    return Path(shutil.copy(blank[EMC], tmp_path / EMC))


@pytest.fixture
def data(tmp_path) -> Path:
    return copy_data(tmp_path)


@pytest.fixture
def emc(returned, tmp_path) -> Path:
    """A private copy of EMC's filled workbook."""
    folder = tmp_path / "retour"
    folder.mkdir()
    return Path(shutil.copy(returned[EMC], folder / EMC))


def run(data: Path, *paths: Path, out: Path | None = None):
    out = out or data.parent / "out"
    return importing.import_workbooks(data, JAAR, list(paths), out)


def snapshot(data: Path) -> dict[str, bytes]:
    return {t: (data / str(JAAR) / f"{t}.csv").read_bytes() for t in DATA_SHEETS}


def only(result) -> importing.Delivery:
    assert len(result.deliveries) == 1
    return result.deliveries[0]


def messages(d: importing.Delivery, errors: bool = True) -> list[str]:
    return [str(p) for p in d.problems if p.is_error == errors]


def fails_with(data: Path, path: Path, text: str) -> importing.Delivery:
    """Import `path`; it must fail with a message containing `text` and change nothing."""
    before = snapshot(data)
    d = only(run(data, path))
    assert not d.imported
    assert any(text in m for m in messages(d)), messages(d)
    assert snapshot(data) == before
    return d


# ------------------------------------------------------------------ the round trip


def test_round_trip_reproduces_the_example_figures(returned, data, tmp_path):
    original = example_rows(EXAMPLE_DATA, JAAR)
    # Start from a year folder without the institutions' figures.
    for table in DATA_SHEETS:
        (data / str(JAAR) / f"{table}.csv").write_text(
            ",".join(c.name for c in loading.SCHEMAS[table].columns if c.required) + "\n",
            encoding="utf-8")
    result = run(data, *returned.values())
    assert all(d.imported and d.ok for d in result.deliveries), [
        messages(d) for d in result.deliveries]
    imported = example_rows(data, JAAR)
    for table in DATA_SHEETS:
        assert len(imported[table]) == len(original[table])
        for code in CODES:
            assert frame_rows(imported[table], code) == frame_rows(original[table], code)
    # Same institution order as umcs.csv, no temporary files left behind.
    assert list(dict.fromkeys(imported["personeel"]["umc"])) == CODES
    assert sorted(p.name for p in (data / str(JAAR)).iterdir() if p.name.startswith("."))\
        == []


def test_round_trip_into_the_full_folder_keeps_the_files_as_they_were(returned, data):
    before = snapshot(data)
    run(data, *returned.values())
    for table in DATA_SHEETS:  # only `1.0` -> `1` and `12.0` -> `12` may differ
        old = before[table].decode().replace(".0,", ",").replace(".0\n", "\n")
        new = snapshot(data)[table].decode()
        assert old == new, table


def others(lines: list[str], code: str = "EMC") -> list[str]:
    """The lines of a `,` file that are not `code`'s rows."""
    return [ln for ln in lines if not (ln.startswith(f"{code},") or f",{code}," in ln)]


def test_partial_delivery_keeps_the_other_institutions_rows_byte_for_byte(emc, data):
    edit(emc, personeel__E2=0.5, financien__B2=123456.78)
    before = snapshot(data)
    d = only(run(data, emc))
    assert d.imported, messages(d)
    after = snapshot(data)
    for table in ("financien", "personeel"):
        old_lines = before[table].decode().splitlines(keepends=True)
        new_lines = after[table].decode().splitlines(keepends=True)
        assert others(old_lines) == others(new_lines)
        assert old_lines != new_lines
    assert "EMC,123456.78," in after["financien"].decode()
    assert after["kpi_waarden"] == before["kpi_waarden"]


def test_new_year_file_is_dutch_excel_csv(emc, data):
    (data / str(JAAR) / "kpi_waarden.csv").unlink()
    d = only(run(data, emc))
    assert d.imported
    raw = (data / str(JAAR) / "kpi_waarden.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfumc;indicator;waarde\r\n")
    frame = loading.read_table(data, f"{JAAR}/kpi_waarden").frame
    assert frame_rows(frame, "EMC") == frame_rows(example_rows(EXAMPLE_DATA, JAAR)
                                                  ["kpi_waarden"], "EMC")


def test_semicolon_file_gets_decimal_commas(emc, data):
    path = data / str(JAAR) / "personeel.csv"
    dutch = path.read_text(encoding="utf-8").replace(",", ";").replace(".", ",")
    path.write_text(dutch, encoding="utf-8")
    edit(emc, personeel__E2=0.5)
    assert only(run(data, emc)).imported
    text = path.read_text(encoding="utf-8")
    assert ";EMC;" in text and ";0,5;" in text
    assert loading.read_table(data, f"{JAAR}/personeel").problems == []


# ------------------------------------------------------------------ problems per cell


def test_text_in_an_fte_cell_names_the_cell_and_changes_nothing(emc, data, tmp_path):
    edit(emc, personeel__E12="acht tiende")
    before = snapshot(data)
    result = run(data, emc, out=tmp_path / "fb")
    d = only(result)
    assert not d.imported and result.written == []
    assert messages(d) == [
        f"fout: {EMC}, cel personeel!E12, kolom 'fte': waarde 'acht tiende' — verwacht: "
        "een getal, bijv. 1234,56"]
    assert snapshot(data) == before
    assert d.feedback == tmp_path / "fb" / f"terugkoppeling-{JAAR}-EMC.xlsx"
    wb = openpyxl.load_workbook(d.feedback)
    assert wb.sheetnames[0] == "terugkoppeling"
    marked = [(ws.title, c.coordinate) for ws in wb.worksheets[1:] for row in ws.iter_rows()
              for c in row if c.comment is not None
              or c.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb]
    assert marked == [("personeel", "E12")]
    cell = wb["personeel"]["E12"]
    assert cell.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert "verwacht: een getal" in cell.comment.text and "acht tiende" in cell.comment.text
    listed = [r for r in wb["terugkoppeling"].iter_rows(values_only=True) if r[0] == "fout"]
    assert listed == [("fout", "personeel", "E12", "fte", "acht tiende",
                       "verwacht: een getal, bijv. 1234,56")]


def test_all_problems_at_once_in_workbook_order(emc, data):
    edit(emc, personeel__C4="professor", personeel__E3=1.5, financien__B2=-1,
         kpi_waarden__B2="onbekend")
    d = only(run(data, emc))
    cells = [(p.sheet, p.cell) for p in d.problems if p.is_error]
    assert cells == [("financien", "B2"), ("personeel", "E3"), ("personeel", "C4"),
                     ("kpi_waarden", "B2")]
    assert any("verwacht: fte groter dan 0 en hoogstens 1" in m for m in messages(d))


def test_a_clean_import_removes_an_outdated_feedback_workbook(emc, data, tmp_path):
    out = tmp_path / "fb"
    edit(emc, personeel__E12="x")
    assert run(data, emc, out=out).deliveries[0].feedback.is_file()
    edit(emc, personeel__E12=0.5)
    result = run(data, emc, out=out)
    assert result.deliveries[0].imported
    assert result.removed == [out / f"terugkoppeling-{JAAR}-EMC.xlsx"]
    assert not any(out.iterdir())


def test_a_fixed_feedback_workbook_can_be_returned(emc, data, tmp_path):
    edit(emc, personeel__E12="x")
    fb = run(data, emc, out=tmp_path / "fb").deliveries[0].feedback
    edit(fb, personeel__E12=0.5)
    d = only(run(data, fb))
    assert d.imported and d.code == "EMC"
    assert not [p for p in d.problems if p.sheet == "terugkoppeling"]


# ------------------------------------------------------------------ bad returns


def test_another_years_workbook(data, tmp_path):
    path = write_intake(EXAMPLE_DATA, 2024, tmp_path / "2024").paths[2]
    fails_with(data, path, "deze werkmap is voor 2024; verwacht: een werkmap voor 2025")


def test_another_institutions_workbook_by_file_name(emc, data):
    renamed = emc.rename(emc.with_name(f"intake-{JAAR}-LUMC.xlsx"))
    fails_with(data, renamed, "de bestandsnaam noemt LUMC, maar de werkmap is van EMC")


def test_two_workbooks_of_one_institution(emc, data):
    twin = Path(shutil.copy(emc, emc.with_name("EMC-tweede-versie.xlsx")))
    before = snapshot(data)
    result = run(data, emc, twin)
    assert not any(d.imported for d in result.deliveries)
    assert all(any("nog een werkmap van EMC in deze import" in m for m in messages(d))
               for d in result.deliveries)
    assert snapshot(data) == before


def test_the_same_file_given_twice_is_read_once(emc, data):
    result = run(data, emc, emc.parent)
    assert [d.imported for d in result.deliveries] == [True]


def test_unknown_institution(emc, data):
    wb = openpyxl.load_workbook(emc)
    wb.custom_doc_props[PROP_INSTITUTION].value = "XYZ"
    wb.save(emc)
    fails_with(data, emc, "instelling 'XYZ' staat niet in referentie/umcs.csv")


def test_workbook_without_institution_and_year(emc, data):
    wb = openpyxl.load_workbook(emc)
    del wb.custom_doc_props[PROP_INSTITUTION]
    wb.save(emc)
    fails_with(data, emc, "in de werkmap staat niet voor welke instelling en welk jaar")


def test_renamed_column(emc, data):
    edit(emc, personeel__E1="fte (uren)")
    d = fails_with(data, emc, "blad 'personeel', regel 1, kolom 'fte' — verwacht: kolom "
                              "'fte' in de kopregel")
    assert any("cel personeel!E1, kolom 'fte (uren)'" in m and "onbekende kolom" in m
               for m in messages(d, errors=False))


def test_deleted_column(emc, data):
    wb = openpyxl.load_workbook(emc)
    wb["personeel"].delete_cols(6)  # geslacht
    wb.save(emc)
    fails_with(data, emc, "kolom 'geslacht' — verwacht: kolom 'geslacht' in de kopregel")


def test_deleted_sheet(emc, data):
    wb = openpyxl.load_workbook(emc)
    del wb["kpi_waarden"]
    wb.save(emc)
    fails_with(data, emc, "blad 'kpi_waarden' — blad 'kpi_waarden' ontbreekt; verwacht: de "
                          "bladen financien, personeel, kpi_waarden met hun oorspronkelijke "
                          "naam")


def test_sheet_name_in_other_capitals_is_accepted(emc, data):
    wb = openpyxl.load_workbook(emc)
    wb["personeel"].title = "tijdelijk"  # openpyxl would make "Personeel1" of it directly
    wb["tijdelijk"].title = "Personeel"
    wb.save(emc)
    edit(emc, Personeel__E12="acht")
    d = fails_with(data, emc, "cel Personeel!E12, kolom 'fte': waarde 'acht'")
    assert len(messages(d)) == 1


def test_value_pasted_past_the_drop_down(emc, data):
    edit(emc, personeel__D7="Vast contract")
    fails_with(data, emc, "cel personeel!D7, kolom 'contractvorm': waarde 'Vast contract' "
                          "— verwacht: een van 'vast', 'toegezegd_vast', 'tijdelijk', "
                          "'inloop'")


def test_formula_without_cached_value_is_an_error_not_zero(emc, data):
    edit(emc, financien__C2="=B2/2")
    d = fails_with(data, emc, "cel financien!C2, kolom 'tijdelijke_posities': waarde '=B2/2' — "
                          "een formule (zonder "
                          "berekende uitkomst)")
    assert len(messages(d)) == 1  # not read as an empty (= 0) amount as well


def test_formula_with_cached_value_is_an_error_too(emc, data):
    edit(emc, personeel__E5="=0.5+0.3")
    cache_formula_result(emc, "0.5+0.3", "0.8")
    fails_with(data, emc, "cel personeel!E5, kolom 'fte': waarde '=0.5+0.3' — een formule (met "
                          "berekende uitkomst '0.8')")


def test_merged_cells(emc, data):
    wb = openpyxl.load_workbook(emc)
    wb["personeel"].merge_cells("F3:G3")
    wb.save(emc)
    d = fails_with(data, emc, "cel personeel!F3, kolom 'geslacht' — samengevoegde cellen F3:G3")
    assert len(messages(d)) == 1  # G3, empty under the merge, is not reported again


def test_extra_sheet_is_a_warning_only(emc, data):
    wb = openpyxl.load_workbook(emc)
    wb.create_sheet("mijn berekeningen")["A1"] = 42
    wb.save(emc)
    d = only(run(data, emc))
    assert d.imported
    assert f"waarschuwing: {EMC}, blad 'mijn berekeningen' — extra blad; wordt niet " \
           "ingelezen" in messages(d, errors=False)


@pytest.mark.parametrize("name, content, text", [
    ("intake-2025-EMC.xls", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600),
     "een Excel 97-2003-bestand (.xls); verwacht: de werkmap als Excel-werkmap (.xlsx)"),
    ("personeel.csv", b"id,umc\nP1,EMC\n", "een CSV-bestand; verwacht: de ingevulde "
                                           "werkmap (.xlsx) zelf"),
    ("intake-2025-EMC.xlsx", b"id;umc;fte\nP1;EMC;0,5\n",
     "geen Excel-werkmap: de inhoud is geen .xlsx-bestand (het lijkt een tekstbestand"),
    ("intake-2025-EMC.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600),
     "geen .xlsx-werkmap: het bestand is een oud Excel-bestand (.xls) of een werkmap die "
     "met een wachtwoord is beveiligd"),
    ("intake-2025-EMC.xlsx", b"", "het bestand is leeg (0 bytes)"),
])
def test_wrong_kind_of_file(data, tmp_path, name, content, text):
    path = tmp_path / name
    path.write_bytes(content)
    d = fails_with(data, path, text)
    assert d.feedback is None  # not a workbook: nothing to mark


def test_zip_that_is_not_a_workbook(data, tmp_path):
    path = tmp_path / "intake-2025-EMC.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    fails_with(data, path, "een zip-archief zonder werkbladen")


def test_empty_workbook(data, tmp_path):
    path = tmp_path / "leeg.xlsx"
    openpyxl.Workbook().save(path)
    fails_with(data, path, "de werkmap is leeg")


def test_workbook_returned_without_data(data, blank_emc):
    path = blank_emc
    wb = openpyxl.load_workbook(path)
    for row in wb["personeel"].iter_rows(min_row=2):
        for cell in row:
            if cell.column != 2:
                cell.value = None
    wb.save(path)
    d = fails_with(data, path, "de werkmap is niet ingevuld")
    assert len(messages(d)) == 1


def test_returned_unchanged_workbook_lacks_the_money(data, blank_emc):
    fails_with(data, blank_emc, "blad 'financien', kolom 'umc': waarde 'EMC' — verwacht: een "
                           "regel voor instelling 'EMC'")


def test_huge_file_is_refused_with_its_size(data, tmp_path):
    path = tmp_path / "intake-2025-EMC.xlsx"
    with open(path, "wb") as fh:
        fh.truncate(12_345_678)
    fails_with(data, path, "het bestand is 12,3 MB groot; verwacht: hoogstens 10,0 MB")


@pytest.mark.parametrize("char", ["\u200b", "\u200f", "\u202e", "\u2066", "\ufeff"])
def test_invisible_and_direction_characters(emc, data, char):
    edit(emc, personeel__A9=f"P{char}1234")
    code = f"U+{ord(char):04X}"
    fails_with(data, emc, f"cel personeel!A9, kolom 'id': waarde 'P<{code}>1234' — onzichtbaar teken "
                          f"of teken dat de schrijfrichting omdraait ({code})")


def test_symbolic_links_in_a_folder_are_not_followed(emc, data, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.symlink(emc, inbox / EMC)
    os.symlink(tmp_path / "retour", inbox / "elders")
    with pytest.raises(importing.ConfigError, match="Geen werkmappen gevonden"):
        run(data, inbox)
    (inbox / "notitie.xlsx").write_bytes(b"")
    result = run(data, inbox)
    assert [d.name for d in result.deliveries] == ["notitie.xlsx"]
    skipped = [str(p) for p in result.warnings]
    assert any(f"{inbox / EMC}" in s and "symbolische koppeling" in s for s in skipped)
    assert any("elders" in s and "symbolische koppeling" in s for s in skipped)


def test_year_table_in_xlsx_is_refused_before_anything_is_read(emc, data):
    path = data / str(JAAR) / "kpi_waarden.csv"
    path.unlink()
    openpyxl.Workbook().save(path.with_suffix(".xlsx"))
    with pytest.raises(importing.DataError) as err:
        run(data, emc)
    assert "de import schrijft alleen CSV-bestanden" in str(err.value)


# ------------------------------------------------------------------ command line


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_import_success_and_failure(returned, data, tmp_path):
    good = cli("import", "--year", str(JAAR), "--data", str(data), "--out",
               str(tmp_path / "fb"), str(returned[EMC]))
    assert good.exit_code == 0, good.output
    assert "EMC (" in good.stdout and ": ingelezen — 1 regel(s) financien" in good.stdout
    assert "1 van 1 werkmap(pen) ingelezen." in good.stdout
    bad_path = Path(shutil.copy(returned[EMC], tmp_path / EMC))
    edit(bad_path, personeel__E12="acht")
    bad = cli("import", "--year", str(JAAR), "--data", str(data), "--out",
              str(tmp_path / "fb"), str(bad_path))
    assert bad.exit_code == 1
    assert "cel personeel!E12, kolom 'fte': waarde 'acht'" in bad.stdout
    assert f"terugkoppeling: {tmp_path / 'fb'}/terugkoppeling-{JAAR}-EMC.xlsx" in bad.stdout
    assert "0 van 1 werkmap(pen) ingelezen; 1 met fouten" in bad.stderr
    assert "Traceback" not in bad.output


@pytest.mark.parametrize("args, message", [
    (["import", "--year", "2025"], "Geef een of meer werkmappen of mappen op"),
    (["import", "--year", "2025", "bestaat-niet.xlsx"], "'bestaat-niet.xlsx' bestaat niet"),
    (["import", "--year", "2031", "x.xlsx"], "Verslagjaar 2031 valt buiten de looptijd"),
    (["importeer"], "kies 'init', 'validate', 'build', 'preview', 'status', 'factsheets', 'intake' of 'import'"),
])
def test_cli_import_usage_errors(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if args[0] == "import":
        args = [*args[:3], "--data", str(EXAMPLE_DATA), *args[3:]]
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
