"""Hostile input (issue 9): symbolic links, giant files, impossible numbers, invisible and
direction-changing characters, formulas in .xlsx data files. Each case names the failing
input and the exact message; nothing of a refused file may reach a message."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from data_builders import (minimal_files, minimal_tables, write_dataset, write_tables,
                           write_xlsx)
from helpers import write_complete_dataset
from workbook_builders import cache_formula_result

from reportgen import inputfiles, pipeline, render
from reportgen.checks import validate_data
from reportgen.errors import DataError, errors_of, warnings_of
from reportgen.loading import load_dataset, read_table
from reportgen.validation import validate_loaded

SECRET = "GEHEIM-inhoud-die-nergens-mag-verschijnen"
JAAR = 2023


def _load(root: Path, jaar: int = JAAR):
    ds, problems = load_dataset(root, jaar)
    return ds, problems + validate_loaded(ds, problems)


def _only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def _text(problems) -> str:
    return "\n".join(str(p) for p in problems)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the data folder that must never be read."""
    path = tmp_path / "elders" / "geheim.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\nwachtwoord=hunter2\n", encoding="utf-8")
    return path


@pytest.fixture
def complete(tmp_path) -> Path:
    return write_complete_dataset(tmp_path / "data")


# ------------------------------------------------------------------ symbolic links

OUTSIDE = ("een symbolische koppeling naar een bestand buiten de datamap; verwacht: een "
           "gewoon bestand of een gewone map in de datamap (de koppeling is niet gevolgd, de "
           "inhoud niet gelezen)")


@pytest.mark.parametrize("relpath", [
    "2023/personeel.csv", "referentie/umcs.csv", "2023/rapport.toml",
    "referentie/sectorplan.toml", "2023/teksten/samenvatting.md",
])
def test_a_link_leaving_the_data_folder_is_an_error_and_never_read(tmp_path, secret, relpath):
    root = write_dataset(tmp_path / "data", project_files=True)
    (root / relpath).unlink()
    os.symlink(secret, root / relpath)
    ds, problems = _load(root)
    p = next(p for p in problems if p.file == relpath)
    assert str(p) == f"fout: {relpath} — {OUTSIDE}"
    assert SECRET not in _text(problems)
    assert relpath not in [s.path for s in ds.sources]  # not hashed either


def test_a_text_linked_to_proc_environ_stops_validate_and_build(complete, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("REPORTGEN_TEST_SECRET", SECRET)
    text = complete / str(JAAR) / "teksten" / "besteding.md"
    text.unlink()
    os.symlink("/proc/self/environ", text)
    problems = validate_data(complete, JAAR, draft=True)
    assert str(_only(errors_of(problems))) == f"fout: {JAAR}/teksten/besteding.md — {OUTSIDE}"
    assert SECRET not in _text(problems)
    with pytest.raises(DataError) as err:
        pipeline.prepare(complete, JAAR, draft=True)
    assert SECRET not in str(err.value)


def test_a_linked_year_folder_or_texts_folder_outside_is_one_error(tmp_path, secret):
    root = write_dataset(tmp_path / "data", project_files=True)
    outside = tmp_path / "elders" / "teksten"
    (root / "2023" / "teksten").rename(outside)
    os.symlink(outside, root / "2023" / "teksten")
    _, problems = _load(root)
    assert str(_only(problems)) == (
        "fout: 2023/teksten/ — een symbolische koppeling naar een map buiten de datamap; "
        "verwacht: een gewoon bestand of een gewone map in de datamap (de koppeling is niet "
        "gevolgd, de inhoud niet gelezen)")
    year = tmp_path / "elders" / "2022"
    (root / "2022").rename(year)
    os.symlink(year, root / "2022")
    _, problems = _load(root)
    assert "fout: 2022/ — een symbolische koppeling naar een map buiten de datamap" in \
        _text(problems)


def test_links_inside_the_data_folder_are_followed(tmp_path):
    root = write_dataset(tmp_path / "data", project_files=True)
    shared = root / "gedeeld"
    shared.mkdir()
    (root / "2023/teksten/samenvatting.md").rename(shared / "samenvatting.md")
    os.symlink("../../gedeeld/samenvatting.md", root / "2023/teksten/samenvatting.md")
    (root / "2023/kpi_waarden.csv").rename(shared / "kpi_waarden.csv")
    os.symlink(shared / "kpi_waarden.csv", root / "2023/kpi_waarden.csv")
    ds, problems = _load(root)
    assert errors_of(problems) == []
    assert "{{ formatie" in ds.huidig.teksten["samenvatting"].source
    assert len(ds.huidig.kpi_waarden) > 0


def test_an_outline_linked_outside_is_refused(tmp_path, secret):
    root = write_dataset(tmp_path / "data", project_files=True)
    os.symlink(secret, root / "referentie" / "opbouw.toml")
    outline, problems, _ = pipeline.load_outline(root)
    assert outline is None
    assert str(_only(problems)) == f"fout: referentie/opbouw.toml — {OUTSIDE}"


def test_a_pipe_is_not_read_and_does_not_hang(tmp_path):
    root = write_dataset(tmp_path / "data")
    (root / "2023/personeel.csv").unlink()
    os.mkfifo(root / "2023/personeel.csv")
    started = time.monotonic()
    _, problems = _load(root)
    assert time.monotonic() - started < 5
    assert str(_only(problems)) == (
        "fout: 2023/personeel.csv — geen gewoon bestand (maar bijvoorbeeld een map, apparaat "
        "of pipe); verwacht: een gewoon bestand")


def test_project_templates_linked_outside_are_refused(tmp_path, secret):
    templates = tmp_path / "project" / "templates"
    (templates / "css").mkdir(parents=True)
    (templates / "css" / "eigen.css").write_text("body { color: black; }\n")
    os.symlink(secret, templates / "css" / "rapport.css")
    with pytest.raises(DataError) as err:
        render.template_dirs([templates])
    assert str(_only(err.value.problems)) == (
        "fout: templates/css/rapport.css — een symbolische koppeling naar een bestand of map "
        "buiten de map templates/; verwacht: een gewoon bestand in de map templates/ (niet "
        "gelezen)")
    assert SECRET not in str(err.value)
    # The loader itself refuses it too (a link that appears after the check).
    env = render.get_environment([templates, *render.template_dirs()])
    os.symlink(secret, templates / "omslag.html")
    with pytest.raises(DataError) as err:
        env.get_template("omslag.html")
    assert "buiten de map templates/" in str(err.value) and SECRET not in str(err.value)


def test_validate_reports_a_project_template_linked_outside(complete, tmp_path, secret):
    templates = tmp_path / "templates"
    (templates / "css").mkdir(parents=True)
    os.symlink(secret, templates / "css" / "rapport.css")
    problems = validate_data(complete, JAAR, template_dirs=(templates,))
    assert [p.file for p in errors_of(problems)] == ["templates/css/rapport.css"]
    assert SECRET not in _text(problems)


# ------------------------------------------------------------------ giant files


def test_a_200_mb_personeel_csv_is_refused_at_once_with_its_size(tmp_path):
    root = write_dataset(tmp_path / "data")
    path = root / "2023/personeel.csv"
    with path.open("r+b") as fh:
        fh.truncate(200_000_000)  # sparse: no disk space used
    started = time.monotonic()
    _, problems = _load(root)
    assert time.monotonic() - started < 5
    assert str(_only(problems)) == (
        "fout: 2023/personeel.csv — het bestand is 200,0 MB groot; verwacht: hoogstens 25,0 MB "
        "voor een tabel (.csv of .xlsx); het is niet gelezen")


@pytest.mark.parametrize("relpath, kind, limit", [
    ("2023/rapport.toml", "een instellingenbestand (.toml)", "1,0 MB"),
    ("2023/teksten/samenvatting.md", "een tekst (.md)", "1,0 MB"),
])
def test_giant_settings_and_texts_are_refused(tmp_path, relpath, kind, limit):
    root = write_dataset(tmp_path / "data", project_files=True)
    with (root / relpath).open("r+b") as fh:
        fh.truncate(3_000_000)
    _, problems = _load(root)
    assert f"fout: {relpath} — het bestand is 3,0 MB groot; verwacht: hoogstens {limit} voor " \
           f"{kind}; het is niet gelezen" in _text(problems)


def test_rows_and_columns_are_bounded(tmp_path, monkeypatch):
    root = write_dataset(tmp_path / "data")
    monkeypatch.setitem(inputfiles.MAX_ROWS, "tabel", 5)
    result = read_table(root, "2023/personeel")
    assert result.frame is None and str(_only(result.problems)) == (
        "fout: 2023/personeel.csv — meer dan 5 gegevensregels; verwacht: hoogstens 5 (een "
        "tabel (.csv of .xlsx)); het bestand is niet verder gelezen")
    monkeypatch.setitem(inputfiles.MAX_ROWS, "tabel", 250_000)
    with (root / "referentie/umcs.csv").open("a") as fh:
        fh.write("X," * 120 + "\n")
    _, problems = _load(root)
    assert str(_only(problems)) == (
        "fout: referentie/umcs.csv, regel 5 — een regel met 121 kolommen; verwacht: hoogstens "
        "100 kolommen (een tabel (.csv of .xlsx)); het bestand is niet verder gelezen")


# ------------------------------------------------------------------ impossible numbers


def test_an_amount_of_ten_to_the_thirtieth_is_an_error_with_its_place(complete):
    tables = minimal_tables((2022, JAAR), project_files=True)
    tables[f"{JAAR}/financien"][1]["ontvangen"] = "1" + "0" * 30
    write_tables(complete, {f"{JAAR}/financien": tables[f"{JAAR}/financien"]})
    problems = validate_data(complete, JAAR, draft=True)
    assert str(_only(errors_of(problems))) == (
        f"fout: {JAAR}/financien.csv, regel 3, kolom 'ontvangen': waarde "
        f"'1{'0' * 30}' — verwacht: een bedrag van minder dan 1.000.000.000.000 euro (duizend "
        "miljard); dit bedrag kan niet kloppen")
    with pytest.raises(DataError):  # never reaches compute
        pipeline.prepare(complete, JAAR, draft=True)


@pytest.mark.parametrize("table, column, value, expected", [
    ("financien", "materieel", "12.345", "verwacht: een bedrag in euro met hoogstens twee "
                                         "decimalen (hele centen), bijv. 1234,56"),
    ("financien", "materieel", "NaN", "verwacht: een getal, bijv. 1234.56"),
    ("financien", "materieel", "Infinity", "verwacht: een getal, bijv. 1234.56"),
    ("personeel", "fte", "1" + "0" * 30, "verwacht: een getal tussen -1.000.000.000 en "
                                          "1.000.000.000; dit getal kan niet kloppen"),
    ("personeel", "fte", "1e30", "verwacht: een getal, bijv. 1234.56"),
])
def test_numbers_that_cannot_be_right_are_errors(tmp_path, table, column, value, expected):
    tables = minimal_tables()
    tables[f"2023/{table}"][0][column] = value
    _, problems = _load(write_tables(tmp_path, tables))
    p = _only(problems)
    assert (p.file, p.line, p.column, p.value) == (f"2023/{table}.csv", 2, column, value)
    assert p.expected.startswith(expected)


def test_an_amount_above_ten_times_the_budget_is_a_warning(tmp_path):
    tables = minimal_tables(project_files=True)
    tables["2023/financien"][0]["vaste_posities"] = "400000001"  # budget 40.000.000
    _, problems = _load(write_tables(tmp_path, tables, minimal_files()))
    assert errors_of(problems) == []
    assert str(warnings_of(problems)[0]) == (
        "waarschuwing: 2023/financien.csv, regel 2, kolom 'vaste_posities': waarde "
        "'400000001' — onwaarschijnlijk groot bedrag: meer dan tien keer het budget per jaar "
        "van het hele sectorplan (€ 40.000.000,00, referentie/sectorplan.toml); klopt het "
        "bedrag (in euro)?")


def test_staff_far_above_the_budgeted_fte_is_a_warning(tmp_path):
    tables = minimal_tables()
    tables["referentie/begroting"][0]["begroot_fte"] = "0.1"
    _, problems = _load(write_tables(tmp_path, tables))
    assert errors_of(problems) == []
    assert [str(p) for p in warnings_of(problems) if "tien keer" in p.expected] == [
        f"waarschuwing: {y}/personeel.csv, regel 2, kolom 'fte': waarde '{fte}' — EMC heeft "
        f"in {y} samen {fte} fte aan personeel, meer dan tien keer het begrote aantal (0.1 fte "
        "in referentie/begroting.csv); klopt dat?"
        for y, fte in ((2022, "2.4"), (2023, "3.15"))]


@pytest.mark.parametrize("line, expected", [
    ("budget_per_jaar = inf", "verwacht: een gewoon getal (geen nan of inf)"),
    ("budget_per_jaar = nan", "verwacht: een gewoon getal (geen nan of inf)"),
    ("budget_per_jaar = 1e30", "verwacht: een bedrag van minder dan 1.000.000.000.000 euro "
                               "(duizend miljard); dit bedrag kan niet kloppen"),
])
def test_impossible_settings_numbers(tmp_path, line, expected):
    files = minimal_files()
    files["referentie/sectorplan.toml"] = files["referentie/sectorplan.toml"].replace(
        "budget_per_jaar = 40000000", line)
    _, problems = _load(write_tables(tmp_path, minimal_tables(project_files=True), files))
    p = _only(errors_of(problems))
    assert (p.file, p.column, p.expected) == ("referentie/sectorplan.toml", "budget_per_jaar",
                                              expected)
    assert p.line == files["referentie/sectorplan.toml"].splitlines().index(line) + 1


# ------------------------------------------------------------------ invisible characters

INVISIBLE = ["\u202e", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u2066",
             "\u2069"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_in_a_table_cell(tmp_path, char):
    tables = minimal_tables(project_files=True)
    tables["referentie/umcs"][1]["naam"] = f"LU{char}MC"
    _, problems = _load(write_tables(tmp_path, tables, minimal_files()))
    code = f"U+{ord(char):04X}"
    assert str(_only(problems)) == (
        f"fout: referentie/umcs.csv, regel 3, kolom 'naam': waarde 'LU<{code}>MC' — "
        f"onzichtbaar teken of teken dat de schrijfrichting omdraait ({code}); verwacht: "
        "alleen zichtbare tekens (typ de waarde opnieuw in)")


def test_invisible_characters_in_judgements_headers_and_workbooks(tmp_path):
    tables = minimal_tables(project_files=True)
    tables["2023/kpi_oordeel"][0]["toelichting"] = "Behaald\u202e.lanif"
    root = write_tables(tmp_path, tables, minimal_files())
    path = root / "referentie/kpis.csv"
    path.write_text(path.read_text().replace("naam", "na\u200bam", 1))
    (root / "referentie/umcs.csv").unlink()
    rows = minimal_tables()["referentie/umcs"]
    rows[0]["naam"] = "Erasmus\u200dMC"
    write_xlsx(root / "referentie/umcs.xlsx", rows)
    _, problems = _load(root)
    assert [(p.file, p.line, p.column, p.value) for p in errors_of(problems)] == [
        ("referentie/umcs.xlsx", 2, "naam", "Erasmus<U+200D>MC"),
        ("referentie/kpis.csv", 1, "kolom 3", "na<U+200B>am"),
        ("2023/kpi_oordeel.csv", 2, "toelichting", "Behaald<U+202E>.lanif"),
    ]


def test_invisible_characters_in_settings_and_texts(tmp_path):
    files = minimal_files()
    files["2023/rapport.toml"] = 'versie = "1.0\u2066"\n' + files["2023/rapport.toml"]
    files["2023/teksten/samenvatting.md"] = "Eerste regel.\n\nTweede \u202eregel.\n"
    root = write_tables(tmp_path, minimal_tables(project_files=True), files)
    _, problems = _load(root)
    assert [str(p) for p in errors_of(problems)] == [
        "fout: 2023/teksten/samenvatting.md, regel 3, kolom 'teken 8': waarde "
        "'Tweede <U+202E>regel.' — onzichtbaar teken of teken dat de schrijfrichting omdraait "
        "(U+202E); verwacht: alleen zichtbare tekens (typ de waarde opnieuw in)",
        "fout: 2023/rapport.toml, regel 1, kolom 'versie': waarde '1.0<U+2066>' — onzichtbaar teken of teken dat de schrijfrichting "
        "omdraait (U+2066); verwacht: alleen zichtbare tekens (typ de waarde opnieuw in)",
    ]


def test_a_byte_order_mark_at_the_start_of_a_file_is_allowed(tmp_path):
    files = {k: v for k, v in minimal_files().items()}
    root = write_tables(tmp_path, minimal_tables(project_files=True), files)
    for relpath in ("2023/rapport.toml", "2023/teksten/samenvatting.md",
                    "referentie/sectorplan.toml"):
        path = root / relpath
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, problems = _load(root)
    assert errors_of(problems) == []


# ------------------------------------------------------------------ formulas in .xlsx


def _personeel_xlsx(root: Path, fte: str) -> Path:
    rows = minimal_tables()["2023/personeel"]
    rows[1]["fte"] = fte
    (root / "2023/personeel.csv").unlink()
    return write_xlsx(root / "2023/personeel.xlsx", rows)


def test_a_formula_without_a_cached_result_is_an_error_naming_its_cell(tmp_path):
    root = write_dataset(tmp_path)
    _personeel_xlsx(root, "=0.3*2")
    ds, problems = _load(root)
    assert str(_only(problems)) == (
        "fout: 2023/personeel.xlsx, cel Sheet!E3, kolom 'fte': waarde '=0.3*2' — een formule "
        "zonder berekende uitkomst (het bestand is na het invullen niet in Excel opgeslagen); "
        "verwacht: een ingevulde waarde of een formule die Excel heeft berekend")


def test_a_formula_with_a_cached_result_uses_that_result(tmp_path):
    root = write_dataset(tmp_path)
    path = _personeel_xlsx(root, "=0.3*2")
    cache_formula_result(path, "0.3*2", "0.6")
    ds, problems = _load(root)
    assert problems == []
    assert str(ds.huidig.personeel.loc[1, "fte"]) == "0.6"


def test_a_formula_with_an_error_result_is_an_error(tmp_path):
    root = write_dataset(tmp_path)
    path = _personeel_xlsx(root, "=1/0")
    data = path.read_bytes()
    cache_formula_result(path, "1/0", "#DIV/0!")
    assert path.read_bytes() != data
    text = path.read_bytes()
    # An error result is stored with t="e" by Excel.
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(text)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            part = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                part = part.replace(b'<c r="E3"', b'<c r="E3" t="e"', 1)
            zout.writestr(item, part)
    path.write_bytes(out.getvalue())
    _, problems = _load(root)
    p = _only(problems)
    assert (p.sheet, p.cell, p.column, p.value) == ("Sheet", "E3", "fte", "=1/0")
    assert p.expected.startswith("een formule met de foutwaarde #DIV/0! als uitkomst")


def test_a_csv_linked_to_etc_passwd(tmp_path):
    root = write_dataset(tmp_path / "data")
    (root / "2023/personeel.csv").unlink()
    os.symlink("/etc/passwd", root / "2023/personeel.csv")
    _, problems = _load(root)
    assert str(_only(problems)) == f"fout: 2023/personeel.csv — {OUTSIDE}"
    assert "root:" not in _text(problems)


def test_deeply_nested_toml_is_an_error_not_a_crash(tmp_path):
    files = minimal_files()
    files["2023/rapport.toml"] = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"
    files["referentie/opbouw.toml"] = "voorwerk = " + "[" * 50_000 + "]" * 50_000 + "\n"
    root = write_tables(tmp_path, minimal_tables(project_files=True), files)
    _, problems = _load(root)
    assert str(_only(problems)) == (
        "fout: 2023/rapport.toml — verwacht: geldige TOML-syntaxis; de lijsten of tabellen "
        "zijn te diep in elkaar genest")
    outline, problems, _ = pipeline.load_outline(root)
    assert outline is None and [p.expected for p in problems] == [inputfiles.TOO_DEEP]


def test_deeply_nested_placeholders_are_a_problem_not_a_crash():
    from reportgen.dataset import TextFile
    from reportgen.texts import render_text

    text = TextFile("k", "2023/teksten/k.md", "Begin " + "{" * 100_000)
    _, problems = render_text(text, {}, draft=False)
    assert [str(p) for p in problems] == [
        "fout: 2023/teksten/k.md — de invulvelden van deze tekst zijn te diep in elkaar "
        "genest; vereenvoudig de tekst"]


@pytest.mark.parametrize("stored, expected", [
    (b"1e400", "fout: 2023/financien.xlsx, regel 2, kolom 'tijdelijke_posities': waarde "
               "'inf' — verwacht: een getal, bijv. 1234,56"),
    (b"1e30", "fout: 2023/financien.xlsx, regel 2, kolom 'tijdelijke_posities': waarde "
              f"'1{'0' * 30}' — verwacht: een bedrag van minder dan 1.000.000.000.000 euro "
              "(duizend miljard); dit bedrag kan niet kloppen"),
    (b"NaN", "fout: 2023/financien.xlsx — verwacht: een geldig Excel-bestand (.xlsx) "
             "(ValueError)"),
])
def test_impossible_numbers_stored_in_a_workbook(tmp_path, stored, expected):
    import io
    import re
    import zipfile

    root = write_dataset(tmp_path)
    (root / "2023/financien.csv").unlink()
    path = write_xlsx(root / "2023/financien.xlsx", minimal_tables()["2023/financien"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zin, \
            zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            part = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                part = re.sub(rb'(<c r="C2"[^>]*><v>)[^<]*', rb"\g<1>" + stored, part)
            zout.writestr(item, part)
    path.write_bytes(out.getvalue())
    _, problems = _load(root)
    assert str(_only(problems)) == expected
