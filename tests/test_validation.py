"""Validation: one failing fixture per rule, with the exact file, line, column and value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from data_builders import minimal_files, minimal_tables, write_dataset, write_tables

from reportgen.errors import Problem, errors_of, warnings_of
from reportgen.loading import load_dataset
from reportgen.validation import validate

REPO = Path(__file__).resolve().parents[1]


def _run(tmp_path, tables, files=None, jaar=2023) -> list[Problem]:
    root = write_tables(tmp_path, tables, files)
    ds, problems = load_dataset(root, jaar)
    assert errors_of(problems) == [], [str(p) for p in problems]
    return problems + validate(ds)


def _full():
    return minimal_tables(project_files=True), minimal_files()


def _one(problems: list[Problem], severity: str = "error") -> Problem:
    found = [p for p in problems if p.severity == severity]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def _where(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.value)


def _sorted(wheres) -> list[tuple]:
    return sorted(wheres, key=repr)


def _wheres(problems: list[Problem]) -> list[tuple]:
    """(file, line, column, value) of each problem, in a stable order."""
    return _sorted(_where(p) for p in problems)


# ------------------------------------------------------------------------------ valid


def test_minimal_folder_is_valid(tmp_path):
    tables, files = _full()
    assert _run(tmp_path, tables, files) == []


def test_minimal_folder_without_project_files_is_valid(tmp_path):
    assert _run(tmp_path, minimal_tables()) == []


# ------------------------------------------------------------------------------ personeel


@pytest.mark.parametrize("column,value,ref", [
    ("umc", "AMC", "referentie/umcs.csv"),
    ("functiecategorie", "postdoc", "referentie/functiecategorieen.csv"),
    ("subthema", "cohort", "referentie/subthemas.csv"),
])
def test_personeel_codes_must_exist(tmp_path, column, value, ref):
    tables = minimal_tables()
    tables["2023/personeel"][1][column] = value
    problems = _run(tmp_path, tables)
    p = _one(problems)
    assert _where(p) == ("2023/personeel.csv", 3, column, value)
    assert ref in p.expected


@pytest.mark.parametrize("column,value", [
    ("contractvorm", "Tijdelijk"), ("contractvorm", "detachering"), ("geslacht", "vrouw"),
])
def test_personeel_vocabularies(tmp_path, column, value):
    tables = minimal_tables()
    tables["2022/personeel"][4][column] = value
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("2022/personeel.csv", 6, column, value)
    assert p.expected.startswith("verwacht: een van ")


@pytest.mark.parametrize("fte,ok", [
    ("0", False), ("-0.5", False), ("1.01", False), ("0.12345", False), ("1", True),
    ("0.0001", True), ("0.12340", True), ("1.0000", True),
])
def test_fte_range_and_decimals(tmp_path, fte, ok):
    tables = minimal_tables()
    tables["2023/personeel"][0]["fte"] = fte
    problems = errors_of(_run(tmp_path, tables))
    if ok:
        assert problems == []
    else:
        p = _one(problems)
        assert _where(p) == ("2023/personeel.csv", 2, "fte", fte)
        assert "hoogstens 1" in p.expected and "4 decimalen" in p.expected


def test_duplicate_id_within_umc_names_both_lines(tmp_path):
    tables = minimal_tables()
    tables["2023/personeel"][7]["id"] = "p2"  # EMC p4 -> p2 (EMC p2 is on line 3)
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("2023/personeel.csv", 9, "id", "p2")
    assert "regel 3" in p.expected and "EMC" in p.expected


def test_same_id_at_other_umc_is_fine(tmp_path):
    # p1 exists at EMC, LUMC and UMCG in the minimal data
    tables = minimal_tables()
    assert [r["id"] for r in tables["2022/personeel"]].count("p1") == 3
    assert _run(tmp_path, tables) == []


def test_institution_without_people_in_a_year(tmp_path):
    tables = minimal_tables()
    tables["2022/personeel"] = [r for r in tables["2022/personeel"] if r["umc"] != "LUMC"]
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("2022/personeel.csv", None, "umc", "LUMC")
    assert "2022" in p.expected


def test_three_bad_rows_give_three_problems(tmp_path):
    tables = minimal_tables()
    for i in (0, 2, 6):
        tables["2023/personeel"][i]["geslacht"] = "?"
    problems = _run(tmp_path, tables)
    assert [(p.line, p.value) for p in errors_of(problems)] == [(2, "?"), (4, "?"), (8, "?")]


# ------------------------------------------------------------------------------ financien


def test_negative_amount(tmp_path):
    tables = minimal_tables()
    tables["2022/financien"][2]["materieel"] = "-10.00"
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("2022/financien.csv", 4, "materieel", "-10.00")
    assert "0 of meer" in p.expected


def test_financien_row_missing_and_duplicate(tmp_path):
    tables = minimal_tables()
    fin = tables["2023/financien"]
    fin[2] = dict(fin[1])  # UMCG replaced by a second LUMC row
    problems = errors_of(_run(tmp_path, tables))
    assert _wheres(problems) == _sorted([
        ("2023/financien.csv", 4, "umc", "LUMC"),
        ("2023/financien.csv", None, "umc", "UMCG"),
    ])
    dup = next(p for p in problems if p.line == 4)
    assert "regel 3" in dup.expected


def test_financien_unknown_umc(tmp_path):
    tables = minimal_tables()
    tables["2022/financien"].append(dict(tables["2022/financien"][0], umc="XYZ"))
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("2022/financien.csv", 5, "umc", "XYZ")


# ------------------------------------------------------------------------------ reference


def test_umc_codes_unique(tmp_path):
    tables = minimal_tables()
    tables["referentie/umcs"].append({"code": "EMC", "naam": "Nog een", "volgorde": "4"})
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("referentie/umcs.csv", 5, "code", "EMC")
    assert "regel 2" in p.expected


def test_begroting_rules(tmp_path):
    tables = minimal_tables()
    beg = tables["referentie/begroting"]
    beg[0]["begroot_fte"] = "0"
    beg[2]["umc"] = "AMC"  # UMCG has no row, AMC unknown
    beg.append(dict(beg[1]))  # LUMC twice
    problems = errors_of(_run(tmp_path, tables))
    assert _wheres(problems) == _sorted([
        ("referentie/begroting.csv", 2, "begroot_fte", "0"),
        ("referentie/begroting.csv", 4, "umc", "AMC"),
        ("referentie/begroting.csv", 5, "umc", "LUMC"),
        ("referentie/begroting.csv", None, "umc", "UMCG"),
    ])


def test_functiecategorieen_contract_categories(tmp_path):
    tables = minimal_tables()
    fc = tables["referentie/functiecategorieen"]
    fc[5]["groep"] = "wetenschappelijk"  # dataspecialist must be ondersteunend
    fc[6]["groep"] = "overig"
    del fc[9]  # overig_ondersteunend missing
    problems = errors_of(_run(tmp_path, tables))
    assert _wheres(problems) == _sorted([
        ("referentie/functiecategorieen.csv", 7, "groep", "wetenschappelijk"),
        ("referentie/functiecategorieen.csv", 8, "groep", "overig"),
        ("referentie/functiecategorieen.csv", None, "code", "overig_ondersteunend"),
    ])


def test_themamatrix_rules(tmp_path):
    tables = minimal_tables()
    tm = tables["referentie/themamatrix"]
    tm[0]["inzet"] = "groot"
    tm[1]["umc"] = "AMC"
    tm[2]["subthema"] = "kliniek"
    tm.append(dict(tm[3]))
    problems = errors_of(_run(tmp_path, tables))
    assert _wheres(problems) == _sorted([
        ("referentie/themamatrix.csv", 2, "inzet", "groot"),
        ("referentie/themamatrix.csv", 3, "umc", "AMC"),
        ("referentie/themamatrix.csv", 4, "subthema", "kliniek"),
        ("referentie/themamatrix.csv", 6, "subthema", "innovatiemotor"),
    ])


# ------------------------------------------------------------------------------ warnings


def test_warning_all_zero_financien_row(tmp_path):
    tables = minimal_tables()
    tables["2022/financien"][1].update({c: "0" for c in (
        "ontvangen", "tijdelijke_posities", "vaste_posities", "indirecte_kosten",
        "materieel")})
    w = _one(_run(tmp_path, tables), "warning")
    assert _where(w) == ("2022/financien.csv", 3, "ontvangen", "0")
    assert errors_of(_run(tmp_path / "b", tables)) == []


def test_warning_spent_more_than_received(tmp_path):
    tables = minimal_tables()
    tables["2023/financien"][0]["ontvangen"] = "1000.00"  # EMC: 1.000.000 + 1.000 received
    problems = _run(tmp_path, tables)
    w = next(p for p in problems if "meer besteed" in p.expected)
    assert _where(w)[:3] == ("2023/financien.csv", 2, "ontvangen")
    assert "€ 1.001.000,00" in w.expected and "EMC" in w.expected
    assert errors_of(problems) == []


def test_warning_person_without_subthema(tmp_path):
    tables = minimal_tables()
    tables["2023/personeel"][2]["subthema"] = ""
    tables["2023/personeel"][5]["subthema"] = ""
    tables["2022/personeel"][0]["subthema"] = ""  # earlier years: no warning
    # One warning per institution (so `reportgen status` can attribute it), each naming
    # its own lines.
    warnings = warnings_of(_run(tmp_path, tables))
    assert _wheres(warnings) == [("2023/personeel.csv", 4, "subthema", ""),
                                 ("2023/personeel.csv", 7, "subthema", "")]
    assert "1 persoon van EMC" in warnings[0].expected
    assert "1 persoon van UMCG" in warnings[1].expected


def test_warning_inloop_without_underspending(tmp_path):
    tables = minimal_tables()
    # LUMC has an inloop person in 2023; make LUMC spend everything it received.
    for year in ("2022", "2023"):
        row = tables[f"{year}/financien"][1]
        row["ontvangen"] = str(sum(float(row[c]) for c in (
            "tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel")))
    problems = _run(tmp_path, tables)
    w = _one(problems, "warning")
    assert _where(w) == ("2023/personeel.csv", 10, "contractvorm", "inloop")
    assert "onderbesteding" in w.expected


def test_warning_budget_but_only_inloop(tmp_path):
    tables = minimal_tables()
    for r in tables["2023/personeel"]:
        if r["umc"] == "UMCG":
            r["contractvorm"] = "inloop"
    w = _one(_run(tmp_path, tables), "warning")
    assert _where(w) == ("2023/personeel.csv", 7, "contractvorm", "inloop")
    assert "UMCG" in w.expected


# ------------------------------------------------------------------------------ project files


def test_kpis_vocabularies(tmp_path):
    tables, files = _full()
    tables["referentie/kpis"][0]["sectie"] = "rust"
    tables["referentie/kpis"][1]["soort"] = "getal"
    problems = errors_of(_run(tmp_path, tables, files))
    # Whether a `sectie` is a place in the report depends on the outline: completeness
    # checks it (test_completeness.test_a_kpi_the_outline_cannot_place_is_named_with_its_line)
    assert [_where(p) for p in problems] == [("referentie/kpis.csv", 3, "soort", "getal")]


def test_indicatoren_rules(tmp_path):
    tables, files = _full()
    ind = tables["referentie/indicatoren"]
    ind[0].update(kpi="99", eenheid="procent", norm_waarde="", vanaf_jaar="2030")
    ind[1].update(aggregatie="", norm="beter", bron="kpi_waarden")
    ind.append(dict(ind[0], code="x", kpi="6", eenheid="pct", bron="umc", norm="informatief",
                    vanaf_jaar=""))
    all_problems = _run(tmp_path, tables, files)
    assert _wheres(errors_of(all_problems)) == _sorted([
        ("referentie/indicatoren.csv", 2, "kpi", "99"),
        ("referentie/indicatoren.csv", 2, "eenheid", "procent"),
        ("referentie/indicatoren.csv", 2, "norm_waarde", ""),
        ("referentie/indicatoren.csv", 3, "aggregatie", ""),
        ("referentie/indicatoren.csv", 3, "norm", "beter"),
        ("referentie/indicatoren.csv", 4, "bron", "umc"),
    ])
    # A norm from a year after the period (2022-2028) applies in no report: a warning.
    assert ("referentie/indicatoren.csv", 2, "vanaf_jaar", "2030") in _wheres(
        warnings_of(all_problems))


def test_kpi_waarden_rules(tmp_path):
    tables, files = _full()
    kw = tables["2023/kpi_waarden"]
    kw[0]["waarde"] = "120"
    kw[1]["umc"] = "AMC"
    kw.append({"umc": "EMC", "indicator": "vast_aandeel", "waarde": "5"})  # bron personeel
    kw.append({"umc": "UMCG", "indicator": "extramuraal_aandeel", "waarde": "1"})  # duplicate
    problems = errors_of(_run(tmp_path, tables, files))
    assert _wheres(problems) == _sorted([
        ("2023/kpi_waarden.csv", 2, "waarde", "120"),
        ("2023/kpi_waarden.csv", 3, "umc", "AMC"),
        ("2023/kpi_waarden.csv", 5, "indicator", "vast_aandeel"),
        ("2023/kpi_waarden.csv", 6, "indicator", "extramuraal_aandeel"),
    ])


def test_kpi_oordeel_rules(tmp_path):
    tables, files = _full()
    ko = tables["2023/kpi_oordeel"]
    ko[0]["status"] = "goed"
    ko[1]["kpi"] = "21"
    problems = errors_of(_run(tmp_path, tables, files))
    assert [_where(p) for p in problems] == [
        ("2023/kpi_oordeel.csv", 3, "kpi", "21"),
        ("2023/kpi_oordeel.csv", 2, "status", "goed"),
    ]
    assert "'op koers'" in problems[1].expected


def test_werkdrukmonitor_rules(tmp_path):
    tables, files = _full()
    wm = tables["2023/werkdrukmonitor"]
    wm[0]["moment"] = "later"
    wm[1]["werkdruk"] = "11"
    wm[2]["baanzekerheid"] = "0.5"
    wm[3]["umc"] = "AMC"
    problems = errors_of(_run(tmp_path, tables, files))
    assert _wheres(problems) == _sorted([
        ("2023/werkdrukmonitor.csv", 2, "moment", "later"),
        ("2023/werkdrukmonitor.csv", 3, "werkdruk", "11"),
        ("2023/werkdrukmonitor.csv", 4, "baanzekerheid", "0.5"),
        ("2023/werkdrukmonitor.csv", 5, "umc", "AMC"),
    ])


def test_commissie_rules(tmp_path):
    tables, files = _full()
    com = tables["referentie/commissie"]
    com[0]["rol"] = "voorzitter"
    com[1].update(functie="penningmeester", tot="2021-01-01")
    com[2]["aanhef"] = "dhr."
    problems = errors_of(_run(tmp_path, tables, files))
    assert _wheres(problems) == _sorted([
        ("referentie/commissie.csv", 2, "rol", "voorzitter"),
        ("referentie/commissie.csv", 3, "functie", "penningmeester"),
        ("referentie/commissie.csv", 3, "tot", "2021-01-01"),
        ("referentie/commissie.csv", 4, "aanhef", "dhr."),
    ])


def test_commissie_bad_date_is_a_load_error(tmp_path):
    tables, files = _full()
    tables["referentie/commissie"][0]["van"] = "1 maart 2025"
    root = write_tables(tmp_path, tables, files)
    _, problems = load_dataset(root, 2023)
    p = _one(problems)
    assert _where(p) == ("referentie/commissie.csv", 2, "van", "1 maart 2025")
    assert "JJJJ-MM-DD" in p.expected


def test_rapport_toml_rules(tmp_path):
    tables, files = _full()
    files["2023/rapport.toml"] = (
        'soort = "jaarverslag"\n'
        'titel = "Titel"\n'
        'publicatiedatum = "1 juni 2024"\n'
        'peildatum = 2022-12-31\n'
        'kleur = "blauw"\n'
        '[brief]\n'
        'datum = "2024-13-01"\n'
        'ontvanger = "De minister"\n'
    )
    problems = _run(tmp_path, tables, files)
    errs = _wheres(errors_of(problems))
    assert errs == _sorted([
        ("2023/rapport.toml", 1, "soort", "jaarverslag"),
        ("2023/rapport.toml", 3, "publicatiedatum", "1 juni 2024"),
        ("2023/rapport.toml", 7, "brief.datum", "2024-13-01"),
        ("2023/rapport.toml", 8, "brief.ontvanger", "De minister"),
    ])
    warns = _wheres(warnings_of(problems))
    assert warns == _sorted([("2023/rapport.toml", 4, "peildatum", "2022-12-31"),
                     ("2023/rapport.toml", 5, "kleur", None)])


def test_sectorplan_toml_rules(tmp_path):
    tables, files = _full()
    files["referentie/sectorplan.toml"] = (
        'sectorplan = "Versnellen op gezondheid"\n'
        'looptijd_start = "2022"\n'
        'looptijd_eind = 2030\n'
        'budget_per_jaar = 0\n'
    )
    problems = errors_of(_run(tmp_path, tables, files))
    # The period is the plan's own (2030 is a valid end); a year as text is not.
    assert _wheres(problems) == _sorted([
        ("referentie/sectorplan.toml", 2, "looptijd_start", "2022"),
        ("referentie/sectorplan.toml", 4, "budget_per_jaar", "0"),
    ])


def test_messages_use_the_real_file_name(tmp_path):
    from data_builders import write_xlsx

    tables = minimal_tables()
    tables["2023/personeel"][0]["geslacht"] = "?"
    root = write_tables(tmp_path, tables)
    (root / "2023/personeel.csv").unlink()
    write_xlsx(root / "2023/personeel.xlsx", tables["2023/personeel"])
    ds, problems = load_dataset(root, 2023)
    assert problems == []
    p = _one(validate(ds))
    assert _where(p) == ("2023/personeel.xlsx", 2, "geslacht", "?")
    assert str(p) == ("fout: 2023/personeel.xlsx, regel 2, kolom 'geslacht': waarde '?' — "
                      "verwacht: een van 'v', 'm', 'x', 'onbekend'")


# ------------------------------------------------------------------------------ CLI


def _cli(*args: str):
    from reportgen.cli import main

    return CliRunner().invoke(main, list(args))


def test_cli_validate_exit_status(complete_data, tmp_path):
    """`reportgen validate` checks everything a build checks up to the PDF: the data rules,
    missing pieces, texts and references."""
    import shutil

    root = shutil.copytree(complete_data, tmp_path / "ok")
    result = _cli("validate", "--year", "2023", "--data", str(root))
    assert result.exit_code == 0, result.output
    # the builder data has 2 persons outside v/m: a reconciliation warning
    assert "Invoer voor 2023 is in orde (1 waarschuwing(en))" in result.output
    assert "waarschuwing: 2023/personeel.csv — Aantal medewerkers" in result.output

    tables = minimal_tables(project_files=True)
    tables["2023/personeel"][0]["subthema"] = ""
    write_tables(root, {"2023/personeel": tables["2023/personeel"]})
    result = _cli("validate", "--year", "2023", "--data", str(root))
    assert result.exit_code == 0, result.output
    assert "waarschuwing: 2023/personeel.csv, regel 2" in result.output

    tables["2023/personeel"][1]["fte"] = "2"
    tables["2022/financien"][0]["ontvangen"] = "veel"
    write_tables(root, {k: tables[k] for k in ("2023/personeel", "2022/financien")})
    result = _cli("validate", "--year", "2023", "--data", str(root))
    assert result.exit_code == 1
    assert "fout: 2022/financien.csv, regel 2, kolom 'ontvangen': waarde 'veel'" in result.output

    result = _cli("validate", "--year", "2031", "--data", str(root))
    assert result.exit_code == 2


def test_cli_validate_draft_turns_missing_pieces_into_warnings(tmp_path):
    root = write_dataset(tmp_path)  # contract files only: no settings, KPIs or texts
    final = _cli("validate", "--year", "2023", "--data", str(root))
    assert final.exit_code == 1
    assert "fout: referentie/kpis.csv — ontbreekt: de KPI-definities" in final.output
    assert "fout: 2023/teksten/samenvatting.md" in final.output
    draft = _cli("validate", "--year", "2023", "--data", str(root), "--draft")
    assert draft.exit_code == 0, draft.output
    assert "waarschuwing: referentie/kpis.csv — ontbreekt: de KPI-definities (concept: " in (
        draft.output)
    assert "Invoer voor 2023 is in orde" in draft.output


# ------------------------------------------------------------------------------ example data


def test_example_data_is_valid():
    data = REPO / "data"
    if not (data / "referentie" / "umcs.csv").exists() and not (
            data / "referentie" / "umcs.xlsx").exists():
        pytest.skip("example data not generated yet")
    years = sorted(int(p.name) for p in data.iterdir() if p.name.isdigit())
    ds, problems = load_dataset(data, max(years))
    problems += validate(ds) if not errors_of(problems) else []
    assert errors_of(problems) == [], "\n".join(str(p) for p in errors_of(problems))
    # Seed report: "initieel een structurele formatie van 336,5 fte begroot".
    assert sum(ds.referentie.begroting["begroot_fte"]) == Decimal("336.50")


def test_loading_and_validation_errors_are_reported_together(tmp_path):
    """A value that cannot be read (loading) and a rule broken elsewhere (validation) come
    out in one run; the file that failed to load gets no follow-up problems."""
    from reportgen.checks import validate_data

    tables = minimal_tables()
    tables["2023/financien"][0]["ontvangen"] = "abc"  # loading error
    tables["2022/personeel"][0]["fte"] = "1.5"  # validation rule
    tables["2022/personeel"][1]["contractvorm"] = "permanent"  # validation rule
    write_tables(tmp_path, tables)
    problems = validate_data(tmp_path, 2023)
    errors = errors_of(problems)
    assert sorted((p.file, p.column) for p in errors) == [
        ("2022/personeel.csv", "contractvorm"),
        ("2022/personeel.csv", "fte"),
        ("2023/financien.csv", "ontvangen"),
    ]
    assert not warnings_of(problems)  # no warnings computed from the unreadable amount


def test_a_broken_reference_file_is_reported_alone(tmp_path):
    from reportgen.checks import validate_data

    write_dataset(tmp_path)
    (tmp_path / "referentie" / "umcs.csv").unlink()
    problems = validate_data(tmp_path, 2023)
    assert [p.file for p in problems] == ["referentie/umcs.csv"]


# ------------------------------------------------------------------------------ contract v2 (themes, period)


def test_a_theme_has_one_name_and_two_themes_not_the_same(tmp_path):
    tables = minimal_tables()
    tables["referentie/subthemas"][1]["thema_naam"] = "Preventie en leefstijl"
    p = _one(_run(tmp_path, tables))
    assert _where(p) == ("referentie/subthemas.csv", 3, "thema_naam", "Preventie en leefstijl")
    assert "regel 2 ('Preventie')" in p.expected
    tables = minimal_tables()
    for r in tables["referentie/subthemas"]:
        if r["thema"] == "fundament_toepassing":
            r["thema_naam"] = "Preventie"
    w = _one(_run(tmp_path / "b", tables), "warning")
    assert _where(w) == ("referentie/subthemas.csv", 8, "thema_naam", "Preventie")
    assert "'fundament_toepassing'" in w.expected and "'preventie'" in w.expected


def test_sectorplan_period_end_before_start(tmp_path):
    tables, files = _full()
    files["referentie/sectorplan.toml"] = "looptijd_start = 2022\nlooptijd_eind = 2021\n"
    problems = _run(tmp_path, tables, files)
    assert _wheres(errors_of(problems)) == [
        ("referentie/sectorplan.toml", 2, "looptijd_eind", "2021")]
    assert "op of na looptijd_start (2022)" in errors_of(problems)[0].expected
    # the norm of vast_aandeel starts in 2026, after the period of the year folders
    assert _wheres(warnings_of(problems)) == [
        ("referentie/indicatoren.csv", 2, "vanaf_jaar", "2026")]


def test_subthemas_codes_unique_and_volgorde_warned(tmp_path):
    tables = minimal_tables()
    tables["referentie/subthemas"][2]["code"] = "innovatiemotor"
    tables["referentie/subthemas"][4]["volgorde"] = "4"
    tables["referentie/themamatrix"] = [r for r in tables["referentie/themamatrix"]
                                        if r["subthema"] != "leefstijl"]
    for year in ("2022", "2023"):
        for r in tables[f"{year}/personeel"]:
            if r["subthema"] == "leefstijl":
                r["subthema"] = "methodologie"
    problems = _run(tmp_path, tables)
    assert _where(_one(problems)) == ("referentie/subthemas.csv", 4, "code", "innovatiemotor")
    assert _where(_one(problems, "warning")) == ("referentie/subthemas.csv", 6, "volgorde", "4")


def test_theme_codes_and_the_number_of_subthemes_are_free(tmp_path):
    tables = minimal_tables()
    for r in tables["referentie/subthemas"]:  # another code for a whole theme
        if r["thema"] == "preventie":
            r["thema"] = "gezondheid"
    tables["referentie/subthemas"].pop()  # 8 subthemes instead of 9
    tables["referentie/themamatrix"] = [r for r in tables["referentie/themamatrix"]
                                        if r["subthema"] != "geneesmiddelen"]
    for year in ("2022", "2023"):
        for r in tables[f"{year}/personeel"]:
            if r["subthema"] == "geneesmiddelen":
                r["subthema"] = "klinisch"
    assert _run(tmp_path, tables) == []


def test_validate_lists_what_a_final_build_still_needs(tmp_path):
    """Valid contract files alone: `validate` judges as for a final build and names every
    missing piece (settings, KPI definitions, committee, texts) as an error."""
    root = write_dataset(tmp_path)
    result = _cli("validate", "--year", "2023", "--data", str(root))
    assert result.exit_code == 1
    for piece in ("fout: referentie/sectorplan.toml", "fout: 2023/rapport.toml",
                  "fout: referentie/kpis.csv", "fout: referentie/commissie.csv",
                  "fout: 2023/teksten/samenvatting.md"):
        assert piece in result.output
