"""Loading: file formats (CSV dialects, BOM, XLSX), typed conversion and load problems."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from data_builders import (
    dutch_number,
    minimal_files,
    minimal_tables,
    write_csv,
    write_dataset,
    write_tables,
    write_xlsx,
)

from reportgen.errors import ConfigError, Problem, errors_of, warnings_of
from reportgen.loading import SCHEMAS, load_dataset, parse_number, read_table


def _problems(problems: list[Problem], file: str) -> list[Problem]:
    return [p for p in problems if p.file == file]


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ------------------------------------------------------------------------------ valid data


def test_minimal_folder_loads_typed_without_problems(tmp_path):
    root = write_dataset(tmp_path, project_files=True)
    ds, problems = load_dataset(root, 2023)
    assert problems == []
    assert sorted(ds.jaren) == [2022, 2023]
    umcs = ds.referentie.umcs
    assert umcs["code"].tolist() == ["EMC", "LUMC", "UMCG"]
    assert umcs["volgorde"].dtype == "int64"
    assert umcs["_line"].tolist() == [2, 3, 4]
    pers = ds.huidig.personeel
    assert pers.loc[0, "fte"] == Decimal("1") and isinstance(pers.loc[1, "fte"], Decimal)
    assert pers.loc[1, "fte"] == Decimal("0.6")
    assert sum(pers["fte"], Decimal(0)) == Decimal("6.4625")
    fin = ds.huidig.financien
    assert fin.loc[0, "tijdelijke_posities"] == Decimal("200000.50")
    assert list(fin.columns) == ["umc", "ontvangen", "tijdelijke_posities", "vaste_posities",
                                 "indirecte_kosten", "materieel", "_line"]
    # project files
    assert ds.referentie.kpis["code"].tolist() == ["continuiteit_personeel", "6", "7"]
    assert ds.referentie.kpis.loc[0, "nummer"] is None
    ind = ds.referentie.indicatoren
    assert ind.loc[0, "norm_waarde"] == Decimal(90) and ind.loc[0, "vanaf_jaar"] == 2026
    assert ind.loc[1, "norm_waarde"] is None and ind.loc[1, "vanaf_jaar"] is None
    com = ds.referentie.commissie
    assert com.loc[1, "van"] == dt.date(2022, 3, 1) and com.loc[0, "van"] is None
    assert ds.huidig.kpi_oordeel.loc[1, "status"] is None
    assert ds.huidig.werkdrukmonitor.loc[0, "werkdruk"] == Decimal("8.5")
    assert ds.referentie.sectorplan["budget_per_jaar"] == 40000000
    rapport = ds.huidig.rapport
    assert rapport["peildatum"] == dt.date(2023, 12, 31)  # quoted ISO string -> date
    assert rapport["brief"]["datum"] == dt.date(2024, 6, 1)
    assert set(ds.huidig.teksten) == {"samenvatting"}
    text = ds.huidig.teksten["samenvatting"]
    assert text.path == "2023/teksten/samenvatting.md" and "{{ formatie" in text.source
    # optional project files absent in 2022
    y22 = ds.jaren[2022]
    assert y22.rapport is None and y22.kpi_waarden is None and y22.teksten == {}


def test_umcs_sorted_by_volgorde(tmp_path):
    tables = minimal_tables()
    tables["referentie/umcs"][0]["volgorde"] = "9"
    ds, problems = load_dataset(write_tables(tmp_path, tables), 2023)
    assert problems == []
    assert ds.referentie.umcs["code"].tolist() == ["LUMC", "UMCG", "EMC"]
    assert ds.referentie.umcs["_line"].tolist() == [3, 4, 2]


def test_sources_list_every_file_read_with_sha256(tmp_path):
    root = write_dataset(tmp_path, project_files=True)
    (root / "2023" / "notities.txt").write_text("niet van ons")
    ds, _ = load_dataset(root, 2023)
    paths = [s.path for s in ds.sources]
    assert paths == sorted(paths)
    assert "referentie/umcs.csv" in paths and "2023/teksten/samenvatting.md" in paths
    assert "referentie/sectorplan.toml" in paths and "2023/notities.txt" not in paths
    assert len(paths) == 18
    src = next(s for s in ds.sources if s.path == "2022/personeel.csv")
    assert src.sha256 == hashlib.sha256((root / "2022/personeel.csv").read_bytes()).hexdigest()


def test_year_outside_period_is_usage_error(tmp_path):
    root = write_dataset(tmp_path)
    with pytest.raises(ConfigError):
        load_dataset(root, 2021)
    with pytest.raises(ConfigError):
        load_dataset(root, 2029)


# ------------------------------------------------------------------------------ dialects


def _frames(ds):
    ref = ds.referentie
    out = {f"referentie/{n}": getattr(ref, n) for n in
           ("umcs", "begroting", "subthemas", "functiecategorieen", "themamatrix")}
    for jaar, y in ds.jaren.items():
        out[f"{jaar}/financien"] = y.financien
        out[f"{jaar}/personeel"] = y.personeel
    return out


def _assert_same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    assert a.to_dict("records") == b.to_dict("records")
    assert list(a.dtypes) == list(b.dtypes)


@pytest.mark.parametrize("variant", ["dutch_bom", "xlsx"])
def test_dialects_load_to_the_same_data(tmp_path, variant):
    tables = minimal_tables()
    plain = write_tables(tmp_path / "plain", tables)
    other = tmp_path / variant
    for relpath, rows in tables.items():
        if variant == "xlsx":
            write_xlsx(other / f"{relpath}.xlsx", rows)
        else:
            write_csv(other / f"{relpath}.csv", rows, dutch=True, bom=True)
    if variant == "dutch_bom":
        text = (other / "2023/financien.csv").read_text(encoding="utf-8-sig")
        assert text.startswith("umc;ontvangen") and "2.000.000,00" in text
        assert "0,6" in (other / "2023/personeel.csv").read_text(encoding="utf-8-sig")
    ds_plain, p1 = load_dataset(plain, 2023)
    ds_other, p2 = load_dataset(other, 2023)
    assert p1 == [] and p2 == []
    a, b = _frames(ds_plain), _frames(ds_other)
    for key in a:
        _assert_same(a[key], b[key])
    assert b["2023/personeel"].loc[1, "fte"] == Decimal("0.6")
    assert str(b["2023/personeel"].loc[1, "fte"]) == "0.6"  # not 0.59999999999999998
    assert {s.path.rsplit(".", 1)[1] for s in ds_other.sources} == {
        "xlsx" if variant == "xlsx" else "csv"}


def test_header_names_are_case_and_whitespace_insensitive_in_any_order(tmp_path):
    root = write_dataset(tmp_path)
    (root / "referentie/umcs.csv").write_text(
        " Volgorde ;NAAM; code\n1;Erasmus MC;EMC\n2;LUMC;LUMC\n3;UMC Groningen;UMCG\n")
    ds, problems = load_dataset(root, 2023)
    assert problems == []
    assert list(ds.referentie.umcs.columns) == ["code", "naam", "volgorde", "_line"]
    assert ds.referentie.umcs.loc[2, "naam"] == "UMC Groningen"


@pytest.mark.parametrize("text,dialect,expected", [
    ("0,60", ";", "0.60"), ("1.234,56", ";", "1234.56"), ("1234,56", ";", "1234.56"),
    ("1.234.567", ";", "1234567"), ("-5,5", ";", "-5.5"), ("0.60", ",", "0.60"),
    ("1234.56", ",", "1234.56"), (" 7 ", ",", "7"), ("0,6", "xlsx", "0.6"),
])
def test_parse_number_accepts(text, dialect, expected):
    assert parse_number(text, dialect) == Decimal(expected)
    assert str(parse_number(text, dialect)) == expected


@pytest.mark.parametrize("text,dialect", [
    ("0.60", ";"), ("1.23,4", ";"), ("12.34.56", ";"), ("1,234.56", ","), ("0,6", ","),
    ("1.234,56", ","), ("abc", ","), ("", ","), ("1e5", ","), ("€ 5", ";"),
])
def test_parse_number_rejects(text, dialect):
    with pytest.raises(ValueError):
        parse_number(text, dialect)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False))
def test_dutch_and_plain_notation_parse_to_the_same_decimal(value):
    plain = format(value, "f")
    assert parse_number(plain, ",") == value
    assert parse_number(dutch_number(plain), ";") == value


def test_xlsx_blank_rows_and_numbers_typed_as_text(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["umc", "begroot_fte"])
    ws.append(["EMC", 3.5])
    ws.append([])
    ws.append(["LUMC", 2])
    ws.append(["UMCG", "2,25"])  # a number typed as text with a decimal comma
    wb.save(tmp_path / "b.xlsx")
    frame, problems, _ = read_table(tmp_path, "b", SCHEMAS["begroting"])
    assert problems == []
    assert frame.to_dict("records") == [
        {"umc": "EMC", "begroot_fte": Decimal("3.5"), "_line": 2},
        {"umc": "LUMC", "begroot_fte": Decimal(2), "_line": 4},
        {"umc": "UMCG", "begroot_fte": Decimal("2.25"), "_line": 5},
    ]


def test_number_error_names_the_dialect(tmp_path):
    root = write_dataset(tmp_path)
    write_csv(root / "2023/personeel.csv",
              [dict(r, fte="0.6") if i == 1 else r
               for i, r in enumerate(minimal_tables()["2023/personeel"])], dutch=True)
    # dutch=True leaves "0.6" alone only when it is not a number: force the bad cell
    text = (root / "2023/personeel.csv").read_text()
    (root / "2023/personeel.csv").write_text(text.replace(";0,6;", ";0.6;"))
    _, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert (p.file, p.line, p.column, p.value) == ("2023/personeel.csv", 3, "fte", "0.6")
    assert "1.234,56" in p.expected and "komma" in p.expected

    write_csv(root / "2023/personeel.csv", minimal_tables()["2023/personeel"])
    text = (root / "2023/personeel.csv").read_text()
    (root / "2023/personeel.csv").write_text(text.replace(",0.6,", ',"0,6",'))
    _, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert (p.line, p.column, p.value) == (3, "fte", "0,6")
    assert "1234.56" in p.expected and "punt" in p.expected


# ------------------------------------------------------------------------------ file problems


def test_empty_file_is_an_error(tmp_path):
    root = write_dataset(tmp_path)
    (root / "referentie/umcs.csv").write_bytes(b"")
    _, problems = load_dataset(root, 2023)
    p = _only(errors_of(problems))
    assert p.file == "referentie/umcs.csv" and "leeg" in p.expected


def test_header_only_file_is_an_error(tmp_path):
    root = write_dataset(tmp_path)
    (root / "2022/financien.csv").write_text(
        "umc,ontvangen,tijdelijke_posities,vaste_posities,indirecte_kosten,materieel\n")
    _, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert (p.file, p.line) == ("2022/financien.csv", 2)
    assert "gegevensregel" in p.expected


def test_csv_and_xlsx_both_present_is_an_error(tmp_path):
    root = write_dataset(tmp_path)
    write_xlsx(root / "referentie/begroting.xlsx", minimal_tables()["referentie/begroting"])
    _, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert p.file == "referentie/begroting.csv"
    assert "begroting.xlsx" in p.expected and "niet allebei" in p.expected


def test_missing_contract_file_is_an_error_missing_project_file_is_not(tmp_path):
    root = write_dataset(tmp_path)
    (root / "referentie/themamatrix.csv").unlink()
    ds, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert p.file == "referentie/themamatrix.csv" and "ontbreekt" in p.expected
    assert ds.referentie.kpis is None and ds.referentie.sectorplan is None
    assert list(ds.referentie.themamatrix.columns) == ["umc", "subthema", "inzet", "_line"]


def test_read_table_optional_absent_returns_none(tmp_path):
    result = read_table(tmp_path, "2023/kpi_waarden")
    assert result.frame is None and result.problems == [] and result.source is None


def test_read_table_without_schema_reads_text(tmp_path):
    write_csv(tmp_path / "extra/iets.csv", [{"a": "1", "b": ""}, {"a": " x ", "b": "y"}])
    frame, problems, source = read_table(tmp_path, "extra/iets")
    assert problems == [] and source.path == "extra/iets.csv"
    assert frame.to_dict("records") == [{"a": "1", "b": None, "_line": 2},
                                        {"a": "x", "b": "y", "_line": 3}]


def test_missing_year_folder_is_an_error_naming_it(tmp_path):
    root = write_dataset(tmp_path, years=(2022, 2024))
    ds, problems = load_dataset(root, 2024)
    p = _only(problems)
    assert p.file == "2023/" and "2023" in p.expected and p.is_error
    assert ds.jaren[2023].personeel.empty


def test_missing_required_column_one_error_per_column(tmp_path):
    tables = minimal_tables()
    for row in tables["2023/personeel"]:
        del row["geslacht"], row["fte"]
    _, problems = load_dataset(write_tables(tmp_path, tables), 2023)
    assert len(problems) == 2
    assert {(p.file, p.line, p.column) for p in problems} == {
        ("2023/personeel.csv", 1, "fte"), ("2023/personeel.csv", 1, "geslacht")}
    assert all(p.is_error and "kopregel" in p.expected for p in problems)


def test_extra_column_is_a_warning_and_dropped(tmp_path):
    tables = minimal_tables()
    for row in tables["referentie/umcs"]:
        row["Opmerking"] = "iets"
    ds, problems = load_dataset(write_tables(tmp_path, tables), 2023)
    p = _only(problems)
    assert (p.severity, p.file, p.line, p.column) == (
        "warning", "referentie/umcs.csv", 1, "opmerking")
    assert "opmerking" not in ds.referentie.umcs.columns


def test_empty_cells_amount_is_zero_other_required_is_error(tmp_path):
    tables = minimal_tables()
    tables["2023/financien"][1]["materieel"] = ""
    tables["2023/personeel"][2]["geslacht"] = ""
    tables["2023/personeel"][3]["subthema"] = ""
    ds, problems = load_dataset(write_tables(tmp_path, tables), 2023)
    p = _only(problems)
    assert (p.file, p.line, p.column, p.value) == ("2023/personeel.csv", 4, "geslacht", "")
    assert ds.huidig.financien.loc[1, "materieel"] == Decimal(0)
    assert ds.huidig.personeel.loc[3, "subthema"] is None


def test_all_bad_rows_are_reported_at_once(tmp_path):
    tables = minimal_tables()
    tables["2022/personeel"][0]["fte"] = "veel"
    tables["2022/personeel"][3]["fte"] = "0,5"
    tables["2022/personeel"][5]["fte"] = "1/2"
    tables["referentie/umcs"][1]["volgorde"] = "2.5"
    _, problems = load_dataset(write_tables(tmp_path, tables), 2023)
    pers = _problems(problems, "2022/personeel.csv")
    assert [(p.line, p.column, p.value) for p in pers] == [
        (2, "fte", "veel"), (5, "fte", "0,5"), (7, "fte", "1/2")]
    assert all("verwacht: een getal" in p.expected for p in pers)
    p = _only(_problems(problems, "referentie/umcs.csv"))
    assert (p.line, p.column, p.value) == (3, "volgorde", "2.5")
    assert "geheel getal" in p.expected


def test_line_numbers_skip_blank_rows_like_a_spreadsheet(tmp_path):
    root = write_dataset(tmp_path)
    path = root / "referentie/begroting.csv"
    path.write_text("umc,begroot_fte\n\nEMC,3.5\n,\nLUMC,x\nUMCG,2\n")
    ds, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert (p.line, p.value) == (5, "x")
    assert ds.referentie.begroting["_line"].tolist() == [3, 5, 6]


def test_xlsx_line_numbers_and_errors(tmp_path):
    tables = minimal_tables()
    tables["2023/personeel"][4]["fte"] = "veel"
    root = write_tables(tmp_path, tables)
    (root / "2023/personeel.csv").unlink()
    write_xlsx(root / "2023/personeel.xlsx", tables["2023/personeel"])
    ds, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert (p.file, p.line, p.column, p.value) == ("2023/personeel.xlsx", 6, "fte", "veel")
    assert ds.huidig.personeel["_line"].tolist() == list(range(2, 12))


def test_corrupt_xlsx_and_bad_encoding_are_problems(tmp_path):
    root = write_dataset(tmp_path)
    (root / "referentie/subthemas.csv").unlink()
    (root / "referentie/subthemas.xlsx").write_bytes(b"not a zip file")
    (root / "referentie/begroting.csv").write_bytes(
        "umc,begroot_fte\nEMC,3.5\nLUMC,2\n".encode() + "UMCG é,2\n".encode("latin-1"))
    _, problems = load_dataset(root, 2023)
    assert len(problems) == 2
    xlsx = _only(_problems(problems, "referentie/subthemas.xlsx"))
    assert "Excel" in xlsx.expected
    enc = _only(_problems(problems, "referentie/begroting.csv"))
    assert enc.line == 4 and "UTF-8" in enc.expected


def test_toml_syntax_error_names_the_line(tmp_path):
    root = write_dataset(tmp_path)
    (root / "2023/rapport.toml").write_text('soort = "eindevaluatie"\ntitel = \n')
    ds, problems = load_dataset(root, 2023)
    p = _only(problems)
    assert (p.file, p.line) == ("2023/rapport.toml", 2) and "TOML" in p.expected
    assert ds.huidig.rapport is None


def test_xlsx_numbers_in_text_columns_become_text(tmp_path):
    files = minimal_files()
    tables = minimal_tables(project_files=True)
    root = write_tables(tmp_path, tables, files)
    (root / "referentie/kpis.csv").unlink()
    write_xlsx(root / "referentie/kpis.xlsx", tables["referentie/kpis"])
    ds, problems = load_dataset(root, 2023)
    assert problems == []
    assert ds.referentie.kpis["code"].tolist() == ["continuiteit_personeel", "6", "7"]


def test_schemas_declare_every_contract_file():
    contract = {name for name, s in SCHEMAS.items() if s.contract}
    assert contract == {"umcs", "begroting", "subthemas", "functiecategorieen", "themamatrix",
                        "financien", "personeel"}


def test_warnings_and_errors_are_separable(tmp_path):
    tables = minimal_tables()
    for row in tables["referentie/umcs"]:
        row["extra"] = "x"
    tables["2023/personeel"][0]["fte"] = "x"
    _, problems = load_dataset(write_tables(tmp_path, tables), 2023)
    assert len(errors_of(problems)) == 1 and len(warnings_of(problems)) == 1
    assert str(errors_of(problems)[0]).startswith("fout: 2023/personeel.csv, regel 2, kolom 'fte'")


def test_int_columns_accept_the_dialects_notation(tmp_path):
    tables = minimal_tables(project_files=True)
    root = write_tables(tmp_path, tables, minimal_files())
    write_csv(root / "referentie/indicatoren.csv", tables["referentie/indicatoren"], dutch=True)
    assert "2.026" in (root / "referentie/indicatoren.csv").read_text()
    ds, problems = load_dataset(root, 2023)
    assert problems == []
    assert ds.referentie.indicatoren.loc[0, "vanaf_jaar"] == 2026
